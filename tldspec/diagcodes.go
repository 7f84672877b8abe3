package tldspec

import "slices"

// Diagnostic codes: what a rule-file problem is, stable for tools and
// tests (which match codes and positions, never wording). DiagCodes
// documents each; docs/rules.md's list is generated from it.
const (
	// Reading.
	DiagRead              = "read"
	DiagTooLarge          = "too-large"
	DiagNoRules           = "no-rules"
	DiagSkipped           = "skipped"
	DiagSyntax            = "syntax"
	DiagMultipleDocuments = "multiple-documents"
	DiagAlias             = "alias"
	DiagMergeKey          = "merge-key"
	DiagYAMLTag           = "yaml-tag"
	// Form.
	DiagWrongType   = "wrong-type"
	DiagUnknownKey  = "unknown-key"
	DiagMissingKey  = "missing-key"
	DiagDuplicate   = "duplicate"
	DiagBadVersion  = "bad-version"
	DiagBadName     = "bad-name"
	DiagEmpty       = "empty"
	DiagBadNumber   = "bad-number"
	DiagBadBool     = "bad-bool"
	DiagBadChoice   = "bad-choice"
	DiagBadRange    = "bad-range"
	DiagBadRegex    = "bad-regex"
	DiagBadTag      = "bad-tag"
	DiagBadCond     = "bad-condition"
	DiagTooComplex  = "too-complex"
	DiagBadBraces   = "bad-placeholder"
	DiagBadOption   = "bad-option"
	DiagBadList     = "bad-list"
	DiagIncludeLoop = "include-cycle"
	// References.
	DiagUnknownCheck       = "unknown-check"
	DiagUnknownMessage     = "unknown-message"
	DiagUnknownPlaceholder = "unknown-placeholder"
	DiagUnknownField       = "unknown-field"
	DiagUnknownParam       = "unknown-param"
	DiagUnknownList        = "unknown-list"
	DiagUnknownAttr        = "unknown-attr"
	DiagUnknownRole        = "unknown-role"
	DiagMissingMessage     = "missing-message"
	DiagSeverityMismatch   = "severity-mismatch"
	DiagUnreachableType    = "unreachable-type"
	DiagUnusedSeverity     = "unused-severity"
)

// DiagCodeInfo documents a diagnostic code.
type DiagCodeInfo struct {
	Code     string
	Severity Severity
	Doc      string
}

var diagCodes = [...]DiagCodeInfo{
	{DiagRead, Error, "a rule file or directory could not be read"},
	{DiagTooLarge, Error, "a rule file over 1 MiB"},
	{DiagNoRules, Error, "a source without *.yaml files"},
	{DiagSkipped, Warning, "a *.yaml name that is not a regular file (a FIFO, a device): not read"},
	{DiagSyntax, Error, "not YAML (the parser's message)"},
	{DiagMultipleDocuments, Error, "more than one YAML document in a file"},
	{DiagAlias, Error, "an anchor or alias: write the value out"},
	{DiagMergeKey, Error, "a merge key (<<): write the keys out"},
	{DiagYAMLTag, Error, "an explicit tag (!!int): values are read as written"},
	{DiagWrongType, Error, "a mapping, list or string where another is wanted"},
	{DiagUnknownKey, Error, "a key the section (or the check's options) does not have; with the closest known key"},
	{DiagMissingKey, Error, "a key the section requires (version, a message's text, a check's required option, ...)"},
	{DiagDuplicate, Error, "a name, key, list item, check or product key given twice"},
	{DiagBadVersion, Error, "a version this build does not read"},
	{DiagBadName, Error, "a name with spaces or characters that break a query string, or a TLD not in lower case without its dot"},
	{DiagEmpty, Error, "an empty text, list or list of items"},
	{DiagBadNumber, Error, "not a whole number of 0 or more"},
	{DiagBadBool, Error, "not true or false"},
	{DiagBadChoice, Error, "not one of the values the key takes (a severity, a source, a type, ...); with the closest"},
	{DiagBadRange, Error, "a maximum below its minimum, or a max-length or digit count of 0 (in one entry, or as overlays stack)"},
	{DiagBadRegex, Error, "a pattern RE2 does not compile"},
	{DiagBadTag, Error, "a validator tag go-playground/validator refuses"},
	{DiagBadCond, Error, "a condition without exactly one attr or param and exactly one test"},
	{DiagTooComplex, Error, "conditional overlays nested more than 8 deep or more than 32 in one overlay, or more than the engine combines (64 per stack, 6 per field)"},
	{DiagBadBraces, Error, "a message text whose { and } do not pair up"},
	{DiagBadOption, Error, "a check option value the check does not take (an ID scheme, a date format, a length); with the closest"},
	{DiagBadList, Error, "a list a check cannot use (postal-prefix: items without codes of one length)"},
	{DiagIncludeLoop, Error, "a list that includes itself"},
	{DiagUnknownCheck, Error, "a check this build does not have; with the closest"},
	{DiagUnknownMessage, Error, "a message code the catalogue does not define"},
	{DiagUnknownPlaceholder, Error, "a {placeholder} a message text may not use"},
	{DiagUnknownField, Error, "an overlay field that is not a parameter it may refine"},
	{DiagUnknownParam, Error, "a parameter a reference names (contact-type, tld-from, a condition, a check option) that the command does not take"},
	{DiagUnknownList, Error, "a list that is not defined"},
	{DiagUnknownAttr, Error, "a contact-set rule naming an attribute the TLD does not declare"},
	{DiagUnknownRole, Error, "a role other than registrant, admin, tech and billing"},
	{DiagMissingMessage, Error, "a catalogue without the required or invalid message"},
	{DiagSeverityMismatch, Error, "a rule whose severity differs from the one its message's catalogue entry files it under"},
	{DiagUnusedSeverity, Warning, "a severities entry that changes no rule: a code none of the rules (of its fields) carries"},
	{DiagUnreachableType, Warning, "a contact type no command's contact-type parameter accepts: its rules never apply"},
}

// DiagCodes lists every diagnostic code, documented, in the order above.
func DiagCodes() []DiagCodeInfo { return slices.Clone(diagCodes[:]) }
