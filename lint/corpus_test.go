package lint

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/flopack/flopack/diag"
)

// locateCorpus finds shared/corpus by walking up from the package directory: the
// repository sits beside shared/ on main and in CI, but deeper in a worktree. It returns ""
// when there is none.
func locateCorpus() string {
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

// listCorpus lists the real exports, sorted; none when there is no corpus.
func listCorpus(t testing.TB) []string {
	t.Helper()
	root := locateCorpus()
	if root == "" {
		return nil
	}
	var files []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isExportName(path) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// corpusFiles lists the real exports, skipping the test when there are none.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	files := listCorpus(t)
	if len(files) == 0 {
		t.Skip("no shared/corpus above the package directory")
	}
	return files
}

func isExportName(path string) bool {
	switch filepath.Ext(path) {
	case ".flopack", ".folder", ".flow":
		return true
	}
	return false
}

// Every real export lints without errors; warnings are counted per rule and logged (the
// report quotes them).
func TestCorpusLintsClean(t *testing.T) {
	files := corpusFiles(t)
	warnings := map[string]int{}
	for _, path := range files {
		ds, err := File(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if d.Severity == diag.Error {
				t.Errorf("%s", d)
			} else {
				warnings[d.Rule]++
			}
		}
	}
	t.Logf("%d files, warnings per rule: %v", len(files), warnings)
}

// The hand-made fixture is a small export with every kind of wiring the rules look at: a
// connection, a folder, an event card feeding a For Each whose embedded body holds an
// expand card and a Call Flow card naming a stub. Other tests break it.
const validFixture = "testdata/valid.flopack"

func TestValidFixtureLintsClean(t *testing.T) {
	ds, err := File(validFixture)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) > 0 {
		t.Errorf("want no findings, got:\n%s", diag.List(ds))
	}
}
