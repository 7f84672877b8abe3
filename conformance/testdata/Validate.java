// Validates XML files against an XML Schema with the JDK's own validator:
//   java Validate.java SCHEMA.xsd FILE.xml...
// Prints each file's problems and exits 1 if any file is invalid.
import java.io.File;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

public class Validate {
    public static void main(String[] args) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = factory.newSchema(new File(args[0]));
        int bad = 0;
        for (int i = 1; i < args.length; i++) {
            Validator v = schema.newValidator();
            try {
                v.validate(new StreamSource(new File(args[i])));
            } catch (org.xml.sax.SAXException e) {
                System.out.println(args[i] + ": " + e.getMessage());
                bad++;
            }
        }
        System.exit(bad == 0 ? 0 : 1);
    }
}
