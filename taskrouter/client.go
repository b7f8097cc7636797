package taskrouter

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/twilio/twilio-go/client"
	v1 "github.com/twilio/twilio-go/rest/taskrouter/v1"
)

// Defaults for Config fields left zero.
const (
	DefaultTimeout = 30 * time.Second
	DefaultMaxWait = 60 * time.Second
	// MaxPageSize is the largest page TaskRouter serves: a 15,000-worker workspace (its
	// default limit) lists in 15 requests.
	MaxPageSize = 1000
)

// Config sets up a Client.
type Config struct {
	Credentials Credentials
	// BaseURL, such as http://127.0.0.1:8080, replaces scheme and host of every request;
	// "" keeps twilio-go's https://taskrouter.twilio.com with TWILIO_REGION and TWILIO_EDGE.
	BaseURL string
	// Timeout bounds each attempt; 0 means DefaultTimeout.
	Timeout time.Duration
	// Retries is how many times a 429, 5xx or timed-out request is tried again; 0: never.
	Retries int
	// MaxWait is the longest wait before a retry; a Retry-After beyond it ends the
	// retries. 0 means DefaultMaxWait.
	MaxWait time.Duration
	// Sleep waits between tries; nil sleeps on a timer. Tests record the waits instead.
	Sleep func(context.Context, time.Duration) error
	// Logger gets a debug line per attempt (method, URL, status); nil logs nothing.
	Logger *slog.Logger
	// Transport sends the requests; nil means a clone of http.DefaultTransport.
	Transport http.RoundTripper
}

// Client reads one TaskRouter account. Calls are serialized: the transport keeps the state
// of the call in progress.
type Client struct {
	api    *v1.ApiService
	rt     *transport
	creds  Credentials
	mu     sync.Mutex
	reqs   int
	origin string
}

// Workspace is what verify needs of a workspace.
type Workspace struct {
	SID          string
	FriendlyName string
	AccountSID   string
}

// Worker is what verify needs of a worker. Attributes is nil when TaskRouter sent null.
type Worker struct {
	SID          string
	FriendlyName string
	Attributes   *string
}

// Found is the answer to the flow's own worker query.
type Found struct {
	Workers []Worker
	// Body is the answer as TaskRouter sent it, for checks of its shape.
	Body []byte
}

// New returns a client. It sends nothing until called.
func New(cfg Config) (*Client, error) {
	rt := &transport{
		next:    cfg.Transport,
		timeout: cfg.Timeout,
		retries: cfg.Retries,
		maxWait: cfg.MaxWait,
		sleep:   cfg.Sleep,
		log:     cfg.Logger,
	}
	if rt.next == nil {
		rt.next = http.DefaultTransport.(*http.Transport).Clone()
	}
	if rt.timeout <= 0 {
		rt.timeout = DefaultTimeout
	}
	if rt.maxWait <= 0 {
		rt.maxWait = DefaultMaxWait
	}
	if rt.sleep == nil {
		rt.sleep = sleepContext
	}

	var origin string
	if cfg.BaseURL != "" {
		u, err := parseBaseURL(cfg.BaseURL)
		if err != nil {
			return nil, err
		}
		rt.base = u
		origin = strings.TrimSuffix(u.String(), "/")
	} else {
		var err error
		if origin, err = RegionalURL(os.Getenv); err != nil { // twilio-go reads them too
			return nil, err
		}
	}

	tc := &client.Client{
		Credentials: client.NewCredentials(cfg.Credentials.Username, cfg.Credentials.Password),
		HTTPClient: &http.Client{
			Transport: rt,
			// As twilio-go's default client: a redirect is an answer, not a hop.
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		},
	}
	tc.SetAccountSid(cfg.Credentials.AccountSID)
	return &Client{
		api:    v1.NewApiServiceWithClient(tc),
		rt:     rt,
		creds:  cfg.Credentials,
		origin: origin,
	}, nil
}

// DefaultURL is TaskRouter's global endpoint, which twilio-go calls unless TWILIO_REGION or
// TWILIO_EDGE is set.
const DefaultURL = "https://taskrouter.twilio.com"

// The environment variables that pick a regional endpoint, as twilio-go reads them.
const (
	EnvRegion = "TWILIO_REGION"
	EnvEdge   = "TWILIO_EDGE"
)

// regionName is what a region (ie1) or an edge (dublin) may hold: one label of a host name.
var regionName = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)

// RegionalURL is the base URL twilio-go sends TaskRouter requests to for the TWILIO_REGION
// and TWILIO_EDGE that getenv reads: https://taskrouter.<edge>.<region>.twilio.com, region
// us1 when only an edge is set, DefaultURL when neither is. It uses twilio-go's own
// RequestHandler.BuildUrl, so that verify, which calls twilio-go, and run, which does not,
// go to the same host.
func RegionalURL(getenv func(string) string) (string, error) {
	h := client.RequestHandler{Region: getenv(EnvRegion), Edge: getenv(EnvEdge)}
	for _, v := range []struct{ name, value string }{{EnvRegion, h.Region}, {EnvEdge, h.Edge}} {
		if v.value != "" && !regionName.MatchString(v.value) {
			return "", fmt.Errorf("%s %q: want a region or edge name such as ie1 or dublin",
				v.name, v.value)
		}
	}
	u, err := h.BuildUrl(DefaultURL)
	if err != nil {
		return "", fmt.Errorf("TaskRouter URL for %s and %s: %w", EnvRegion, EnvEdge, err)
	}
	return u, nil
}

func parseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return nil, fmt.Errorf("TaskRouter URL %q: %w", s, err)
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		return nil, fmt.Errorf("TaskRouter URL %q: want http(s)://host[:port]", s)
	case u.User != nil:
		// Credentials come from the environment only, so that they never sit in shell
		// history or CI logs.
		return nil, fmt.Errorf("TaskRouter URL must not hold credentials; use %s", EnvAuthToken)
	case u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("TaskRouter URL %q: want no query or fragment", s)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u, nil
}

// Origin is where requests go: the configured base URL, or twilio-go's host for
// TWILIO_REGION and TWILIO_EDGE (https://taskrouter.twilio.com without them).
func (c *Client) Origin() string { return c.origin }

// Requests is how many requests the client has sent, retries included.
func (c *Client) Requests() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reqs
}

// do runs one twilio-go call under ctx and turns its failure into an *Error.
func (c *Client) do(ctx context.Context, op string, cl *call, fn func() error) error {
	c.mu.Lock()
	defer c.mu.Unlock()

	cl.ctx = ctx
	c.rt.current.Store(cl)
	err := fn()
	c.rt.current.Store(nil)
	c.reqs += cl.tries
	if err == nil {
		return nil
	}
	return newError(op, err, cl, c.creds)
}

// FetchWorkspace fetches the workspace with this SID.
func (c *Client) FetchWorkspace(ctx context.Context, sid string) (Workspace, error) {
	var ws *v1.TaskrouterV1Workspace
	err := c.do(ctx, "fetch workspace "+sid, &call{}, func() (err error) {
		ws, err = c.api.FetchWorkspace(sid)
		return err
	})
	if err != nil {
		return Workspace{}, err
	}
	return Workspace{SID: str(ws.Sid), FriendlyName: str(ws.FriendlyName),
		AccountSID: str(ws.AccountSid)}, nil
}

// FindWorkers sends the request a flow's API Connector Get card sends:
//
//	GET /v1/Workspaces/{workspaceSID}/Workers?TargetWorkersExpression={expression}
//
// with no other parameter, so TaskRouter's default page size applies as it does for the
// flow. The card's Query text is "TargetWorkersExpression=" followed by the expression;
// the expression is passed here as twilio-go's TargetWorkersExpression parameter, which
// twilio-go percent-encodes, so TaskRouter decodes the same parameter the card sends.
func (c *Client) FindWorkers(ctx context.Context, workspaceSID, expression string) (Found, error) {
	cl := &call{query: url.Values{"TargetWorkersExpression": {expression}}, keepBody: true}
	var page *v1.ListWorkerResponse
	err := c.do(ctx, "list workers matching "+expression, cl, func() (err error) {
		params := &v1.ListWorkerParams{}
		params.SetTargetWorkersExpression(expression)
		page, err = c.api.PageWorker(workspaceSID, params, "", "")
		return err
	})
	if err != nil {
		return Found{}, err
	}
	return Found{Workers: workers(page.Workers), Body: cl.body}, nil
}

// ListWorkers lists every worker of the workspace, MaxPageSize at a time, following
// meta.next_page_url. It returns the workers and the number of pages.
func (c *Client) ListWorkers(ctx context.Context, workspaceSID string) ([]Worker, int, error) {
	cl := &call{}
	var list []v1.TaskrouterV1Worker
	err := c.do(ctx, "list the workers of "+workspaceSID, cl, func() (err error) {
		params := &v1.ListWorkerParams{}
		params.SetPageSize(MaxPageSize)
		list, err = c.api.ListWorker(workspaceSID, params)
		return err
	})
	if err != nil {
		return nil, cl.answers, err
	}
	return workers(list), cl.answers, nil
}

// FetchWorker fetches one worker; TaskRouter always shows attributes this way.
func (c *Client) FetchWorker(ctx context.Context, workspaceSID, sid string) (Worker, error) {
	var w *v1.TaskrouterV1Worker
	err := c.do(ctx, "fetch worker "+sid, &call{}, func() (err error) {
		w, err = c.api.FetchWorker(workspaceSID, sid)
		return err
	})
	if err != nil {
		return Worker{}, err
	}
	return workers([]v1.TaskrouterV1Worker{*w})[0], nil
}

func workers(in []v1.TaskrouterV1Worker) []Worker {
	out := make([]Worker, len(in))
	for i, w := range in {
		out[i] = Worker{SID: str(w.Sid), FriendlyName: str(w.FriendlyName),
			Attributes: w.Attributes}
	}
	return out
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
