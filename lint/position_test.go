package lint

import (
	"testing"

	"github.com/flopack/flopack/export"
)

// The index must agree with export.Position, which it replaces for speed.
func TestLineIndexMatchesExportPosition(t *testing.T) {
	inputs := []string{"", "{}", "\n", "a\nbc\n\ndef", "{\n  \"a\": 1\n}\n", "x\r\ny"}
	for _, in := range inputs {
		data := []byte(in)
		l := newLineIndex(data)
		for off := -1; off <= len(data)+2; off++ {
			wl, wc := export.Position(data, off)
			gl, gc := l.position(off)
			if gl != wl || gc != wc {
				t.Errorf("%q offset %d: got %d:%d, want %d:%d", in, off, gl, gc, wl, wc)
			}
		}
	}
}
