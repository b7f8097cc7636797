package lint

import (
	"github.com/flopack/flopack/internal/corpustest"

	"testing"

	"github.com/flopack/flopack/diag"
)

// Every real export lints without errors; warnings are counted per rule and logged (the
// report quotes them).
func TestCorpusLintsClean(t *testing.T) {
	files := corpustest.Files(t)
	warnings := map[string]int{}
	for _, path := range files {
		ds, err := File(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if d.Severity == diag.Error {
				t.Errorf("%s", d)
			} else {
				warnings[d.Rule]++
			}
		}
	}
	t.Logf("%d files, warnings per rule: %v", len(files), warnings)
}

// The hand-made fixture is a small export with every kind of wiring the rules look at: a
// connection, a folder, an event card feeding a For Each whose embedded body holds an
// expand card and a Call Flow card naming a stub. Other tests break it.
const validFixture = "testdata/valid.flopack"

func TestValidFixtureLintsClean(t *testing.T) {
	ds, err := File(validFixture)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) > 0 {
		t.Errorf("want no findings, got:\n%s", diag.List(ds))
	}
}
