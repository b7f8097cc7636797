package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/export"
)

// OPERATOR_UNKNOWN on the built example's Return Error If, whose choices are the thirteen
// comparisons of FLOPACK-FORMAT.md section 8.
func TestOperatorUnknown(t *testing.T) {
	const choices = `"==", "!=", ">=", "<=", ">", "<", "%", "in", "not in", "has", ` +
		`"doesn't have", "is empty", "is not empty"`
	tests := []struct {
		name string
		set  func(body export.Flow, op export.Field)
		want []string
	}{
		{"one of the choices", func(body export.Flow, op export.Field) {
			op.Value().Set("data", export.NewString("is not empty"))
		}, nil},
		{"a typo", func(body export.Flow, op export.Field) {
			op.Value().Set("data", export.NewString("is emptyy"))
		}, []string{`"is emptyy" is not one of the card's choices: ` + choices +
			`; did you mean "is empty"?`}},
		{"another case", func(body export.Flow, op export.Field) {
			op.Value().Set("data", export.NewString(" IS EMPTY"))
		}, []string{`" IS EMPTY" is not one of the card's choices: ` + choices +
			`; did you mean "is empty"?`}},
		{"nothing like a choice", func(body export.Flow, op export.Field) {
			op.Value().Set("data", export.NewString("equals"))
		}, []string{`"equals" is not one of the card's choices: ` + choices}},
		{"null", func(body export.Flow, op export.Field) {
			op.Value().Set("data", export.NewNull())
		}, []string{`null is not one of the card's choices: ` + choices}},
		{"pinned: comes from another card", func(body export.Flow, op export.Field) {
			op.Value().Set("data", export.NewString(""))
			first := body.Cards()[0]
			out := first.Outputs()[0]
			pins := export.NewObject()
			pins.Set("Stop000001", export.NewArray(export.NewObject()))
			pins.Get("Stop000001").Items[0].Set("input", export.NewString(op.ID))
			first.V.Get("pins").Set(out.ID, pins)
			stop, _ := cardNamed(body, "Stop if no worker matched")
			renameAll(body.Body, stop.ID(), "Stop000001")
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := export.ReadFile(builtExample)
			if err != nil {
				t.Fatal(err)
			}
			body := doc.Flows()[0].Cards()[1].Embedded()[0]
			stop, ok := cardNamed(body, "Stop if no worker matched")
			if !ok {
				t.Fatal("the built example has no Return Error If")
			}
			op, _ := stop.Input("operator")
			tt.set(body, op)

			var got []string
			for _, d := range Document("x.flopack", doc) {
				got = append(got, d.Message)
				if d.Rule != "OPERATOR_UNKNOWN" || d.Field != "operator" {
					t.Errorf("unexpected finding: %s", d)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
