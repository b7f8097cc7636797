package lint

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/diag"
)

func TestRulesTable(t *testing.T) {
	upperSnake := regexp.MustCompile(`^[A-Z]+(_[A-Z]+)*$`)
	seen := map[string]bool{}
	for _, r := range Rules {
		if !upperSnake.MatchString(r.ID) {
			t.Errorf("%s: id is not UPPER_SNAKE", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("%s: listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.check == nil || r.Summary == "" || r.Category == "" {
			t.Errorf("%s: needs a check, a summary and a category", r.ID)
		}
		if r.Severity != diag.Error && r.Severity != diag.Warning {
			t.Errorf("%s: severity %q", r.ID, r.Severity)
		}
		if got, ok := RuleByID(r.ID); !ok || got.ID != r.ID {
			t.Errorf("%s: RuleByID does not find it", r.ID)
		}
	}
	if _, ok := RuleByID("NO_SUCH_RULE"); ok {
		t.Error("RuleByID found a rule that does not exist")
	}
}

// The README's rule table must list exactly the rules of the code, with their severities.
func TestREADMEListsRules(t *testing.T) {
	// Only the lint section: other commands document their own check ids in tables too.
	section := readmeLintSection(t)
	row := regexp.MustCompile("(?m)^\\| `([A-Z_]+)` \\| (error|warning) \\|")
	listed := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		listed[m[1]] = m[2]
	}
	for _, r := range Rules {
		sev, ok := listed[r.ID]
		switch {
		case !ok:
			t.Errorf("README lists no row for %s", r.ID)
		case sev != string(r.Severity):
			t.Errorf("README gives %s severity %s, the code %s", r.ID, sev, r.Severity)
		}
		delete(listed, r.ID)
	}
	for id := range listed {
		t.Errorf("README lists %s, which is not a rule", id)
	}
}

// The README's example of --format json names the fields of a finding, in the order
// diag.Diagnostic writes them.
func TestREADMEListsJSONFields(t *testing.T) {
	section := readmeLintSection(t)
	m := regexp.MustCompile(`--format json \S+ +# one JSON array: (.*)`).FindStringSubmatch(section)
	if m == nil {
		t.Fatal("the README's lint section has no --format json example listing the fields")
	}
	listed := strings.Split(m[1], ", ")

	var fields []string
	typ := reflect.TypeFor[diag.Diagnostic]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		fields = append(fields, name)
	}
	if diff := cmp.Diff(fields, listed); diff != "" {
		t.Errorf("README JSON fields (-diag.Diagnostic +README):\n%s", diff)
	}
}

// readmeLintSection returns the README's "## flopack lint" section.
func readmeLintSection(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, found := strings.Cut(string(data), "\n## flopack lint")
	if !found {
		t.Fatal(`README has no "## flopack lint" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	return section
}
