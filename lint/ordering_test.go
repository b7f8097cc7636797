package lint

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/export"
)

// The execution-order rules on the hand-made fixture: what counts as the first card, and
// what is left to other rules.
func TestOrderingRules(t *testing.T) {
	// fixtureBody is the flow body embedded in the fixture's For Each card.
	fixtureBody := func(doc *export.Document) export.Flow {
		return doc.Flows()[0].Cards()[1].Embedded()[0]
	}
	tests := []struct {
		name   string
		mutate func(doc *export.Document)
		want   []string // rule: message prefix
	}{
		{"cards listed last to first", func(doc *export.Document) {
			// The first card is found by kind and edges, not by its place in methods.
			for _, f := range []export.Flow{doc.Flows()[0], fixtureBody(doc)} {
				slices.Reverse(f.Body.Get("methods").Items)
			}
		}, nil},
		{"a second card without ordering before the callable", func(doc *export.Document) {
			body := fixtureBody(doc)
			loose := body.Cards()[len(body.Cards())-1].V
			for _, m := range body.Body.Get("orderings").Members {
				if m.Value.Items[1].Text == loose.Get("uuid").Text {
					body.Body.Get("orderings").Delete(m.Key)
				}
			}
			methods := body.Body.Get("methods")
			methods.Items = append([]*export.Value{loose}, slices.DeleteFunc(methods.Items,
				func(v *export.Value) bool { return v == loose })...)
		}, []string{"CARD_UNORDERED: no ordering (or If/Else branch) leads to this card " +
			"from the flow's first card \"User Unassigned from Application\""}},
		{"an ordering naming another flow's card", func(doc *export.Document) {
			// ORDERING_CARD says it; the card the ordering was meant for is not also
			// reported as unordered.
			o := fixtureBody(doc).Body.Get("orderings").Members[0].Value
			o.Items[1] = export.NewString("EventCard1")
		}, []string{"ORDERING_CARD: ordering"}},
		{"a branch back to its own card", func(doc *export.Document) {
			card := fixtureBody(doc).Cards()[0] // the callable
			branches := export.NewObject()
			branches.Set(card.ID(), export.NewBool(true))
			card.V.Set("branches", branches)
		}, []string{"ORDERING_CYCLE: a branch of the card runs the card after itself"}},
		{"every card in a cycle", func(doc *export.Document) {
			// No card is first, so none is reported as unordered: the cycle is the finding.
			top := doc.Flows()[0]
			cards := top.Cards()
			top.Body.Get("orderings").Set("back00001", export.NewArray(
				export.NewString(cards[1].ID()), export.NewString(cards[0].ID())))
		}, []string{"ORDERING_CYCLE: the orderings form a cycle of 2 cards: " +
			"\"User Unassigned from Application\" › \"For Each - Ignore Errors\" › " +
			"\"User Unassigned from Application\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := export.ReadFile(validFixture)
			if err != nil {
				t.Fatal(err)
			}
			tt.mutate(doc)
			var got []string
			for _, d := range Document("x.flopack", doc) {
				got = append(got, d.Rule+": "+d.Message)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("findings %q, want %d", got, len(tt.want))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("finding %q\nwant prefix %q", got[i], tt.want[i])
				}
			}
		})
	}
}

// A long cycle is named by its first ten cards and the one it returns to.
func TestLongCycleMessage(t *testing.T) {
	var methods []*export.Value
	orderings := export.NewObject()
	const n = 30
	id := func(i int) string {
		return "Card" + strings.Repeat("0", 5) + string(rune('A'+i%26)) +
			string(rune('a'+i/26))
	}
	for i := range n {
		card := export.NewObject()
		card.Set("uuid", export.NewString(id(i)))
		methods = append(methods, card)
		orderings.Set("o"+id(i), export.NewArray(export.NewString(id(i)),
			export.NewString(id((i+1)%n))))
	}
	body := export.NewObject()
	body.Set("methods", export.NewArray(methods...))
	body.Set("orderings", orderings)
	fs := newFlowScope(export.Flow{Body: body}, "long", true)

	c := &checker{path: "x", rule: &Rule{ID: "ORDERING_CYCLE"}, scope: fs}
	checkOrderingCycle(c)
	if len(c.diags) != 1 {
		t.Fatalf("want one finding, got %v", c.diags)
	}
	names := []string{}
	for i := range 10 {
		names = append(names, `"`+id(i)+`"`)
	}
	want := "the orderings form a cycle of 30 cards: " + strings.Join(names, " › ") +
		` › … › "` + id(0) + `"; each waits for the one before it, so none of them can run`
	if diff := cmp.Diff(want, c.diags[0].Message); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
