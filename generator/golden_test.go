package generator

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/diag"
	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/flowspec"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestGolden builds every testdata/<case>/spec.yaml and compares the export with
// export.golden.json, or the diagnostics of an invalid spec with diagnostics.golden.txt.
// Review the diff of a golden file like code: `go test ./generator -update` rewrites them.
func TestGolden(t *testing.T) {
	specs, err := filepath.Glob(filepath.Join("testdata", "*", "spec.yaml"))
	if err != nil || len(specs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, path := range specs {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			got, golden := goldenOutput(t, path)
			if *update {
				for _, name := range []string{"export.golden.json", "diagnostics.golden.txt"} {
					os.Remove(filepath.Join(dir, name))
				}
				if err := os.WriteFile(filepath.Join(dir, golden), got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(filepath.Join(dir, golden))
			if err != nil {
				t.Fatalf("%v (run go test ./generator -update)", err)
			}
			if !bytes.Equal(want, got) {
				t.Errorf("%s (-want +got):\n%s", golden, cmp.Diff(string(want), string(got)))
			}
		})
	}
}

// goldenOutput returns what a case produces and the golden file it is compared with.
func goldenOutput(t *testing.T, path string) ([]byte, string) {
	spec, err := flowspec.Load(path)
	var list diag.List
	if errors.As(err, &list) {
		var buf bytes.Buffer
		if err := diag.Print(&buf, diag.Text, list); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), "diagnostics.golden.txt"
	}
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Build(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return export.Marshal(doc.Root, true), "export.golden.json"
}
