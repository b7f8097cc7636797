package export

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/flopack/flopack/internal/corpustest"
)

// Every real export must come back byte for byte when decoded and encoded compactly:
// that proves the encoder writes what Okta's JSON.stringify wrote.
func TestCorpusRoundTrip(t *testing.T) {
	for _, path := range corpustest.Files(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		v, err := Decode(data)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		got := Marshal(v, false)
		if !bytes.Equal(bytes.TrimSpace(data), got) {
			i := 0
			for i < len(got) && i < len(data) && got[i] == data[i] {
				i++
			}
			t.Errorf("%s: re-encoded bytes differ at offset %d", path, i)
		}
	}
}

// The indented form must be what encoding/json reads as the same document.
func TestIndentedIsSameJSON(t *testing.T) {
	path := corpustest.Files(t)[0]
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(Marshal(v, true), &b); err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Error("indented encoding is not the same JSON document")
	}
}
