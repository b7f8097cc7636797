package templates

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/flopack/flopack/export"
)

var update = flag.Bool("update", false, "extract the card prototypes again from the corpus")

const corpusDir = "../../shared/corpus"

// findCard looks for the card with method id among the flows of doc and their embedded
// bodies.
func findCard(doc *export.Document, id string) (export.Card, bool) {
	var walk func(f export.Flow) (export.Card, bool)
	walk = func(f export.Flow) (export.Card, bool) {
		for _, c := range f.Cards() {
			if c.ID() == id {
				return c, true
			}
			for _, body := range c.Embedded() {
				if found, ok := walk(body); ok {
					return found, true
				}
			}
		}
		return export.Card{}, false
	}
	for _, f := range doc.Flows() {
		if f.IsStub() {
			continue
		}
		if c, ok := walk(f); ok {
			return c, true
		}
	}
	return export.Card{}, false
}

// Every prototype must be its source card, trimmed, byte for byte: a hand edit to a
// prototype, or a changed corpus, fails here.
func TestPrototypesMatchCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("no corpus at %s", corpusDir)
	}
	for _, k := range Kinds {
		t.Run(string(k), func(t *testing.T) {
			src := Sources[k]
			doc, err := export.ReadFile(filepath.Join(corpusDir, src.File))
			if err != nil {
				t.Fatal(err)
			}
			card, ok := findCard(doc, src.CardID)
			if !ok {
				t.Fatalf("%s has no card %s", src.File, src.CardID)
			}
			want := card.V.Clone()
			Trim(want)
			path := filepath.Join("cards", string(k)+".json")
			if *update {
				if err := os.WriteFile(path, export.Marshal(want, true), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := Card(k)
			if err != nil {
				t.Fatal(err)
			}
			if !export.Equal(got, want) {
				t.Errorf("%s differs from card %s of %s; run go test ./templates -update",
					path, src.CardID, src.File)
			}
		})
	}
}
