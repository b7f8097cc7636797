package generator

import (
	"slices"
	"strings"
	"testing"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/internal/corpustest"
)

// shape renders the structure of a card's node.model with user data left out: the keys at
// every level, the kind of every value, and the values that define a field (its key, group
// and type). Two cards of one address with equal shapes differ only in what a user types.
func shape(v *export.Value, cardKey string) string {
	var b strings.Builder
	writeShape(&b, v, cardKey, "")
	return b.String()
}

func writeShape(b *strings.Builder, v *export.Value, cardKey, path string) {
	switch {
	case v == nil:
		b.WriteString("null")
	case strings.HasSuffix(path, ".value.data"):
		// Values the user set, including an embedded flow body.
		b.WriteString("data")
	case strings.HasSuffix(path, ".value.type") && v.Kind == export.Object:
		// A structured type is a schema the user typed on the canvas.
		b.WriteString("structured")
	case strings.HasSuffix(path, ".value.type") || path == ".inputs.data.f.key" ||
		path == ".outputs.data.f.key":
		b.WriteString(v.Kind.String() + "=" + v.Text)
	case path == ".inputs.data.f.group" || path == ".outputs.data.f.group":
		if cardKey == "expand" && !v.IsNull() {
			b.WriteString("pair") // expand groups are per-pair ids
		} else {
			b.WriteString("group=" + v.Text)
		}
	case v.Kind == export.Object && (path == ".inputs.data" || path == ".outputs.data"):
		writeFieldsShape(b, v, cardKey, path)
	case v.Kind == export.Object:
		keys := make([]string, 0, len(v.Members))
		for _, m := range v.Members {
			if m.Key != "_used" {
				keys = append(keys, m.Key)
			}
		}
		slices.Sort(keys)
		b.WriteString("{")
		for _, k := range keys {
			b.WriteString(k + ":")
			writeShape(b, v.Get(k), cardKey, path+"."+k)
			b.WriteString(",")
		}
		b.WriteString("}")
	case v.Kind == export.Array:
		b.WriteString("[")
		for _, it := range v.Items {
			writeShape(b, it, cardKey, path+".[]")
			b.WriteString(",")
		}
		b.WriteString("]")
	default:
		b.WriteString(v.Kind.String())
	}
}

// writeFieldsShape writes the fields of inputs.data or outputs.data keyed by field key, not
// by their random ids; inputs a user added to an extensible card are keyed by position,
// since their keys are labels the user typed.
func writeFieldsShape(b *strings.Builder, data *export.Value, cardKey, path string) {
	byKey := map[string]*export.Value{}
	for i, m := range data.Members {
		f := m.Value
		key := f.Get("key").Str()
		if f.Path("metadata", "custom").Truth() {
			key = "custom#" + string(rune('0'+i))
			f = f.Clone()
			f.Set("key", export.NewString("")) // a label the user typed
		}
		if cardKey == "expand" {
			key += "#" + string(rune('0'+i))
		}
		byKey[key] = f
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b.WriteString("{")
	for _, k := range keys {
		b.WriteString(k + ":")
		writeShape(b, byKey[k], cardKey, path+".f")
		b.WriteString(",")
	}
	b.WriteString("}")
}

// realShapes collects, for every card address in the corpus, the shapes of its cards.
func realShapes(t *testing.T) map[string]map[string]bool {
	t.Helper()
	shapes := map[string]map[string]bool{}
	for _, path := range corpustest.Files(t) {
		doc, err := export.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range doc.Flows() {
			f.WalkCards(func(_ export.Flow, c export.Card) {
				if shapes[c.Address()] == nil {
					shapes[c.Address()] = map[string]bool{}
				}
				shapes[c.Address()][shape(c.Model(), c.Key())] = true
			})
		}
	}
	return shapes
}

// Every card the generator emits must have, at its address, the shape of at least one card
// Okta wrote in a real export. The test fails when a prototype or the generator drifts.
func TestCardsHaveRealShapes(t *testing.T) {
	shapes := realShapes(t)
	flow, body := eventFlow(t, mustBuild(t, exampleSpec()))
	cards := append(flow.Cards(), body.Cards()...)
	if len(cards) != 14 {
		t.Fatalf("got %d cards, want 14", len(cards))
	}
	for _, c := range cards {
		real := shapes[c.Address()]
		if len(real) == 0 {
			t.Errorf("card %q: no real card at address %s", c.Name(), c.Address())
			continue
		}
		got := shape(c.Model(), c.Key())
		if !real[got] {
			t.Errorf("card %q (%s) has a shape no real card has:\n%s\nclosest real:\n%s",
				c.Name(), c.Address(), got, closest(got, real))
		}
	}
}

// closest returns the real shape sharing the longest prefix with got, to show where a
// generated card departs from Okta's.
func closest(got string, real map[string]bool) string {
	best, bestLen := "", -1
	for s := range real {
		n := 0
		for n < len(s) && n < len(got) && s[n] == got[n] {
			n++
		}
		if n > bestLen {
			best, bestLen = s, n
		}
	}
	if bestLen >= 0 && bestLen < len(best) {
		return best[:bestLen] + " ⟨here⟩ " + best[bestLen:]
	}
	return best
}

// The shape must see the drifts the conformance test is for.
func TestShapeSeesDrift(t *testing.T) {
	shapes := realShapes(t)
	drifts := map[string]func(c export.Card){
		"added model key": func(c export.Card) {
			c.Model().Get("metadata").Set("extra", export.NewString("x"))
		},
		"changed field group": func(c export.Card) {
			c.Inputs()[0].V.Set("group", export.NewString("Request"))
		},
		"changed field type": func(c export.Card) {
			c.Outputs()[0].Value().Set("type", export.NewString("number"))
		},
		"removed field key": func(c export.Card) {
			c.Inputs()[0].V.Delete("flags")
		},
	}
	for name, drift := range drifts {
		t.Run(name, func(t *testing.T) {
			_, body := eventFlow(t, mustBuild(t, exampleSpec()))
			c := cardNamed(t, body, "Build Workers URL")
			if !shapes[c.Address()][shape(c.Model(), c.Key())] {
				t.Fatal("the card does not conform before the drift")
			}
			drift(c)
			if shapes[c.Address()][shape(c.Model(), c.Key())] {
				t.Error("the drift left the shape unchanged")
			}
		})
	}
}
