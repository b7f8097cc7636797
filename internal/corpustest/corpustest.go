// Package corpustest finds the real Okta Workflows exports that tests learn the format from
// (../shared/corpus beside the repository), so every package's tests read the same files.
//
// Tests that need the corpus skip when it is not there: a clone on its own still passes,
// and the corpus checks run wherever the shared folder sits beside the repository.
package corpustest

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Dir returns the corpus directory found by walking up from the test's package directory,
// or "" when there is none. Walking up, rather than a fixed ../../, keeps tests working
// from a git worktree nested deeper than the main checkout.
func Dir() string {
	dir, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// List returns the corpus exports (.flopack, .folder, .flow), sorted; none when there is no
// corpus.
func List(t testing.TB) []string {
	t.Helper()
	root := Dir()
	if root == "" {
		return nil
	}
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch filepath.Ext(path) {
		case ".flopack", ".folder", ".flow":
			if !d.IsDir() {
				files = append(files, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

// Files returns the corpus exports, skipping the test when there are none.
func Files(t testing.TB) []string {
	t.Helper()
	files := List(t)
	if len(files) == 0 {
		t.Skip("no shared/corpus above the package directory")
	}
	return files
}

// Path returns the path of one corpus file, given relative to the corpus directory, skipping
// the test when there is no corpus.
func Path(t testing.TB, rel string) string {
	t.Helper()
	root := Dir()
	if root == "" {
		t.Skip("no shared/corpus above the package directory")
	}
	return filepath.Join(root, rel)
}
