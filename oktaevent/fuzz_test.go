package oktaevent

import (
	"bytes"
	"testing"

	"github.com/flopack/flopack/diag"
	"github.com/flopack/flopack/export"
)

// FuzzParse feeds arbitrary bytes to Parse. Seeds live in testdata/fuzz/FuzzParse; the
// sample delivery is added here too. Parse must not panic, must return events or
// diagnostics (never neither), and every line it names must be inside the input.
func FuzzParse(f *testing.F) {
	f.Add(readDelivery(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		events, err := Parse("fuzz.json", data)
		lines := bytes.Count(data, []byte("\n")) + 1

		if err != nil {
			list, ok := err.(diag.List)
			if !ok || len(list) == 0 {
				t.Fatalf("error is not a non-empty diag.List: %T %v", err, err)
			}
			for _, d := range list {
				if d.Path != "fuzz.json" || d.Line < 1 || d.Line > lines || d.Column < 1 {
					t.Fatalf("diagnostic outside the input (%d lines): %+v", lines, d)
				}
			}
			return
		}

		if len(events) == 0 {
			t.Fatal("no error and no events")
		}
		for i, ev := range events {
			if ev.Fields == nil || ev.Fields.Kind != export.Object {
				t.Fatalf("event %d: fields are not an object", i)
			}
			if ev.Line < 1 || ev.Line > lines {
				t.Fatalf("event %d: line %d outside the input (%d lines)", i, ev.Line, lines)
			}
			// The accessors read any shape of mapped event without panicking.
			_ = ev.ID() + ev.Type() + ev.Address() + ev.AppInstanceID()
		}
	})
}
