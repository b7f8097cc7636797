package main

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/flowspec"
	"github.com/flopack/flopack/generator"
	"github.com/flopack/flopack/interp"
	"github.com/flopack/flopack/oktaevent"
	"github.com/flopack/flopack/taskroutertest"
)

// demoEvent is ../shared/okta/events/user-unassigned.json adapted to the demo: the app
// instance is the starter spec's; the first event unassigns one of the sample workers, the
// second a user whose address would widen the worker query to every other worker
// (`x" or email != "x`), which the flow's guard stops.
//
//go:embed demo_event.json
var demoEvent []byte

// demoOptions are the inputs of `flopack demo`.
type demoOptions struct {
	IO *streams
}

func newDemoCmd(ios *streams, runF func(*demoOptions) error) *cobra.Command {
	opts := &demoOptions{IO: ios}
	return &cobra.Command{
		Use:   "demo",
		Short: "Show run on a local TaskRouter double: no credentials, no network",
		Long: `Build the starter spec (flopack init) into an export, start a TaskRouter double on
127.0.0.1 with a few sample Flex workers, and run the export with --execute for a
sample "User Unassigned from Application" delivery: one agent, and one user whose
address would widen the worker query, which the flow stops. Print the workers
before, the trace of every card, and the workers after. Nothing leaves this machine;
the credentials are fake.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return demoRun(cmd.Context(), opts)
		},
	}
}

func demoRun(ctx context.Context, opts *demoOptions) error {
	out, errOut := opts.IO.Out, opts.IO.Err
	fmt.Fprintln(errOut, "flopack demo: local simulation: a TaskRouter double on 127.0.0.1 "+
		"with sample Flex workers and fake credentials; nothing is sent to Okta or Twilio")

	spec, err := flowspec.Parse("starter.yaml", flowspec.Starter())
	if err != nil {
		return fmt.Errorf("internal error: the starter spec does not load: %w", err)
	}
	doc, err := demoExport(spec)
	if err != nil {
		return err
	}
	events, err := oktaevent.Parse("demo_event.json", demoEvent)
	if err != nil {
		return fmt.Errorf("internal error: the demo event does not parse: %w", err)
	}

	srv := taskroutertest.New(taskroutertest.Config{
		WorkspaceSID: spec.Twilio.WorkspaceSID,
		Workers:      taskroutertest.SampleWorkers(),
	})
	defer srv.Close()
	before := srv.Workers()
	printWorkers(out, "workers before the run", spec.Twilio.WorkspaceSID, before)
	fmt.Fprintln(out)
	for i, ev := range events {
		fmt.Fprintf(out, "event %d: %s unassigned from app %s\n", i+1, ev.Address(),
			ev.AppInstanceID())
	}
	fmt.Fprintln(out)

	rep, err := interp.Run(ctx, doc, events, interp.Options{
		Execute:       true,
		TaskRouterURL: srv.URL,
		Credentials: interp.Credentials{
			Username: taskroutertest.AccountSID,
			Password: taskroutertest.AuthToken,
		},
		Announce: func(method, url string) {
			fmt.Fprintf(errOut, "flopack demo: sending %s %s\n", method, url)
		},
	})
	if err != nil {
		return fmt.Errorf("internal error: the demo run failed: %w", err)
	}
	if err := rep.WriteText(out); err != nil {
		return fmt.Errorf("write the trace: %w", err)
	}

	fmt.Fprintln(out)
	after := srv.Workers()
	printWorkers(out, "workers after the run", spec.Twilio.WorkspaceSID, after)
	if err := printDeleted(out, before, after); err != nil {
		return err
	}
	return checkGuarded(rep)
}

// checkGuarded makes sure the event with an unsafe address stopped at the flow's guard,
// which is what the demo shows with it.
func checkGuarded(rep *interp.Report) error {
	for _, e := range rep.Events[1:] {
		if e.Outcome != interp.Stopped {
			return fmt.Errorf("internal error: demo event %d (%s): %s, want it stopped by "+
				"the flow's guard", e.Index, e.User, e.Result())
		}
	}
	return nil
}

// demoExport builds the spec and reads the export back from its bytes, as `flopack run`
// reads a file written by `flopack build`.
func demoExport(spec *flowspec.Spec) (*export.Document, error) {
	built, err := generator.Build(spec, generator.Options{})
	if err != nil {
		return nil, fmt.Errorf("build the starter spec: %w", err)
	}
	root, err := export.Decode(export.Marshal(built.Root, false))
	if err != nil {
		return nil, fmt.Errorf("internal error: the built export does not decode: %w", err)
	}
	return &export.Document{Root: root}, nil
}

func printWorkers(w io.Writer, title, workspace string, workers []taskroutertest.Worker) {
	fmt.Fprintf(w, "%s (workspace %s, %d workers):\n", title, workspace, len(workers))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, wk := range workers {
		fmt.Fprintf(tw, "  %s\t%s\n", wk.SID, wk.FriendlyName)
	}
	tw.Flush()
}

// printDeleted names the workers that are gone; the demo must delete exactly one.
func printDeleted(w io.Writer, before, after []taskroutertest.Worker) error {
	left := map[string]bool{}
	for _, wk := range after {
		left[wk.SID] = true
	}
	var gone []taskroutertest.Worker
	for _, wk := range before {
		if !left[wk.SID] {
			gone = append(gone, wk)
		}
	}
	for _, wk := range gone {
		fmt.Fprintf(w, "\ndeleted: %s  %s\n", wk.SID, wk.FriendlyName)
	}
	if len(gone) != 1 || len(after) != len(before)-1 {
		return fmt.Errorf("internal error: the demo deleted %d workers, want 1", len(gone))
	}
	return nil
}
