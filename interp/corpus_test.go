package interp_test

import (
	"github.com/flopack/flopack/internal/corpustest"

	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/interp"
)

// TestPlansRealExports plans every event flow of the corpus with no events: it must
// either run (nothing to do) or refuse a card it does not interpret, never panic or
// stumble on the orderings of a real flow.
func TestPlansRealExports(t *testing.T) {
	t.Parallel()
	files := corpustest.Files(t)

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
