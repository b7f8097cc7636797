package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/diag"
	"github.com/flopack/flopack/export"
)

// Document lints a tree built or changed in memory and has no bytes to give positions.
func TestDocument(t *testing.T) {
	doc, err := export.ReadFile(validFixture)
	if err != nil {
		t.Fatal(err)
	}
	if ds := Document("out.flopack", doc); len(ds) > 0 {
		t.Fatalf("valid fixture: %v", ds)
	}

	doc.Root.Set("version", export.NewString("2.0.0"))
	want := []diag.Diagnostic{{Path: "out.flopack", Rule: "ENVELOPE_VERSION",
		Severity: diag.Error, Message: `"version" is "2.0.0"; known versions are 1.2.0 to 1.5.0`}}
	if diff := cmp.Diff(want, Document("out.flopack", doc)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	for _, d := range []*export.Document{nil, {}} {
		got := firedRules(Document("x", d), diag.Error)
		if diff := cmp.Diff([]string{"ENVELOPE_TYPE"}, got); diff != "" {
			t.Errorf("empty document (-want +got):\n%s", diff)
		}
	}
}

// Findings in an indented export point at the line and column of the broken value.
func TestPositionsInIndentedFile(t *testing.T) {
	data, err := os.ReadFile(validFixture)
	if err != nil {
		t.Fatal(err)
	}
	root, err := export.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	flow := (&export.Document{Root: root}).Flows()[0]
	forEach, _ := flow.Card("ForEach001")
	body := forEach.Embedded()[0].Body
	body.Get("orderings").Get("Ord0000003").Items[1] = export.NewString("Gone000001")
	data = export.Marshal(root, true)

	ds := Bytes("valid.flopack", data)
	if len(ds) != 1 {
		t.Fatalf("want one finding, got %v", ds)
	}
	d := ds[0]
	line, col := d.Line, d.Column
	d.Line, d.Column, d.Message = 0, 0, ""
	want := diag.Diagnostic{Path: "valid.flopack", Flow: "Flex de-provisioning › For Each - " +
		"Ignore Errors", Rule: "ORDERING_CARD", Severity: diag.Error}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	lines := splitLines(data)
	if line < 2 || line > len(lines) || !containsAt(lines[line-1], col, `"Gone000001"`) {
		t.Errorf("position %d:%d does not point at the stale card id", line, col)
	}
}

func splitLines(data []byte) []string {
	var lines []string
	start := 0
	for i, b := range data {
		if b == '\n' {
			lines = append(lines, string(data[start:i]))
			start = i + 1
		}
	}
	return append(lines, string(data[start:]))
}

func containsAt(line string, col int, s string) bool {
	return col >= 1 && col-1+len(s) <= len(line) && line[col-1:col-1+len(s)] == s
}

func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := File(filepath.Join(dir, "missing.flopack")); err == nil {
		t.Error("a missing file: want an error")
	}
	if _, err := File(dir); err == nil {
		t.Error("a directory: want an error")
	}
}

// A file past MaxFileSize gets ENVELOPE_SIZE, not an attempt to decode it.
func TestFileTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.flopack")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: the test writes nothing but the size.
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()

	ds, err := File(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ENVELOPE_SIZE"}, firedRules(ds, diag.Error)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
