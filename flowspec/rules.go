package flowspec

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Length limits, in characters. Okta does not publish limits for these names; the longest
// flow name among the 573 flows of the shared export corpus has 106 characters and the
// longest description 595, so the limits leave room for real names while keeping a pasted
// paragraph (or a file) out of a name. Attribute names are short by nature.
const (
	MaxNameLength        = 200
	MaxDescriptionLength = 2000
	MaxAttributeLength   = 100
)

// The patterns the schema states as well; rules_test.go checks that both agree.
var (
	appInstanceIDPattern   = regexp.MustCompile(`^0oa[A-Za-z0-9]{17}$`)
	workspaceSIDPattern    = regexp.MustCompile(`^WS[0-9a-fA-F]{32}$`)
	workerAttributePattern = regexp.MustCompile(
		`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$`)
)

// EmailFields are the values okta.email_field accepts.
var EmailFields = []string{"application_user.alternate_id", "okta_user.alternate_id"}

// A rule checks one field's value and returns what is wrong with it and how to fix it, or
// "" when it is fine. It gets the converted value and ignores types the schema rejects.
type rule func(v any) string

// rules holds the Go rules by field. They word the message for every bad value of their
// field, also when the schema caught it first.
var rules = map[string]rule{
	"version":                 checkVersion,
	"flow.name":               text(checkName),
	"flow.folder":             text(checkName),
	"flow.description":        text(checkDescription),
	"okta.app_instance_id":    text(checkAppInstanceID),
	"okta.connection":         text(checkName),
	"okta.email_field":        text(checkEmailField),
	"twilio.workspace_sid":    text(checkWorkspaceSID),
	"twilio.connection":       text(checkName),
	"twilio.worker_attribute": text(checkWorkerAttribute),
}

// applyRules runs each rule on its field when the field is present and no earlier layer
// reported it: the rules also catch what the schema cannot say.
func (c *checker) applyRules(value any) {
	fields := make([]string, 0, len(rules))
	for f := range rules {
		fields = append(fields, f)
	}
	slices.Sort(fields)

	for _, field := range fields {
		segs := strings.Split(field, ".")
		v := valueAt(value, segs)
		if v == nil || c.isCovered(segs) {
			continue
		}
		if msg := rules[field](v); msg != "" {
			_, node := lookup(c.root, segs)
			c.addAt(node, field, msg)
			c.cover(segs)
		}
	}
}

// text adapts a rule on strings; other types are the schema's business.
func text(check func(string) string) rule {
	return func(v any) string {
		s, ok := v.(string)
		if !ok {
			return ""
		}
		return check(s)
	}
}

func checkVersion(v any) string {
	n, ok := v.(json.Number)
	if !ok || n.String() == fmt.Sprint(Version) {
		return ""
	}
	return fmt.Sprintf("this flopack reads spec version %d only, and the file says %s; "+
		"write version: %d (a newer spec format needs a newer flopack)",
		Version, short(n.String()), Version)
}

func checkName(s string) string {
	if strings.TrimSpace(s) == "" {
		return "must not be blank; give it a name"
	}
	if what, at := control(s, ""); what != "" {
		return fmt.Sprintf("contains %s at character %d; write the name on one line, "+
			"without tabs or other control characters", what, at)
	}
	if n := utf8.RuneCountInString(s); n > MaxNameLength {
		return fmt.Sprintf("is %d characters long; shorten it to at most %d", n, MaxNameLength)
	}
	return ""
}

func checkDescription(s string) string {
	if what, at := control(s, "\t\n\r"); what != "" {
		return fmt.Sprintf("contains %s at character %d; only tabs and line breaks are "+
			"allowed, so remove it", what, at)
	}
	if n := utf8.RuneCountInString(s); n > MaxDescriptionLength {
		return fmt.Sprintf("is %d characters long; shorten it to at most %d",
			n, MaxDescriptionLength)
	}
	return ""
}

func checkAppInstanceID(s string) string {
	if appInstanceIDPattern.MatchString(s) {
		return ""
	}
	return "must be 0oa followed by 17 letters or digits, like 0oa1b2c3d4E5F6g7H8i9; " +
		idProblem(s, "0oa", 17, isAlnum, "letter or digit") +
		"; copy it from the Flex app's address in the Okta Admin Console " +
		"(Applications › Applications › the app: the ID follows /instance/)"
}

func checkWorkspaceSID(s string) string {
	if workspaceSIDPattern.MatchString(s) {
		return ""
	}
	return "must be WS followed by 32 hex digits; " +
		idProblem(s, "WS", 32, isHex, "hex digit") +
		"; find it in Twilio Console › TaskRouter › Workspaces"
}

func checkEmailField(s string) string {
	if slices.Contains(EmailFields, s) {
		return ""
	}
	return "must be application_user.alternate_id (the user's name in the Flex app, " +
		"usually the email) or okta_user.alternate_id (the Okta login)"
}

func checkWorkerAttribute(s string) string {
	const why = "it goes into the TaskRouter expression attribute==\"address\""
	switch {
	case s == "":
		return "must not be empty; name the worker attribute that holds the address, " +
			"usually email"
	case strings.ContainsRune(s, '"'):
		return "must not contain a double quote: " + why + ", where a quote ends the " +
			"name and changes the expression; write the attribute's plain name, such as email"
	}
	if what, at := control(s, ""); what != "" {
		return fmt.Sprintf("contains %s at character %d: %s; write the attribute's plain "+
			"name, such as email", what, at, why)
	}
	if n := utf8.RuneCountInString(s); n > MaxAttributeLength {
		return fmt.Sprintf("is %d characters long; shorten it to at most %d",
			n, MaxAttributeLength)
	}
	if !workerAttributePattern.MatchString(s) {
		return "must be an attribute name or dotted path of letters, digits and " +
			"underscores, each part starting with a letter or underscore (such as email " +
			"or routing.email), because " + why
	}
	return ""
}

// control finds the first control character of s that is not in allowed and names it,
// with its 1-based position in characters.
func control(s, allowed string) (what string, at int) {
	i := 0
	for _, r := range s {
		i++
		if !unicode.IsControl(r) || strings.ContainsRune(allowed, r) {
			continue
		}
		switch r {
		case '\t':
			return "a tab", i
		case '\n', '\r':
			return "a line break", i
		default:
			return fmt.Sprintf("the control character %U", r), i
		}
	}
	return "", 0
}

// idProblem says in a few words why s is not prefix followed by n characters accepted by
// ok: the first difference found, so the user knows where to look.
func idProblem(s, prefix string, n int, ok func(rune) bool, kind string) string {
	if t := strings.TrimSpace(s); t != s {
		return "remove the spaces around it"
	}
	if !strings.HasPrefix(s, prefix) {
		switch {
		case s == "":
			return "it is empty"
		case strings.HasPrefix(s, "AC") && prefix == "WS":
			return "this is an account SID (AC…), not a workspace SID"
		case strings.HasPrefix(s, "WK") && prefix == "WS":
			return "this is a worker SID (WK…), not a workspace SID"
		case strings.HasPrefix(s, "00u") && prefix == "0oa":
			return "this is a user ID (00u…), not an app instance ID"
		case strings.HasPrefix(s, "00g") && prefix == "0oa":
			return "this is a group ID (00g…), not an app instance ID"
		}
		return fmt.Sprintf("it starts with %q", short(first(s, len(prefix))))
	}
	body := s[len(prefix):]
	for i, r := range []rune(body) {
		if !ok(r) {
			return fmt.Sprintf("character %d after %s, %q, is not a %s", i+1, prefix, r, kind)
		}
	}
	return fmt.Sprintf("it has %d characters after %s", utf8.RuneCountInString(body), prefix)
}

// first returns the first n characters of s.
func first(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func isHex(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'
}
