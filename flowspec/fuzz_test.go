package flowspec

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/flopack/flopack/diag"
)

// lineBreak splits lines as YAML 1.1 (and so yaml.v3) does. It is written apart from
// lineStarts so that the fuzz property does not check the code against itself.
var lineBreak = regexp.MustCompile("\r\n|[\r\n\u0085\u2028\u2029]")

// FuzzParse checks that Parse never panics (it recovers, so an "internal error" counts as
// one), returns either a spec or diagnostics, and puts every diagnostic inside the input.
// Seeds: testdata/fuzz/FuzzParse, one per fixture in testdata.
func FuzzParse(f *testing.F) {
	f.Add(Starter())
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, err := Parse("fuzz.yaml", data)
		if err == nil {
			if spec == nil || spec.Flow.Name == "" || spec.Flow.Folder == "" ||
				!workspaceSIDPattern.MatchString(spec.Twilio.WorkspaceSID) ||
				!appInstanceIDPattern.MatchString(spec.Okta.AppInstanceID) {
				t.Fatalf("Parse accepted an invalid spec: %+v", spec)
			}
			return
		}

		var list diag.List
		if !errors.As(err, &list) || len(list) == 0 || len(list) > MaxDiagnostics+1 {
			t.Fatalf("error %T with %d diagnostics: %v", err, len(list), err)
		}
		lines := lineBreak.Split(string(data), -1)
		for _, d := range list {
			if strings.Contains(d.Message, "internal error") {
				t.Fatalf("%v", d)
			}
			if d.Line == 0 && len(data) > MaxSize {
				continue
			}
			if d.Line < 1 || d.Line > len(lines) {
				t.Fatalf("%v: line outside the input's %d lines", d, len(lines))
			}
			if n := utf8.RuneCountInString(lines[d.Line-1]); d.Column < 1 || d.Column > n+1 {
				t.Fatalf("%v: column outside line %d of %d characters", d, d.Line, n)
			}
		}
	})
}

// TestFuzzSeedsCoverFixtures keeps the committed seed corpus in step with the fixtures.
func TestFuzzSeedsCoverFixtures(t *testing.T) {
	t.Parallel()
	fixtures, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, fx := range fixtures {
		name := strings.TrimSuffix(filepath.Base(fx), ".yaml")
		if _, err := os.Stat(filepath.Join("testdata", "fuzz", "FuzzParse", name)); err != nil {
			t.Errorf("no fuzz seed for fixture %s: %v", fx, err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"valid-full", "unknown-key"} {
		data, err := os.ReadFile(filepath.Join("testdata", name+".yaml"))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				_, _ = Parse("bench.yaml", data)
			}
		})
	}
}
