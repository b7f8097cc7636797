package export

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecode feeds arbitrary bytes to Decode. It must never panic; what it accepts must be
// JSON (encoding/json agrees), and what it rejects must be JSON it refuses on purpose (bad
// UTF-8, nesting past MaxDepth) or not JSON at all, with the error's offset inside the input.
// A decoded value re-encodes compactly to text that decodes to an equal value and encodes
// to the same bytes; every offset points at the value's or key's first byte in the input.
// Seeds: testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Decode(data)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SyntaxError", err)
			}
			if se.Offset < 0 || se.Offset > len(data) || se.Msg == "" {
				t.Fatalf("error %q at offset %d of a %d-byte input", se.Msg, se.Offset,
					len(data))
			}
			if json.Valid(data) && utf8.Valid(data) &&
				!strings.HasPrefix(se.Msg, "nesting deeper than") {
				t.Fatalf("valid JSON rejected: %v", err)
			}
			return
		}
		if !json.Valid(data) {
			t.Fatalf("accepted input that encoding/json rejects: %q", data)
		}
		checkOffsets(t, data, v)

		compact := Marshal(v, false)
		again, err := Decode(compact)
		if err != nil {
			t.Fatalf("the compact encoding does not decode: %v\n%s", err, compact)
		}
		if !Equal(v, again) {
			t.Fatalf("decoding the compact encoding gives another value:\n%s", compact)
		}
		if got := Marshal(again, false); string(got) != string(compact) {
			t.Fatalf("encoding is not stable:\n%s\n%s", compact, got)
		}
	})
}

// checkOffsets checks that v and every value and key below it start where their offsets say.
func checkOffsets(t *testing.T, data []byte, v *Value) {
	t.Helper()
	if v.Offset < 0 || v.Offset >= len(data) {
		t.Fatalf("%s at offset %d of a %d-byte input", v.Kind, v.Offset, len(data))
	}
	at := data[v.Offset:]
	var ok bool
	switch v.Kind {
	case Null:
		ok = strings.HasPrefix(string(at), "null")
	case Bool:
		ok = strings.HasPrefix(string(at), map[bool]string{true: "true", false: "false"}[v.Bool])
	case Number:
		ok = strings.HasPrefix(string(at), v.Text)
	case String:
		ok = at[0] == '"'
	case Array:
		ok = at[0] == '['
		for _, it := range v.Items {
			checkOffsets(t, data, it)
		}
	case Object:
		ok = at[0] == '{'
		for _, m := range v.Members {
			if m.KeyOffset < 0 || m.KeyOffset >= len(data) || data[m.KeyOffset] != '"' {
				t.Fatalf("key %q at offset %d of a %d-byte input", m.Key, m.KeyOffset,
					len(data))
			}
			checkOffsets(t, data, m.Value)
		}
	}
	if !ok {
		t.Fatalf("%s at offset %d, where the input holds %q", v.Kind, v.Offset,
			at[:min(len(at), 16)])
	}
}
