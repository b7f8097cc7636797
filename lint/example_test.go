package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/diag"
	"github.com/flopack/flopack/export"
)

// builtExample is the export flopack build writes for the example spec.
const builtExample = "../testdata/flex-deprovision.flopack"

// A new user broke the built example by hand in three ways that flopack run rejects or that
// leave a card unrun; lint passed all three. Each must now be one error naming the card.
func TestBuiltExampleBreaks(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(body export.Flow) bool
		rule   string
		card   string
	}{
		{"ordering back to the first card", func(body export.Flow) bool {
			first, ok1 := cardNamed(body, "User Unassigned from Application")
			url, ok2 := cardNamed(body, "Build Workers URL")
			body.Body.Get("orderings").Set("back00001", export.NewArray(
				export.NewString(url.ID()), export.NewString(first.ID())))
			return ok1 && ok2
		}, "ORDERING_CYCLE", "User Unassigned from Application"},
		{"no ordering into the Delete card", func(body export.Flow) bool {
			del, ok := cardNamed(body, "Delete Flex worker")
			n := 0
			for _, o := range body.Orderings() {
				if o.To == del.ID() && o.From != o.To {
					body.Body.Get("orderings").Delete(o.ID)
					n++
				}
			}
			return ok && n > 0
		}, "CARD_UNORDERED", "Delete Flex worker"},
		{"operator typo", func(body export.Flow) bool {
			stop, ok := cardNamed(body, "Stop if no worker matched")
			op, ok2 := stop.Input("operator")
			if ok && ok2 {
				op.Value().Set("data", export.NewString("is emptyy"))
			}
			return ok && ok2
		}, "OPERATOR_UNKNOWN", "Stop if no worker matched"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := export.ReadFile(builtExample)
			if err != nil {
				t.Fatal(err)
			}
			if ds := Document(builtExample, doc); len(ds) > 0 {
				t.Fatalf("the built example does not lint clean:\n%s", diag.List(ds))
			}
			bodies := doc.Flows()[0].Cards()[1].Embedded()
			if len(bodies) != 1 || !tt.mutate(bodies[0]) {
				t.Fatal("the built example has no such place to break")
			}

			ds := Bytes("broken.flopack", export.Marshal(doc.Root, false))
			var got []string
			for _, d := range ds {
				got = append(got, d.Rule+" "+string(d.Severity)+" "+d.Card)
				t.Log(d)
			}
			want := []string{tt.rule + " error " + tt.card}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// cardNamed returns the card of body titled name.
func cardNamed(body export.Flow, name string) (export.Card, bool) {
	for _, c := range body.Cards() {
		if c.Name() == name {
			return c, true
		}
	}
	return export.Card{}, false
}
