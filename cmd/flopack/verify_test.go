package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/flowspec"
	"github.com/flopack/flopack/generator"
	"github.com/flopack/flopack/preflight"
	"github.com/flopack/flopack/taskroutertest"
)

// flowSpec is a spec for the workspace the double serves.
const flowSpec = "testdata/verify-flow.yaml"

// builtFlow builds flowSpec into an export in a temporary folder and returns its path, so
// that verify is tested on what the generator emits.
func builtFlow(t *testing.T) string {
	t.Helper()
	spec, err := flowspec.Load(flowSpec)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := generator.Build(spec, generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "flow.flopack")
	if err := os.WriteFile(path, export.Marshal(doc.Root, false), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sentinel is the Auth Token in tests that prove it never shows; twilio-go only takes
// letters and digits.
const sentinel = "SENTINELxTOKENx0123456789abcdefZZ"

type cliResult struct {
	code           int
	stdout, stderr string
}

func runVerify(t *testing.T, args ...string) cliResult {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errOut)
	return cliResult{code, squeeze(out.String()), errOut.String()}
}

// squeeze collapses the runs of spaces that align the table, so that tests do not depend
// on column widths.
func squeeze(s string) string {
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return s
}

// setCreds points the environment at the double's account, and clears what could steer
// twilio-go elsewhere.
func setCreds(t *testing.T, token string) {
	t.Setenv("TWILIO_ACCOUNT_SID", taskroutertest.AccountSID)
	t.Setenv("TWILIO_AUTH_TOKEN", token)
	t.Setenv("TWILIO_API_KEY", "")
	t.Setenv("TWILIO_API_SECRET", "")
	t.Setenv("TWILIO_REGION", "")
	t.Setenv("TWILIO_EDGE", "")
}

func double(t *testing.T, cfg taskroutertest.Config) *taskroutertest.Server {
	t.Helper()
	srv := taskroutertest.New(cfg)
	t.Cleanup(func() {
		srv.Close()
		for _, r := range srv.Requests() {
			if r.Method != "GET" {
				t.Errorf("verify sent %s %s", r.Method, r.Path)
			}
		}
	})
	return srv
}

func TestVerifySampleWorkspace(t *testing.T) {
	flowFixture := builtFlow(t)
	setCreds(t, taskroutertest.AuthToken)
	srv := double(t, taskroutertest.Config{Workers: taskroutertest.SampleWorkers()})

	res := runVerify(t, "verify", flowFixture, "--taskrouter-url", srv.URL)
	if res.code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	for _, want := range []string{
		"STATUS CHECK RESULT\n",
		"ok CREDENTIALS TaskRouter accepted TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN\n",
		`ok WORKSPACE_EXISTS workspace ` + taskroutertest.WorkspaceSID +
			` "Flex Task Assignment"`,
		"ok GET_REQUEST the flow's request answered with a \"workers\" array (0 workers)",
		"ok WORKERS_LISTED 6 workers listed in 1 page\n",
		"warning WORKER_ATTRIBUTE_MISSING 1 worker has no text attribute \"email\"",
		"(Overflow queue bot): no email",
		"ok WORKER_VALUE_HYPHEN 1 value holds a hyphen",
		"ok WORKER_VALUE_BLANK no worker has an empty \"email\"",
		flowFixture + ": 11 ok, 1 warning, 0 errors",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, res.stdout)
		}
	}
	if !strings.Contains(res.stderr, "GET requests only") {
		t.Errorf("stderr: %s", res.stderr)
	}
}

func TestVerifyJSON(t *testing.T) {
	flowFixture := builtFlow(t)
	setCreds(t, taskroutertest.AuthToken)
	srv := double(t, taskroutertest.Config{Workers: append(taskroutertest.SampleWorkers(),
		taskroutertest.FlexWorker("ada.lovelace@example.com"))})

	res := runVerify(t, "verify", flowFixture, "--taskrouter-url", srv.URL, "--format", "json")
	if res.code != 1 {
		t.Fatalf("exit %d, want 1 (a shared address)\n%s%s", res.code, res.stdout, res.stderr)
	}
	var doc struct {
		Source  string `json:"source"`
		Workers int    `json:"workers"`
		Checks  []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"checks"`
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(res.stdout), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, res.stdout)
	}
	failed := map[string]string{}
	for _, c := range doc.Checks {
		if c.Status != "ok" {
			failed[c.ID] = c.Status
		}
	}
	want := map[string]string{
		"WORKER_ATTRIBUTE_MISSING": "warning",
		"WORKER_VALUE_DUPLICATE":   "error",
	}
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if doc.Source != flowFixture || doc.Workers != 7 ||
		doc.Summary["errors"] != 1 || doc.Summary["warnings"] != 1 {
		t.Errorf("%+v", doc)
	}
}

func TestVerifyGitHub(t *testing.T) {
	flowFixture := builtFlow(t)
	setCreds(t, taskroutertest.AuthToken)
	srv := double(t, taskroutertest.Config{Workers: taskroutertest.SampleWorkers()})
	res := runVerify(t, "verify", flowFixture, "--taskrouter-url", srv.URL, "--format", "github")
	want := "::warning file=" + flowFixture + ",title=WORKER_ATTRIBUTE_MISSING::1 worker has"
	if res.code != 0 || !strings.HasPrefix(res.stdout, want) ||
		strings.Count(res.stdout, "\n") != 1 {
		t.Errorf("exit %d\n%s", res.code, res.stdout)
	}
}

func TestVerifyEmail(t *testing.T) {
	flowFixture := builtFlow(t)
	setCreds(t, taskroutertest.AuthToken)
	srv := double(t, taskroutertest.Config{Workers: taskroutertest.SampleWorkers()})
	before := len(srv.Workers())

	res := runVerify(t, "verify", flowFixture, "--taskrouter-url", srv.URL,
		"--email", "jean-luc.picard@example.com")
	sid := srv.Workers()[2].SID
	want := "DELETE https://taskrouter.twilio.com/v1/Workspaces/" + taskroutertest.WorkspaceSID +
		"/Workers/" + sid
	if res.code != 0 || !strings.Contains(res.stdout, "EMAIL_MATCH") ||
		!strings.Contains(res.stdout, want) {
		t.Errorf("exit %d\n%s", res.code, res.stdout)
	}
	if len(srv.Workers()) != before {
		t.Error("verify deleted a worker")
	}
}

func TestVerifyAPIKey(t *testing.T) {
	flowFixture := builtFlow(t)
	setCreds(t, "")
	t.Setenv("TWILIO_ACCOUNT_SID", "")
	t.Setenv("TWILIO_API_KEY", taskroutertest.APIKeySID)
	t.Setenv("TWILIO_API_SECRET", taskroutertest.APIKeySecret)
	srv := double(t, taskroutertest.Config{Workers: taskroutertest.SampleWorkers()})
	res := runVerify(t, "verify", flowFixture, "--taskrouter-url", srv.URL)
	if res.code != 0 || !strings.Contains(res.stdout, "accepted TWILIO_API_KEY and "+
		"TWILIO_API_SECRET") {
		t.Errorf("exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if u := srv.Requests()[0].Username; u != taskroutertest.APIKeySID {
		t.Errorf("authenticated as %s", u)
	}
}

func TestVerifyExitCodes(t *testing.T) {
	flowFixture := builtFlow(t)
	closed := taskroutertest.New(taskroutertest.Config{})
	closed.Close()

	tests := []struct {
		name   string
		cfg    taskroutertest.Config
		fault  *taskroutertest.Fault
		token  string
		args   []string
		code   int
		stdout string // substring
		stderr string // substring
	}{
		{
			name: "unknown workspace", code: 1,
			cfg:    taskroutertest.Config{WorkspaceSID: "WS0000000000000000000000000000abcd"},
			stdout: "error WORKSPACE_EXISTS", stderr: "",
		},
		{
			name: "wrong token", token: "wrongtoken", code: 3,
			stdout: "error CREDENTIALS", stderr: "refused the credentials (401) (Twilio " +
				"error 20003: Authenticate): check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN",
		},
		{
			name: "server errors", code: 3, args: []string{"--retries", "0"},
			fault:  &taskroutertest.Fault{Kind: taskroutertest.ServerError},
			stderr: "TaskRouter failed (500)",
		},
		{
			name: "rate limit clears", code: 0,
			fault: &taskroutertest.Fault{Kind: taskroutertest.TooManyRequests, RetryAfter: "0",
				Times: 2},
			stdout: "11 ok",
		},
		{
			name: "unreachable", code: 3, args: []string{"--taskrouter-url", closed.URL},
			stderr: "cannot reach TaskRouter",
		},
		{
			name: "no credentials", token: "-", code: 2,
			stderr: "no TaskRouter credentials",
		},
		{name: "bad format", code: 2, args: []string{"--format", "xml"},
			stderr: `unknown format "xml"`},
		{name: "bad url", code: 2, args: []string{"--taskrouter-url", "ftp://x"},
			stderr: "want http(s)://host[:port]"},
		{name: "bad retries", code: 2, args: []string{"--retries", "-1"}},
		{name: "empty email", code: 2, args: []string{"--email", ""},
			stderr: "--email is empty"},
		{name: "blank email", code: 2, args: []string{"--email", " "},
			stderr: "--email is empty"},
		{name: "two files", code: 2, args: []string{flowFixture}},
		{name: "missing spec", code: 1, stderr: "flow.yaml: cannot read the spec"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			token := tt.token
			if token == "" {
				token = taskroutertest.AuthToken
			}
			setCreds(t, token)
			if token == "-" {
				t.Setenv("TWILIO_ACCOUNT_SID", "")
				t.Setenv("TWILIO_AUTH_TOKEN", "")
			}
			cfg := tt.cfg
			cfg.Workers = taskroutertest.SampleWorkers()
			srv := double(t, cfg)
			if tt.fault != nil {
				srv.Inject(*tt.fault)
			}

			args := []string{"verify", flowFixture, "--taskrouter-url", srv.URL}
			if tt.name == "missing spec" {
				args = []string{"verify", "flow.yaml"}
			}
			res := runVerify(t, append(args, tt.args...)...)
			if res.code != tt.code || !strings.Contains(res.stdout, tt.stdout) ||
				!strings.Contains(res.stderr, tt.stderr) {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", res.code, tt.code,
					res.stdout, res.stderr)
			}
		})
	}
}

func TestVerifyBadInput(t *testing.T) {
	flowFixture := builtFlow(t)
	setCreds(t, taskroutertest.AuthToken)
	dir := t.TempDir()
	data, err := os.ReadFile(flowFixture)
	if err != nil {
		t.Fatal(err)
	}
	notTaskRouter := filepath.Join(dir, "other.flopack")
	os.WriteFile(notTaskRouter, bytes.Replace(data, []byte("https://taskrouter.twilio.com"),
		[]byte("https://api.example.com"), 1), 0o644)
	broken := filepath.Join(dir, "broken.flopack")
	os.WriteFile(broken, data[:len(data)/2], 0o644)

	tests := []struct {
		path, want string
	}{
		{notTaskRouter, notTaskRouter + `:`},
		{broken, broken + ":"},
		{filepath.Join(dir, "missing.flopack"), "read the export"},
	}
	for _, tt := range tests {
		res := runVerify(t, "verify", tt.path)
		if res.code != 1 || !strings.Contains(res.stderr, tt.want) || res.stdout != "" {
			t.Errorf("%s: exit %d\nstdout: %s\nstderr: %s", tt.path, res.code, res.stdout,
				res.stderr)
		}
	}
	res := runVerify(t, "verify", notTaskRouter)
	if !strings.Contains(res.stderr, `flow "Delete Flex worker when unassigned in Okta" › `+
		`card "Find worker by email"`+
		`: FLOW_PARAMETERS: URL: "https://api.example.com/v1/Workspaces/`) {
		t.Errorf("stderr: %s", res.stderr)
	}
}

// A spec and the export built from it are verified alike: one code path.
func TestVerifySpec(t *testing.T) {
	setCreds(t, taskroutertest.AuthToken)
	srv := double(t, taskroutertest.Config{Workers: taskroutertest.SampleWorkers()})
	built := builtFlow(t)

	fromSpec := runVerify(t, "verify", flowSpec, "--taskrouter-url", srv.URL, "--format", "json")
	fromExport := runVerify(t, "verify", built, "--taskrouter-url", srv.URL, "--format", "json")
	if fromSpec.code != 0 || fromExport.code != 0 {
		t.Fatalf("exit %d and %d\n%s%s", fromSpec.code, fromExport.code, fromSpec.stderr,
			fromExport.stderr)
	}
	want := strings.Replace(fromExport.stdout, built, flowSpec, 1)
	if diff := cmp.Diff(want, fromSpec.stdout); diff != "" {
		t.Errorf("spec and export differ (-export +spec)\n%s", diff)
	}

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("version: 1\nflow: {name: x}\n"), 0o644)
	res := runVerify(t, "verify", bad)
	if res.code != 1 || !strings.Contains(res.stderr, bad+":") || res.stdout != "" {
		t.Errorf("bad spec: exit %d\n%s", res.code, res.stderr)
	}
}

// Flags reach the options; runF stops before any request.
func TestVerifyFlags(t *testing.T) {
	var got *verifyOptions
	cmd := newVerifyCmd(&streams{}, func(o *verifyOptions) error {
		got = o
		return nil
	})
	cmd.SetArgs([]string{"x.flopack", "--email", "a@b.com", "--format", "json", "--timeout",
		"5s", "--retries", "1", "--taskrouter-url", "http://127.0.0.1:9", "--verbose"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := verifyOptions{IO: &streams{}, Path: "x.flopack", Email: "a@b.com", Format: "json",
		Timeout: 5 * time.Second, Retries: 1, TaskRouterURL: "http://127.0.0.1:9", Verbose: true}
	if diff := cmp.Diff(want, *got, cmp.AllowUnexported(streams{})); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// Whatever fails, the Auth Token appears in no output, log or error.
func TestVerifyNeverShowsToken(t *testing.T) {
	flowFixture := builtFlow(t)
	faults := []taskroutertest.FaultKind{
		taskroutertest.Unauthorized, taskroutertest.NotFound, taskroutertest.TooManyRequests,
		taskroutertest.ServerError, taskroutertest.Slow, taskroutertest.MalformedJSON,
		taskroutertest.BadRequest, 0,
	}
	for _, kind := range faults {
		for _, format := range []string{"text", "json", "github"} {
			t.Run(kind.String()+"/"+format, func(t *testing.T) {
				setCreds(t, sentinel)
				srv := double(t, taskroutertest.Config{AuthToken: sentinel,
					Workers: taskroutertest.SampleWorkers()})
				if kind != 0 {
					srv.Inject(taskroutertest.Fault{Kind: kind, RetryAfter: "0",
						Delay: time.Second})
				}
				res := runVerify(t, "verify", flowFixture, "--taskrouter-url", srv.URL,
					"--format", format, "--verbose", "--retries", "1", "--timeout", "100ms",
					"--email", "jean-luc.picard@example.com")
				if res.code == 2 {
					t.Fatalf("usage error: %s", res.stderr)
				}
				if strings.Contains(res.stdout+res.stderr, sentinel) {
					t.Errorf("the token shows:\n%s\n%s", res.stdout, res.stderr)
				}
			})
		}
	}

	// A wrong token, and one twilio-go refuses to send, do not show either.
	for _, token := range []string{sentinel + "WRONG", sentinel + "-with/odd+chars"} {
		setCreds(t, token)
		srv := double(t, taskroutertest.Config{AuthToken: sentinel})
		res := runVerify(t, "verify", flowFixture, "--taskrouter-url", srv.URL, "--verbose")
		if res.code == 0 || strings.Contains(res.stdout+res.stderr, sentinel) {
			t.Errorf("exit %d, output:\n%s\n%s", res.code, res.stdout, res.stderr)
		}
	}
}

// Ctrl-C stops a run in flight: exit 3, "interrupted", and no further request.
func TestVerifyInterrupt(t *testing.T) {
	flowFixture := builtFlow(t)
	setCreds(t, taskroutertest.AuthToken)
	arrived := make(chan struct{}, 16)
	srv := double(t, taskroutertest.Config{Workers: taskroutertest.SampleWorkers(),
		OnRequest: func(taskroutertest.Request) { arrived <- struct{}{} }})
	srv.Inject(taskroutertest.Fault{Kind: taskroutertest.Slow, Delay: time.Hour,
		Match: taskroutertest.ListRequest})

	done := make(chan cliResult)
	go func() {
		var out, errOut bytes.Buffer
		code := run([]string{"verify", flowFixture, "--taskrouter-url", srv.URL},
			strings.NewReader(""), &out, &errOut)
		done <- cliResult{code, squeeze(out.String()), errOut.String()}
	}()

	<-arrived // the workspace
	<-arrived // the flow's Get request, held by the slow fault
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	res := <-done
	if res.code != 3 || !strings.Contains(res.stderr, "interrupted") ||
		!strings.Contains(res.stdout, "ok WORKSPACE_EXISTS") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// A run that could not complete exits 3 and says so in every format: the check it stopped
// at is an error with the reason, and no summary reads clean.
func TestVerifyIncompleteIsAnError(t *testing.T) {
	flowFixture := builtFlow(t)
	closed := taskroutertest.New(taskroutertest.Config{})
	closed.Close()
	tests := []struct {
		name  string
		fault *taskroutertest.Fault
		url   string // "" for the double
		want  string
	}{
		{name: "unreachable", url: closed.URL, want: "cannot reach TaskRouter"},
		{name: "400", fault: &taskroutertest.Fault{Kind: taskroutertest.BadRequest,
			Match: taskroutertest.WorkspaceRequest},
			want: "TaskRouter rejected the request (400)"},
		{name: "malformed", fault: &taskroutertest.Fault{Kind: taskroutertest.MalformedJSON,
			Match: taskroutertest.WorkspaceRequest},
			want: "TaskRouter's answer is not the JSON expected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setCreds(t, taskroutertest.AuthToken)
			srv := double(t, taskroutertest.Config{Workers: taskroutertest.SampleWorkers()})
			if tt.fault != nil {
				srv.Inject(*tt.fault)
			}
			url := srv.URL
			if tt.url != "" {
				url = tt.url
			}
			args := []string{"verify", flowFixture, "--taskrouter-url", url, "--retries", "0"}

			res := runVerify(t, append(args, "--format", "json")...)
			var doc struct {
				Checks []struct {
					ID, Status, Message string
				} `json:"checks"`
				Summary map[string]int `json:"summary"`
			}
			if err := json.Unmarshal([]byte(res.stdout), &doc); err != nil {
				t.Fatalf("stdout is not JSON: %v\n%s", err, res.stdout)
			}
			last := doc.Checks[len(doc.Checks)-1]
			if res.code != 3 || doc.Summary["errors"] != 1 || last.Status != "error" ||
				last.ID != "CREDENTIALS" || !strings.Contains(last.Message, tt.want) {
				t.Errorf("json: exit %d\n%s", res.code, res.stdout)
			}

			res = runVerify(t, append(args, "--format", "text")...)
			if res.code != 3 || !strings.Contains(res.stdout, "error CREDENTIALS could not be "+
				"checked: ") || !strings.Contains(res.stdout, ": 1 ok, 0 warnings, 1 error\n") {
				t.Errorf("text: exit %d\n%s", res.code, res.stdout)
			}

			res = runVerify(t, append(args, "--format", "github")...)
			if res.code != 3 || !strings.Contains(res.stdout, "::error ") ||
				!strings.Contains(res.stdout, "CREDENTIALS") {
				t.Errorf("github: exit %d\n%s", res.code, res.stdout)
			}
		})
	}
}

// The README's verify table lists exactly the ids verify prints: every preflight check,
// with its worst status, and the two rules of an export verify cannot read.
func TestREADMEListsVerifyChecks(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, found := strings.Cut(string(data), "\n## flopack verify")
	if !found {
		t.Fatal(`README has no "## flopack verify" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	row := regexp.MustCompile("(?m)^\\| `([A-Z_]+)` \\| (error|warning) \\|")
	listed := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		listed[m[1]] = m[2]
	}

	want := map[string]string{"EXPORT_SYNTAX": "error", "FLOW_PARAMETERS": "error"}
	for _, c := range preflight.Checks {
		want[c.ID] = string(c.Worst)
	}
	if diff := cmp.Diff(want, listed); diff != "" {
		t.Errorf("README verify table (-code +README):\n%s", diff)
	}
}
