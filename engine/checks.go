package engine

import "github.com/contactlint/contactlint/tldspec"

// checkRules compiles the field's named checks (tldspec.Checks lists
// them), each implemented in its own check_*.go file.
func (fc *fieldCtx) checkRules() []rule {
	var rs []rule
	for i := range fc.f.Checks {
		chk := &fc.f.Checks[i]
		info, _ := tldspec.LookupCheck(chk.Name)
		sev := chk.Severity.Or(info.Severity)
		from := len(rs)
		switch chk.Name {
		case "calling-code":
			rs = append(rs, fc.callingCodeRules(chk, sev)...)
		case "country":
			rs = append(rs, fc.countryRules(chk, sev)...)
		case "email":
			rs = append(rs, fc.emailRules(chk, sev)...)
		case "phone-number":
			rs = append(rs, fc.phoneNumberRules(chk, sev)...)
		case "national-id":
			rs = append(rs, fc.nationalIDRules(chk, sev)...)
		case "past-date":
			rs = append(rs, fc.pastDateRules(chk, sev)...)
		case "param-value":
			rs = append(rs, fc.paramValueRules(chk, sev)...)
		case "postal-code":
			rs = append(rs, fc.postalCodeRules(chk, sev)...)
		case "postal-prefix":
			rs = append(rs, fc.postalPrefixRules(chk, sev)...)
		case "province":
			rs = append(rs, fc.provinceRules(chk, sev)...)
		case "unchanged":
			rs = append(rs, fc.unchangedRules(chk, sev)...)
		case "zip-prefix":
			rs = append(rs, fc.zipPrefixRules(chk, sev)...)
		default:
			fc.c.diags.Errorf(chk.Pos, "unknown-check", "check %q has no implementation in this build", chk.Name)
		}
		basis := chk.Basis.Or(info.Basis)
		for j := from; j < len(rs); j++ {
			rs[j].basis = basis
		}
	}
	return rs
}
