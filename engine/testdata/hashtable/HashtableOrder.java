// Generates golden.txt: the order in which java.util.Hashtable.toString()
// prints keys after they were put in a given order. The API renders its
// field-error map this way; engine/hashtable.go emulates it.
//
// Regenerate (needs a JDK; the Go tests only read golden.txt):
//   javac -d /tmp HashtableOrder.java && java -cp /tmp HashtableOrder > golden.txt
import java.util.Hashtable;

public class HashtableOrder {
    static final String[] KEYS = {
        "name", "company", "emailaddr", "address1", "address2", "address3",
        "city", "state", "country", "zip", "telnocc", "telno", "faxnocc",
        "faxno", "customer-id", "type", "auth-userid", "api-key",
        "es_identificacion", "es_form_juridica", "es_tipo_identificacion",
        "kpp", "code", "organisationId", "contract-type", "birth-date",
        "person-r", "org-r", "address-r", "passport",
    };
    static final String[] UNICODE = {"ключ", "clé", "\uD83D\uDE00k", "Ω", "ß", "名前"};

    public static void main(String[] args) {
        for (int n = 1; n <= KEYS.length; n++) {
            emit("fwd", slice(KEYS, 0, n, false));
            emit("rev", slice(KEYS, 0, n, true));
        }
        emit("unicode", UNICODE);
        // Keys that share a bucket at capacity 11 (telnocc and zip do not).
        emit("sample", new String[] {"telnocc", "zip"});
        emit("sample-rev", new String[] {"zip", "telnocc"});
    }

    static String[] slice(String[] a, int from, int to, boolean reverse) {
        String[] out = new String[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = reverse ? a[to - 1 - i] : a[from + i];
        }
        return out;
    }

    static void emit(String label, String[] keys) {
        Hashtable<String, String> t = new Hashtable<>();
        StringBuilder in = new StringBuilder();
        for (String k : keys) {
            t.put(k, "v");
            if (in.length() > 0) in.append(',');
            in.append(k);
        }
        StringBuilder out = new StringBuilder();
        for (String k : t.keySet()) {
            if (out.length() > 0) out.append(',');
            out.append(k);
        }
        System.out.println(label + "\t" + in + "\t" + out + "\t" + t.toString());
    }
}
