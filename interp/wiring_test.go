package interp_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/interp"
)

// Card titles of the built flow, used to find cards to edit.
const (
	callableTitle  = "User Unassigned from Application"
	workersURL     = "Build Workers URL"
	workerQuery    = "Build worker query"
	findWorker     = "Find worker by email"
	readSID        = "Read worker SID"
	stopIfNone     = "Stop if no worker matched"
	workerURL      = "Build URL of the worker"
	deleteWorker   = "Delete Flex worker"
	graceAddress   = "grace.hopper@example.com"
	katherineEmail = "katherine.johnson@example.com"
)

// TestRunFollowsTheWiring changes one pin, ordering or literal of a built export by hand
// and checks that the run changes accordingly: the interpreter reads the wiring, it does
// not know what the generator meant.
func TestRunFollowsTheWiring(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		edit    func(t *testing.T, f export.Flow)
		event   unassignment
		execute bool
		// check sees the report (nil when the run could not start), the error, the
		// workers that were deleted and the requests sent.
		check func(t *testing.T, rep *interp.Report, err error, deleted, requests []string)
	}{
		{
			name: "Delete URL pinned from the Workers URL instead of the worker URL",
			edit: func(t *testing.T, f export.Flow) {
				repin(t, f, card(t, f, workersURL), "output", card(t, f, deleteWorker), "URL")
			},
			event: unassignment{appUser: graceAddress}, execute: true,
			check: func(t *testing.T, rep *interp.Report, err error, deleted, requests []string) {
				ev := rep.Events[0]
				if ev.Outcome != interp.Failed || !strings.HasPrefix(ev.Detail, "DELETE http") ||
					!strings.Contains(ev.Detail, "/Workers: TaskRouter answered 405") {
					t.Errorf("got %s", ev.Result())
				}
				if len(deleted) != 0 {
					t.Errorf("deleted %v", deleted)
				}
			},
		},
		{
			name: "Object Get path reads the friendly name instead of the SID",
			edit: func(t *testing.T, f export.Flow) {
				setLiteral(t, card(t, f, readSID), "path", "workers.0.friendly_name")
			},
			event: unassignment{appUser: graceAddress},
			check: func(t *testing.T, rep *interp.Report, err error, deleted, requests []string) {
				ev := rep.Events[0]
				if ev.Outcome != interp.WouldDelete || ev.WorkerSID != graceAddress {
					t.Errorf("got %s, want a DELETE of .../Workers/%s", ev.Result(), graceAddress)
				}
			},
		},
		{
			name: "Object Get path reads the second worker, which does not exist",
			edit: func(t *testing.T, f export.Flow) {
				setLiteral(t, card(t, f, readSID), "path", "workers[1].sid")
			},
			event: unassignment{appUser: graceAddress}, execute: true,
			check: func(t *testing.T, rep *interp.Report, err error, deleted, requests []string) {
				if ev := rep.Events[0]; ev.Outcome != interp.Stopped {
					t.Errorf("got %s, want stopped", ev.Result())
				}
				if len(deleted) != 0 {
					t.Errorf("deleted %v", deleted)
				}
			},
		},
		{
			name: "address read from Okta User instead of Application User",
			edit: func(t *testing.T, f export.Flow) {
				repin(t, f, card(t, f, callableTitle), "Okta User",
					cardOfKind(t, f, ":expand"), "object")
			},
			event:   unassignment{appUser: graceAddress, oktaUser: katherineEmail},
			execute: true,
			check: func(t *testing.T, rep *interp.Report, err error, deleted, requests []string) {
				if diff := cmp.Diff([]string{katherineEmail}, deleted); diff != "" {
					t.Errorf("deleted (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "worker attribute literal changed",
			edit: func(t *testing.T, f export.Flow) {
				setLiteral(t, card(t, f, workerQuery), "string2", "full_name")
			},
			event: unassignment{appUser: graceAddress}, execute: true,
			check: func(t *testing.T, rep *interp.Report, err error, deleted, requests []string) {
				if ev := rep.Events[0]; ev.Outcome != interp.Stopped {
					t.Errorf("got %s, want stopped: no worker has full_name = the address",
						ev.Result())
				}
				if len(requests) != 1 || !strings.Contains(requests[0], "full_name") {
					t.Errorf("requests %v, want one list by full_name", requests)
				}
			},
		},
		{
			name: "ordering from Return Error If to Build URL of the worker dropped",
			edit: func(t *testing.T, f export.Flow) {
				dropOrdering(t, f, card(t, f, stopIfNone), card(t, f, workerURL))
			},
			event: unassignment{appUser: graceAddress}, execute: true,
			check: func(t *testing.T, rep *interp.Report, err error, deleted, requests []string) {
				ev := rep.Events[0]
				// Everything up to the Return Error If runs, and nothing after it.
				if last := ev.Cards[len(ev.Cards)-1]; ev.Outcome != interp.Finished ||
					last.Title != stopIfNone {
					t.Errorf("got %s after %q, want finished after %q", ev.Result(), last.Title,
						stopIfNone)
				}
				if len(deleted) != 0 {
					t.Errorf("deleted %v", deleted)
				}
				warnings := strings.Join(rep.Warnings, "\n")
				for _, title := range []string{workerURL, deleteWorker} {
					if !strings.Contains(warnings, fmt.Sprintf("%q", title)) {
						t.Errorf("no warning that %q never runs: %s", title, warnings)
					}
				}
			},
		},
		{
			name: "ordering from the callable to the expand card dropped",
			edit: func(t *testing.T, f export.Flow) {
				dropOrdering(t, f, card(t, f, callableTitle), cardOfKind(t, f, ":expand"))
			},
			event: unassignment{appUser: graceAddress},
			check: wantPlanError(`card "Stop if the event has no address"`,
				`input "left-operand" is pinned from `+
					`card "expand › User Unassigned from Application", which never runs`),
		},
		{
			name: "Delete ordered before the card that builds its URL",
			edit: func(t *testing.T, f export.Flow) {
				stop, build, del := card(t, f, stopIfNone), card(t, f, workerURL),
					card(t, f, deleteWorker)
				dropOrdering(t, f, stop, build)
				dropOrdering(t, f, build, del)
				addOrdering(f, "edit1", stop, del)
				addOrdering(f, "edit2", del, build)
			},
			event: unassignment{appUser: graceAddress},
			check: wantPlanError(`card "Delete Flex worker"`, `input "URL" is pinned from card `+
				`"Build URL of the worker", which runs after it`),
		},
		{
			name: "ordering back from Delete to Find worker makes a cycle",
			edit: func(t *testing.T, f export.Flow) {
				addOrdering(f, "edit1", card(t, f, deleteWorker), card(t, f, findWorker))
			},
			event: unassignment{appUser: graceAddress},
			check: wantPlanError("cycle", `"Find worker by email"`, `"Delete Flex worker"`),
		},
		{
			name: "a self edge on a card other than expand",
			edit: func(t *testing.T, f export.Flow) {
				c := card(t, f, readSID)
				addOrdering(f, "edit1", c, c)
			},
			event: unassignment{appUser: graceAddress},
			check: wantPlanError(`card "Read worker SID"`, "after itself"),
		},
		{
			name: "a card flopack run does not interpret",
			edit: func(t *testing.T, f export.Flow) {
				card(t, f, readSID).V.Set("address",
					export.NewString("root:kernel:text:0.0.1:lowercase"))
			},
			event: unassignment{appUser: graceAddress},
			check: wantPlanError(`card "Read worker SID" (root:kernel:text:0.0.1:lowercase)`,
				"does not interpret this card"),
		},
		{
			name: "a pin with a transform",
			edit: func(t *testing.T, f export.Flow) {
				c := card(t, f, readSID)
				for _, byOut := range c.V.Get("pins").Members {
					for _, links := range byOut.Value.Members {
						for _, l := range links.Value.Items {
							tr := export.NewObject()
							tr.Set("x", export.NewString("toString"))
							l.Set("transform", tr)
						}
					}
				}
			},
			event: unassignment{appUser: graceAddress},
			check: wantPlanError(`the pin from card "Read worker SID"`, "transform"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newDouble(t)
			before := srv.Workers()
			doc := buildExport(t, exampleSpec())
			tt.edit(t, body(t, doc))

			rep, err := interp.Run(context.Background(), doc, delivery(t, tt.event),
				options(srv, tt.execute))

			var deleted, requests []string
			for _, w := range before {
				if _, ok := srv.Worker(w.SID); !ok {
					deleted = append(deleted, w.FriendlyName)
				}
			}
			for _, r := range srv.Requests() {
				requests = append(requests, r.Method+" "+r.Path+"?"+r.RawQuery)
			}
			if rep == nil && tt.check == nil {
				t.Fatal(err)
			}
			tt.check(t, rep, err, deleted, requests)
		})
	}
}

// wantPlanError checks that the run did not start and the error holds every part.
func wantPlanError(parts ...string) func(*testing.T, *interp.Report, error, []string,
	[]string) {
	return func(t *testing.T, rep *interp.Report, err error, deleted, requests []string) {
		t.Helper()
		if err == nil || rep != nil {
			t.Fatalf("the run started (err %v)", err)
		}
		for _, p := range parts {
			if !strings.Contains(err.Error(), p) {
				t.Errorf("error %q does not hold %q", err, p)
			}
		}
		if len(requests) != 0 {
			t.Errorf("sent %v before refusing the flow", requests)
		}
	}
}

// TestRunsRenumberedExport gives every card and field of the body new ids and titles: the
// run only follows pins and orderings, so it still deletes the worker.
func TestRunsRenumberedExport(t *testing.T) {
	t.Parallel()
	srv := newDouble(t)
	doc := buildExport(t, exampleSpec())
	f := body(t, doc)

	text := string(export.Marshal(doc.Root, false))
	n := 0
	rename := func(id string) {
		n++
		text = strings.ReplaceAll(text, `"`+id+`"`, fmt.Sprintf(`"zz%08d"`, n))
	}
	for _, c := range f.Cards() {
		for _, fld := range append(c.Inputs(), c.Outputs()...) {
			rename(fld.ID)
		}
		rename(c.ID())
	}
	for _, o := range f.Orderings() {
		rename(o.ID)
	}
	for _, title := range []string{workersURL, workerQuery, readSID, stopIfNone, workerURL,
		deleteWorker, findWorker} {
		text = strings.ReplaceAll(text, `"name":"`+title+`"`, `"name":"Renamed `+title+`"`)
	}
	root, err := export.Decode([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	renamed := &export.Document{Root: root}
	if _, ok := body(t, renamed).Card(f.Cards()[0].ID()); ok {
		t.Fatal("the callable kept its id")
	}

	rep := mustRun(t, renamed, delivery(t, unassignment{appUser: graceAddress}),
		options(srv, true))
	if ev := rep.Events[0]; ev.Outcome != interp.Deleted {
		t.Fatalf("got %s", ev.Result())
	}
	if _, ok := srv.Worker(rep.Events[0].WorkerSID); ok {
		t.Error("the worker is still there")
	}
	cards := rep.Events[0].Cards
	if got := cards[len(cards)-1].Title; got != "Renamed "+deleteWorker {
		t.Errorf("last card title %q", got)
	}
}
