package flexflow

import (
	"errors"
	"testing"

	"github.com/flopack/flopack/export"
)

// FuzzRead checks that no export makes Read panic and that every error offset points
// inside the file.
func FuzzRead(f *testing.F) {
	_, data := load(f)
	f.Add(data)
	f.Add(export.Marshal(mustDecode(f, data), false))
	f.Fuzz(func(t *testing.T, data []byte) {
		root, err := export.Decode(data)
		if err != nil {
			return
		}
		_, err = Read(&export.Document{Root: root})
		var e *Error
		if err != nil && (!errors.As(err, &e) || e.Offset >= len(data)) {
			t.Fatalf("error %v (offset outside the input, or not an *Error)", err)
		}
	})
}

func mustDecode(t testing.TB, data []byte) *export.Value {
	v, err := export.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
