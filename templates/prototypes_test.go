package templates

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/internal/corpustest"
)

var update = flag.Bool("update", false, "extract the card prototypes again from the corpus")

// findCard looks for the card with method id among the flows of doc and their embedded
// bodies.
func findCard(doc *export.Document, id string) (card export.Card, found bool) {
	for _, f := range doc.Flows() {
		f.WalkCards(func(_ export.Flow, c export.Card) {
			if !found && c.ID() == id {
				card, found = c, true
			}
		})
	}
	return card, found
}

// Every prototype must be its source card, trimmed, byte for byte: a hand edit to a
// prototype, or a changed corpus, fails here.
func TestPrototypesMatchCorpus(t *testing.T) {
	for _, k := range Kinds {
		t.Run(string(k), func(t *testing.T) {
			src := Sources[k]
			doc, err := export.ReadFile(corpustest.Path(t, src.File))
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
