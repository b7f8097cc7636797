package flowspec

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSchemaIsValidDraft7(t *testing.T) {
	t.Parallel()
	if !json.Valid(Schema()) {
		t.Fatal("Schema() is not valid JSON")
	}
	s, err := loadSchema()
	if err != nil {
		t.Fatal(err)
	}
	if got := s.doc.Get("$schema").Str(); got != "http://json-schema.org/draft-07/schema#" {
		t.Errorf("$schema = %q, want draft-07", got)
	}
}

// TestSchemaDocumentsEveryField checks what editors show: a title and a description on
// every property, and defaults that match the Go defaults.
func TestSchemaDocumentsEveryField(t *testing.T) {
	t.Parallel()
	s, err := loadSchema()
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, obj := range s.objects() {
		for _, key := range s.keys(obj) {
			segs := child(obj, key)
			fields = append(fields, fieldName(segs))
			p := s.at(segs)
			if p.Get("title").Str() == "" || p.Get("description").Str() == "" {
				t.Errorf("%s: no title or no description", fieldName(segs))
			}
		}
	}
	wantFields := []string{
		"version", "flow", "okta", "twilio",
		"flow.name", "flow.folder", "flow.description", "flow.save_history",
		"okta.app_instance_id", "okta.connection", "okta.email_field",
		"twilio.workspace_sid", "twilio.connection", "twilio.worker_attribute",
	}
	if diff := cmp.Diff(wantFields, fields); diff != "" {
		t.Errorf("schema fields (-want +got):\n%s", diff)
	}

	defaults := map[string]string{
		"okta.connection":         DefaultOktaConnection,
		"okta.email_field":        DefaultEmailField,
		"twilio.connection":       DefaultTwilioConnection,
		"twilio.worker_attribute": DefaultWorkerAttribute,
	}
	for field, want := range defaults {
		if got := s.at(strings.Split(field, ".")).Get("default").Str(); got != want {
			t.Errorf("%s: schema default %q, Go default %q", field, got, want)
		}
	}
	var enum []string
	for _, v := range s.at([]string{"okta", "email_field"}).Get("enum").Items {
		enum = append(enum, v.Str())
	}
	if !slices.Equal(enum, EmailFields) {
		t.Errorf("email_field enum %q, EmailFields %q", enum, EmailFields)
	}
}

// TestRulesAgreeWithSchema checks that every value the schema rejects, a Go rule rejects
// too (so the message is always the rule's), and that the rules reject more only where
// the schema cannot follow: Unicode blanks.
func TestRulesAgreeWithSchema(t *testing.T) {
	t.Parallel()
	long := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		field      string
		value      any
		schemaOnly bool // the schema accepts it, the Go rule does not
	}{
		{"version", json.Number("1"), false},
		{"version", json.Number("2"), false},
		{"version", json.Number("0"), false},
		{"flow.name", "Delete Flex worker", false},
		{"flow.name", `Say "hi"`, false},
		{"flow.name", "", false},
		{"flow.name", "   ", false},
		{"flow.name", "a\tb", false},
		{"flow.name", "a\nb", false},
		{"flow.name", "a\u0085b", false},
		{"flow.name", "a\u007fb", false},
		{"flow.name", "\u00a0", true},
		{"flow.name", "\u3000", true},
		{"flow.name", long(MaxNameLength), false},
		{"flow.name", long(MaxNameLength + 1), false},
		{"flow.name", strings.Repeat("é", MaxNameLength), false},
		{"flow.folder", " x ", false},
		{"okta.connection", "", false},
		{"twilio.connection", "Twilio\r", false},
		{"flow.description", "", false},
		{"flow.description", "a\n\tb\r\n", false},
		{"flow.description", "a\x0bb", false},
		{"flow.description", "a\x1bb", false},
		{"flow.description", long(MaxDescriptionLength + 1), false},
		{"okta.app_instance_id", "0oa1b2c3d4E5F6g7H8i9", false},
		{"okta.app_instance_id", "0oa1b2c3d4E5F6g7H8i", false},
		{"okta.app_instance_id", "0oa1b2c3d4E5F6g7H8i9x", false},
		{"okta.app_instance_id", "0oa1b2c3d4E5F6g7H8i_", false},
		{"okta.app_instance_id", "0OA1b2c3d4E5F6g7H8i9", false},
		{"okta.app_instance_id", " 0oa1b2c3d4E5F6g7H8i9", false},
		{"okta.app_instance_id", "0oa1b2c3d4E5F6g7H8ié", false},
		{"okta.email_field", "okta_user.alternate_id", false},
		{"okta.email_field", "okta_user.login", false},
		{"twilio.workspace_sid", "WS0123456789abcdef0123456789ABCDEF", false},
		{"twilio.workspace_sid", "ws0123456789abcdef0123456789abcdef", false},
		{"twilio.workspace_sid", "WS0123456789abcdef0123456789abcdeg", false},
		{"twilio.workspace_sid", "WS0123456789abcdef0123456789abcde", false},
		{"twilio.workspace_sid", "AC0123456789abcdef0123456789abcdef", false},
		{"twilio.worker_attribute", "email", false},
		{"twilio.worker_attribute", "routing.email_2", false},
		{"twilio.worker_attribute", "_x.y", false},
		{"twilio.worker_attribute", "", false},
		{"twilio.worker_attribute", `em"ail`, false},
		{"twilio.worker_attribute", "em\nail", false},
		{"twilio.worker_attribute", "contact-uri", false},
		{"twilio.worker_attribute", "a..b", false},
		{"twilio.worker_attribute", ".a", false},
		{"twilio.worker_attribute", "a.", false},
		{"twilio.worker_attribute", "2fa", false},
		{"twilio.worker_attribute", "e mail", false},
		{"twilio.worker_attribute", long(MaxAttributeLength + 1), false},
	}
	s, err := loadSchema()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s=%q", tt.field, tt.value), func(t *testing.T) {
			t.Parallel()
			doc := validDoc()
			setField(doc, tt.field, tt.value)
			schemaOK := s.validator.Validate(doc) == nil
			ruleMsg := rules[tt.field](tt.value)
			ruleOK := ruleMsg == ""

			switch {
			case tt.schemaOnly && (!schemaOK || ruleOK):
				t.Errorf("want schema ok and rule failing; schema ok %v, rule %q",
					schemaOK, ruleMsg)
			case !tt.schemaOnly && schemaOK != ruleOK:
				t.Errorf("schema ok %v, rule %q: they disagree", schemaOK, ruleMsg)
			}
		})
	}
}

// validDoc returns a valid spec as the JSON value the schema validates.
func validDoc() map[string]any {
	return map[string]any{
		"version": json.Number("1"),
		"flow":    map[string]any{"name": "Delete Flex worker"},
		"okta":    map[string]any{"app_instance_id": "0oa1b2c3d4E5F6g7H8i9"},
		"twilio":  map[string]any{"workspace_sid": "WS0123456789abcdef0123456789abcdef"},
	}
}

func setField(doc map[string]any, field string, v any) {
	segs := strings.Split(field, ".")
	m := doc
	for _, seg := range segs[:len(segs)-1] {
		m = m[seg].(map[string]any)
	}
	m[segs[len(segs)-1]] = v
}

func TestEveryRuleHasASchemaField(t *testing.T) {
	t.Parallel()
	s, err := loadSchema()
	if err != nil {
		t.Fatal(err)
	}
	for field := range rules {
		if s.at(strings.Split(field, ".")) == nil {
			t.Errorf("rule for %s, which the schema does not describe", field)
		}
	}
}
