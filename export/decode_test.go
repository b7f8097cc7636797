package export

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A decode error names what is wrong, at the offset of the byte that is wrong: a byte that
// is not UTF-8 is reported as a byte, never as the Latin-1 character it would be.
func TestDecodeErrors(t *testing.T) {
	const notUTF8 = " is not UTF-8 text; exports are UTF-8 (was the file saved in another " +
		"encoding?)"
	tests := []struct {
		name string
		in   string
		want SyntaxError
	}{
		{"UTF-8 byte order mark", "\xEF\xBB\xBF{}", SyntaxError{0, "the file starts with a " +
			"byte order mark (U+FEFF, bytes EF BB BF); JSON exports have none: save it as " +
			"UTF-8 without a BOM"}},
		{"UTF-16 little-endian", "\xFF\xFE{\x00}\x00", SyntaxError{0, "the file is UTF-16 " +
			"(it starts with the byte order mark FF FE); exports are UTF-8: save it as UTF-8 " +
			"without a BOM"}},
		{"UTF-16 big-endian", "\xFE\xFF\x00{\x00}", SyntaxError{0, "the file is UTF-16 " +
			"(it starts with the byte order mark FE FF); exports are UTF-8: save it as UTF-8 " +
			"without a BOM"}},
		{"FF FE, then no UTF-16", "\xFF\xFE{}", SyntaxError{0, "byte 0xFF" + notUTF8}},
		{"byte order mark after a space", " \xEF\xBB\xBF{}", SyntaxError{1, "unexpected " +
			"byte order mark (U+FEFF) where a value should start"}},
		{"0xFF where a value starts", `{"a": ` + "\xFF}", SyntaxError{6, "byte 0xFF" + notUTF8}},
		{"0xFF first", "\xFF", SyntaxError{0, "byte 0xFF" + notUTF8}},
		{"Latin-1 in a string", `{"name": "caf` + "\xE9" + `"}`,
			SyntaxError{13, "byte 0xE9" + notUTF8}},
		{"Latin-1 in a string with escapes", `["\n` + "\xE9" + `"]`,
			SyntaxError{4, "byte 0xE9" + notUTF8}},
		{"truncated sequence in a key", `{"a` + "\xC3" + `": 1}`,
			SyntaxError{3, "byte 0xC3" + notUTF8}},
		{"not UTF-8 after a value", "{}\xFF", SyntaxError{2, "byte 0xFF" + notUTF8}},
		{"not UTF-8 in an array", "[1\x80]", SyntaxError{2, "byte 0x80" + notUTF8}},
		{"letter where a value starts", `{"a": x}`, SyntaxError{6, "unexpected 'x' where a " +
			"value should start"}},
		{"UTF-8 letter where a value starts", "[é]", SyntaxError{1, "unexpected 'é' where a " +
			"value should start"}},
		{"NUL where a value starts", "[\x00]", SyntaxError{1, "unexpected character U+0000 " +
			"where a value should start"}},
		{"trailing data", "{} x", SyntaxError{3, "unexpected 'x' after the top-level value"}},
		{"missing colon", `{"a" 1}`, SyntaxError{5, `unexpected '1' after object key "a"`}},
		{"truncated", `{"a":`, SyntaxError{5, "unexpected end of input (the file may be " +
			"truncated)"}},
		{"empty", "", SyntaxError{0, "unexpected end of input (the file may be truncated)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.in))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("want a *SyntaxError, got %v", err)
			}
			if diff := cmp.Diff(tt.want, *se); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// Valid UTF-8 text is read whatever it holds, including a U+FEFF inside a string.
func TestDecodeUnicode(t *testing.T) {
	v, err := Decode([]byte(`{"name": "café \uFEFF` + "\uFEFF" + `"}`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := v.Get("name").Str(), "café \uFEFF\uFEFF"; got != want {
		t.Errorf("name %q, want %q", got, want)
	}
}
