package generator

import (
	"testing"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/flowspec"
	"github.com/flopack/flopack/lint"
)

// Every build passes every lint rule, warnings included: the flow sets or pins each input
// a card requires.
func TestBuildPassesLint(t *testing.T) {
	variants := map[string]func(s *flowspec.Spec){
		"example":   func(*flowspec.Spec) {},
		"okta user": func(s *flowspec.Spec) { s.Okta.EmailField = "okta_user.alternate_id" },
		"same connection names": func(s *flowspec.Spec) {
			s.Twilio.Connection = s.Okta.Connection
		},
	}
	for name, change := range variants {
		t.Run(name, func(t *testing.T) {
			spec := exampleSpec()
			change(spec)
			for _, indent := range []bool{false, true} {
				data := export.Marshal(mustBuild(t, spec).Root, indent)
				for _, d := range lint.Bytes("built.flopack", data) {
					t.Errorf("indent=%v: %s", indent, d)
				}
			}
		})
	}
}
