package input

import (
	"bufio"
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/contactlint/contactlint/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const validReq = `{"name":"Test User","company":"Example Inc","email":"test@example.com","address-line-1":"1 Main Street","city":"Springfield","country":"US","zipcode":"62701","phone-cc":"1","phone":"2175550123","customer-id":"12345","type":"Contact"}`

func trim(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// Each kind is found by its names and extensions, from one table.
func TestKinds(t *testing.T) {
	for _, k := range kinds {
		for _, ext := range k.exts {
			assert.Equal(t, k.format, FormatOf("export"+strings.ToUpper(ext), FormatAuto), ext)
		}
		for _, n := range k.names {
			f, err := ParseFormat(n)
			require.NoError(t, err)
			assert.Equal(t, k.format, f, n)
		}
		assert.Equal(t, k.names[0], k.format.String())
	}
	_, err := ParseFormat("xml")
	assert.Error(t, err)
}

func TestReadJSONLLines(t *testing.T) {
	in := "a\r\n\n  \nb\n" + strings.Repeat("x", MaxRequest+10) + "\nc"
	var got []string
	err := readJSONL(bufioReader(in), func(line int, data []byte, err error, _ Layout) {
		got = append(got, fmt.Sprintf("%d:%s:%v", line, data, err != nil))
	}, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"1:a:false", "4:b:false", "5::true", "6:c:false"}, got)
}

func TestDetect(t *testing.T) {
	type want struct {
		format Format
		sure   bool
	}
	cases := map[string]want{
		validReq + "\n" + validReq:                {FormatJSONL, true},
		"  \n[" + validReq + "]":                  {FormatJSON, true},
		"{\n  \"name\": \"x\"\n}\n":               {FormatJSON, true},
		"":                                        {FormatJSONL, true},
		"{\"name\":\n" + validReq + "\n":          {FormatJSONL, true},
		strings.Repeat(" ", 10) + validReq:        {FormatJSONL, true},
		"name=Ada&city=x\n":                       {FormatQuery, true},
		"https://test.httpapi.com/api/x.json?a=1": {FormatQuery, true},
		"name: Ada\ncity: x\n":                    {FormatYAML, true},
		"---\nname: Ada\n":                        {FormatYAML, true},
		"- name: Ada\n":                           {FormatYAML, true},
		"\"name\": Ada\n":                         {FormatYAML, true},
		"name,city\nAda,x\n":                      {FormatCSV, true},
		"name;city\r\nAda;x\r\n":                  {FormatCSV, true},
		"name\tcity\nAda\tx\n":                    {FormatCSV, true},
		"\"name\",\"city\"\n\"Ada\",\"x\"\n":      {FormatCSV, true},
		"not json at all\n":                       {FormatJSONL, false},
		"name\n":                                  {FormatJSONL, false}, // one column: no telling
		"Ada Lovelace, London\n":                  {FormatJSONL, false},
	}
	for in, w := range cases {
		f, sure := detect(bufioReader(in))
		assert.Equal(t, w, want{f, sure}, "%q", trim(in))
	}
}

func TestDecodeRequest(t *testing.T) {
	d, err := Decode([]byte(`{"command":"contacts/add","tld":"es","role":"registrant","params":{"b":"1","a":["x",2,true,null],"c":null,"b":"2"}}`), nil)
	req := d.Req
	require.NoError(t, err)
	assert.Equal(t, "contacts/add", req.Command)
	assert.Equal(t, []string{"es"}, req.TLDs)
	assert.Equal(t, "registrant", req.Role)
	var got []string
	for _, p := range req.Params {
		got = append(got, p.Name+"="+p.Value)
	}
	assert.Equal(t, []string{"b=1", "a=x", "a=2", "a=true", "b=2"}, got, "order and repeats are kept; null is no value")

	d, err = Decode([]byte(`{"customer-id": 12345, "phone-cc": 1e2}`), nil)
	require.NoError(t, err)
	req = d.Req
	assert.Equal(t, "12345", req.Params[0].Value, "numbers stay as written")
	assert.Equal(t, "1e2", req.Params[1].Value)
}

func FuzzDecodeRequest(f *testing.F) {
	f.Add([]byte(validReq))
	f.Add([]byte(`{"command":"contacts/add","params":{"type":["Contact","EuContact"],"x":null}}`))
	f.Add([]byte(`{"a":{"b":1}}`))
	f.Add([]byte("{\"name\":\"\xff\"}"))
	f.Add([]byte(`{"command":"contacts/modify","tld":["at","ru"],"method":"GET","current":{"name":"x"},"params":{"contact-id":"1"}}`))
	f.Add([]byte(`{"tld":"asia","contacts":{"registrant":{"name":"a"},"admin":{}}}`))
	f.Add([]byte(`{"contact.emailaddr":"a@b.c","entity.entityid":"7","contact.zip":12345}`))
	f.Add([]byte(`{"command":"contacts/add","tld":" es , eu ","role":"admin","params":{"name":"A\u00e9","zipcode":1}}`))
	// Scratch and storage reused from input to input, as the CLI's
	// workers reuse theirs: each decodes as Decode does.
	var sc Scratch
	var st Storage
	keys := map[string]string{"emailaddr": "email", "zip": "zipcode"}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(data, keys)
		if err == nil {
			for _, p := range d.Req.Params {
				if p.Name == "" && !bytes.Contains(data, []byte(`""`)) {
					t.Fatalf("empty parameter name from %q", data)
				}
			}
		}
		reused, rerr := decode(data, keys, &sc, &st)
		if fmt.Sprint(err) != fmt.Sprint(rerr) || !reflect.DeepEqual(d, reused) {
			t.Fatalf("%q: Decode gives %+v, %v; with scratch %+v, %v", data, d, err, reused, rerr)
		}
	})
}

// A request read as the CLI reads it costs one allocation: its text as a
// string, of which every name and value is a part. Bare parameters, an
// envelope and an exported contact alike.
func TestDecodeIntoStorageAllocatesOnce(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's instrumentation allocates")
	}
	keys := map[string]string{"emailaddr": "email", "zip": "zipcode", "name": "name"}
	var sc Scratch
	var st Storage
	for _, in := range []string{
		validReq,
		`{"command":"contacts/add","tld":"es","role":"registrant","params":` + validReq + `}`,
		`{"command":"contacts/add","tld":"es, eu","params":{"name":"Ada","customer-id":7,"ok":true,"x":null}}`,
		`{"entity.entityid":"5","contact.name":"Ada","contact.emailaddr":"a@example.com","contact.zip":"NW1"}`,
	} {
		data := []byte(in)
		if _, err := decode(data, keys, &sc, &st); err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(100, func() { decode(data, keys, &sc, &st) }); n != 1 {
			t.Errorf("%s: %v allocations", in, n)
		}
	}
}

// FuzzReadRequests: any input bytes, in any format, are read to the end
// without a panic; each request either decodes or is reported.
func FuzzReadRequests(f *testing.F) {
	f.Add([]byte(validReq+"\n"+validReq), uint8(0))
	f.Add([]byte("[\n"+validReq+",\n{\"x\":1}]"), uint8(2))
	f.Add([]byte("{\n\"a\":\n"), uint8(0))
	f.Add([]byte("name\n\"a\n"), uint8(FormatCSV))
	f.Add([]byte("name,city\nAda,x\n\"b\"c,y\nGrace,z\n"), uint8(FormatCSV))
	// Sniffed (format 0): YAML after a comment, TSV with a BOM, a query.
	f.Add([]byte("# export\n- name: Ada\n  city: x\n"), uint8(FormatAuto))
	f.Add([]byte("\ufeffname\tcity\nAda\tx\n"), uint8(FormatAuto))
	f.Add([]byte("name=Ada&city=x\n#\n\n"), uint8(FormatAuto))
	f.Fuzz(func(t *testing.T, data []byte, format uint8) {
		_ = Read(bytes.NewReader(data), Format(format%uint8(len(kinds)+1)), Options{Keys: map[string]string{"emailaddr": "email"}}, func(line int, decode func() (Decoded, error), err error) {
			if line < 0 {
				t.Fatalf("line %d", line)
			}
			if err == nil {
				_, _ = decode()
			}
		})
	})
}

func bufioReader(s string) *bufio.Reader { return bufio.NewReaderSize(strings.NewReader(s), 64<<10) }

// A CSV record with a broken quote is a record naming its line, and the
// rest is read: it used to panic in csv.Reader.FieldPos.
func TestCSVBrokenQuote(t *testing.T) {
	for _, in := range []string{"name\n\"a\n", "name,city\nAda,x\n\"b\"c,y\nGrace,z\n", "name\na\"b\nc\n"} {
		var lines []int
		var errs []string
		err := Read(strings.NewReader(in), FormatCSV, Options{}, func(line int, decode func() (Decoded, error), err error) {
			lines = append(lines, line)
			if err != nil {
				errs = append(errs, err.Error())
			}
		})
		require.NoError(t, err, "%q", in)
		require.NotEmpty(t, errs, "%q", in)
		assert.Contains(t, errs[0], "invalid CSV", "%q", in)
	}
}

// readAll reads in as format and returns each request's parameters as
// name=value lines, or its error.
func readAll(t *testing.T, in string, format Format, cols *Columns) []string {
	t.Helper()
	var out []string
	err := Read(strings.NewReader(in), format, Options{Columns: cols}, func(line int, decode func() (Decoded, error), err error) {
		if err != nil {
			out = append(out, fmt.Sprintf("%d: %v", line, err))
			return
		}
		d, err := decode()
		require.NoError(t, err)
		var b strings.Builder
		fmt.Fprintf(&b, "%d:", line)
		for _, p := range d.Req.Params {
			fmt.Fprintf(&b, " %s=%q", p.Name, p.Value)
		}
		out = append(out, b.String())
	})
	require.NoError(t, err)
	return out
}

// A quoted cell keeps its CR LF; an empty cell is a parameter not given
// and a quoted empty one a parameter given empty.
func TestCSVCells(t *testing.T) {
	in := "name,address-line-1,company,state\r\n\"Ada\",\"1 Main\r\nFloor 2\",,\"\"\r\nBob,\"say \"\"hi\"\"\",\"X, Inc\",IL\r\n"
	assert.Equal(t, []string{
		`2: name="Ada" address-line-1="1 Main\r\nFloor 2" state=""`,
		`4: name="Bob" address-line-1="say \"hi\"" company="X, Inc" state="IL"`,
	}, readAll(t, in, FormatCSV, nil))
	assert.Equal(t, []string{"2: name=\"a;b\" city=\"c\""}, readAll(t, "name;city\n\"a;b\";c\n", FormatCSV, nil), "the separator sniffed")
	assert.Equal(t, []string{`2: invalid CSV: 1 cells where the header has 2`, `3: name="x" city="y"`}, readAll(t, "name,city\nonly\nx,y\n", FormatCSV, nil))
}

// -columns renames and joins a header's columns.
func TestCSVColumns(t *testing.T) {
	cols, err := ParseColumns([]string{"zipcode=postcode", "name=first name+last name"})
	require.NoError(t, err)
	in := "first name,last name,postcode,city\nAda,Lovelace,SW1Y 4LB,London\nGrace,,10001,NYC\n"
	assert.Equal(t, []string{
		`2: zipcode="SW1Y 4LB" city="London" name="Ada Lovelace"`,
		`3: zipcode="10001" city="NYC" name="Grace"`,
	}, readAll(t, in, FormatCSV, cols))
	cols, err = ParseColumns([]string{"zipcode=postcod"})
	require.NoError(t, err)
	err = Read(strings.NewReader(in), FormatCSV, Options{Columns: cols}, func(int, func() (Decoded, error), error) {})
	assert.ErrorContains(t, err, `the header has no column "postcod"; did you mean "postcode"?`)
	_, err = ParseColumns([]string{"whmc"})
	assert.ErrorContains(t, err, "not param=column")
}

// Each panel's client export is recognised by its header and read as
// contacts/add parameters; the headers are the panels' own.
func TestCSVPanelPresets(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"whmcs report (labels: modules/reports/clients.php)",
			"ID,First Name,Last Name,Company Name,Email,Address 1,Address 2,City,State,Postcode,Country,Phone Number,Currency,Client Group ID,Credit,Creation Date,Notes,Status\n" +
				"7,Ada,Lovelace,Benz & Cie,ada@example.com,12 Square,,London,,SW1Y 4LB,GB,+44.2079460000,GBP,0,0.00,2024-01-02,,Active\n",
			`2: company="Benz & Cie" email="ada@example.com" address-line-1="12 Square" city="London" zipcode="SW1Y 4LB" country="GB" phone-cc="44" phone="2079460000" name="Ada Lovelace"`},
		{"whmcs tblclients (raw names)",
			"id,firstname,lastname,companyname,email,address1,address2,city,state,postcode,country,phonenumber\n" +
				"7,Ada,Lovelace,,ada@example.com,12 Square,,London,,SW1Y 4LB,GB,+44.2079460000\n",
			`2: email="ada@example.com" address-line-1="12 Square" city="London" zipcode="SW1Y 4LB" country="GB" phone-cc="44" phone="2079460000" name="Ada Lovelace"`},
		{"blesta custom report (contacts, contact_numbers)",
			"\"first_name\",\"last_name\",\"title\",\"company\",\"email\",\"address1\",\"address2\",\"city\",\"state\",\"zip\",\"country\",\"number\"\n" +
				"\"John\",\"Smith\",\"\",\"Acme\",\"john@example.com\",\"1 Main St\",\"\",\"Springfield\",\"IL\",\"62701\",\"US\",\"+1.2175550123\"\n",
			`2: company="Acme" email="john@example.com" address-line-1="1 Main St" address-line-2="" city="Springfield" state="IL" zipcode="62701" country="US" phone-cc="1" phone="2175550123" name="John Smith"`},
		{"fossbilling export (Service.php DEFAULT_EXPORT_COLUMNS)",
			"id,email,status,first_name,last_name,phone_cc,phone,company,company_vat,company_number,address_1,address_2,city,state,postcode,country,currency\n" +
				"3,ana@example.es,active,Ana,Ruiz,34,912345678,'=Ruiz SL,,,Calle Mayor 1,,Madrid,Madrid,28013,ES,EUR\n",
			`2: email="ana@example.es" phone-cc="34" phone="912345678" company="=Ruiz SL" address-line-1="Calle Mayor 1" city="Madrid" state="Madrid" zipcode="28013" country="ES" name="Ana Ruiz"`},
	}
	for _, c := range cases {
		assert.Equal(t, []string{c.want}, readAll(t, c.in, FormatCSV, nil), c.name)
	}
	// Named, and with what every row lacks; none reads the header as it is.
	cols, err := ParseColumns([]string{"whmcs", `customer-id="12345"`, `type="Contact"`})
	require.NoError(t, err)
	got := readAll(t, cases[1].in, FormatCSV, cols)
	assert.Contains(t, got[0], ` customer-id="12345" type="Contact"`)
	cols, err = ParseColumns([]string{"none"})
	require.NoError(t, err)
	assert.Contains(t, readAll(t, cases[1].in, FormatCSV, cols)[0], `firstname="Ada"`)
}

// A query line copied with its "?" reads its first name without it (it
// hid api-key from the secrets), as a URL's query does.
func TestQueryLeadingQuestionMark(t *testing.T) {
	for _, in := range []string{"?api-key=k&name=Ada\n", "https://test.httpapi.com/api/contacts/add.json?api-key=k&name=Ada\n"} {
		var got []engine.Param
		err := Read(strings.NewReader(in), FormatQuery, Options{}, func(line int, decode func() (Decoded, error), err error) {
			require.NoError(t, err)
			d, err := decode()
			require.NoError(t, err)
			got = d.Req.Params
		})
		require.NoError(t, err)
		assert.Equal(t, []engine.Param{{Name: "api-key", Value: "k"}, {Name: "name", Value: "Ada"}}, got, "%q", in)
	}
}

// A query line's path names its command as the sidecar routes it: any
// case, .xml, the check-only prefix, a path to clean, "//" a path and not
// a host, no query at all. One the sidecar does not route is refused in
// its words, and an error never quotes the line (its query may hold a
// secret).
func TestQueryPathNamesTheCommand(t *testing.T) {
	for _, c := range []struct{ in, command, err string }{
		{"/api/contacts/add.json?name=Ada", "contacts/add", ""},
		{"https://test.httpapi.com/API/Contacts/Add.json?name=Ada", "contacts/add", ""},
		{"HTTPS://test.httpapi.com/api/contacts/modify.json?name=Ada", "contacts/modify", ""},
		{"http://127.0.0.1:8080/api/contacts/add.xml?name=Ada", "contacts/add", ""},
		{"http://127.0.0.1:8080/check/api/contacts/add.json?name=Ada", "contacts/add", ""},
		{"/Check//api/./contacts/modify.json?name=Ada", "contacts/modify", ""},
		{"//api//contacts/modify.json?contact-id=1", "contacts/modify", ""},
		{"/api/contacts/modify.json", "contacts/modify", ""},
		{"/api/contacts%2Fmodify.json?x=1", "contacts/modify", ""},
		{"/checkout/api/contacts/add.json?name=Ada", "", "no such path: the API's paths are /api/<command>.json"},
		{"/api/contacts/add?name=Ada", "", "no such path: the API's paths end in .json (or .xml)"},
		{"http://host?name=Ada", "", "no such path"},
		{"/api/contacts/add%zz.json?api-key=S3CR3T&auth-password=PW", "", "the URL's path cannot be decoded"},
	} {
		var got Decoded
		var gotErr error
		err := Read(strings.NewReader(c.in+"\n"), FormatQuery, Options{}, func(line int, decode func() (Decoded, error), err error) {
			require.NoError(t, err)
			got, gotErr = decode()
		})
		require.NoError(t, err)
		if c.err != "" {
			require.Error(t, gotErr, c.in)
			assert.Contains(t, gotErr.Error(), c.err, c.in)
			assert.NotContains(t, gotErr.Error(), "S3CR3T", c.in)
			continue
		}
		require.NoError(t, gotErr, c.in)
		assert.Equal(t, c.command, got.Req.Command, c.in)
	}
}

// A query line is read as the sidecar reads a call: a parameter that
// cannot be decoded is left out and named, never its raw name when that
// cannot be decoded either (it may be a piece of a value sent unescaped).
func TestQueryReadLeniently(t *testing.T) {
	for in, want := range map[string]struct {
		params []engine.Param
		unread []string
	}{
		"name=a%zz&city=Rome":          {[]engine.Param{{Name: "city", Value: "Rome"}}, []string{"name"}},
		"pa%zzss=s3cr3t&city=Rome":     {[]engine.Param{{Name: "city", Value: "Rome"}}, []string{"(undecodable-name)"}},
		"city=Rome&name=Ada+L%C3%B6we": {[]engine.Param{{Name: "city", Value: "Rome"}, {Name: "name", Value: "Ada Löwe"}}, nil},
	} {
		var got Decoded
		err := Read(strings.NewReader(in+"\n"), FormatQuery, Options{}, func(line int, decode func() (Decoded, error), err error) {
			require.NoError(t, err)
			got, err = decode()
			require.NoError(t, err)
		})
		require.NoError(t, err)
		assert.Equal(t, want.params, got.Req.Params, in)
		assert.Equal(t, want.unread, got.Unread, in)
	}
}

// PatchQuery rewrites only the named pairs of a query line, each at its
// place; every other byte stays.
func TestPatchQuery(t *testing.T) {
	dec := func(line string) Decoded {
		var d Decoded
		err := Read(strings.NewReader(line+"\n"), FormatQuery, Options{}, func(_ int, decode func() (Decoded, error), err error) {
			require.NoError(t, err)
			d, err = decode()
			require.NoError(t, err)
		})
		require.NoError(t, err)
		return d
	}
	for _, c := range []struct {
		line  string
		fixed []engine.Param
		names []string
		want  string
	}{
		{"na%6De=ada&country=gb", []engine.Param{{Name: "name", Value: "ada"}, {Name: "country", Value: "GB"}}, []string{"country"}, "na%6De=ada&country=GB"},
		{"na%6De=ada&country=gb", []engine.Param{{Name: "name", Value: "Ada L"}, {Name: "country", Value: "gb"}}, []string{"name"}, "na%6De=Ada+L&country=gb"},
		{"flag&country", []engine.Param{{Name: "flag", Value: ""}, {Name: "country", Value: "GB"}}, []string{"country"}, "flag&country=GB"},
		{"phone=%2B44+20&x=1", []engine.Param{{Name: "phone-cc", Value: "44"}, {Name: "phone", Value: "20"}, {Name: "x", Value: "1"}}, []string{"phone", "phone-cc"}, "phone-cc=44&phone=20&x=1"},
		{"x=1&phone=%2B44+20", []engine.Param{{Name: "x", Value: "1"}, {Name: "phone", Value: "20"}, {Name: "phone-cc", Value: "44"}}, []string{"phone", "phone-cc"}, "x=1&phone=20&phone-cc=44"},
		{"/api/contacts/add.json#top", []engine.Param{{Name: "country", Value: "GB"}}, []string{"country"}, "/api/contacts/add.json?country=GB#top"},
		{" ?country=gb ", []engine.Param{{Name: "country", Value: "GB"}}, []string{"country"}, " ?country=GB "},
		{"country=gb&city=a%20b", []engine.Param{{Name: "country", Value: "GB"}, {Name: "city", Value: "a b"}}, nil, "country=gb&city=a%20b"},
	} {
		d := dec(c.line)
		d.Req.Params = c.fixed
		assert.Equal(t, c.want, PatchQuery(d, c.names), c.line)
	}
}
