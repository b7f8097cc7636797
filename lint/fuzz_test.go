package lint

import (
	"bytes"
	"testing"

	"github.com/flopack/flopack/export"
)

// FuzzLint feeds arbitrary bytes to the linter: it must never panic, and every finding must
// carry a known rule with its severity and a position inside the input.
//
// The seeds are small hand-made exports in testdata/fuzz/FuzzLint, one or two KB each: an
// event flow that lints clean (connection, folder, For Each body, expand card), an If/Else
// flow with a cycle, a self edge and an unordered card, operators off their choices, a
// stub, and one of everything broken. Real exports are not seeds: the fuzzer minimises every
// input that reaches new code by trying about n² shorter inputs, and for inputs grown from
// the 27 KB fixture that took the whole default minute of -fuzzminimizetime each time (in
// 60 s from an empty cache, 14 new inputs were tried; the rest went to minimising two).
// Real files are linted whole by TestCorpusLintsClean and broken one way at a time by
// TestMutations.
func FuzzLint(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
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

// maxFuzzInput bounds the inputs FuzzLint lints. Minimising an input of n bytes tries about
// n²/2 shorter ones; past a few KB that takes the whole -fuzzminimizetime, during which the
// worker fuzzes nothing. Larger inputs, such as those of an older fuzz cache seeded with real
// exports, return at once and so never reach new code.
const maxFuzzInput = 4 << 10
