package taskroutertest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func workersURL(s *Server) string { return s.URL + "/v1/Workspaces/" + WorkspaceSID + "/Workers" }

func listPage(t *testing.T, rawURL string) listResponseJSON {
	t.Helper()
	status, body := do(t, "GET", rawURL, AccountSID, AuthToken)
	if status != 200 {
		t.Fatalf("GET %s: %d %s", rawURL, status, body)
	}
	var page listResponseJSON
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	return page
}

func emails(page listResponseJSON) []string {
	var out []string
	for _, w := range page.Workers {
		var attrs map[string]any
		json.Unmarshal([]byte(*w.Attributes), &attrs)
		e, _ := attrs["email"].(string)
		out = append(out, e)
	}
	return out
}

func TestAuth(t *testing.T) {
	s := New(Config{})
	defer s.Close()
	ws := s.URL + "/v1/Workspaces/" + WorkspaceSID
	tests := []struct {
		name, user, pass string
		want             int
	}{
		{"account and token", AccountSID, AuthToken, 200},
		{"api key and secret", APIKeySID, APIKeySecret, 200},
		{"wrong token", AccountSID, "wrong", 401},
		{"key with token", APIKeySID, AuthToken, 401},
		{"none", "", "", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, body := do(t, "GET", ws, tt.user, tt.pass); got != tt.want {
				t.Errorf("status %d, want %d: %s", got, tt.want, body)
			}
		})
	}
	for _, r := range s.Requests() {
		if strings.Contains(r.Username+r.RawQuery, AuthToken) {
			t.Errorf("request log holds a secret: %+v", r)
		}
	}
}

func TestListFilters(t *testing.T) {
	s := New(Config{Workers: SampleWorkers()})
	defer s.Close()
	tests := []struct {
		expr string
		want []string
	}{
		{`email=="ada.lovelace@example.com"`, []string{"ada.lovelace@example.com"}},
		{`email == 'grace.hopper@example.com'`, []string{"grace.hopper@example.com"}},
		{`email=="jean-luc.picard@example.com"`, []string{"jean-luc.picard@example.com"}},
		{`email=="ADA.LOVELACE@example.com"`, nil},
		{`email=="ada.lovelace@example.com" OR email=="supervisor@example.com"`,
			[]string{"ada.lovelace@example.com", "supervisor@example.com"}},
		{`roles HAS "supervisor" AND email=="supervisor@example.com"`,
			[]string{"supervisor@example.com"}},
		{`friendly_name == "Overflow queue bot"`, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			q := url.Values{"TargetWorkersExpression": {tt.expr}}
			page := listPage(t, workersURL(s)+"?"+q.Encode())
			if diff := cmp.Diff(tt.want, emails(page)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestListRejects(t *testing.T) {
	s := New(Config{Workers: SampleWorkers()})
	defer s.Close()
	for _, q := range []string{
		"TargetWorkersExpression=" + url.QueryEscape(`email=="a"b"`),
		"TargetWorkersExpression=" + url.QueryEscape(`email==`),
		"PageSize=0", "PageSize=1001", "PageSize=x", "Page=-1",
		"PageToken=XYZ", "PageToken=PAWK00000000000000000000000000000099",
		"TaskQueueSid=WQ00000000000000000000000000000000",
	} {
		t.Run(q, func(t *testing.T) {
			status, body := do(t, "GET", workersURL(s)+"?"+q, AccountSID, AuthToken)
			var e errorJSON
			json.Unmarshal(body, &e)
			if status != 400 || e.Status != 400 || e.Message == "" {
				t.Errorf("status %d, body %s; want a 400 error", status, body)
			}
		})
	}
}

// Following next_page_url from the first page visits every worker once, with absolute URLs
// on the server's own host.
func TestPaging(t *testing.T) {
	s := New(Config{Workers: ManyWorkers(25)})
	defer s.Close()

	var got []string
	next := workersURL(s) + "?PageSize=10"
	pages := 0
	for next != "" {
		page := listPage(t, next)
		pages++
		if !strings.HasPrefix(page.Meta.URL, s.URL+"/") ||
			!strings.HasPrefix(page.Meta.FirstPageURL, s.URL+"/") {
			t.Errorf("meta URLs not on the server's host: %+v", page.Meta)
		}
		if page.Meta.Page != pages-1 || page.Meta.PageSize != 10 || page.Meta.Key != "workers" {
			t.Errorf("meta %+v", page.Meta)
		}
		if (pages == 1) != (page.Meta.PreviousPageURL == nil) {
			t.Errorf("page %d: previous_page_url %v", pages, page.Meta.PreviousPageURL)
		}
		got = append(got, emails(page)...)
		next = ""
		if page.Meta.NextPageURL != nil {
			next = *page.Meta.NextPageURL
		}
	}
	if pages != 3 || len(got) != 25 || got[0] != "agent00001@example.com" ||
		got[24] != "agent00025@example.com" {
		t.Errorf("%d pages, %d workers: %v", pages, len(got), got)
	}
}

// A page size that divides the count exactly must not cost an extra, empty page.
func TestPagingExact(t *testing.T) {
	s := New(Config{Workers: ManyWorkers(20)})
	defer s.Close()
	page := listPage(t, workersURL(s)+"?PageSize=10")
	page = listPage(t, *page.Meta.NextPageURL)
	if page.Meta.NextPageURL != nil || len(page.Workers) != 10 {
		t.Errorf("second page: %d workers, next %v", len(page.Workers), page.Meta.NextPageURL)
	}
	prev := listPage(t, *page.Meta.PreviousPageURL)
	if got := emails(prev); len(got) != 10 || got[0] != "agent00001@example.com" {
		t.Errorf("previous page: %v", got)
	}
}

// Filters carry over into the paging URLs, and deleting a worker between pages neither
// repeats nor skips one.
func TestPagingFilteredWithDelete(t *testing.T) {
	s := New(Config{Workers: ManyWorkers(30)})
	defer s.Close()
	q := url.Values{"TargetWorkersExpression": {`roles HAS "agent"`}, "PageSize": {"10"}}
	page := listPage(t, workersURL(s)+"?"+q.Encode())
	if !strings.Contains(*page.Meta.NextPageURL, "TargetWorkersExpression=") {
		t.Fatalf("next_page_url lost the filter: %s", *page.Meta.NextPageURL)
	}
	s.RemoveWorker(page.Workers[9].SID)
	s.RemoveWorker(page.Workers[0].SID)
	page = listPage(t, *page.Meta.NextPageURL)
	if got := emails(page); got[0] != "agent00011@example.com" {
		t.Errorf("second page starts at %s", got[0])
	}
}

func TestWorkerLifecycle(t *testing.T) {
	s := New(Config{})
	defer s.Close()
	w := s.AddWorker(FlexWorker("new.agent@example.com"))
	if !strings.HasPrefix(w.SID, "WK") || len(w.SID) != 34 {
		t.Fatalf("SID %q", w.SID)
	}
	u := workersURL(s) + "/" + w.SID
	if status, _ := do(t, "GET", u, AccountSID, AuthToken); status != 200 {
		t.Errorf("fetch: %d", status)
	}
	if status, body := do(t, "DELETE", u, AccountSID, AuthToken); status != 204 || len(body) != 0 {
		t.Errorf("delete: %d %q", status, body)
	}
	if _, ok := s.Worker(w.SID); ok || len(s.Workers()) != 0 {
		t.Error("worker still there after delete")
	}

	var methods []string
	for _, r := range s.Requests() {
		methods = append(methods, r.Method+" "+r.Path+" "+http.StatusText(r.Status))
	}
	want := []string{
		"GET /v1/Workspaces/" + WorkspaceSID + "/Workers/" + w.SID + " OK",
		"DELETE /v1/Workspaces/" + WorkspaceSID + "/Workers/" + w.SID + " No Content",
	}
	if diff := cmp.Diff(want, methods); diff != "" {
		t.Errorf("request log (-want +got)\n%s", diff)
	}
}

func TestFaults(t *testing.T) {
	ws := "/v1/Workspaces/" + WorkspaceSID
	tests := []struct {
		name   string
		fault  Fault
		status int
		header string // Retry-After
		bodyOK bool   // body is valid JSON
	}{
		{"401", Fault{Kind: Unauthorized}, 401, "", true},
		{"404", Fault{Kind: NotFound}, 404, "", true},
		{"429", Fault{Kind: TooManyRequests, RetryAfter: "7"}, 429, "7", true},
		{"500", Fault{Kind: ServerError}, 500, "", true},
		{"malformed", Fault{Kind: MalformedJSON}, 200, "", false},
		{"malformed 502", Fault{Kind: MalformedJSON, Status: 502}, 502, "", false},
		{"slow", Fault{Kind: Slow, Delay: time.Millisecond}, 200, "", true},
		{"other path", Fault{Kind: ServerError, Match: ListRequest}, 200, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(Config{})
			defer s.Close()
			tt.fault.Times = 1
			s.Inject(tt.fault)

			req, _ := http.NewRequest("GET", s.URL+ws, nil)
			req.SetBasicAuth(AccountSID, AuthToken)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var v any
			err = json.NewDecoder(resp.Body).Decode(&v)
			resp.Body.Close()
			if resp.StatusCode != tt.status || (err == nil) != tt.bodyOK ||
				resp.Header.Get("Retry-After") != tt.header {
				t.Errorf("status %d, JSON error %v, Retry-After %q", resp.StatusCode, err,
					resp.Header.Get("Retry-After"))
			}

			// Times: 1 spends the fault; the next request is served normally.
			if status, _ := do(t, "GET", s.URL+ws, AccountSID, AuthToken); status != 200 {
				t.Errorf("second request: %d", status)
			}
		})
	}
}

// A slow answer gives way when the client gives up, and Close does not wait for it.
func TestSlowGivesWay(t *testing.T) {
	s := New(Config{})
	s.Inject(Fault{Kind: Slow, Delay: time.Hour})
	client := &http.Client{Timeout: 50 * time.Millisecond}
	req, _ := http.NewRequest("GET", s.URL+"/v1/Workspaces/"+WorkspaceSID, nil)
	if _, err := client.Do(req); err == nil {
		t.Error("a slow answer came back")
	}
	s.Close()
}
