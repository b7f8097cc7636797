package preflight_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/flopack/flopack/flexflow"
	"github.com/flopack/flopack/preflight"
	"github.com/flopack/flopack/taskrouter"
	"github.com/flopack/flopack/taskroutertest"
	"github.com/google/go-cmp/cmp"
)

const workersURL = "https://taskrouter.twilio.com/v1/Workspaces/" +
	taskroutertest.WorkspaceSID + "/Workers"

// params are what flexflow reads from the export the generator emits.
func params() *flexflow.Params {
	return &flexflow.Params{
		Flow:             "Flex de-provisioning",
		WorkersURL:       workersURL,
		WorkspaceSID:     taskroutertest.WorkspaceSID,
		ExpressionPrefix: `email=="`,
		ExpressionSuffix: `"`,
		Attribute:        "email",
		Quote:            '"',
		DeleteURL: flexflow.Template{
			{Kind: flexflow.Literal, Text: workersURL + "/"},
			{Kind: flexflow.Value, CardID: "m1", Card: "Worker SID", Output: "output"},
		},
		SIDPath: "workers.0.sid",
	}
}

type env struct {
	srv    *taskroutertest.Server
	client *taskrouter.Client
}

func newEnv(t testing.TB, cfg taskroutertest.Config) *env {
	t.Helper()
	srv := taskroutertest.New(cfg)
	t.Cleanup(srv.Close)
	c, err := taskrouter.New(taskrouter.Config{
		Credentials: taskrouter.Credentials{
			Username: taskroutertest.AccountSID,
			Password: taskroutertest.AuthToken,
			Source:   "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN",
		},
		BaseURL: srv.URL,
		Retries: 2,
		Sleep:   func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	})
	if err != nil {
		t.Fatal(err)
	}
	return &env{srv: srv, client: c}
}

func (e *env) run(t testing.TB, p *flexflow.Params, opts preflight.Options) *preflight.Report {
	t.Helper()
	r, err := preflight.Run(context.Background(), e.client, p, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// statuses maps each check that ran to its status.
func statuses(r *preflight.Report) map[string]preflight.Status {
	m := map[string]preflight.Status{}
	for _, c := range r.Checks {
		m[c.ID] = c.Status
	}
	return m
}

func assertOnlyGET(t testing.TB, srv *taskroutertest.Server) {
	t.Helper()
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			t.Errorf("verify sent %s %s", r.Method, r.Path)
		}
	}
}

func TestSampleWorkspace(t *testing.T) {
	e := newEnv(t, taskroutertest.Config{Workers: taskroutertest.SampleWorkers()})
	r := e.run(t, params(), preflight.Options{})

	want := map[string]preflight.Status{
		preflight.DeleteURL:              preflight.OK,
		preflight.Credentials:            preflight.OK,
		preflight.WorkspaceExists:        preflight.OK,
		preflight.GetRequest:             preflight.OK,
		preflight.WorkersListed:          preflight.OK,
		preflight.WorkerAttributeMissing: preflight.Warning,
		preflight.WorkerValueBlank:       preflight.OK,
		preflight.WorkerValueDuplicate:   preflight.OK,
		preflight.WorkerValueCase:        preflight.OK,
		preflight.WorkerValueUnsafe:      preflight.OK,
		preflight.WorkerValueQueryText:   preflight.OK,
		preflight.WorkerValueHyphen:      preflight.OK,
	}
	if diff := cmp.Diff(want, statuses(r)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	var order []string
	for _, c := range r.Checks {
		order = append(order, c.ID)
	}
	var documented []string
	for _, c := range preflight.Checks {
		if c.ID != preflight.EmailMatch {
			documented = append(documented, c.ID)
		}
	}
	if diff := cmp.Diff(documented, order); diff != "" {
		t.Errorf("checks out of the documented order (-want +got)\n%s", diff)
	}
	if r.WorkspaceName != taskroutertest.WorkspaceName || r.Workers != 6 || r.Failed() {
		t.Errorf("report %+v", r)
	}

	// Workspace, the flow's Get request, one list page, one hyphen probe: all GET.
	if n := len(e.srv.Requests()); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
	assertOnlyGET(t, e.srv)
	c, _ := r.Check(preflight.WorkerValueHyphen)
	if !strings.Contains(c.Message, "1 value holds a hyphen") {
		t.Errorf("hyphen check: %s", c.Message)
	}
}

// wrongAnswers returns an extra worker from the flow's query for one value, as a
// TaskRouter that parsed a hyphen differently might.
type wrongAnswers struct {
	*taskrouter.Client
	value string
}

func (w wrongAnswers) FindWorkers(ctx context.Context, ws, expr string) (taskrouter.Found, error) {
	f, err := w.Client.FindWorkers(ctx, ws, expr)
	if strings.Contains(expr, w.value) {
		f.Workers = append(f.Workers, taskrouter.Worker{SID: "WKffffffffffffffffffffffffffffffff"})
	}
	return f, err
}

func TestAuditFindings(t *testing.T) {
	worker := taskroutertest.NewWorker
	tests := []struct {
		name    string
		workers []taskroutertest.Worker
		cfg     taskroutertest.Config
		fault   *taskroutertest.Fault
		opts    preflight.Options
		wrap    func(*taskrouter.Client) preflight.TaskRouter
		check   string
		status  preflight.Status
		detail  string // substring of the message and details
	}{
		{
			name: "duplicate", check: preflight.WorkerValueDuplicate, status: preflight.Error,
			workers: []taskroutertest.Worker{
				taskroutertest.FlexWorker("dup@example.com"),
				taskroutertest.FlexWorker("solo@example.com"),
				taskroutertest.FlexWorker("dup@example.com"),
			},
			detail: `"dup@example.com": WK00000000000000000000000000000001 (dup@example.com), ` +
				`WK00000000000000000000000000000003 (dup@example.com)`,
		},
		{
			name: "case", check: preflight.WorkerValueCase, status: preflight.Warning,
			workers: []taskroutertest.Worker{
				taskroutertest.FlexWorker("Bob@example.com"),
				taskroutertest.FlexWorker("bob@example.com"),
				taskroutertest.FlexWorker("BOB@example.com"),
			},
			detail: `"BOB@example.com", "Bob@example.com", "bob@example.com"`,
		},
		{
			name: "double quote", check: preflight.WorkerValueUnsafe, status: preflight.Error,
			workers: []taskroutertest.Worker{worker("q", map[string]any{"email": `say"hi@x.com`})},
			detail:  `"say\"hi@x.com" of WK00000000000000000000000000000001 (q) holds the quote`,
		},
		{
			name: "backslash", check: preflight.WorkerValueUnsafe, status: preflight.Error,
			workers: []taskroutertest.Worker{worker("b", map[string]any{"email": `a\b@x.com`})},
			detail:  "holds a backslash",
		},
		{
			name: "control character", check: preflight.WorkerValueUnsafe, status: preflight.Error,
			workers: []taskroutertest.Worker{worker("c", map[string]any{"email": "a\nb@x.com"})},
			detail:  `"a\nb@x.com"`,
		},
		{
			name: "single quote is fine in double quotes", check: preflight.WorkerValueUnsafe,
			status:  preflight.OK,
			workers: []taskroutertest.Worker{taskroutertest.FlexWorker("o'brien@example.com")},
		},
		{
			name: "missing", check: preflight.WorkerAttributeMissing, status: preflight.Warning,
			workers: []taskroutertest.Worker{worker("bot", map[string]any{"bot": true})},
			detail:  "WK00000000000000000000000000000001 (bot): no email",
		},
		{
			name: "not text", check: preflight.WorkerAttributeMissing, status: preflight.Warning,
			workers: []taskroutertest.Worker{worker("n", map[string]any{"email": 42})},
			detail:  "email is not text (42)",
		},
		{
			name: "broken attributes", check: preflight.WorkerAttributeMissing,
			status:  preflight.Warning,
			workers: []taskroutertest.Worker{{FriendlyName: "x", Attributes: "{not json"}},
			detail:  "attributes are not a JSON object",
		},
		{
			name: "blank", check: preflight.WorkerValueBlank, status: preflight.Warning,
			workers: []taskroutertest.Worker{
				worker("empty", map[string]any{"email": ""}),
				taskroutertest.FlexWorker("ada@example.com"),
				worker("spaces", map[string]any{"email": "  "}),
			},
			detail: "would match them unless the flow stops on an empty address\n" +
				`WK00000000000000000000000000000001 (empty): email ""` + "\n" +
				`WK00000000000000000000000000000003 (spaces): email "  "`,
		},
		{
			// Blank values are reported once, not also as a value two workers share.
			name: "blank is no duplicate", check: preflight.WorkerValueDuplicate,
			status: preflight.OK,
			workers: []taskroutertest.Worker{
				worker("e1", map[string]any{"email": ""}),
				worker("e2", map[string]any{"email": ""}),
			},
		},
		{
			name: "query text", check: preflight.WorkerValueQueryText, status: preflight.Warning,
			workers: []taskroutertest.Worker{taskroutertest.FlexWorker("a+flex@example.com")},
			detail:  `"a+flex@example.com"`,
		},
		{
			name: "hyphen rejected", check: preflight.WorkerValueHyphen, status: preflight.Error,
			workers: []taskroutertest.Worker{taskroutertest.FlexWorker("jean-luc@example.com")},
			fault: &taskroutertest.Fault{Kind: taskroutertest.BadRequest, Match: func(
				r taskroutertest.Request) bool {
				return strings.Contains(r.Query.Get("TargetWorkersExpression"), "-")
			}},
			detail: `"jean-luc@example.com": TaskRouter rejected the query`,
		},
		{
			name: "hyphen matches more", check: preflight.WorkerValueHyphen,
			status:  preflight.Error,
			workers: []taskroutertest.Worker{taskroutertest.FlexWorker("jean-luc@example.com")},
			wrap: func(c *taskrouter.Client) preflight.TaskRouter {
				return wrongAnswers{c, "jean-luc"}
			},
			detail: "returned [WK00000000000000000000000000000001 " +
				"WKffffffffffffffffffffffffffffffff], not [WK00000000000000000000000000000001]",
		},
		{
			name: "hyphen probes capped", check: preflight.WorkerValueHyphen,
			status: preflight.Warning, opts: preflight.Options{MaxProbes: 2},
			workers: []taskroutertest.Worker{
				taskroutertest.FlexWorker("a-1@example.com"),
				taskroutertest.FlexWorker("a-2@example.com"),
				taskroutertest.FlexWorker("a-3@example.com"),
			},
			detail: "tried, 1 not tried",
		},
		{
			name: "hidden attributes fetched", check: preflight.WorkersListed,
			status: preflight.OK, workers: taskroutertest.SampleWorkers(),
			cfg:    taskroutertest.Config{HideListedAttributes: true},
			detail: "6 listed without attributes were fetched one by one",
		},
		{
			name: "hidden attributes capped", check: preflight.WorkersListed,
			status: preflight.Warning, workers: taskroutertest.SampleWorkers(),
			cfg:    taskroutertest.Config{HideListedAttributes: true},
			opts:   preflight.Options{MaxFetches: 2},
			detail: "only 2 were fetched one by one: 4 not audited",
		},
		{
			name: "details capped", check: preflight.WorkerValueDuplicate, status: preflight.Error,
			opts:    preflight.Options{Examples: 1},
			workers: append(taskroutertest.ManyWorkers(2), taskroutertest.ManyWorkers(2)...),
			detail:  "… and 1 more",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg
			cfg.Workers = tt.workers
			e := newEnv(t, cfg)
			if tt.fault != nil {
				e.srv.Inject(*tt.fault)
			}
			var tr preflight.TaskRouter = e.client
			if tt.wrap != nil {
				tr = tt.wrap(e.client)
			}

			r, err := preflight.Run(context.Background(), tr, params(), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			c, ok := r.Check(tt.check)
			if !ok {
				t.Fatalf("no %s check in %+v", tt.check, r.Checks)
			}
			text := c.Message + "\n" + strings.Join(c.Details, "\n")
			if c.Status != tt.status || !strings.Contains(text, tt.detail) {
				t.Errorf("%s %s:\n%s\nwant %s with %q", c.ID, c.Status, text, tt.status, tt.detail)
			}
			if (c.Status == preflight.Error) != r.Failed() {
				t.Errorf("Failed() = %v", r.Failed())
			}
			assertOnlyGET(t, e.srv)
		})
	}
}

func TestEmail(t *testing.T) {
	workers := []taskroutertest.Worker{
		taskroutertest.FlexWorker("ada@example.com"),
		taskroutertest.FlexWorker("twin@example.com"),
		taskroutertest.FlexWorker("twin@example.com"),
	}
	tests := []struct {
		email  string
		status preflight.Status
		want   string
	}{
		{"ada@example.com", preflight.OK, "the flow would delete worker " +
			"WK00000000000000000000000000000001 (ada@example.com)"},
		{"nobody@example.com", preflight.Warning, "delete nothing"},
		{"twin@example.com", preflight.Error, "2 workers have email == \"twin@example.com\": " +
			"the flow would delete only WK00000000000000000000000000000002"},
		{`x"y@example.com`, preflight.Error, "the flow's query fails"},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			e := newEnv(t, taskroutertest.Config{Workers: workers})
			r := e.run(t, params(), preflight.Options{Email: tt.email})
			c, _ := r.Check(preflight.EmailMatch)
			if c.Status != tt.status || !strings.Contains(c.Message, tt.want) {
				t.Errorf("%s: %s, want %s with %q", c.Status, c.Message, tt.status, tt.want)
			}
			// The flow's request was sent for the address given, not the probe address.
			got := e.srv.Requests()[1].Query.Get("TargetWorkersExpression")
			if got != `email=="`+tt.email+`"` {
				t.Errorf("sent %s", got)
			}
			if _, still := e.srv.Worker("WK00000000000000000000000000000001"); !still {
				t.Error("a worker was deleted")
			}
			assertOnlyGET(t, e.srv)
		})
	}

	e := newEnv(t, taskroutertest.Config{Workers: workers})
	r := e.run(t, params(), preflight.Options{Email: "twin@example.com"})
	c, _ := r.Check(preflight.EmailMatch)
	want := []string{
		"WK00000000000000000000000000000002 (twin@example.com): DELETE " + workersURL +
			"/WK00000000000000000000000000000002",
		"WK00000000000000000000000000000003 (twin@example.com)",
	}
	if diff := cmp.Diff(want, c.Details); diff != "" {
		t.Errorf("details (-want +got)\n%s", diff)
	}
}

func TestWorkspaceNotFound(t *testing.T) {
	e := newEnv(t, taskroutertest.Config{WorkspaceSID: "WS0000000000000000000000000000abcd"})
	r := e.run(t, params(), preflight.Options{})
	want := map[string]preflight.Status{
		preflight.DeleteURL:       preflight.OK,
		preflight.Credentials:     preflight.OK,
		preflight.WorkspaceExists: preflight.Error,
	}
	if diff := cmp.Diff(want, statuses(r)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	c, _ := r.Check(preflight.WorkspaceExists)
	if !strings.Contains(c.Message, "check the Workspace SID") {
		t.Errorf("message %q", c.Message)
	}
}

// TaskRouter refusing or failing stops the run with an error, after the checks done so far.
func TestExternalFailures(t *testing.T) {
	tests := []struct {
		name  string
		fault taskroutertest.Fault
		last  string // ID of the last check reported: an error
		want  string // a part of its message
	}{
		{"401", taskroutertest.Fault{Kind: taskroutertest.Unauthorized}, preflight.Credentials,
			"TaskRouter refused"},
		{"500 on the workspace", taskroutertest.Fault{Kind: taskroutertest.ServerError,
			Match: taskroutertest.WorkspaceRequest}, preflight.Credentials,
			"could not be checked: fetch workspace WS"},
		{"400 on the workspace", taskroutertest.Fault{Kind: taskroutertest.BadRequest,
			Match: taskroutertest.WorkspaceRequest}, preflight.Credentials,
			"TaskRouter rejected the request (400)"},
		{"429 on the list", taskroutertest.Fault{Kind: taskroutertest.TooManyRequests,
			RetryAfter: "1", Match: func(r taskroutertest.Request) bool {
				return taskroutertest.ListRequest(r) && r.Query.Get("PageSize") == "1000"
			}}, preflight.WorkersListed, "could not be checked: list the workers of WS"},
		{"malformed flow answer", taskroutertest.Fault{Kind: taskroutertest.MalformedJSON,
			Match: taskroutertest.ListRequest}, preflight.GetRequest,
			"could not be checked: list workers matching"},
		{"500 on a hyphen probe", taskroutertest.Fault{Kind: taskroutertest.ServerError,
			Match: func(r taskroutertest.Request) bool {
				return strings.Contains(r.Query.Get("TargetWorkersExpression"), "-")
			}}, preflight.WorkerValueHyphen, "TaskRouter failed (500)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, taskroutertest.Config{Workers: taskroutertest.SampleWorkers()})
			e.srv.Inject(tt.fault)
			r, err := preflight.Run(context.Background(), e.client, params(), preflight.Options{})
			var te *taskrouter.Error
			if !errors.As(err, &te) {
				t.Fatalf("error %v, want a *taskrouter.Error", err)
			}
			last := r.Checks[len(r.Checks)-1]
			if last.ID != tt.last || last.Status != preflight.Error ||
				!strings.Contains(last.Message, tt.want) {
				t.Errorf("last check %s %s %q, want %s error with %q", last.ID, last.Status,
					last.Message, tt.last, tt.want)
			}
			if !r.Failed() {
				t.Error("Failed() = false for a run that could not complete")
			}
		})
	}
}

func TestGetRequestRejected(t *testing.T) {
	e := newEnv(t, taskroutertest.Config{Workers: taskroutertest.SampleWorkers()})
	e.srv.Inject(taskroutertest.Fault{Kind: taskroutertest.BadRequest, Times: 1,
		Match: taskroutertest.ListRequest})
	r := e.run(t, params(), preflight.Options{})
	c, _ := r.Check(preflight.GetRequest)
	if c.Status != preflight.Error || !strings.Contains(c.Message, "rejected the flow's request") {
		t.Errorf("%s: %s", c.Status, c.Message)
	}
}

func TestInterrupted(t *testing.T) {
	arrived := make(chan struct{}, 8)
	e := newEnv(t, taskroutertest.Config{OnRequest: func(taskroutertest.Request) {
		arrived <- struct{}{}
	}})
	e.srv.Inject(taskroutertest.Fault{Kind: taskroutertest.Slow, Delay: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	_, err := preflight.Run(ctx, e.client, params(), preflight.Options{})
	var te *taskrouter.Error
	if !errors.As(err, &te) || !te.Interrupted {
		t.Errorf("error %v", err)
	}
}

func TestDeleteURL(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*flexflow.Params)
		status preflight.Status
		want   string
	}{
		{"as generated", func(*flexflow.Params) {}, preflight.OK, "{workers.0.sid of"},
		{"other workspace", func(p *flexflow.Params) {
			p.DeleteURL[0].Text = strings.Replace(p.DeleteURL[0].Text, "WSf1", "WS00", 1)
		}, preflight.Error, "another workspace"},
		{"SID not from the Get body", func(p *flexflow.Params) { p.SIDPath = "" },
			preflight.Error, "not read from the Get card's Body"},
		{"second match", func(p *flexflow.Params) { p.SIDPath = "workers.1.sid" },
			preflight.Warning, "workers.0.sid, the first match, was expected"},
		{"fixed URL", func(p *flexflow.Params) { p.DeleteURL = p.DeleteURL[:1] },
			preflight.Error, "not " + workersURL + "/{worker SID}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, taskroutertest.Config{})
			p := params()
			tt.edit(p)
			r := e.run(t, p, preflight.Options{})
			c, _ := r.Check(preflight.DeleteURL)
			if c.Status != tt.status || !strings.Contains(c.Message, tt.want) {
				t.Errorf("%s: %s", c.Status, c.Message)
			}
		})
	}
}

// A 15,000-worker workspace (TaskRouter's default maximum) is audited with 15 list
// requests, plus the workspace and the flow's own Get request.
func TestLargeWorkspace(t *testing.T) {
	e := newEnv(t, taskroutertest.Config{Workers: taskroutertest.ManyWorkers(15000)})
	r := e.run(t, params(), preflight.Options{})
	if r.Workers != 15000 || r.Failed() {
		t.Fatalf("report %+v", r)
	}

	lists := 0
	for _, req := range e.srv.Requests() {
		if taskroutertest.ListRequest(req) && req.Query.Get("PageSize") == "1000" {
			lists++
		}
	}
	if total := len(e.srv.Requests()); lists != 15 || total != 15+2 {
		t.Errorf("%d list requests of 1000, %d in all; want 15 and 17", lists, total)
	}
	assertOnlyGET(t, e.srv)
}

func BenchmarkLargeWorkspace(b *testing.B) {
	e := newEnv(b, taskroutertest.Config{Workers: taskroutertest.ManyWorkers(15000)})
	b.ResetTimer()
	for range b.N {
		if _, err := preflight.Run(context.Background(), e.client, params(),
			preflight.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
