package interp_test

import (
	"testing"

	"github.com/flopack/flopack/export"
)

// Helpers that edit a built export by hand, as an admin would on the canvas or in a text
// editor. They find cards by title and fields by key, never by the generator's ids.

// body returns the flow body embedded in the For Each card.
func body(t testing.TB, doc *export.Document) export.Flow {
	t.Helper()
	for _, c := range doc.Flows()[0].Cards() {
		if bodies := c.Embedded(); len(bodies) == 1 {
			return bodies[0]
		}
	}
	t.Fatal("no embedded body")
	return export.Flow{}
}

func card(t testing.TB, f export.Flow, title string) export.Card {
	t.Helper()
	for _, c := range f.Cards() {
		if c.Name() == title {
			return c
		}
	}
	t.Fatalf("no card %q", title)
	return export.Card{}
}

// cardOfKind returns the card whose address ends with suffix, such as ":expand".
func cardOfKind(t testing.TB, f export.Flow, suffix string) export.Card {
	t.Helper()
	for _, c := range f.Cards() {
		if a := c.Address(); len(a) >= len(suffix) && a[len(a)-len(suffix):] == suffix {
			return c
		}
	}
	t.Fatalf("no card ending %q", suffix)
	return export.Card{}
}

func input(t testing.TB, c export.Card, key string) export.Field {
	t.Helper()
	f, ok := c.Input(key)
	if !ok {
		t.Fatalf("card %q has no input %q", c.Name(), key)
	}
	return f
}

func output(t testing.TB, c export.Card, key string) export.Field {
	t.Helper()
	f, ok := c.Output(key)
	if !ok {
		t.Fatalf("card %q has no output %q", c.Name(), key)
	}
	return f
}

func setLiteral(t testing.TB, c export.Card, key, value string) {
	t.Helper()
	input(t, c, key).Value().Set("data", export.NewString(value))
}

// repin moves the pin into input inKey of to: it now comes from output outKey of from.
func repin(t testing.TB, f export.Flow, from export.Card, outKey string, to export.Card,
	inKey string) {
	t.Helper()
	in := input(t, to, inKey)
	for _, c := range f.Cards() {
		for _, byOut := range c.V.Get("pins").Members {
			links := byOut.Value.Get(to.ID())
			if links == nil {
				continue
			}
			var kept []*export.Value
			for _, l := range links.Items {
				if l.Get("input").Str() != in.ID {
					kept = append(kept, l)
				}
			}
			links.Items = kept
		}
	}
	from.AddPin(output(t, from, outKey).ID, to.ID(), in.ID)
}

// dropOrdering removes the ordering from → to and reports whether there was one.
func dropOrdering(t testing.TB, f export.Flow, from, to export.Card) {
	t.Helper()
	for _, o := range f.Orderings() {
		if o.From == from.ID() && o.To == to.ID() {
			f.Body.Get("orderings").Delete(o.ID)
			return
		}
	}
	t.Fatalf("no ordering %q → %q", from.Name(), to.Name())
}

func addOrdering(f export.Flow, id string, from, to export.Card) {
	f.Body.Get("orderings").Set(id, export.NewArray(
		export.NewString(from.ID()), export.NewString(to.ID())))
}
