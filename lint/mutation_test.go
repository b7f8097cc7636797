package lint

import (
	"github.com/flopack/flopack/internal/corpustest"

	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/diag"
	"github.com/flopack/flopack/export"
)

// A mutation takes a real export and breaks exactly one property, the one its rule checks.
// It reports false when the file offers no place to break it; the test then tries the next
// file. The closest real relative of our flow (builttechnologies, FLOPACK-FORMAT.md) is
// tried first.
type mutation func(doc *export.Document) bool

type corpusFile struct {
	path string
	data []byte
}

var (
	corpusOnce  sync.Once
	corpusCache []corpusFile
)

// loadCorpus reads every real export once for all mutation tests.
func loadCorpus(t *testing.T) []corpusFile {
	t.Helper()
	files := corpustest.Files(t)
	corpusOnce.Do(func() {
		slices.SortStableFunc(files, func(a, b string) int {
			return boolInt(!strings.Contains(a, "builttechnologies")) -
				boolInt(!strings.Contains(b, "builttechnologies"))
		})
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			corpusCache = append(corpusCache, corpusFile{p, data})
		}
	})
	return corpusCache
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// mutate returns the first corpus file that m can break, re-encoded after breaking it.
func mutate(t *testing.T, m mutation) (path string, data []byte) {
	t.Helper()
	for _, f := range loadCorpus(t) {
		root, err := export.Decode(f.data)
		if err != nil {
			t.Fatalf("%s: %v", f.path, err)
		}
		if m(&export.Document{Root: root}) {
			return filepath.Base(f.path), export.Marshal(root, false)
		}
	}
	t.Fatal("no corpus file offers a place for this mutation")
	return "", nil
}

func TestMutations(t *testing.T) {
	tests := []struct {
		rule   string
		mutate mutation
		card   bool // the finding names a card
	}{
		{"ENVELOPE_TYPE", func(d *export.Document) bool {
			d.Root.Set("type", export.NewString("flopak"))
			return true
		}, false},
		{"ENVELOPE_VERSION", func(d *export.Document) bool {
			d.Root.Set("version", export.NewString("1.6.0"))
			return true
		}, false},
		{"ENVELOPE_DATA", func(d *export.Document) bool {
			d.Data().Delete("tables")
			return true
		}, false},
		{"FLOW_SHAPE", func(d *export.Document) bool {
			return withScope(d, func(fs *flowScope) bool {
				fs.flow.Body.Set("orderings", export.NewArray())
				return true
			})
		}, false},
		{"CARD_SHAPE", func(d *export.Document) bool {
			return withCard(d, func(fs *flowScope, cd *card) bool {
				if len(members(cd.V.Get("pins"))) == 0 {
					return false
				}
				cd.V.Set("pins", export.NewArray())
				return true
			})
		}, true},
		{"FLOW_ID", func(d *export.Document) bool {
			e := d.Flows()[0].Entry
			e.Set("id", export.NewString("00000000-0000-4000-8000-000000000001"))
			return true
		}, false},
		{"FLOW_ID", func(d *export.Document) bool { // an embedded body's uuid
			return withScope(d, func(fs *flowScope) bool {
				if fs.top {
					return false
				}
				fs.flow.Body.Set("uuid", export.NewString("not-a-uuid"))
				return true
			})
		}, false},
		{"FLOW_ID_UNIQUE", func(d *export.Document) bool {
			return repeatMember(d.Data().Get("flos"))
		}, false},
		{"FOLDER_ID", func(d *export.Document) bool {
			return setEntryID(d.Data().Get("groups"))
		}, false},
		{"FOLDER_ID_UNIQUE", func(d *export.Document) bool {
			return repeatMember(d.Data().Get("groups"))
		}, false},
		{"CONNECTION_ID", func(d *export.Document) bool {
			return setEntryID(d.Data().Get("configs"))
		}, false},
		{"CONNECTION_ID_UNIQUE", func(d *export.Document) bool {
			return repeatMember(d.Data().Get("configs"))
		}, false},
		{"CARD_ID", func(d *export.Document) bool {
			// Rename the card everywhere in its top-level flow, so that only the id's form
			// is wrong: orderings, pins and expand cards still agree with it.
			for _, f := range d.Flows() {
				if cards := f.Cards(); len(cards) > 0 {
					renameAll(f.Entry, cards[0].ID(), "bad.card!")
					return true
				}
			}
			return false
		}, true},
		{"CARD_ID_UNIQUE", func(d *export.Document) bool {
			return withCard(d, func(fs *flowScope, cd *card) bool {
				if cd.Address() == expandAddress || len(cd.bodies) > 0 {
					return false
				}
				twin := cd.V.Clone()
				twin.Set("pins", export.NewObject())
				for _, io := range []string{"inputs", "outputs"} {
					data := twin.Path("node", "model", io, "data")
					for i := range data.Members {
						id := "twin" + string(rune('A'+i%26)) + io[:3] + string(rune('a'+i/26))
						data.Members[i].Key = id
						data.Members[i].Value.Set("id", export.NewString(id))
					}
				}
				methods := fs.flow.Body.Get("methods")
				methods.Items = append(methods.Items, twin)
				return true
			})
		}, true},
		{"FIELD_ID", func(d *export.Document) bool {
			return withUnpinnedInput(d, func(fs *flowScope, cd *card, m *export.Member) {
				m.Key = "short"
				m.Value.Set("id", export.NewString("short"))
			})
		}, true},
		{"FIELD_ID", func(d *export.Document) bool { // id differs from its key
			return withUnpinnedInput(d, func(fs *flowScope, cd *card, m *export.Member) {
				m.Value.Set("id", export.NewString(m.Key+"x"))
			})
		}, true},
		{"FIELD_ID_UNIQUE", func(d *export.Document) bool {
			return withUnpinnedInput(d, func(fs *flowScope, cd *card, m *export.Member) {
				other := fs.cards[0]
				if other == cd {
					other = fs.cards[1]
				}
				id := other.Outputs()[0].ID
				m.Key = id
				m.Value.Set("id", export.NewString(id))
			})
		}, true},
		{"ORDERING_CARD", func(d *export.Document) bool {
			// The real case: an ordering that still names a card of another flow.
			flows := d.Flows()
			for i, f := range flows {
				for _, g := range flows[i+1:] {
					if len(f.Orderings()) == 0 || len(g.Cards()) == 0 {
						continue
					}
					foreign := g.Cards()[0].ID()
					if _, clash := f.Card(foreign); clash {
						continue
					}
					o := f.Orderings()[0].V
					o.Items[1] = export.NewString(foreign)
					return true
				}
			}
			return false
		}, false},
		{"ORDERING_CYCLE", func(d *export.Document) bool {
			// Order a card after one that follows it: the two now wait for each other.
			return withOrdering(d, func(fs *flowScope, g *orderGraph, e edge) bool {
				if g.in[e.from] == 0 {
					return false // a first card with an edge into it leaves no first card
				}
				addOrdering(fs, "cycle0001", fs.cards[e.to].id, fs.cards[e.from].id)
				return true
			})
		}, true},
		{"ORDERING_CYCLE", func(d *export.Document) bool { // a self edge on a card not an expand
			return withOrdering(d, func(fs *flowScope, g *orderGraph, e edge) bool {
				addOrdering(fs, "self00001", fs.cards[e.to].id, fs.cards[e.to].id)
				return true
			})
		}, true},
		{"CARD_UNORDERED", func(d *export.Document) bool {
			// Drop the one ordering that leads to a card, as the tester did to the Delete
			// card: the card never runs.
			return withOrdering(d, func(fs *flowScope, g *orderGraph, e edge) bool {
				if g.in[e.to] != 1 {
					return false
				}
				fs.flow.Body.Get("orderings").Delete(e.ordering)
				return true
			})
		}, true},
		{"CARD_UNORDERED", func(d *export.Document) bool { // an expand card's ordering
			return withScope(d, func(fs *flowScope) bool {
				for _, e := range orderEdges(fs) {
					if fs.cards[e.to].Address() == expandAddress && e.ordering != "" &&
						fs.graph().in[e.to] == 1 {
						fs.flow.Body.Get("orderings").Delete(e.ordering)
						return true
					}
				}
				return false
			})
		}, true},
		{"CARD_UNORDERED", func(d *export.Document) bool { // an If/Else branch
			return withCard(d, func(fs *flowScope, cd *card) bool {
				branches := cd.V.Get("branches")
				if len(members(branches)) == 0 {
					return false
				}
				branches.Delete(branches.Members[0].Key)
				return true
			})
		}, true},
		{"PIN_SOURCE", func(d *export.Document) bool {
			return withPin(d, func(fs *flowScope, from *card, byOutput *export.Member,
				_ *export.Member, _ *export.Value) bool {
				in := from.Inputs()
				if len(in) == 0 {
					return false
				}
				byOutput.Key = in[0].ID
				return true
			})
		}, true},
		{"PIN_TARGET_CARD", func(d *export.Document) bool {
			return withPin(d, func(fs *flowScope, from *card, _ *export.Member,
				byCard *export.Member, _ *export.Value) bool {
				byCard.Key = "elsewhere1"
				return true
			})
		}, true},
		{"PIN_TARGET_INPUT", func(d *export.Document) bool {
			return withPin(d, func(fs *flowScope, from *card, _ *export.Member,
				byCard *export.Member, l *export.Value) bool {
				outs := fs.byID[byCard.Key].Outputs()
				if len(outs) == 0 {
					return false
				}
				l.Set("input", export.NewString(outs[0].ID))
				return true
			})
		}, true},
		{"EXPAND_SOURCE", func(d *export.Document) bool {
			return withCard(d, func(fs *flowScope, cd *card) bool {
				if cd.Address() != expandAddress || fs.cards[0].id == cd.Name() {
					return false
				}
				// Point the name at another card of the flow, as a hand edit that copies an
				// expand card from elsewhere does.
				cd.V.Path("node", "data").Set("name", export.NewString(fs.cards[0].id))
				return true
			})
		}, true},
		{"EXPAND_PIN", func(d *export.Document) bool {
			return withCard(d, func(fs *flowScope, cd *card) bool {
				if cd.Address() != expandAddress {
					return false
				}
				w := expandOf(fs, cd)
				w.src.V.Get("pins").Get(w.srcOut).Delete(cd.id)
				return true
			})
		}, true},
		{"CONNECTION_MISSING", func(d *export.Document) bool {
			return withCard(d, func(fs *flowScope, cd *card) bool {
				if !isString(cd.Model().Get("config")) {
					return false
				}
				cd.Model().Set("config", export.NewString("00000000-0000-4000-8000-00000000000c"))
				return true
			})
		}, true},
		{"CONNECTION_MODULE", func(d *export.Document) bool {
			for _, m := range members(d.Data().Get("configs")) {
				m.Value.Set("module", export.NewString("someotherconnector"))
				return true
			}
			return false
		}, true},
		{"FOLDER_MISSING", func(d *export.Document) bool {
			if len(members(d.Data().Get("groups"))) == 0 {
				return false
			}
			for _, f := range d.Flows() {
				if !f.IsStub() {
					f.Body.Set("group", export.NewString("00000000-0000-4000-8000-0000000000f0"))
					return true
				}
			}
			return false
		}, false},
		{"FLOW_REF", func(d *export.Document) bool {
			return withCard(d, func(fs *flowScope, cd *card) bool {
				for _, in := range cd.Inputs() {
					if isFloInput(in) && isString(in.Data()) {
						in.Value().Set("data",
							export.NewString("00000000-0000-4000-8000-0000000000fe"))
						return true
					}
				}
				return false
			})
		}, true},
		{"FLOW_REF", func(d *export.Document) bool { // an error handler's flow id
			return withCard(d, func(fs *flowScope, cd *card) bool {
				p := errorPolicy(cd.Card)
				if p.Get("type").Str() != "flo" {
					return false
				}
				p.Set("flo", export.NewString("00000000-0000-4000-8000-0000000000fd"))
				return true
			})
		}, true},
		{"REQUIRED_INPUT", func(d *export.Document) bool {
			return withUnpinnedInput(d, func(fs *flowScope, cd *card, m *export.Member) {
				m.Value.Set("required", export.NewBool(true))
				m.Value.Get("value").Set("data", export.NewNull())
			})
		}, true},
		{"OPERATOR_UNKNOWN", func(d *export.Document) bool {
			// The tester's typo, on the first Return Error If or Continue If whose operator
			// is set rather than pinned.
			return withCard(d, func(fs *flowScope, cd *card) bool {
				in, ok := cd.Input("operator")
				if !strings.HasSuffix(cd.Address(), "If") || !ok || !isString(in.Data()) ||
					pinnedInputs(fs)[inputRef{cd.id, in.ID}] ||
					in.V.Path("metadata", "choices") == nil {
					return false
				}
				in.Value().Set("data", export.NewString(in.Data().Text+"y"))
				return true
			})
		}, true},
	}

	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			path, data := mutate(t, tt.mutate)
			ds := Bytes(path, data)

			r, _ := RuleByID(tt.rule)
			got := firedRules(ds, r.Severity)
			if diff := cmp.Diff([]string{tt.rule}, got); diff != "" {
				t.Errorf("%s: rules fired (-want +got):\n%s", path, diff)
			}
			if r.Severity == diag.Warning {
				if errs := firedRules(ds, diag.Error); len(errs) > 0 {
					t.Errorf("%s: errors %v besides the warning", path, errs)
				}
			}
			n := 0
			for _, d := range ds {
				if d.Rule != tt.rule {
					continue
				}
				n++
				t.Log(d)
				if d.Line < 1 || d.Column < 1 || d.Column > len(data) {
					t.Errorf("position %d:%d outside the file: %s", d.Line, d.Column, d)
				}
				if tt.card && d.Card == "" {
					t.Errorf("the finding names no card: %s", d)
				}
			}
			// One broken place is one finding, except for a connection that every card
			// using it reports.
			if n != 1 && tt.rule != "CONNECTION_MODULE" {
				t.Errorf("%d findings for one broken place", n)
			}
		})
	}
}

// firedRules lists the distinct rules of the given severity that reported, sorted.
func firedRules(ds []diag.Diagnostic, sev diag.Severity) []string {
	var ids []string
	for _, d := range ds {
		if d.Severity == sev && !slices.Contains(ids, d.Rule) {
			ids = append(ids, d.Rule)
		}
	}
	slices.Sort(ids)
	return ids
}

// scopesOf indexes every flow body of doc as the linter does.
func scopesOf(d *export.Document) []*flowScope {
	c := &checker{doc: d}
	c.gather()
	return c.scopes
}

// withScope calls f on the flow bodies of d until it reports a change.
func withScope(d *export.Document, f func(*flowScope) bool) bool {
	for _, fs := range scopesOf(d) {
		if f(fs) {
			return true
		}
	}
	return false
}

// withCard calls f on the cards of d until it reports a change.
func withCard(d *export.Document, f func(*flowScope, *card) bool) bool {
	return withScope(d, func(fs *flowScope) bool {
		for _, cd := range fs.cards {
			if f(fs, cd) {
				return true
			}
		}
		return false
	})
}

// withPin calls f on pins into ordinary cards until it reports a change; pins into expand
// cards are left alone, since breaking one also cuts the expand card off its source.
func withPin(d *export.Document, f func(fs *flowScope, from *card, byOutput, byCard *export.Member,
	link *export.Value) bool) bool {
	return withCard(d, func(fs *flowScope, cd *card) bool {
		pins := cd.V.Get("pins")
		for i := range members(pins) {
			byOutput := &pins.Members[i]
			for j := range members(byOutput.Value) {
				byCard := &byOutput.Value.Members[j]
				to, ok := fs.byID[byCard.Key]
				if !ok || to.Address() == expandAddress || len(byCard.Value.Items) != 1 {
					continue
				}
				if f(fs, cd, byOutput, byCard, byCard.Value.Items[0]) {
					return true
				}
			}
		}
		return false
	})
}

// withUnpinnedInput calls f on the first input that no pin feeds, of a card in a flow of at
// least two cards.
func withUnpinnedInput(d *export.Document, f func(*flowScope, *card, *export.Member)) bool {
	return withScope(d, func(fs *flowScope) bool {
		if len(fs.cards) < 2 || len(fs.cards[0].Outputs()) == 0 ||
			len(fs.cards[1].Outputs()) == 0 {
			return false
		}
		pinned := map[string]bool{}
		for _, cd := range fs.cards {
			for _, l := range links(cd) {
				pinned[l.toCard+"/"+l.input.Text] = true
			}
		}
		for _, cd := range fs.cards {
			data := cd.Model().Path("inputs", "data")
			for i := range members(data) {
				m := &data.Members[i]
				if pinned[cd.id+"/"+m.Key] || isFloInput(export.Field{ID: m.Key, V: m.Value}) {
					continue
				}
				f(fs, cd, m)
				return true
			}
		}
		return false
	})
}

// withOrdering calls f on the orderings between two cards of a flow, expand cards and their
// edges left alone, until it reports a change.
func withOrdering(d *export.Document, f func(*flowScope, *orderGraph, edge) bool) bool {
	return withScope(d, func(fs *flowScope) bool {
		g := fs.graph()
		for _, e := range orderEdges(fs) {
			if e.ordering == "" || fs.cards[e.from].Address() == expandAddress ||
				fs.cards[e.to].Address() == expandAddress {
				continue
			}
			if f(fs, g, e) {
				return true
			}
		}
		return false
	})
}

// orderEdges lists a flow's execution edges between two cards in card order.
func orderEdges(fs *flowScope) []edge {
	var es []edge
	for _, next := range fs.graph().next {
		es = append(es, next...)
	}
	return es
}

// addOrdering appends the ordering id: [from, to] to the flow.
func addOrdering(fs *flowScope, id, from, to string) {
	fs.flow.Body.Get("orderings").Set(id, export.NewArray(export.NewString(from),
		export.NewString(to)))
}

// repeatMember appends a copy of an object's first member, as a bad merge does.
func repeatMember(v *export.Value) bool {
	ms := members(v)
	if len(ms) == 0 {
		return false
	}
	v.Members = append(v.Members, export.Member{Key: ms[0].Key, KeyOffset: -1,
		Value: ms[0].Value.Clone()})
	return true
}

// setEntryID makes the first entry's id differ from its key.
func setEntryID(v *export.Value) bool {
	ms := members(v)
	if len(ms) == 0 {
		return false
	}
	ms[0].Value.Set("id", export.NewString("00000000-0000-4000-8000-0000000000aa"))
	return true
}

// renameAll replaces every string and key equal to from with to, below v.
func renameAll(v *export.Value, from, to string) {
	switch v.Kind {
	case export.String:
		if v.Text == from {
			v.Text = to
		}
	case export.Array:
		for _, it := range v.Items {
			renameAll(it, from, to)
		}
	case export.Object:
		for i := range v.Members {
			if v.Members[i].Key == from {
				v.Members[i].Key = to
			}
			renameAll(v.Members[i].Value, from, to)
		}
	}
}

// The bytes rules break the file itself rather than its tree.
func TestByteMutations(t *testing.T) {
	f := loadCorpus(t)[0]
	padded := append(slices.Clone(f.data), make([]byte, 64)...)
	for i := len(f.data); i < len(padded); i++ {
		padded[i] = ' '
	}
	nested := strings.Repeat("[", export.MaxDepth+1) + strings.Repeat("]", export.MaxDepth+1)

	tests := []struct {
		name  string
		data  []byte
		limit int
		rule  string
	}{
		{"larger than the limit", padded, len(f.data), "ENVELOPE_SIZE"},
		{"truncated", f.data[:len(f.data)/2], MaxFileSize, "ENVELOPE_JSON"},
		{"not JSON", append([]byte("<html>"), f.data...), MaxFileSize, "ENVELOPE_JSON"},
		{"invalid UTF-8", append(slices.Clone(f.data[:40]), append([]byte{0xff},
			f.data[40:]...)...), MaxFileSize, "ENVELOPE_JSON"},
		{"deeply nested", []byte(nested), MaxFileSize, "ENVELOPE_JSON"},
		{"byte order mark", append([]byte("\xEF\xBB\xBF"), f.data...), MaxFileSize,
			"ENVELOPE_JSON"},
		{"empty", nil, MaxFileSize, "ENVELOPE_JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := lintBytes("x.flopack", tt.data, tt.limit)
			if diff := cmp.Diff([]string{tt.rule}, firedRules(ds, diag.Error)); diff != "" {
				t.Errorf("rules fired (-want +got):\n%s", diff)
			}
			if len(ds) != 1 {
				t.Errorf("want one finding, got %v", ds)
			}
		})
	}
}
