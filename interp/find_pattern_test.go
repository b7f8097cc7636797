package interp_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/generator"
	"github.com/flopack/flopack/interp"
)

// The address guards the generator puts after the expand card: titles, and the pattern of
// characters TaskRouter's expression cannot carry (a double quote, a backslash or a
// control character).
const (
	noAddressTitle = "Stop if the event has no address"
	findUnsafe     = "Find unsafe characters"
	unsafeTitle    = "Stop if the address is unsafe"
	unsafePattern  = `["\\\x00-\x1f]`
)

// TestAddressGuards runs the built export's guards against the double: an event without an
// address, or with one the worker query cannot carry, stops before any request.
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
			message := generator.NoAddressMessage
			if tt.stopAt == unsafeTitle {
				message = generator.UnsafeAddressMessage
			}
			if ev.Detail != message {
				t.Errorf("message %q, want %q", ev.Detail, message)
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
	// Disarm the guard as an admin could: compare with an address no event has.
	empty := card(t, body(t, doc), noAddressTitle)
	setLiteral(t, empty, "operator", "==")
	setLiteral(t, empty, "right-operand", "no such address")

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
