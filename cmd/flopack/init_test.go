package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/flowspec"
)

func TestInitFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		want     initOptions
		wantCode int
	}{
		{"defaults", nil, initOptions{Output: "flopack.yaml"}, exitOK},
		{"output and force", []string{"-o", "x.yaml", "--force"},
			initOptions{Output: "x.yaml", Force: true}, exitOK},
		{"stdout", []string{"--output", "-"}, initOptions{Output: "-"}, exitOK},
		{"empty output", []string{"-o", ""}, initOptions{}, exitUsage},
		{"argument", []string{"spec.yaml"}, initOptions{}, exitUsage},
		{"unknown flag", []string{"--overwrite"}, initOptions{}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stderr bytes.Buffer
			ios := &streams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &stderr}
			var got *initOptions
			cmd := newInitCmd(ios, func(o *initOptions) error { got = o; return nil })
			root := newRootCmd(ios)
			root.RemoveCommand(root.Commands()...)
			root.AddCommand(cmd)
			root.SetArgs(append([]string{"init"}, tt.args...))
			root.SetOut(&bytes.Buffer{})
			root.SetErr(&stderr)
			_, err := root.ExecuteC()

			if code := exitCode(err, &stderr); code != tt.wantCode {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, tt.wantCode, &stderr)
			}
			if tt.wantCode != exitOK {
				if got != nil {
					t.Errorf("runF called despite a usage error: %+v", got)
				}
				return
			}
			got.IO = nil
			if diff := cmp.Diff(&tt.want, got); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

func TestInitWritesStarter(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "flex.yaml")

	code, stdout, stderr := runCLI(t, "init", "-o", path)
	if code != exitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if want := "wrote " + path + "; replace the two IDs"; !strings.HasPrefix(stderr, want) {
		t.Errorf("stderr %q, want it to start with %q", stderr, want)
	}

	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, flowspec.Starter()) {
		t.Error("written file differs from flowspec.Starter()")
	}
	if _, err := flowspec.Load(path); err != nil {
		t.Errorf("written starter does not load: %v", err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o644 {
		t.Errorf("mode %v, want 0644", mode)
	}
	assertOnlyFiles(t, dir, "flex.yaml")
}

func TestInitKeepsExistingFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "flopack.yaml")
	if err := os.WriteFile(path, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := runCLI(t, "init", "-o", path)
	wantErr := "flopack: write " + path +
		": the file already exists; pass --force to overwrite it\n"
	if code != exitFindings || stdout != "" || stderr != wantErr {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and stderr %q",
			code, stdout, stderr, wantErr)
	}
	if got, _ := os.ReadFile(path); string(got) != "mine\n" {
		t.Errorf("existing file changed to %q", got)
	}
	assertOnlyFiles(t, dir, "flopack.yaml")

	code, _, stderr = runCLI(t, "init", "-o", path, "--force")
	if code != exitOK {
		t.Fatalf("--force: exit %d, stderr %q", code, stderr)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, flowspec.Starter()) {
		t.Error("--force did not replace the file with the starter spec")
	}
	assertOnlyFiles(t, dir, "flopack.yaml")
}

func TestInitErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	missing := filepath.Join(dir, "no-such-dir", "flopack.yaml")

	code, stdout, stderr := runCLI(t, "init", "-o", missing)
	want := "flopack: write " + missing + ": no such file or directory\n"
	if code != exitFindings || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1, stderr %q",
			code, stdout, stderr, want)
	}
}

func TestInitToStdout(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runCLI(t, "init", "-o", "-")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if diff := cmp.Diff(string(flowspec.Starter()), stdout); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
}

// runCLI runs flopack with args and returns the exit code, stdout and stderr.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// assertOnlyFiles fails unless dir holds exactly the named files: no temporary file left.
func assertOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if diff := cmp.Diff(names, got); diff != "" {
		t.Errorf("files in %s (-want +got):\n%s", dir, diff)
	}
}
