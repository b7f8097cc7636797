package interp_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/interp"
)

// The address guards, as the generator is to put them after the expand card: titles, and
// the pattern of characters TaskRouter's expression cannot carry (a double quote, a
// backslash or a control character).
const (
	noAddressTitle = "Stop if the event has no address"
	findUnsafe     = "Find unsafe characters"
	unsafeTitle    = "Stop if the address is unsafe"
	unsafePattern  = `["\\\x00-\x1f]`
)

// findPatternCard is Okta's Text › Find Pattern card as real exports hold it (okta-templates
// automate_lifecycle_management_with_darwinbox), with its own ids.
const findPatternCard = `{"joins": {}, "address": "root:kernel:string:0.0.1:match",
  "uuid": "fpUnsafe01", "branches": {}, "pins": {},
  "node": {"key": "match", "data": {"name": "` + findUnsafe + `"},
    "model": {"type": "method", "key": "match", "metadata": {"name": "Find Pattern"},
      "inputs": {"extensible": false, "data": {
        "fpIn000001": {"id": "fpIn000001", "group": null, "key": "string",
          "value": {"type": "string", "collection": false, "data": ""}, "required": true,
          "metadata": {"displayname": "look in", "index": 0}, "flags": "d"},
        "fpIn000002": {"id": "fpIn000002", "group": null, "key": "target",
          "value": {"type": "string", "collection": false, "data": ""}, "required": true,
          "metadata": {"displayname": "look for", "index": 1}, "flags": "d"}}},
      "outputs": {"extensible": false, "data": {
        "fpOut00001": {"id": "fpOut00001", "group": null, "key": "output",
          "value": {"type": "number", "collection": false, "data": null},
          "metadata": {"displayname": "position", "index": 0}}}}}}}`

// cloneCard copies card c of flow f under a new id and title, with new field ids and no
// pins, and adds it to the flow.
func cloneCard(t testing.TB, f export.Flow, c export.Card, id, title string) export.Card {
	t.Helper()
	v := c.V.Clone()
	v.Set("uuid", export.NewString(id))
	v.Set("pins", export.NewObject())
	v.Path("node", "data").Set("name", export.NewString(title))
	for _, side := range []string{"inputs", "outputs"} {
		data := v.Path("node", "model", side, "data")
		for i := range data.Members {
			fid := id[:4] + side[:1] + data.Members[i].Key[5:]
			data.Members[i].Key = fid
			data.Members[i].Value.Set("id", export.NewString(fid))
		}
	}
	methods := f.Body.Get("methods")
	methods.Items = append(methods.Items, v)
	return export.Card{V: v}
}

// addGuards edits a built export by hand, as an admin could on the canvas: after the
// expand card that reads the address, a Return Error If on an empty address (when
// emptyGuard), Find Pattern on the unsafe characters, and a Return Error If on a match.
func addGuards(t testing.TB, doc *export.Document, emptyGuard bool) {
	t.Helper()
	f := body(t, doc)
	expand := cardOfKind(t, f, ":expand")
	stop := card(t, f, stopIfNone)
	next := card(t, f, workersURL)

	fpv, err := export.Decode([]byte(findPatternCard))
	if err != nil {
		t.Fatal(err)
	}
	methods := f.Body.Get("methods")
	methods.Items = append(methods.Items, fpv)
	find := export.Card{V: fpv}
	setLiteral(t, find, "target", unsafePattern)
	repin(t, f, expand, "value", find, "string")

	unsafe := cloneCard(t, f, stop, "gUnsafe001", unsafeTitle)
	repin(t, f, find, "output", unsafe, "left-operand")
	setLiteral(t, unsafe, "operator", ">=")
	setLiteral(t, unsafe, "right-operand", "0")
	setLiteral(t, unsafe, "message", "The address holds a quote, a backslash or a control "+
		"character, which the worker query cannot carry; nothing was deleted.")
	addOrdering(f, "ordFind001", find, unsafe)
	addOrdering(f, "ordUnsf001", unsafe, next)

	if !emptyGuard {
		addOrdering(f, "ordExpd001", expand, find)
		return
	}
	empty := cloneCard(t, f, stop, "gEmpty0001", noAddressTitle)
	repin(t, f, expand, "value", empty, "left-operand")
	setLiteral(t, empty, "message", "The event has no address; nothing was deleted.")
	addOrdering(f, "ordExpd001", expand, empty)
	addOrdering(f, "ordEmpt001", empty, find)
}

// TestAddressGuards runs a hand-edited export with the guards against the double: an event
// without an address, or with one the worker query cannot carry, stops before any request.
// Without them, `x" or email != "x` would match, and delete, some other worker.
func TestAddressGuards(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		event   unassignment
		stopAt  string // "" when the worker is deleted
		lastOut string // the Find Pattern position, when it ran
	}{
		{"no AppUser target", unassignment{}, noAddressTitle, ""},
		{"empty address", unassignment{blank: true}, noAddressTitle, ""},
		{"double quote", unassignment{appUser: `x" or email != "x`}, unsafeTitle, "1"},
		{"backslash", unassignment{appUser: `grace\hopper@example.com`}, unsafeTitle, "5"},
		{"control character", unassignment{appUser: "grace.hopper@example.com\n"},
			unsafeTitle, "24"},
		{"safe address", unassignment{appUser: graceAddress}, "", "-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newDouble(t)
			before := names(srv)
			doc := buildExport(t, exampleSpec())
			addGuards(t, doc, true)

			rep := mustRun(t, doc, delivery(t, tt.event), options(srv, true))

			ev := rep.Events[0]
			if tt.lastOut != "" {
				fp := findCard(t, ev, findUnsafe)
				if got := string(export.Marshal(fp.Outputs[0].Value, false)); got != tt.lastOut {
					t.Errorf("Find Pattern output %s, want %s", got, tt.lastOut)
				}
			}
			if tt.stopAt == "" {
				if ev.Outcome != interp.Deleted {
					t.Fatalf("got %s, want the worker deleted", ev.Result())
				}
				return
			}
			last := ev.Cards[len(ev.Cards)-1]
			if ev.Outcome != interp.Stopped || last.Title != tt.stopAt {
				t.Errorf("got %s at %q, want stopped at %q", ev.Result(), last.Title, tt.stopAt)
			}
			if diff := cmp.Diff(before, names(srv)); diff != "" {
				t.Errorf("workers changed (-before +after):\n%s", diff)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests sent: %v", n, methods(srv))
			}
		})
	}
}

// Without the empty-address guard, Find Pattern meets a missing address: its required
// "look in" is null, so the card fails, and the event with it.
func TestFindPatternNeedsLookIn(t *testing.T) {
	t.Parallel()
	srv := newDouble(t)
	before := names(srv)
	doc := buildExport(t, exampleSpec())
	addGuards(t, doc, false)

	rep := mustRun(t, doc, delivery(t, unassignment{}), options(srv, true))

	ev := rep.Events[0]
	last := ev.Cards[len(ev.Cards)-1]
	if ev.Outcome != interp.Failed || last.Title != findUnsafe ||
		!strings.Contains(ev.Detail, `"look in" is required`) {
		t.Errorf("got %s at %q, want Find Pattern to fail", ev.Result(), last.Title)
	}
	if diff := cmp.Diff(before, names(srv)); diff != "" {
		t.Errorf("workers changed (-before +after):\n%s", diff)
	}
}

// Find Pattern on its own: the position in UTF-16 code units, -1 for no match, and errors
// naming the pattern or the missing input.
func TestFindPatternCard(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, pattern string
		want              string // the output, or a part of the error
		fails             bool
	}{
		{"first match", `x" or email != "x`, unsafePattern, "1", false},
		{"no match", graceAddress, unsafePattern, "-1", false},
		{"UTF-16 position", "😀a@example.com", "@", "3", false},
		{"backreference", "aa", `(a)\1`, `"look for": pattern "(a)\\1": backreference \1 ` +
			`is not supported`, true},
		{"lookahead", "ab", `a(?=b)`, `pattern "a(?=b)": lookahead "(?=" is not supported`,
			true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newDouble(t)
			doc := buildExport(t, exampleSpec())
			addGuards(t, doc, true)
			setLiteral(t, card(t, body(t, doc), findUnsafe), "target", tt.pattern)

			rep := mustRun(t, doc, delivery(t, unassignment{appUser: tt.in}),
				options(srv, false))

			fp := findCard(t, rep.Events[0], findUnsafe)
			if tt.fails {
				if !strings.Contains(fp.Error, tt.want) || rep.Events[0].Outcome != interp.Failed {
					t.Errorf("error %q, want %q", fp.Error, tt.want)
				}
				return
			}
			if fp.Error != "" || len(fp.Outputs) != 1 ||
				string(export.Marshal(fp.Outputs[0].Value, false)) != tt.want {
				t.Errorf("outputs %+v error %q, want %s", fp.Outputs, fp.Error, tt.want)
			}
		})
	}
}

func findCard(t testing.TB, ev *interp.EventRun, title string) *interp.CardRun {
	t.Helper()
	for _, cr := range ev.Cards {
		if cr.Title == title {
			return cr
		}
	}
	t.Fatalf("event %d: no card %q ran; %s", ev.Index, title, ev.Result())
	return nil
}
