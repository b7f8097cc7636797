package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/diag"
	"github.com/flopack/flopack/export"
)

const validExport = "../../lint/testdata/valid.flopack"

// writeExport writes the valid fixture, changed by mutate, to dir/name: compact as Okta
// writes exports, or indented.
func writeExport(t *testing.T, dir, name string, indent bool,
	mutate func(*export.Document)) string {
	t.Helper()
	doc, err := export.ReadFile(validExport)
	if err != nil {
		t.Fatal(err)
	}
	if mutate != nil {
		mutate(doc)
	}
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, export.Marshal(doc.Root, indent), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// body is the flow body embedded in the fixture's For Each card.
func body(doc *export.Document) export.Flow {
	forEach, _ := doc.Flows()[0].Card("ForEach001")
	return forEach.Embedded()[0]
}

// breakPin points the Concatenate card's pin at an input the Call Flow card does not have.
func breakPin(doc *export.Document) {
	concat, _ := body(doc).Card("Concat0001")
	link := concat.V.Get("pins").Get("ConOut0001").Get("CallFlo001").Items[0]
	link.Set("input", export.NewString("Nope000001"))
}

// unsetRequired leaves Concatenate's required string2 empty: a warning.
func unsetRequired(doc *export.Document) {
	concat, _ := body(doc).Card("Concat0001")
	in, _ := concat.Input("string2")
	in.Value().Set("data", export.NewString(""))
}

func TestLintCommand(t *testing.T) {
	dir := t.TempDir()
	valid := writeExport(t, dir, "ok/valid.flopack", false, nil)
	broken := writeExport(t, dir, "bad/broken.flopack", false, breakPin)
	indented := writeExport(t, dir, "indented.folder", true, breakPin)
	warned := writeExport(t, dir, "warn/warned.flow", false, unsetRequired)
	writeExport(t, dir, "warn/.git/ignored.flopack", false, breakPin)
	notes := filepath.Join(dir, "warn", "notes.txt")
	if err := os.WriteFile(notes, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}

	at := positionOf(t, indented, `"Nope000001"`)
	const pinFinding = `flow "Flex de-provisioning › For Each - Ignore Errors" › card ` +
		`"Concatenate": PIN_TARGET_INPUT: output: pin into card "Call Flow" names input ` +
		`"Nope000001", which that card does not have`
	const warnFinding = `flow "Flex de-provisioning › For Each - Ignore Errors" › card ` +
		`"Concatenate": REQUIRED_INPUT (warning): string2: required input is neither set nor ` +
		`pinned`

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    string
		wantErrSub string
	}{
		{"valid", []string{"lint", valid}, 0, "",
			"flopack lint: 1 file, 0 errors, 0 warnings\n"},
		{"error on one line: no line:col", []string{"lint", broken}, 1,
			broken + ": " + pinFinding + "\n", "flopack lint: 1 file, 1 error, 0 warnings\n"},
		{"indented file keeps line:col", []string{"lint", indented}, 1,
			indented + at + ": " + pinFinding + "\n", "1 error"},
		{"warning passes", []string{"lint", warned}, 0, warned + ": " + warnFinding + "\n",
			"flopack lint: 1 file, 0 errors, 1 warning\n"},
		{"warning fails with --strict", []string{"lint", "--strict", warned}, 1,
			warned + ": " + warnFinding + "\n", "1 warning"},
		{"directory walk skips hidden dirs and other files", []string{"lint", dir}, 1,
			broken + ": " + pinFinding + "\n" + indented + at + ": " + pinFinding + "\n" +
				warned + ": " + warnFinding + "\n",
			"flopack lint: 4 files, 2 errors, 1 warning\n"},
		{"bad format", []string{"lint", "--format", "yaml", valid}, 2, "",
			`unknown format "yaml": use one of text, json, github`},
		{"no arguments", []string{"lint"}, 2, "", "requires at least 1 arg"},
		// A path that cannot be read is invalid input, as for build, verify and run: exit 1,
		// after linting the paths that can be read.
		{"missing path", []string{"lint", filepath.Join(dir, "nope.flopack")}, 1, "",
			"no such file"},
		{"missing path beside a valid file", []string{"lint", valid,
			filepath.Join(dir, "nope.flopack")}, 1, "",
			"flopack lint: 1 file, 0 errors, 0 warnings\nflopack: lint: stat "},
		{"directory without exports", []string{"lint", empty}, 1, "",
			"no .flopack, .folder or .flow files under"},
		{"unknown flag", []string{"lint", "--fix", valid}, 2, "", "unknown flag: --fix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.wantCode, errOut)
			}
			if diff := cmp.Diff(tt.wantOut, out); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if !strings.Contains(errOut, tt.wantErrSub) {
				t.Errorf("stderr %q does not contain %q", errOut, tt.wantErrSub)
			}
		})
	}
}

func TestLintFormats(t *testing.T) {
	dir := t.TempDir()
	broken := writeExport(t, dir, "broken.flopack", false, breakPin)

	code, out, _ := runCLI(t, "lint", "--format", "json", broken)
	if code != 1 {
		t.Errorf("json: exit code %d, want 1", code)
	}
	var got []diag.Diagnostic
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("json output does not parse: %v\n%s", err, out)
	}
	if len(got) != 1 {
		t.Fatalf("json: want one finding, got %v", got)
	}
	// The one-line file's column is the byte offset of the stale input id, plus one.
	data, err := os.ReadFile(broken)
	if err != nil {
		t.Fatal(err)
	}
	col := bytes.Index(data, []byte(`"Nope000001"`)) + 1
	want := diag.Diagnostic{Path: broken, Line: 1, Column: col,
		Flow: "Flex de-provisioning › For Each - Ignore Errors", Card: "Concatenate",
		Field: "output", Rule: "PIN_TARGET_INPUT", Severity: diag.Error,
		Message: `pin into card "Call Flow" names input "Nope000001", which that card does ` +
			`not have`}
	if diff := cmp.Diff(want, got[0]); diff != "" {
		t.Errorf("json (-want +got):\n%s", diff)
	}

	code, out, _ = runCLI(t, "lint", "--format", "github", broken)
	if code != 1 {
		t.Errorf("github: exit code %d, want 1", code)
	}
	wantLine := "::error file=" + githubEscape(broken) + ",line=1,col=" + itoa(col) +
		",title=PIN_TARGET_INPUT::flow \"Flex de-provisioning › For Each - Ignore Errors\" › " +
		"card \"Concatenate\": output: pin into card \"Call Flow\" names input \"Nope000001\", " +
		"which that card does not have\n"
	if diff := cmp.Diff(wantLine, out); diff != "" {
		t.Errorf("github (-want +got):\n%s", diff)
	}
}

// positionOf returns ":line:col" of the first s in the file at path.
func positionOf(t *testing.T, path, s string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		t.Fatalf("%s: no %s", path, s)
	}
	line := bytes.Count(data[:i], []byte("\n")) + 1
	col := i - bytes.LastIndexByte(data[:i], '\n')
	return ":" + itoa(line) + ":" + itoa(col)
}

func githubEscape(s string) string {
	return strings.NewReplacer("%", "%25", ":", "%3A", ",", "%2C").Replace(s)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// runF receives the parsed options without linting anything.
func TestLintFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want lintOptions
	}{
		{"defaults", []string{"a.flopack"},
			lintOptions{Paths: []string{"a.flopack"}, Format: diag.Text}},
		{"all flags", []string{"--format", "github", "--strict", "a", "dir"},
			lintOptions{Paths: []string{"a", "dir"}, Format: diag.GitHub, Strict: true}},
		{"json", []string{"--format=json", "x"},
			lintOptions{Paths: []string{"x"}, Format: diag.JSON}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *lintOptions
			ios := &streams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			cmd := newLintCmd(ios, func(o *lintOptions) error {
				got = o
				return nil
			})
			cmd.SetArgs(tt.args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			got.IO = nil
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
