package expression

import (
	"errors"
	"testing"
)

// FuzzParse checks that no input makes Parse or Match panic, and that every error points
// inside the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`email=="bob@example.com"`,
		`email == 'a' AND (level > 2 OR routing.skills HAS "x")`,
		`email NOT IN ["a", 'b', 1, true]`,
		`email=="a"b"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SyntaxError", err)
			}
			if se.Offset < 0 || se.Offset > len(src) {
				t.Fatalf("offset %d outside input of %d bytes", se.Offset, len(src))
			}
			return
		}
		Match(e, Attributes(bob))
	})
}
