package input

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/contactlint/contactlint/engine"
)

// Exports of existing contacts, as the API returns them: contacts/details
// gives one contact by internal key (emailaddr, telnocc, zip, …);
// contacts/search gives a page, {"recsonpage":…,"1":{"contact.name":…,
// "entity.entityid":…},…}. Each contact becomes the contacts/add request
// that would create it, so an operator finds the stored contacts the API
// now rejects.

// ExportKeys maps the API's internal keys to contacts/add's parameters,
// from the rules' own field keys; a parameter's name without hyphens maps
// too (customerid).
func ExportKeys(eng *engine.Engine) map[string]string {
	keys := map[string]string{}
	x, err := eng.Explain(engine.Query{Command: engine.DefaultCommand})
	if err != nil {
		return keys
	}
	for _, p := range x.Params {
		if p.Attr || strings.HasPrefix(p.Param, "auth-") || p.Param == "api-key" {
			continue
		}
		keys[p.Field] = p.Param
		keys[strings.ReplaceAll(p.Param, "-", "")] = p.Param
	}
	return keys
}

// exportOnlyKeys appear in exports and never in requests.
var exportOnlyKeys = map[string]bool{
	"entityid": true, "emailaddr": true, "telnocc": true, "telno": true, "zip": true,
	"address1": true, "faxnocc": true, "faxno": true, "customerid": true, "currentstatus": true,
}

// isExport reports whether an object's keys are an export's.
func isExport(members []Member) bool {
	for _, m := range members {
		k := m.Key
		if strings.HasPrefix(k, "contact.") || strings.HasPrefix(k, "entity.") || exportOnlyKeys[k] {
			return true
		}
	}
	return false
}

// decodeExport makes the contacts/add request of an exported contact.
// Keys that are not parameters (status, dates, whoisValidity) are left
// out; the contact's id is kept for the report. Plain values are taken
// from src (see decodeParamsIn), the parameters put in st.
func decodeExport(members []Member, keys map[string]string, src string, st *Storage) (Decoded, error) {
	d := Decoded{Export: true}
	d.Req.Command = engine.DefaultCommand
	value := func(m Member) (string, bool, error) {
		if v, ok := plainScalar(m, src); ok {
			return v, true, nil
		}
		return scalar(m.Key, m.Val)
	}
	params := st.Params[:0]
	for _, m := range members {
		k := strings.TrimPrefix(strings.TrimPrefix(m.Key, "contact."), "entity.")
		if k == "entityid" {
			if v, ok, _ := value(m); ok {
				d.ContactID = v
			}
			continue
		}
		param, ok := keys[k]
		if !ok || len(m.Val) == 0 || m.Val[0] == '{' || m.Val[0] == '[' {
			continue
		}
		v, ok, err := value(m)
		if err != nil {
			return d, err
		}
		if ok && v != "" {
			params = append(params, engine.Param{Name: param, Value: v})
		}
	}
	if len(params) > 0 {
		d.Req.Params, st.Params = params, params
	}
	return d, nil
}

// searchPageKey is in every contacts/search page, and rarely elsewhere.
const searchPageKey = `"recsonpage"`

// expandSearchExport splits a contacts/search page into its contacts, in
// their order: numbered keys ({"recsonpage":…,"1":{…},"2":{…}}) or a
// result list ({"recsonpage":…,"result":[{…},{…}]}); any other input is
// returned whole.
func expandSearchExport(data []byte) [][]byte {
	if !bytes.Contains(data, []byte(searchPageKey)) {
		return [][]byte{data}
	}
	members, err := objectMembers(data, "a search page")
	if err != nil {
		return [][]byte{data}
	}
	type row struct {
		n   int
		raw json.RawMessage
	}
	var rows []row
	page := false
	for _, m := range members {
		if m.Key == "recsonpage" {
			page = true
		}
		if n, err := strconv.Atoi(m.Key); err == nil && len(m.Val) > 0 && m.Val[0] == '{' {
			rows = append(rows, row{n, m.Val})
		}
		if m.Key == "result" && len(m.Val) > 0 && m.Val[0] == '[' {
			var list []json.RawMessage
			if json.Unmarshal(m.Val, &list) == nil {
				for i, item := range list {
					if len(item) > 0 && item[0] == '{' {
						rows = append(rows, row{i + 1, item})
					}
				}
			}
		}
	}
	if !page {
		return [][]byte{data}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].n < rows[j].n })
	out := make([][]byte, len(rows))
	for i, r := range rows {
		out[i] = r.raw
	}
	return out
}
