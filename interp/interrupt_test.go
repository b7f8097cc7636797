package interp_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/interp"
	"github.com/flopack/flopack/taskroutertest"
)

// TestInterrupt cancels the run's context (what Ctrl-C does) while a request is in flight:
// nothing is sent after that, a GET in flight is abandoned, a DELETE in flight is waited
// for, and the report says which event got how far.
func TestInterrupt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// at matches the request during which the run is interrupted; it is held by the
		// double for delay.
		at    func(taskroutertest.Request) bool
		delay time.Duration
		want  []interp.Outcome
		// detail is a part of the interrupted event's detail, or of the deleted one's.
		detail string
		sent   int // requests the double received
		gone   []string
	}{
		{
			name: "during the second event's GET",
			at: func(r taskroutertest.Request) bool {
				return strings.Contains(r.Query.Get("TargetWorkersExpression"), "ada.")
			},
			delay:  time.Hour,
			want:   []interp.Outcome{interp.Deleted, interp.Interrupted, interp.NotRun},
			detail: `during GET http`,
			sent:   3, // GET and DELETE of the first event, the second's GET
			gone:   []string{graceAddress},
		},
		{
			name: "during the first event's DELETE",
			at: func(r taskroutertest.Request) bool {
				return r.Method == "DELETE"
			},
			delay:  200 * time.Millisecond,
			want:   []interp.Outcome{interp.Deleted, interp.NotRun, interp.NotRun},
			detail: "deleted worker WK",
			sent:   2,
			gone:   []string{graceAddress},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			srv := taskroutertest.New(taskroutertest.Config{
				WorkspaceSID: workspaceSID,
				Workers:      taskroutertest.SampleWorkers(),
				OnRequest: func(r taskroutertest.Request) {
					if tt.at(r) {
						cancel()
					}
				},
			})
			defer srv.Close()
			srv.Inject(taskroutertest.Fault{Kind: taskroutertest.Slow, Delay: tt.delay,
				Match: tt.at})
			before := names(srv)

			rep, err := interp.Run(ctx, buildExport(t, exampleSpec()), delivery(t,
				unassignment{appUser: graceAddress},
				unassignment{appUser: "ada.lovelace@example.com"},
				unassignment{appUser: katherineEmail},
			), options(srv, true))

			if !errors.Is(err, interp.ErrInterrupted) {
				t.Fatalf("err = %v, want ErrInterrupted", err)
			}
			var got []interp.Outcome
			var details []string
			for _, ev := range rep.Events {
				got = append(got, ev.Outcome)
				details = append(details, ev.Result())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("outcomes (-want +got):\n%s\n%s", diff, strings.Join(details, "\n"))
			}
			if !strings.Contains(strings.Join(details, "\n"), tt.detail) {
				t.Errorf("results lack %q:\n%s", tt.detail, strings.Join(details, "\n"))
			}
			last := rep.Events[len(rep.Events)-1]
			if last.Result() != "not run: the run was interrupted" {
				t.Errorf("last event: %s", last.Result())
			}
			if n := len(srv.Requests()); n != tt.sent {
				t.Errorf("%d requests, want %d: %v", n, tt.sent, methods(srv))
			}
			if diff := cmp.Diff(without(before, tt.gone...), names(srv)); diff != "" {
				t.Errorf("workers (-want +got):\n%s", diff)
			}
			if deletes := rep.Sent("DELETE"); len(deletes) != len(tt.gone) ||
				deletes[0].Status != 204 {
				t.Errorf("Sent(DELETE) = %+v", deletes)
			}
		})
	}
}
