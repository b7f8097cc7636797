package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/flowspec"
	"github.com/flopack/flopack/generator"
	"github.com/flopack/flopack/interp"
	"github.com/flopack/flopack/taskroutertest"
)

func TestRunFlags(t *testing.T) {
	t.Parallel()
	base := runOptions{Export: "x.flopack", Event: "e.json", Format: "text",
		Timeout: interp.DefaultTimeout}
	with := func(f func(o *runOptions)) runOptions {
		o := base
		f(&o)
		return o
	}
	tests := []struct {
		name     string
		args     []string
		want     runOptions
		wantCode int
	}{
		{"defaults", []string{"x.flopack", "--event", "e.json"}, base, exitOK},
		{"all flags", []string{"x.flopack", "--event", "e.json", "--execute", "--format", "json",
			"--taskrouter-url", "http://127.0.0.1:9", "--flow", "F", "--timeout", "2s"},
			with(func(o *runOptions) {
				o.Execute, o.Format, o.TaskRouterURL, o.Flow, o.Timeout =
					true, "json", "http://127.0.0.1:9", "F", 2*time.Second
			}), exitOK},
		{"stdin export", []string{"-", "--event", "e.json"},
			with(func(o *runOptions) { o.Export = "-" }), exitOK},
		{"no event", []string{"x.flopack"}, runOptions{}, exitUsage},
		{"both stdin", []string{"-", "--event", "-"}, runOptions{}, exitUsage},
		{"no export", []string{"--event", "e.json"}, runOptions{}, exitUsage},
		{"bad format", []string{"x.flopack", "--event", "e.json", "--format", "github"},
			runOptions{}, exitUsage},
		{"bad url", []string{"x.flopack", "--event", "e.json", "--taskrouter-url", "127.0.0.1"},
			runOptions{}, exitUsage},
		{"url with path", []string{"x.flopack", "--event", "e.json", "--taskrouter-url",
			"http://h/v1"}, runOptions{}, exitUsage},
		{"zero timeout", []string{"x.flopack", "--event", "e.json", "--timeout", "0s"},
			runOptions{}, exitUsage},
		{"unknown flag", []string{"x.flopack", "--event", "e.json", "--yes"}, runOptions{},
			exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stderr bytes.Buffer
			ios := &streams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &stderr}
			var got *runOptions
			root := newRootCmd(ios)
			root.RemoveCommand(root.Commands()...)
			root.AddCommand(newRunCmd(ios, func(o *runOptions) error { got = o; return nil }))
			root.SetArgs(append([]string{"run"}, tt.args...))
			root.SetOut(&bytes.Buffer{})
			root.SetErr(&stderr)
			_, err := root.ExecuteC()

			if code := exitCode(err, &stderr); code != tt.wantCode {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, tt.wantCode, &stderr)
			}
			if tt.wantCode != exitOK {
				if got != nil {
					t.Errorf("runF called despite a usage error")
				}
				return
			}
			got.IO, got.Getenv = nil, nil
			if diff := cmp.Diff(&tt.want, got); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

// runFixture is an export built from the example spec and a TaskRouter double holding the
// sample workers, for CLI tests.
type runFixture struct {
	dir, export string
	srv         *taskroutertest.Server
}

func newRunFixture(t *testing.T, cfg taskroutertest.Config) *runFixture {
	t.Helper()
	spec, err := flowspec.Load("../../testdata/flex-deprovision.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := generator.Build(spec, generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := &runFixture{dir: t.TempDir()}
	f.export = filepath.Join(f.dir, "flex.flopack")
	if err := os.WriteFile(f.export, export.Marshal(doc.Root, false), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.WorkspaceSID = spec.Twilio.WorkspaceSID
	if cfg.Workers == nil {
		cfg.Workers = taskroutertest.SampleWorkers()
	}
	f.srv = taskroutertest.New(cfg)
	t.Cleanup(f.srv.Close)
	return f
}

// event writes the demo's delivery with the app instance of the example spec and the given
// app user address, and returns its path.
func (f *runFixture) event(t *testing.T, addresses ...string) string {
	t.Helper()
	var hook map[string]any
	if err := json.Unmarshal(demoEvent, &hook); err != nil {
		t.Fatal(err)
	}
	sample := hook["data"].(map[string]any)["events"].([]any)[0]
	var events []any
	for i, a := range addresses {
		text, _ := json.Marshal(sample)
		s := strings.ReplaceAll(string(text), "grace.hopper@example.com", a)
		s = strings.ReplaceAll(s, "0oa1b2c3d4E5F6g7H8i9", "0oagsUh1ih5BqmnrgFnB")
		s = strings.ReplaceAll(s, "c0a8f1e2-3b4d-11f0-9a7e-5f6d2c1b0a99",
			"c0a8f1e2-3b4d-11f0-9a7e-00000000000"+string(rune('0'+i)))
		var ev any
		if err := json.Unmarshal([]byte(s), &ev); err != nil {
			t.Fatal(err)
		}
		events = append(events, ev)
	}
	hook["data"] = map[string]any{"events": events}
	data, _ := json.MarshalIndent(hook, "", "  ")
	path := filepath.Join(f.dir, "event.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func setCredentials(t *testing.T, sid, token string) {
	t.Setenv("TWILIO_API_KEY", "")
	t.Setenv("TWILIO_API_SECRET", "")
	t.Setenv("TWILIO_ACCOUNT_SID", sid)
	t.Setenv("TWILIO_AUTH_TOKEN", token)
}

// The CLI tests below set environment variables, so they do not run in parallel.

func TestRunCommand(t *testing.T) {
	tests := []struct {
		name       string
		addresses  []string
		extra      []string
		token      string // "" for the double's token
		wantCode   int
		wantOut    []string
		wantErr    []string
		notOut     []string // must not appear on stdout
		wantDelete int
	}{
		{
			name: "dry run", addresses: []string{"grace.hopper@example.com"},
			wantCode: exitOK,
			wantOut:  []string{"=> would delete worker WK", "1 would delete"},
			wantErr:  []string{"dry run: GET requests are sent, DELETE requests are printed"},
		},
		{
			name: "execute", addresses: []string{"grace.hopper@example.com"},
			extra:    []string{"--execute"},
			wantCode: exitOK, wantDelete: 1,
			wantOut: []string{"=> deleted worker WK", "1 deleted"},
			wantErr: []string{"flopack: sending DELETE http://127.0.0.1:"},
		},
		{
			name: "no matching worker", addresses: []string{"nobody@example.com"},
			extra:    []string{"--execute"},
			wantCode: exitFindings,
			wantOut:  []string{"stopped by Return Error If: " + generator.NoWorkerMessage},
			wantErr: []string{"the flow did not finish for 1 of 1 events: 1 stopped by " +
				"Return Error If, 0 failed\n"},
		},
		{
			name: "address with +", addresses: []string{"robin+flex@example.com"},
			wantCode: exitFindings,
			wantOut:  []string{"(1 warning, see the event above)"},
			wantErr: []string{`flopack: warning: event 1 (robin+flex@example.com): card ` +
				`"Find worker by email": the Query is text holding +: run sent "+" as %2B`},
		},
		{
			// stderr counts in the words of the summary on stdout.
			name:      "one deleted, one stopped",
			addresses: []string{"grace.hopper@example.com", "nobody@example.com"},
			extra:     []string{"--execute"},
			wantCode:  exitFindings, wantDelete: 1,
			wantOut: []string{"summary: 2 events: 1 deleted, 1 stopped, 0 failed"},
			wantErr: []string{"the flow did not finish for 1 of 2 events: 1 stopped by " +
				"Return Error If, 0 failed\n"},
		},
		{
			name: "refused credentials", addresses: []string{"grace.hopper@example.com",
				"ada.lovelace@example.com"},
			extra: []string{"--execute"}, token: "wrongtoken",
			wantCode: exitExternal,
			wantOut:  []string{"401 Unauthorized", "not run: the run stopped earlier"},
			notOut:   []string{"not run: not run"},
			wantErr:  []string{"the run stopped: ", "TaskRouter refused the credentials"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newRunFixture(t, taskroutertest.Config{})
			token := tt.token
			if token == "" {
				token = taskroutertest.AuthToken
			}
			setCredentials(t, taskroutertest.AccountSID, token)
			before := len(f.srv.Workers())

			args := append([]string{"run", f.export, "--event", f.event(t, tt.addresses...),
				"--taskrouter-url", f.srv.URL}, tt.extra...)
			code, stdout, stderr := runCLI(t, args...)

			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode,
					stdout, stderr)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			for _, w := range tt.notOut {
				if strings.Contains(stdout, w) {
					t.Errorf("stdout holds %q:\n%s", w, stdout)
				}
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if got := before - len(f.srv.Workers()); got != tt.wantDelete {
				t.Errorf("%d workers deleted, want %d", got, tt.wantDelete)
			}
		})
	}
}

func TestRunCommandUnreachable(t *testing.T) {
	f := newRunFixture(t, taskroutertest.Config{})
	setCredentials(t, taskroutertest.AccountSID, taskroutertest.AuthToken)
	gone := taskroutertest.New(taskroutertest.Config{})
	url := gone.URL
	gone.Close()

	code, _, stderr := runCLI(t, "run", f.export, "--event", f.event(t, "a@example.com"),
		"--taskrouter-url", url)
	if code != exitExternal || !strings.Contains(stderr, "TaskRouter cannot be reached") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
}

func TestRunCommandNeedsCredentials(t *testing.T) {
	f := newRunFixture(t, taskroutertest.Config{})
	setCredentials(t, "", "")
	code, stdout, stderr := runCLI(t, "run", f.export, "--event", f.event(t, "a@example.com"),
		"--taskrouter-url", f.srv.URL)
	if code != exitUsage || !strings.Contains(stderr, "set TWILIO_ACCOUNT_SID") || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	if n := len(f.srv.Requests()); n != 0 {
		t.Errorf("%d requests sent without credentials", n)
	}
}

func TestRunCommandAPIKey(t *testing.T) {
	f := newRunFixture(t, taskroutertest.Config{})
	setCredentials(t, "", "")
	t.Setenv("TWILIO_API_KEY", taskroutertest.APIKeySID)
	t.Setenv("TWILIO_API_SECRET", taskroutertest.APIKeySecret)

	code, _, stderr := runCLI(t, "run", f.export, "--event",
		f.event(t, "grace.hopper@example.com"), "--taskrouter-url", f.srv.URL)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if u := f.srv.Requests()[0].Username; u != taskroutertest.APIKeySID {
		t.Errorf("authenticated as %q, want the API key", u)
	}
}

func TestRunCommandBadInput(t *testing.T) {
	f := newRunFixture(t, taskroutertest.Config{})
	setCredentials(t, taskroutertest.AccountSID, taskroutertest.AuthToken)
	badEvent := filepath.Join(f.dir, "bad.json")
	os.WriteFile(badEvent, []byte("{\"data\": {\"events\": [\n  42\n]}}"), 0o644)

	specText, err := os.ReadFile("../../testdata/flex-deprovision.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(f.dir, "flex.yaml")
	os.WriteFile(spec, specText, 0o644)
	specNoExt := filepath.Join(f.dir, "flex-spec")
	os.WriteFile(specNoExt, []byte("version: 1\nflow:\n  name: x\n"), 0o644)
	notJSON := filepath.Join(f.dir, "broken.flopack")
	os.WriteFile(notJSON, []byte("{\"type\": \"flopack\","), 0o644)

	unknownCard := filepath.Join(f.dir, "edited.flopack")
	data, _ := os.ReadFile(f.export)
	edited := strings.Replace(string(data), "root:kernel:object:0.0.1:get",
		"root:kernel:object:0.0.1:set", 1)
	os.WriteFile(unknownCard, []byte(edited), 0o644)

	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"event not an object", []string{f.export, "--event", badEvent},
			badEvent + ":2:3: data.events[0]: want a System Log event object"},
		{"missing event file", []string{f.export, "--event", filepath.Join(f.dir, "none.json")},
			"read events: open "},
		{"missing export", []string{filepath.Join(f.dir, "none.flopack"), "--event", badEvent},
			"none.flopack: no such file"},
		{"spec by name", []string{spec, "--event", badEvent}, spec + " is a spec, not an " +
			"export: build it first, such as flopack build " + spec + " -o - | flopack run - " +
			"--event EVENT.json"},
		{"spec by content", []string{specNoExt, "--event", badEvent},
			specNoExt + " is a spec, not an export"},
		{"broken export", []string{notJSON, "--event", badEvent}, notJSON + ": offset "},
		{"unknown card", []string{unknownCard, "--event", f.event(t, "a@example.com")},
			`card "Read worker SID" (root:kernel:object:0.0.1:set): flopack run does not ` +
				`interpret this card`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, append([]string{"run"}, tt.args...)...)
			if code != exitFindings || !strings.Contains(stderr, tt.wantErr) {
				t.Fatalf("exit %d, stderr:\n%s\nwant %q", code, stderr, tt.wantErr)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
		})
	}
	if n := len(f.srv.Requests()); n != 0 {
		t.Errorf("%d requests sent for bad input", n)
	}
}

func TestRunCommandSpecOnStdin(t *testing.T) {
	setCredentials(t, taskroutertest.AccountSID, taskroutertest.AuthToken)
	var out, errOut bytes.Buffer
	code := run([]string{"run", "-", "--event", "e.json"},
		strings.NewReader("# a spec\nversion: 1\n"), &out, &errOut)
	want := "stdin is a spec, not an export: build it first, such as flopack build " +
		"SPEC.yaml -o - | flopack run -"
	if code != exitFindings || !strings.Contains(errOut.String(), want) || out.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, &out, &errOut)
	}
}

func TestRunCommandJSONFromStdin(t *testing.T) {
	f := newRunFixture(t, taskroutertest.Config{})
	setCredentials(t, taskroutertest.AccountSID, taskroutertest.AuthToken)
	data, err := os.ReadFile(f.export)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run([]string{"run", "-", "--event", f.event(t, "grace.hopper@example.com",
		"ada.lovelace@example.com"), "--taskrouter-url", f.srv.URL, "--format", "json"},
		bytes.NewReader(data), &out, &errOut)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, &errOut)
	}
	var doc struct {
		Summary map[string]int `json:"summary"`
		Events  []struct {
			User      string `json:"user"`
			Outcome   string `json:"outcome"`
			WorkerSID string `json:"worker_sid"`
		} `json:"events"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, &out)
	}
	if doc.Summary["would_delete"] != 2 || len(doc.Events) != 2 ||
		doc.Events[1].User != "ada.lovelace@example.com" || doc.Events[1].WorkerSID == "" {
		t.Errorf("summary %v events %+v", doc.Summary, doc.Events)
	}
}

// TestRunCommandHidesToken runs with a sentinel token, in both formats, accepted and
// refused: neither it nor the Authorization header reach stdout or stderr.
func TestRunCommandHidesToken(t *testing.T) {
	const sentinel = "SENTINELtoken0123456789abcdefQRS"
	f := newRunFixture(t, taskroutertest.Config{AuthToken: sentinel})
	for _, token := range []string{sentinel, sentinel + "x"} {
		for _, format := range runFormats {
			setCredentials(t, taskroutertest.AccountSID, token)
			code, stdout, stderr := runCLI(t, "run", f.export, "--event",
				f.event(t, "grace.hopper@example.com", "nobody@example.com"),
				"--taskrouter-url", f.srv.URL, "--format", format, "--execute")
			if code == exitUsage {
				t.Fatalf("usage error: %s", stderr)
			}
			for _, secret := range []string{sentinel, "Authorization"} {
				if strings.Contains(stdout+stderr, secret) {
					t.Errorf("token %s… format %s: output holds %q", token[:8], format, secret)
				}
			}
		}
	}
}

// Without --taskrouter-url, run goes where TWILIO_REGION and TWILIO_EDGE send twilio-go.
func TestRunTaskRouterURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, flag, region, edge string
		want, wantErr            string
	}{
		{name: "default host"},
		{name: "region and edge", region: "ie1", edge: "dublin",
			want: "https://taskrouter.dublin.ie1.twilio.com"},
		{name: "edge only", edge: "sydney", want: "https://taskrouter.sydney.us1.twilio.com"},
		{name: "flag wins", flag: "http://127.0.0.1:9", region: "ie1", edge: "dublin",
			want: "http://127.0.0.1:9"},
		{name: "bad region", region: "ie1.evil.example", wantErr: "TWILIO_REGION"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"TWILIO_REGION": tt.region, "TWILIO_EDGE": tt.edge}
			o := &runOptions{TaskRouterURL: tt.flag,
				Getenv: func(k string) string { return env[k] }}
			got, err := o.taskRouterURL()
			if tt.wantErr != "" {
				if _, usage := err.(usageError); !usage ||
					!strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got %q, %v; want a usage error naming %s", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestRunCommandRegion(t *testing.T) {
	f := newRunFixture(t, taskroutertest.Config{})
	setCredentials(t, taskroutertest.AccountSID, taskroutertest.AuthToken)
	event := f.event(t, "grace.hopper@example.com")

	// --taskrouter-url wins over the region: the double gets the requests.
	t.Setenv("TWILIO_REGION", "ie1")
	t.Setenv("TWILIO_EDGE", "dublin")
	code, _, stderr := runCLI(t, "run", f.export, "--event", event, "--taskrouter-url",
		f.srv.URL)
	if code != exitOK || len(f.srv.Requests()) != 1 || strings.Contains(stderr, "ie1") {
		t.Errorf("exit %d, %d requests, stderr:\n%s", code, len(f.srv.Requests()), stderr)
	}

	// A region that is no host name is a usage error, before any request.
	t.Setenv("TWILIO_REGION", "ie1/../x")
	code, _, stderr = runCLI(t, "run", f.export, "--event", event)
	if code != exitUsage || !strings.Contains(stderr, `TWILIO_REGION "ie1/../x"`) {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// Ctrl-C during --execute: run sends nothing more, prints the trace and the summary of
// what was done, names the DELETE it sent, and exits 3.
func TestRunCommandInterrupt(t *testing.T) {
	arrived := make(chan taskroutertest.Request, 16)
	f := newRunFixture(t, taskroutertest.Config{
		OnRequest: func(r taskroutertest.Request) { arrived <- r },
	})
	setCredentials(t, taskroutertest.AccountSID, taskroutertest.AuthToken)
	held := func(r taskroutertest.Request) bool {
		return strings.Contains(r.Query.Get("TargetWorkersExpression"), "ada.")
	}
	f.srv.Inject(taskroutertest.Fault{Kind: taskroutertest.Slow, Delay: time.Hour,
		Match: held})
	event := f.event(t, "grace.hopper@example.com", "ada.lovelace@example.com",
		"katherine.johnson@example.com")
	before := len(f.srv.Workers())

	done := make(chan cliResult)
	go func() {
		var out, errOut bytes.Buffer
		code := run([]string{"run", f.export, "--event", event, "--taskrouter-url", f.srv.URL,
			"--execute"}, strings.NewReader(""), &out, &errOut)
		done <- cliResult{code, out.String(), errOut.String()}
	}()
	for r := range arrived { // GET and DELETE for grace, then ada's GET, held
		if held(r) {
			break
		}
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	res := <-done

	if res.code != exitExternal {
		t.Fatalf("exit %d, want 3\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	for _, want := range []string{
		"summary: 3 events: 1 deleted, 0 failed, 1 interrupted, 1 not run",
		"=> interrupted: during GET http://127.0.0.1:",
		"not run: the run was interrupted",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, res.stdout)
		}
	}
	wantErr := "flopack: interrupted: 1 DELETE request was sent: " + f.srv.URL + "/v1/Workspaces/"
	if !strings.Contains(res.stderr, wantErr) || !strings.Contains(res.stderr,
		"(204); 1 of 3 events not run") {
		t.Errorf("stderr lacks %q:\n%s", wantErr, res.stderr)
	}
	if n := len(f.srv.Requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	if got := before - len(f.srv.Workers()); got != 1 {
		t.Errorf("%d workers deleted, want 1", got)
	}
}

// The built flow's guards, end to end through `flopack run --execute` against the double:
// an event without an address, with an empty one, or with one that would widen the worker
// query (before the guards, `x" or email != "x` deleted another worker) stops at a guard,
// sends nothing and deletes nothing.
func TestRunCommandAddressGuards(t *testing.T) {
	f := newRunFixture(t, taskroutertest.Config{})
	setCredentials(t, taskroutertest.AccountSID, taskroutertest.AuthToken)

	var hook map[string]any
	if err := json.Unmarshal(demoEvent, &hook); err != nil {
		t.Fatal(err)
	}
	sample := hook["data"].(map[string]any)["events"].([]any)[0]
	// Each edit sets the AppUser target's address; nil drops the target.
	edits := []*string{nil, new(string), ptr(`x" or email != "x`)}
	var events []any
	for i, address := range edits {
		var ev map[string]any
		text, _ := json.Marshal(sample)
		json.Unmarshal(text, &ev)
		ev["uuid"] = fmt.Sprintf("guard-%d", i+1)
		var targets []any
		for _, tg := range ev["target"].([]any) {
			tg := tg.(map[string]any)
			switch tg["type"] {
			case "AppInstance":
				tg["id"] = "0oagsUh1ih5BqmnrgFnB" // the example spec's app
			case "AppUser":
				if address == nil {
					continue
				}
				tg["alternateId"] = *address
			}
			targets = append(targets, tg)
		}
		ev["target"] = targets
		events = append(events, ev)
	}
	hook["data"] = map[string]any{"events": events}
	data, _ := json.Marshal(hook)
	path := filepath.Join(f.dir, "guards.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	before := len(f.srv.Workers())

	code, stdout, stderr := runCLI(t, "run", f.export, "--event", path, "--taskrouter-url",
		f.srv.URL, "--execute", "--format", "json")

	if code != exitFindings {
		t.Fatalf("exit %d, want 1\nstderr:\n%s", code, stderr)
	}
	var doc struct {
		Events []struct {
			Outcome string `json:"outcome"`
			Detail  string `json:"detail"`
			Cards   []struct {
				Title string `json:"title"`
			} `json:"cards"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("stdout is not JSON: %v", err)
	}
	type stop struct{ Outcome, Card, Message string }
	var got []stop
	for _, e := range doc.Events {
		got = append(got, stop{e.Outcome, e.Cards[len(e.Cards)-1].Title, e.Detail})
	}
	want := []stop{
		{"stopped", "Stop if the event has no address", generator.NoAddressMessage},
		{"stopped", "Stop if the event has no address", generator.NoAddressMessage},
		{"stopped", "Stop if the address is unsafe", generator.UnsafeAddressMessage},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if !strings.Contains(stderr, "the flow did not finish for 3 of 3 events: 3 stopped by "+
		"Return Error If, 0 failed") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if n := len(f.srv.Requests()); n != 0 || len(f.srv.Workers()) != before {
		t.Errorf("%d requests sent, %d workers deleted", n, before-len(f.srv.Workers()))
	}
}

func ptr(s string) *string { return &s }
