package lint

import (
	"github.com/flopack/flopack/internal/corpustest"

	"bytes"
	"os"
	"testing"

	"github.com/flopack/flopack/export"
)

// FuzzLint feeds arbitrary bytes to the linter: it must never panic, and every finding must
// carry a known rule with its severity and a position inside the input. Seeds: the fixture
// (indented and compact), testdata/fuzz/FuzzLint, and the small real exports when the
// corpus is at hand.
func FuzzLint(f *testing.F) {
	valid, err := os.ReadFile(validFixture)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	if root, err := export.Decode(valid); err == nil {
		f.Add(export.Marshal(root, false))
	}
	for _, path := range corpustest.List(f) {
		if st, err := os.Stat(path); err == nil && st.Size() < 20_000 {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		ds := Bytes("fuzz.flopack", data)
		lines := bytes.Count(data, []byte("\n")) + 1
		_, decodeErr := export.Decode(data)
		for _, d := range ds {
			r, ok := RuleByID(d.Rule)
			if !ok {
				t.Fatalf("unknown rule: %s", d)
			}
			if d.Severity != r.Severity || d.Path != "fuzz.flopack" || d.Message == "" {
				t.Fatalf("malformed finding: %+v", d)
			}
			if d.Line < 1 || d.Line > lines || d.Column < 1 || d.Column > len(data)+1 {
				t.Fatalf("position %d:%d outside the %d-byte input: %s", d.Line, d.Column,
					len(data), d)
			}
			if (d.Rule == "ENVELOPE_JSON") != (decodeErr != nil) {
				t.Fatalf("ENVELOPE_JSON must report exactly the undecodable input: %s "+
					"(decode: %v)", d, decodeErr)
			}
		}
		if decodeErr != nil && len(ds) != 1 {
			t.Fatalf("undecodable input: want one finding, got %v", ds)
		}
	})
}
