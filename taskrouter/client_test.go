package taskrouter_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flopack/flopack/taskrouter"
	"github.com/flopack/flopack/taskroutertest"
	"github.com/google/go-cmp/cmp"
)

var accountCreds = taskrouter.Credentials{
	AccountSID: taskroutertest.AccountSID,
	Username:   taskroutertest.AccountSID,
	Password:   taskroutertest.AuthToken,
	Source:     "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN",
}

// sleeps records the waits between tries instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return ctx.Err()
}

func newClient(t *testing.T, srv *taskroutertest.Server, cfg taskrouter.Config) (
	*taskrouter.Client, *sleeps) {
	t.Helper()
	rec := &sleeps{}
	if cfg.Credentials.Username == "" {
		cfg.Credentials = accountCreds
	}
	cfg.BaseURL = srv.URL
	if cfg.Sleep == nil {
		cfg.Sleep = rec.sleep
	}
	c, err := taskrouter.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, rec
}

func TestFetchWorkspace(t *testing.T) {
	srv := taskroutertest.New(taskroutertest.Config{})
	defer srv.Close()

	for _, creds := range []taskrouter.Credentials{accountCreds, {
		Username: taskroutertest.APIKeySID,
		Password: taskroutertest.APIKeySecret,
		Source:   "TWILIO_API_KEY and TWILIO_API_SECRET",
	}} {
		c, _ := newClient(t, srv, taskrouter.Config{Credentials: creds})
		ws, err := c.FetchWorkspace(context.Background(), taskroutertest.WorkspaceSID)
		if err != nil {
			t.Fatal(err)
		}
		want := taskrouter.Workspace{
			SID:          taskroutertest.WorkspaceSID,
			FriendlyName: taskroutertest.WorkspaceName,
			AccountSID:   taskroutertest.AccountSID,
		}
		if diff := cmp.Diff(want, ws); diff != "" {
			t.Errorf("%v: (-want +got)\n%s", creds, diff)
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name      string
		fault     taskroutertest.Fault
		workspace string
		retries   int
		status    int
		want      string // substring of the message
		waits     []time.Duration
	}{
		{
			name: "401", fault: taskroutertest.Fault{Kind: taskroutertest.Unauthorized},
			status: 401,
			want: "refused the credentials (401) (Twilio error 20003: Authenticate): " +
				"check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN",
		},
		{
			name: "unknown workspace", workspace: "WS0000000000000000000000000000abcd", status: 404,
			want: "not found (404) (Twilio error 20404: The requested resource " +
				"/v1/Workspaces/WS0000000000000000000000000000abcd was not found): check the " +
				"Workspace SID",
		},
		{
			name:    "429 spent",
			fault:   taskroutertest.Fault{Kind: taskroutertest.TooManyRequests, RetryAfter: "2"},
			retries: 2, status: 429, want: "(429) after 3 tries",
			waits: []time.Duration{2 * time.Second, 2 * time.Second},
		},
		{
			name:    "429 asks too long",
			fault:   taskroutertest.Fault{Kind: taskroutertest.TooManyRequests, RetryAfter: "3600"},
			retries: 2, status: 429, want: "(429); TaskRouter asked to wait 1h0m0s",
		},
		{
			name: "500", fault: taskroutertest.Fault{Kind: taskroutertest.ServerError},
			retries: 3, status: 500, want: "TaskRouter failed (500) after 4 tries",
			waits: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second},
		},
		{
			name:   "bad gateway, not JSON",
			fault:  taskroutertest.Fault{Kind: taskroutertest.MalformedJSON, Status: 502},
			status: 502, want: "TaskRouter failed (502): retry later",
		},
		{
			name: "malformed", fault: taskroutertest.Fault{Kind: taskroutertest.MalformedJSON},
			status: 200, want: "not the JSON expected: unexpected EOF",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := taskroutertest.New(taskroutertest.Config{})
			defer srv.Close()
			if tt.fault.Kind != 0 {
				srv.Inject(tt.fault)
			}
			c, rec := newClient(t, srv, taskrouter.Config{Retries: tt.retries})
			ws := tt.workspace
			if ws == "" {
				ws = taskroutertest.WorkspaceSID
			}

			_, err := c.FetchWorkspace(context.Background(), ws)
			var e *taskrouter.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not a *taskrouter.Error", err)
			}
			if e.Status != tt.status || !strings.Contains(e.Error(), tt.want) {
				t.Errorf("status %d, error %q; want %d and %q", e.Status, e, tt.status, tt.want)
			}
			if diff := cmp.Diff(tt.waits, rec.d); diff != "" {
				t.Errorf("waits (-want +got)\n%s", diff)
			}
			if got := len(srv.Requests()); got != c.Requests() || got != len(tt.waits)+1 {
				t.Errorf("double saw %d requests, client counted %d", got, c.Requests())
			}
		})
	}
}

// A 429 that clears lets the call succeed, after waiting what Retry-After asked.
func TestRetryRecovers(t *testing.T) {
	srv := taskroutertest.New(taskroutertest.Config{})
	defer srv.Close()
	srv.Inject(taskroutertest.Fault{Kind: taskroutertest.TooManyRequests, RetryAfter: "1",
		Times: 1})
	srv.Inject(taskroutertest.Fault{Kind: taskroutertest.ServerError, Times: 1})
	c, rec := newClient(t, srv, taskrouter.Config{Retries: 4})

	if _, err := c.FetchWorkspace(context.Background(), taskroutertest.WorkspaceSID); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{time.Second, time.Second} // Retry-After, then the 2nd backoff
	if diff := cmp.Diff(want, rec.d); diff != "" {
		t.Errorf("waits (-want +got)\n%s", diff)
	}
}

func TestRetryAfterDate(t *testing.T) {
	srv := taskroutertest.New(taskroutertest.Config{})
	defer srv.Close()
	date := time.Now().Add(-time.Minute).UTC().Format(http.TimeFormat)
	srv.Inject(taskroutertest.Fault{Kind: taskroutertest.TooManyRequests, RetryAfter: date,
		Times: 1})
	c, rec := newClient(t, srv, taskrouter.Config{Retries: 1})
	if _, err := c.FetchWorkspace(context.Background(), taskroutertest.WorkspaceSID); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{0}, rec.d); diff != "" {
		t.Errorf("a date in the past means no wait (-want +got)\n%s", diff)
	}
}

func TestTimeout(t *testing.T) {
	srv := taskroutertest.New(taskroutertest.Config{})
	defer srv.Close()
	srv.Inject(taskroutertest.Fault{Kind: taskroutertest.Slow, Delay: time.Hour})
	c, _ := newClient(t, srv, taskrouter.Config{Retries: 1, Timeout: 20 * time.Millisecond})

	_, err := c.FetchWorkspace(context.Background(), taskroutertest.WorkspaceSID)
	if err == nil || !strings.Contains(err.Error(), "no answer within 20ms (2 tries)") {
		t.Errorf("error %v", err)
	}
}

// Cancelling the context (Ctrl-C) ends a call in flight.
func TestInterrupt(t *testing.T) {
	arrived := make(chan struct{}, 1)
	srv := taskroutertest.New(taskroutertest.Config{OnRequest: func(taskroutertest.Request) {
		arrived <- struct{}{}
	}})
	defer srv.Close()
	srv.Inject(taskroutertest.Fault{Kind: taskroutertest.Slow, Delay: time.Hour})
	c, _ := newClient(t, srv, taskrouter.Config{Retries: 3})

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	_, err := c.FetchWorkspace(ctx, taskroutertest.WorkspaceSID)
	var e *taskrouter.Error
	if !errors.As(err, &e) || !e.Interrupted || !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want an interrupted *taskrouter.Error", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests after the interrupt, want 1", n)
	}
}

// ListWorkers pages with PageSize 1000 through the absolute next_page_url, on the double.
func TestListWorkers(t *testing.T) {
	srv := taskroutertest.New(taskroutertest.Config{Workers: taskroutertest.ManyWorkers(2500)})
	defer srv.Close()
	c, _ := newClient(t, srv, taskrouter.Config{})

	ws, pages, err := c.ListWorkers(context.Background(), taskroutertest.WorkspaceSID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2500 || pages != 3 || ws[2499].Attributes == nil {
		t.Fatalf("%d workers in %d pages", len(ws), pages)
	}
	seen := map[string]bool{}
	for _, w := range ws {
		seen[w.SID] = true
	}
	if len(seen) != 2500 {
		t.Errorf("%d distinct workers, want 2500", len(seen))
	}

	var queries []string
	for _, r := range srv.Requests() {
		queries = append(queries, r.Method+" "+r.Query.Get("PageSize")+" "+r.Query.Get("Page"))
	}
	if diff := cmp.Diff([]string{"GET 1000 ", "GET 1000 1", "GET 1000 2"}, queries); diff != "" {
		t.Errorf("requests (-want +got)\n%s", diff)
	}
}

// A page that fails halfway through the list fails the call, naming the status.
func TestListWorkersPageFails(t *testing.T) {
	srv := taskroutertest.New(taskroutertest.Config{Workers: taskroutertest.ManyWorkers(1500)})
	defer srv.Close()
	srv.Inject(taskroutertest.Fault{Kind: taskroutertest.ServerError, Match: func(
		r taskroutertest.Request) bool {
		return r.Query.Get("PageToken") != ""
	}})
	c, _ := newClient(t, srv, taskrouter.Config{})
	_, _, err := c.ListWorkers(context.Background(), taskroutertest.WorkspaceSID)
	var e *taskrouter.Error
	if !errors.As(err, &e) || e.Status != 500 {
		t.Errorf("error %v, want status 500", err)
	}
}

// FindWorkers sends exactly the flow's query, and nothing twilio-go would change in it.
func TestFindWorkersExactQuery(t *testing.T) {
	srv := taskroutertest.New(taskroutertest.Config{Workers: []taskroutertest.Worker{
		taskroutertest.FlexWorker("agent@example.com"),
		taskroutertest.FlexWorker("agent.1@example.com"),
		taskroutertest.FlexWorker("a b+c@example.com"),
	}})
	defer srv.Close()
	c, _ := newClient(t, srv, taskrouter.Config{})

	for i, email := range []string{"agent.1@example.com", "a b+c@example.com"} {
		expr := `email=="` + email + `"`
		found, err := c.FindWorkers(context.Background(), taskroutertest.WorkspaceSID, expr)
		if err != nil {
			t.Fatal(err)
		}
		if len(found.Workers) != 1 || found.Workers[0].FriendlyName != email {
			t.Errorf("%s: found %+v", email, found.Workers)
		}
		if !strings.Contains(string(found.Body), `"workers":[`) {
			t.Errorf("body not kept: %.80s", found.Body)
		}
		r := srv.Requests()[i]
		want := "TargetWorkersExpression=" + url.QueryEscape(expr)
		if r.RawQuery != want || r.Method != "GET" ||
			r.Path != "/v1/Workspaces/"+taskroutertest.WorkspaceSID+"/Workers" {
			t.Errorf("sent %s %s?%s, want ?%s", r.Method, r.Path, r.RawQuery, want)
		}
	}
}

// The double answers 400 to an expression it cannot parse, and the error says so.
func TestFindWorkersRejected(t *testing.T) {
	srv := taskroutertest.New(taskroutertest.Config{})
	defer srv.Close()
	c, _ := newClient(t, srv, taskrouter.Config{})
	_, err := c.FindWorkers(context.Background(), taskroutertest.WorkspaceSID, `email=="a"b"`)
	var e *taskrouter.Error
	if !errors.As(err, &e) || e.Status != 400 || !strings.Contains(e.Message, "Invalid") {
		t.Errorf("error %v", err)
	}
}

func TestFetchWorkerShowsHiddenAttributes(t *testing.T) {
	srv := taskroutertest.New(taskroutertest.Config{Workers: taskroutertest.SampleWorkers(),
		HideListedAttributes: true})
	defer srv.Close()
	c, _ := newClient(t, srv, taskrouter.Config{})
	ws, _, err := c.ListWorkers(context.Background(), taskroutertest.WorkspaceSID)
	if err != nil {
		t.Fatal(err)
	}
	if ws[0].Attributes != nil {
		t.Fatalf("listed attributes %q, want null", *ws[0].Attributes)
	}
	w, err := c.FetchWorker(context.Background(), taskroutertest.WorkspaceSID, ws[0].SID)
	if err != nil || w.Attributes == nil || !strings.Contains(*w.Attributes, "ada.lovelace") {
		t.Errorf("fetched %+v, %v", w, err)
	}
}

// roundTripFunc records where twilio-go sends requests when no base URL is set.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRegionAndEdge(t *testing.T) {
	t.Setenv("TWILIO_REGION", "ie1")
	t.Setenv("TWILIO_EDGE", "dublin")
	var host string
	c, err := taskrouter.New(taskrouter.Config{
		Credentials: accountCreds,
		Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			host = r.URL.Host
			return nil, errors.New("stop here")
		}),
	})
	if err != nil {
		t.Fatal(err)
	}
	c.FetchWorkspace(context.Background(), taskroutertest.WorkspaceSID)
	if host != "taskrouter.dublin.ie1.twilio.com" {
		t.Errorf("host %q", host)
	}
	// RegionalURL, which run uses, names the host twilio-go sent to.
	if got := c.Origin(); got != "https://"+host {
		t.Errorf("Origin() = %q, twilio-go sent to %q", got, host)
	}
}

func TestRegionalURL(t *testing.T) {
	tests := []struct {
		region, edge, want, wantErr string
	}{
		{"", "", "https://taskrouter.twilio.com", ""},
		{"ie1", "", "https://taskrouter.ie1.twilio.com", ""},
		{"", "sydney", "https://taskrouter.sydney.us1.twilio.com", ""},
		{"ie1", "dublin", "https://taskrouter.dublin.ie1.twilio.com", ""},
		{"ie1/../x", "", "", `TWILIO_REGION "ie1/../x": want a region or edge name`},
		{"", "evil.example.com:80", "", `TWILIO_EDGE "evil.example.com:80"`},
	}
	for _, tt := range tests {
		t.Run(tt.region+"/"+tt.edge, func(t *testing.T) {
			env := map[string]string{"TWILIO_REGION": tt.region, "TWILIO_EDGE": tt.edge}
			got, err := taskrouter.RegionalURL(func(k string) string { return env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got %q, %v; want error %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestBaseURL(t *testing.T) {
	for _, bad := range []string{"ftp://x", "http://user:pass@127.0.0.1:1", "127.0.0.1:80",
		"http://127.0.0.1:1/?a=b"} {
		if _, err := taskrouter.New(taskrouter.Config{BaseURL: bad}); err == nil {
			t.Errorf("accepted %q", bad)
		} else if strings.Contains(err.Error(), "pass") {
			t.Errorf("error shows the password: %v", err)
		}
	}
}

func TestCredentialsFromEnv(t *testing.T) {
	const ac = "AC0123456789abcdef0123456789abcdef"
	const sk = "SK0123456789abcdef0123456789abcdef"
	tests := []struct {
		name    string
		env     map[string]string
		user    string
		wantErr string
	}{
		{"account", map[string]string{"TWILIO_ACCOUNT_SID": ac, "TWILIO_AUTH_TOKEN": "tok1"},
			ac, ""},
		{"api key", map[string]string{"TWILIO_API_KEY": sk, "TWILIO_API_SECRET": "sec1",
			"TWILIO_AUTH_TOKEN": "tok1"}, sk, ""},
		{"none", nil, "", "no TaskRouter credentials"},
		{"token only", map[string]string{"TWILIO_AUTH_TOKEN": "tok1"}, "", "set both"},
		{"key only", map[string]string{"TWILIO_API_KEY": sk}, "", "set both TWILIO_API_KEY"},
		{"bad account", map[string]string{"TWILIO_ACCOUNT_SID": "ACx", "TWILIO_AUTH_TOKEN": "t"},
			"", "AC followed by 32 hex digits"},
		{"bad key", map[string]string{"TWILIO_API_KEY": "AK1", "TWILIO_API_SECRET": "s"}, "",
			"SK followed"},
		{"odd token", map[string]string{"TWILIO_ACCOUNT_SID": ac, "TWILIO_AUTH_TOKEN": "a-b/c"},
			"", "TWILIO_AUTH_TOKEN holds characters other than letters and digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := taskrouter.CredentialsFromEnv(func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %v, want %q", err, tt.wantErr)
				}
				if err != nil && strings.Contains(err.Error(), "a-b/c") {
					t.Errorf("error shows the token")
				}
				return
			}
			if err != nil || c.Username != tt.user {
				t.Fatalf("user %q, error %v", c.Username, err)
			}
		})
	}
}

func TestCredentialsHidePassword(t *testing.T) {
	c := taskrouter.Credentials{Username: "AC1", Password: "hunter2secret", Source: "env"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmtSprintf(verb, c); strings.Contains(s, "hunter2secret") {
			t.Errorf("%s shows the password: %s", verb, s)
		}
	}
}
