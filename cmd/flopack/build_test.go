package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/export"
)

const exampleSpec = "../../testdata/flex-deprovision.yaml"

// copySpec puts the example spec into a fresh directory and returns its path there.
func copySpec(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(exampleSpec)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBuildFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		want     buildOptions
		wantCode int
	}{
		{"spec only", []string{"s.yaml"}, buildOptions{SpecPath: "s.yaml"}, exitOK},
		{"output", []string{"s.yaml", "-o", "-"}, buildOptions{SpecPath: "s.yaml", Output: "-"}, exitOK},
		{"check", []string{"s.yaml", "--check", "x.flopack"},
			buildOptions{SpecPath: "s.yaml", Check: "x.flopack"}, exitOK},
		{"compact and created", []string{"s.yaml", "--compact", "--created", "2026-01-02T03:04:05Z"},
			buildOptions{SpecPath: "s.yaml", Compact: true, Created: "2026-01-02T03:04:05Z"}, exitOK},
		{"no spec", nil, buildOptions{}, exitUsage},
		{"two specs", []string{"a.yaml", "b.yaml"}, buildOptions{}, exitUsage},
		{"check and output", []string{"s.yaml", "--check", "x", "-o", "y"}, buildOptions{}, exitUsage},
		{"unknown flag", []string{"s.yaml", "--out", "x"}, buildOptions{}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			ios := &streams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &stderr}
			var got *buildOptions
			root := newRootCmd(ios)
			root.RemoveCommand(root.Commands()...)
			root.AddCommand(newBuildCmd(ios, func(o *buildOptions) error { got = o; return nil }))
			root.SetArgs(append([]string{"build"}, tt.args...))
			_, err := root.ExecuteC()

			if code := exitCode(err, &stderr); code != tt.wantCode {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, tt.wantCode, &stderr)
			}
			if tt.wantCode != exitOK {
				return
			}
			got.IO = nil
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

// The README's first command: the example spec builds beside itself, quietly on stdout.
func TestBuildWritesBesideSpec(t *testing.T) {
	spec := copySpec(t, "flex.yaml")
	code, stdout, stderr := runCLI(t, "build", spec)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing: the export goes to the file", stdout)
	}
	dir := filepath.Dir(spec)
	assertOnlyFiles(t, dir, "flex.flopack", "flex.yaml")
	doc, err := export.ReadFile(filepath.Join(dir, "flex.flopack"))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Flows()[0].Name(); got != "Delete Flex worker when unassigned in Okta" {
		t.Errorf("flow name %q", got)
	}
}

func TestBuildToStdoutIsTheExport(t *testing.T) {
	code, stdout, stderr := runCLI(t, "build", exampleSpec, "-o", "-", "--compact")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Count(stdout, "\n") != 0 {
		t.Error("--compact output spans several lines")
	}
	if _, err := export.Decode([]byte(stdout)); err != nil {
		t.Errorf("stdout is not JSON: %v", err)
	}
	if stderr != "" {
		t.Errorf("stderr = %q, want nothing with -o -", stderr)
	}
}

// The committed example export must stay what its spec builds to; this is the check CI runs.
func TestCommittedExampleIsUpToDate(t *testing.T) {
	code, _, stderr := runCLI(t, "build", exampleSpec, "--check", "../../testdata/flex-deprovision.flopack")
	if code != exitOK {
		t.Fatalf("exit %d: %s\nrun: go run ./cmd/flopack build testdata/flex-deprovision.yaml",
			code, stderr)
	}
}

func TestBuildCheckNamesTheDifference(t *testing.T) {
	spec := copySpec(t, "flex.yaml")
	if code, _, stderr := runCLI(t, "build", spec); code != exitOK {
		t.Fatal(stderr)
	}
	built := strings.TrimSuffix(spec, ".yaml") + ".flopack"
	original, err := os.ReadFile(built)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		change func(s string) string
		want   string
	}{
		{"unchanged", func(s string) string { return s }, ""},
		{"path of Object Get", func(s string) string {
			return strings.Replace(s, `"workers.0.sid"`, `"workers.1.sid"`, 1)
		}, `flow "Delete Flex worker when unassigned in Okta" › card "Read worker SID"`},
		{"event app id", func(s string) string {
			return strings.Replace(s, `"0oagsUh1ih5BqmnrgFnB"`, `"0oaXXXXXXXXXXXXXXXXX"`, 1)
		}, `card "User Unassigned from Application"`},
		{"created", func(s string) string {
			return strings.Replace(s, "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", 1)
		}, "its envelope"},
		{"whitespace", func(s string) string { return s + "\n" }, "formatting only"},
		{"not JSON", func(s string) string { return s[:len(s)/2] }, "its JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := filepath.Join(t.TempDir(), "committed.flopack")
			if err := os.WriteFile(check, []byte(tt.change(string(original))), 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runCLI(t, "build", spec, "--check", check)
			if tt.want == "" {
				if code != exitOK {
					t.Fatalf("exit %d for an up-to-date file: %s", code, stderr)
				}
				return
			}
			if code != exitFindings {
				t.Fatalf("exit %d, want %d; stderr: %s", code, exitFindings, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr does not name %q:\n%s", tt.want, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q", stdout)
			}
			after, _ := os.ReadFile(check)
			if string(after) != tt.change(string(original)) {
				t.Error("--check changed the file it checks")
			}
		})
	}
}

// A bad spec leaves no file, and an export from an earlier build survives untouched.
func TestBuildFailureWritesNothing(t *testing.T) {
	spec := copySpec(t, "flex.yaml")
	dir := filepath.Dir(spec)
	existing := filepath.Join(dir, "flex.flopack")
	if err := os.WriteFile(existing, []byte("earlier export"), 0o644); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(spec)
	bad := strings.Replace(string(data), "WS968b72e82a57b6c1fdcc40f64a24085d", "WS123", 1)
	if err := os.WriteFile(spec, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := runCLI(t, "build", spec)
	if code != exitFindings {
		t.Fatalf("exit %d, want %d", code, exitFindings)
	}
	if !strings.Contains(stderr, spec+":18:18: twilio.workspace_sid:") {
		t.Errorf("stderr does not point at the SID:\n%s", stderr)
	}
	if stdout != "" {
		t.Errorf("stdout = %q", stdout)
	}
	assertOnlyFiles(t, dir, "flex.flopack", "flex.yaml")
	if got, _ := os.ReadFile(existing); string(got) != "earlier export" {
		t.Error("a failed build changed the existing export")
	}
}

// An output directory that does not exist fails before anything is written.
func TestBuildUnwritableOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "missing", "x.flopack")
	code, _, stderr := runCLI(t, "build", exampleSpec, "-o", out)
	if code != exitFindings || !strings.Contains(stderr, out) {
		t.Errorf("exit %d, stderr %q; want exit 1 naming %s", code, stderr, out)
	}
}

func TestBuildCreatedTime(t *testing.T) {
	created := func(t *testing.T, args ...string) string {
		t.Helper()
		code, stdout, stderr := runCLI(t, append([]string{"build", exampleSpec, "-o", "-"}, args...)...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		doc, err := export.Decode([]byte(stdout))
		if err != nil {
			t.Fatal(err)
		}
		return doc.Get("created").Str()
	}
	if got := created(t); got != "2026-01-01T00:00:00.000Z" {
		t.Errorf("default created = %q", got)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1764860400")
	if got := created(t); got != "2025-12-04T15:00:00.000Z" {
		t.Errorf("created from SOURCE_DATE_EPOCH = %q", got)
	}
	if got := created(t, "--created", "2026-06-30T12:00:00.5+02:00"); got != "2026-06-30T10:00:00.500Z" {
		t.Errorf("created from --created = %q", got)
	}

	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if code, _, stderr := runCLI(t, "build", exampleSpec, "-o", "-"); code != exitUsage ||
		!strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("bad SOURCE_DATE_EPOCH: exit %d, stderr %q", code, stderr)
	}
}

// build refuses to write an export its own linter rejects; a real export passes.
func TestLintOwnOutput(t *testing.T) {
	err := lintOwnOutput("s.yaml", []byte(`{"type":"flopack","version":"9.9.9"}`))
	if err == nil || !strings.Contains(err.Error(), "internal error") ||
		!strings.Contains(err.Error(), "ENVELOPE_VERSION") {
		t.Errorf("err = %v, want an internal error naming the rule", err)
	}
	good, err := os.ReadFile("../../testdata/flex-deprovision.flopack")
	if err != nil {
		t.Fatal(err)
	}
	if err := lintOwnOutput("s.yaml", good); err != nil {
		t.Errorf("the example export fails lint: %v", err)
	}
}

// A build never overwrites its own spec, whatever the names.
func TestBuildRefusesToOverwriteSpec(t *testing.T) {
	spec := copySpec(t, "flex.flopack") // a spec saved with the export's extension
	data, _ := os.ReadFile(spec)
	for _, args := range [][]string{
		{"build", spec},
		{"build", spec, "-o", spec},
		{"build", spec, "--check", spec},
	} {
		code, _, stderr := runCLI(t, args...)
		if code != exitUsage || !strings.Contains(stderr, "is the spec itself") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
		if after, _ := os.ReadFile(spec); string(after) != string(data) {
			t.Fatalf("%v overwrote the spec", args)
		}
	}
}

func TestBuildOutputDirectory(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCLI(t, "build", exampleSpec, "-o", dir)
	if code != exitFindings || !strings.Contains(stderr, "is a directory") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runCLI(t, "build", exampleSpec, "-o", ""); code != exitUsage {
		t.Errorf("-o '': exit %d, want %d", code, exitUsage)
	}
}

// The starter's example ids build, with a warning that they are placeholders.
func TestBuildWarnsAboutStarterIDs(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "flopack.yaml")
	if code, _, stderr := runCLI(t, "init", "-o", spec); code != exitOK {
		t.Fatal(stderr)
	}
	code, _, stderr := runCLI(t, "build", spec)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, field := range []string{"okta.app_instance_id", "twilio.workspace_sid"} {
		if !strings.Contains(stderr, field+": still the example") {
			t.Errorf("no warning for %s:\n%s", field, stderr)
		}
	}
	if _, _, stderr := runCLI(t, "build", exampleSpec, "-o", "-"); strings.Contains(stderr, "warning") {
		t.Errorf("warning for a spec with real-looking ids: %s", stderr)
	}
}
