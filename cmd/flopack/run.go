package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/interp"
	"github.com/flopack/flopack/oktaevent"
	"github.com/flopack/flopack/taskrouter"
)

// runOptions are the inputs of `flopack run`.
type runOptions struct {
	IO            *streams
	Export        string // the export to run; "-" for standard input
	Event         string // the events; "-" for standard input
	Execute       bool
	TaskRouterURL string
	Format        string
	Flow          string
	Timeout       time.Duration
	// Getenv reads the credentials; os.Getenv outside tests.
	Getenv func(string) string
}

// runFormats are the accepted --format values of run.
var runFormats = []string{"text", "json"}

func newRunCmd(ios *streams, runF func(*runOptions) error) *cobra.Command {
	opts := &runOptions{IO: ios, Getenv: os.Getenv}
	cmd := &cobra.Command{
		Use:   "run FLOPACK --event EVENT.json",
		Short: "Run an export's flow for Okta events against TaskRouter, card by card",
		Long: `Run the event-triggered flow of an export on this machine, as Okta Workflows
runs it for each event in EVENT.json, and print every card's inputs, outputs, time
and error, as Flow History shows them, then a summary line per event.

EVENT.json is an Okta event hook delivery ({"data": {"events": [...]}}), a list of
System Log events, or a list of events already mapped to the event card's fields.
Use - to read it (or the export) from standard input.

Requests go to TaskRouter only: https://taskrouter.twilio.com, or the base URL given
with --taskrouter-url, which replaces its scheme and host; without it, TWILIO_REGION
and TWILIO_EDGE pick the host as in twilio-go. They carry Basic auth from
TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET.

By default this is a dry run: GET requests are sent (they change nothing), DELETE
requests are printed, not sent. --execute sends them, and names each on stderr
before sending it.

Ctrl-C stops the run before the next card: nothing more is sent (a DELETE already
sent is waited for), and the summary says what was done.

Exit codes: 0 every event's flow ran; 1 an event's flow failed or was stopped by
Return Error If, or the export or the events are invalid; 2 usage error; 3 TaskRouter
could not be reached or refused the credentials, or the run was interrupted.`,
		Example: `  flopack run flex.flopack --event unassigned.json
  flopack run flex.flopack --event unassigned.json --execute
  flopack build flex.yaml -o - | flopack run - --event unassigned.json --format json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Export = args[0]
			if err := opts.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}

			// Ctrl-C ends the run between cards, with the summary of what was sent; a
			// second Ctrl-C, once the first has been seen, quits at once.
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			context.AfterFunc(ctx, stop)
			return runRun(ctx, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Event, "event", "", "Okta events to run the flow for (required)")
	f.BoolVar(&opts.Execute, "execute", false, "send DELETE requests instead of printing them")
	f.StringVar(&opts.TaskRouterURL, "taskrouter-url", "",
		"send TaskRouter requests to this base URL instead (a test double, a regional host)")
	f.StringVar(&opts.Format, "format", "text", "output format: text or json")
	f.StringVar(&opts.Flow, "flow", "", "name or id of the flow, when the export has several")
	f.DurationVar(&opts.Timeout, "timeout", interp.DefaultTimeout, "limit for each request")
	return cmd
}

// check refuses flag values that cannot work, before anything is read or sent.
func (o *runOptions) check() error {
	if o.Event == "" {
		return usageErrorf("--event is required: the Okta events to run the flow for")
	}
	if o.Event == "-" && o.Export == "-" {
		return usageErrorf("only one of the export and --event can be read from stdin")
	}
	if o.Format != "text" && o.Format != "json" {
		return usageErrorf("unknown format %q: use one of %v", o.Format, runFormats)
	}
	if o.TaskRouterURL != "" {
		if _, err := interp.ParseTaskRouterURL(o.TaskRouterURL); err != nil {
			return usageError{fmt.Errorf("--taskrouter-url: %w", err)}
		}
	}
	if o.Timeout <= 0 {
		return usageErrorf("--timeout must be positive, such as 30s")
	}
	return nil
}

// taskRouterURL is where run sends TaskRouter requests: --taskrouter-url, else the host
// that TWILIO_REGION and TWILIO_EDGE pick, computed by the taskrouter package as twilio-go
// (and so verify) does; "" for https://taskrouter.twilio.com itself.
func (o *runOptions) taskRouterURL() (string, error) {
	if o.TaskRouterURL != "" {
		return o.TaskRouterURL, nil
	}
	u, err := taskrouter.RegionalURL(o.Getenv)
	if err != nil {
		return "", usageError{err}
	}
	if u == taskrouter.DefaultURL {
		return "", nil
	}
	return u, nil
}

func runRun(ctx context.Context, opts *runOptions) error {
	doc, err := readExport(opts.IO.In, opts.Export)
	if err != nil {
		return err
	}
	events, err := readEvents(opts.IO.In, opts.Event)
	if err != nil {
		return err
	}
	creds, err := credentials(opts.Getenv)
	if err != nil {
		return err
	}
	base, err := opts.taskRouterURL()
	if err != nil {
		return err
	}
	if base != "" && opts.TaskRouterURL == "" {
		fmt.Fprintf(opts.IO.Err, "flopack: %s and %s: TaskRouter requests go to %s\n",
			taskrouter.EnvRegion, taskrouter.EnvEdge, base)
	}
	warnRepeatedEvents(opts.IO.Err, events)

	if opts.Execute {
		fmt.Fprintln(opts.IO.Err, "flopack: --execute: DELETE requests are sent to TaskRouter")
	} else {
		fmt.Fprintln(opts.IO.Err, "flopack: dry run: GET requests are sent, DELETE requests "+
			"are printed, not sent; add --execute to send them")
	}
	rep, err := interp.Run(ctx, doc, events, interp.Options{
		Flow:          opts.Flow,
		Execute:       opts.Execute,
		TaskRouterURL: base,
		Credentials:   creds,
		Timeout:       opts.Timeout,
		Announce: func(method, url string) {
			fmt.Fprintf(opts.IO.Err, "flopack: sending %s %s\n", method, url)
		},
	})
	if rep == nil {
		return fmt.Errorf("run %s: %w", opts.Export, err)
	}
	return report(opts, rep, err)
}

// report prints the trace and maps the run's end to an error for the exit code.
func report(opts *runOptions, rep *interp.Report, runErr error) error {
	var err error
	if opts.Format == "json" {
		err = rep.WriteJSON(opts.IO.Out)
	} else {
		err = rep.WriteText(opts.IO.Out)
	}
	if err != nil {
		return fmt.Errorf("write the trace: %w", err)
	}
	for _, e := range rep.Events {
		for _, w := range e.Warnings {
			fmt.Fprintf(opts.IO.Err, "flopack: warning: event %d (%s): %s\n", e.Index,
				e.User, w)
		}
	}

	switch {
	case errors.Is(runErr, interp.ErrInterrupted):
		return externalError{fmt.Errorf("interrupted: %s; %d of %d events not run",
			sentDeletes(rep), rep.Count(interp.NotRun), len(rep.Events))}
	case errors.Is(runErr, interp.ErrRefused):
		return externalError{fmt.Errorf("the run stopped: %w (%w); check "+
			"TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and "+
			"TWILIO_API_SECRET", interp.ErrRefused, runErr)}
	case runErr != nil:
		return externalError{fmt.Errorf("the run stopped: %w; retry when TaskRouter "+
			"answers", runErr)}
	}
	if n := rep.Failures(); n > 0 {
		fmt.Fprintf(opts.IO.Err, "flopack: the flow did not finish for %d of %d events: %s\n",
			n, len(rep.Events), unfinished(rep))
		return errFindings
	}
	return nil
}

// sentDeletes says which DELETE requests the run sent, for a run cut short.
func sentDeletes(rep *interp.Report) string {
	sent := rep.Sent(http.MethodDelete)
	if len(sent) == 0 {
		if rep.DryRun {
			return "no DELETE request was sent (dry run)"
		}
		return "no DELETE request was sent"
	}
	var urls []string
	for _, rq := range sent {
		urls = append(urls, fmt.Sprintf("%s (%d)", rq.URL, rq.Status))
	}
	return fmt.Sprintf("%d DELETE %s sent: %s", len(sent), pluralWord(len(sent), "request was",
		"requests were"), strings.Join(urls, ", "))
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// unfinished counts the events whose flow did not finish, in the words of the summary:
// stopped by Return Error If, failed, and not run when there are any.
func unfinished(rep *interp.Report) string {
	parts := []string{
		fmt.Sprintf("%d stopped by Return Error If", rep.Count(interp.Stopped)),
		fmt.Sprintf("%d failed", rep.Count(interp.Failed)),
	}
	for _, o := range []interp.Outcome{interp.Interrupted, interp.NotRun} {
		if n := rep.Count(o); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, o))
		}
	}
	return strings.Join(parts, ", ")
}

// readExport reads the export at path, or from in when path is "-".
func readExport(in io.Reader, path string) (*export.Document, error) {
	var (
		data []byte
		err  error
	)
	name := path
	if path == "-" {
		data, err = io.ReadAll(in)
		name = "stdin"
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("read the export: %w", err)
	}

	root, err := export.Decode(data)
	if err != nil {
		if isSpec(path, data) {
			return nil, fmt.Errorf("%s is a spec, not an export: build it first, such as "+
				"flopack build %s -o - | flopack run - --event EVENT.json", name,
				specArg(path))
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &export.Document{Root: root}, nil
}

// yamlKey is a first line such as "version: 1" or "flow:".
var yamlKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*[ \t]*:([ \t]|$)`)

// isSpec tells a flopack spec (YAML) given where an export was expected: by its name, or
// by a first line that no JSON document starts with.
func isSpec(path string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return true
	}
	text := strings.TrimLeft(strings.TrimPrefix(string(data), "\uFEFF"), " \t\r\n")
	first, _, _ := strings.Cut(text, "\n")
	first = strings.TrimRight(first, "\r")
	return strings.HasPrefix(first, "#") || strings.HasPrefix(first, "---") ||
		yamlKey.MatchString(first)
}

// specArg is the spec's path as the hint shows it.
func specArg(path string) string {
	if path == "-" {
		return "SPEC.yaml"
	}
	return path
}

// readEvents reads and maps the events at path, or from in when path is "-".
func readEvents(in io.Reader, path string) ([]oktaevent.Event, error) {
	var (
		data []byte
		err  error
	)
	if path == "-" {
		data, err = io.ReadAll(io.LimitReader(in, oktaevent.MaxSize+1))
		path = "stdin"
	} else {
		data, err = readLimited(path, oktaevent.MaxSize+1)
	}
	if err != nil {
		return nil, fmt.Errorf("read events: %w", err)
	}
	return oktaevent.Parse(path, data)
}

func readLimited(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// credentials reads the TaskRouter credentials from the environment: an API key and its
// secret when both are set, else the Account SID and Auth Token.
func credentials(getenv func(string) string) (interp.Credentials, error) {
	if key, secret := getenv("TWILIO_API_KEY"), getenv("TWILIO_API_SECRET"); key != "" &&
		secret != "" {
		return interp.Credentials{Username: key, Password: secret}, nil
	}
	if sid, token := getenv("TWILIO_ACCOUNT_SID"), getenv("TWILIO_AUTH_TOKEN"); sid != "" &&
		token != "" {
		return interp.Credentials{Username: sid, Password: token}, nil
	}
	return interp.Credentials{}, usageErrorf("set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, " +
		"or TWILIO_API_KEY and TWILIO_API_SECRET: run reads TaskRouter with them, in a dry " +
		"run too")
}

// warnRepeatedEvents notes events that share an Event ID: Okta retries deliveries, and
// Workflows runs the flow again for each copy, as run does.
func warnRepeatedEvents(w io.Writer, events []oktaevent.Event) {
	first := map[string]int{}
	for i, ev := range events {
		id := ev.ID()
		if id == "" {
			continue
		}
		if j, seen := first[id]; seen {
			fmt.Fprintf(w, "flopack: warning: event %d repeats event %d (Event ID %s); Okta "+
				"retries deliveries, and the flow runs for each copy\n", i+1, j+1, id)
			continue
		}
		first[id] = i
	}
}
