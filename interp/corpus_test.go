package interp_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/interp"
)

// corpusDir finds shared/corpus by walking up from the package directory.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no shared/corpus above the package directory")
		}
		dir = parent
	}
}

// TestPlansRealExports plans every event flow of the corpus with no events: it must
// either run (nothing to do) or refuse a card it does not interpret, never panic or
// stumble on the orderings of a real flow.
func TestPlansRealExports(t *testing.T) {
	t.Parallel()
	root := corpusDir(t)
	var files []string
	for _, glob := range []string{"okta-templates/*.flopack", "field/*.folder"} {
		m, err := filepath.Glob(filepath.Join(root, glob))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("empty corpus")
	}

	planned, refused := 0, 0
	for _, path := range files {
		doc, err := export.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		for _, f := range doc.Flows() {
			if f.IsStub() || !startsWithEvent(f) {
				continue
			}
			rep, err := interp.Run(context.Background(), doc, nil, interp.Options{Flow: f.ID()})
			switch {
			case err == nil && rep != nil:
				planned++
			// Real flows use cards run does not interpret; their orderings and the rest
			// must not be the reason for a refusal.
			case err != nil && strings.Contains(err.Error(), "does not interpret this card"):
				refused++
			default:
				t.Errorf("%s › %s: report %v, error %v", filepath.Base(path), f.Name(), rep, err)
			}
		}
	}
	t.Logf("%d files: %d flows planned, %d refused", len(files), planned, refused)
}

// startsWithEvent reports whether a flow has an Okta event card.
func startsWithEvent(f export.Flow) bool {
	for _, c := range f.Cards() {
		if strings.HasPrefix(c.Address(), "root:channels:http:okta:") &&
			c.Model().Get("webhook").Truth() {
			return true
		}
	}
	return false
}
