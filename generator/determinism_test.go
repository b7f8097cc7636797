package generator

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/flowspec"
)

func TestBuildIsReproducible(t *testing.T) {
	a := export.Marshal(mustBuild(t, exampleSpec()).Root, true)
	b := export.Marshal(mustBuild(t, exampleSpec()).Root, true)
	if !bytes.Equal(a, b) {
		t.Fatal("two builds of one spec differ")
	}
}

// diffLeaves walks two documents of the same structure and returns the pairs of leaves that
// differ, failing when the structure itself differs (a key added, moved or renamed).
func diffLeaves(t *testing.T, path string, a, b *export.Value) [][2]string {
	t.Helper()
	if a.Kind != b.Kind {
		t.Errorf("%s: %s became %s", path, a.Kind, b.Kind)
		return nil
	}
	var diffs [][2]string
	switch a.Kind {
	case export.Object:
		if len(a.Members) != len(b.Members) {
			t.Errorf("%s: %d keys became %d", path, len(a.Members), len(b.Members))
			return nil
		}
		for i := range a.Members {
			ka, kb := a.Members[i].Key, b.Members[i].Key
			if ka != kb {
				t.Errorf("%s: key %q became %q", path, ka, kb)
				continue
			}
			diffs = append(diffs, diffLeaves(t, path+"/"+ka, a.Members[i].Value, b.Members[i].Value)...)
		}
	case export.Array:
		if len(a.Items) != len(b.Items) {
			t.Errorf("%s: %d items became %d", path, len(a.Items), len(b.Items))
			return nil
		}
		for i := range a.Items {
			diffs = append(diffs, diffLeaves(t, path+"/[]", a.Items[i], b.Items[i])...)
		}
	default:
		if !export.Equal(a, b) {
			diffs = append(diffs, [2]string{a.Text, b.Text})
		}
	}
	return diffs
}

// Changing only the workspace SID changes only the values that hold it: every id, key and
// card stays where it was, so the Git diff of a committed export is one line.
func TestWorkspaceChangeTouchesOnlyItsValues(t *testing.T) {
	spec := exampleSpec()
	a := mustBuild(t, spec)
	const other = "WSfedcba9876543210fedcba9876543210"
	spec.Twilio.WorkspaceSID = other
	b := mustBuild(t, spec)

	diffs := diffLeaves(t, "", a.Root, b.Root)
	if len(diffs) == 0 {
		t.Fatal("changing the workspace SID changed nothing")
	}
	for _, d := range diffs {
		if !strings.Contains(d[0], exampleSpec().Twilio.WorkspaceSID) || !strings.Contains(d[1], other) {
			t.Errorf("value %q became %q, though it does not hold the workspace SID", d[0], d[1])
		}
	}
}

// ids collects every id of an export: flow, folder and connection ids, card and field ids,
// ordering ids and pin ends.
func ids(doc *export.Document) []string {
	var out []string
	var walk func(f export.Flow)
	walk = func(f export.Flow) {
		out = append(out, f.ID())
		for _, c := range f.Cards() {
			out = append(out, c.ID())
			for _, fl := range append(c.Inputs(), c.Outputs()...) {
				out = append(out, fl.ID)
			}
			for _, p := range c.Pins() {
				out = append(out, p.Output+">"+p.ToCard+"."+p.Input)
			}
			for _, b := range c.Embedded() {
				walk(b)
			}
		}
		for _, o := range f.Orderings() {
			out = append(out, o.ID)
		}
	}
	for _, f := range doc.Flows() {
		walk(f)
	}
	for _, key := range []string{"configs", "groups"} {
		for _, m := range doc.Data().Get(key).Members {
			out = append(out, m.Key)
		}
	}
	return out
}

// No id depends on a spec value that is not the name of what it identifies.
func TestIDsDoNotChurn(t *testing.T) {
	base := ids(mustBuild(t, exampleSpec()))
	changes := map[string]func(s *flowspec.Spec){
		"workspace SID":    func(s *flowspec.Spec) { s.Twilio.WorkspaceSID = "WS" + strings.Repeat("f", 32) },
		"app instance":     func(s *flowspec.Spec) { s.Okta.AppInstanceID = "0oaZZZZZZZZZZZZZZZZZ" },
		"worker attribute": func(s *flowspec.Spec) { s.Twilio.WorkerAttribute = "contact.mail" },
		"description":      func(s *flowspec.Spec) { s.Flow.Description = "changed" },
		"save history":     func(s *flowspec.Spec) { s.Flow.SaveHistory = false },
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			spec := exampleSpec()
			change(spec)
			if diff := cmp.Diff(base, ids(mustBuild(t, spec))); diff != "" {
				t.Errorf("ids changed (-before +after):\n%s", diff)
			}
		})
	}
}

func TestCreated(t *testing.T) {
	doc := mustBuild(t, exampleSpec())
	if got := doc.Root.Get("created").Str(); got != "2026-01-01T00:00:00.000Z" {
		t.Errorf("default created = %q", got)
	}
	at := time.Date(2026, 12, 4, 15, 42, 7, 123e6, time.FixedZone("CET", 3600))
	doc, err := Build(exampleSpec(), Options{Created: at})
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Root.Get("created").Str(); got != "2026-12-04T14:42:07.123Z" {
		t.Errorf("created = %q, want the time in UTC with milliseconds", got)
	}
}
