package countries

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// phoneData is libphonenumber's numbering plans, as much of them as
// PhonePlans and CallingCodes read, written out of
// github.com/nyaruka/phonenumbers/v2's metadata by TestPhoneDataIsCurrent
// (go test ./countries -run TestPhoneDataIsCurrent -update rewrites it).
// Reading a text file in the binary rather than importing the library
// keeps its 2.6 MB of parsed metadata and 5 ms of init out of every
// program: the sidecar's garbage collector no longer marks them on every
// cycle, and a plan is built only for a calling code a request uses.
//
// One line per calling code's region, the main region first, fields
// separated by tabs: "+code", region, national prefix, national prefix
// for parsing, its transform rule, leading digits, the general
// description (possible lengths, local-only lengths, pattern), then
// possible lengths and pattern of each type in typeOrder. Lengths are
// comma-separated; a code with no region metadata is "+code" alone.
//
//go:embed phonedata.tsv
var phoneData string

// typeOrder is the order getNumberTypeHelper tries the number types in
// (any match makes a number valid).
var typeOrder = [...]string{"premium-rate", "toll-free", "shared-cost", "voip", "personal-number", "pager", "uan", "voicemail", "fixed-line", "mobile"}

const phoneRegionFields = 9 + 2*len(typeOrder)

// phoneCodeChunks calls fn with each calling code of data (phoneData, or
// a test's) and the lines of its regions (a substring of data, no copy).
// A line may end in CR LF: a checkout that converted line endings reads
// the same.
func phoneCodeChunks(data string, fn func(code int, chunk string)) error {
	for i := 0; i < len(data); {
		line, _, _ := strings.Cut(data[i:], "\n")
		text := strings.TrimSuffix(line, "\r")
		if text == "" || text[0] == '#' {
			i += len(line) + 1
			continue
		}
		tag, _, _ := strings.Cut(text, "\t")
		code, err := strconv.Atoi(strings.TrimPrefix(tag, "+"))
		if err != nil || tag[0] != '+' || code <= 0 || code >= 1000 {
			return fmt.Errorf("countries: phone data: a line starts %q, not a calling code", tag)
		}
		start := i
		for i += len(line) + 1; i < len(data) && strings.HasPrefix(data[i:], tag+"\t"); {
			next, _, _ := strings.Cut(data[i:], "\n")
			i += len(next) + 1
		}
		fn(code, strings.TrimSuffix(data[start:min(i, len(data))], "\n"))
	}
	return nil
}

// phoneRegion is one region line's fields.
type phoneRegion struct {
	id, nationalPrefix, prefixForParsing, transformRule, leading string
	general                                                      phoneDesc
	generalLocal                                                 []int32
	types                                                        [len(typeOrder)]phoneDesc
}

type phoneDesc struct {
	lengths []int32
	pattern string
}

func parsePhoneRegion(line string) (phoneRegion, error) {
	f := strings.Split(strings.TrimSuffix(line, "\r"), "\t")
	var r phoneRegion
	if len(f) != phoneRegionFields {
		return r, fmt.Errorf("countries: phone data: %d fields in %.20q…, not %d", len(f), line, phoneRegionFields)
	}
	r.id, r.nationalPrefix, r.prefixForParsing, r.transformRule, r.leading = f[1], f[2], f[3], f[4], f[5]
	var err error
	lengths := func(s string) []int32 {
		if s == "" || err != nil {
			return nil
		}
		var out []int32
		for _, p := range strings.Split(s, ",") {
			n, e := strconv.ParseInt(p, 10, 32)
			if e != nil {
				err = fmt.Errorf("countries: phone data: %s: lengths %q", r.id, s)
				return nil
			}
			out = append(out, int32(n))
		}
		return out
	}
	r.general = phoneDesc{lengths(f[6]), f[8]}
	r.generalLocal = lengths(f[7])
	for i := range r.types {
		r.types[i] = phoneDesc{lengths(f[9+2*i]), f[10+2*i]}
	}
	return r, err
}
