package taskroutertest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
)

// Fake credentials and SIDs the double accepts unless Config says otherwise. twilio-go
// refuses credentials that are not letters and digits, so these are too.
const (
	AccountSID    = "ACf1e2d3c4b5a6978877665544332211aa"
	AuthToken     = "fakeauthtoken0123456789abcdef0000"
	APIKeySID     = "SKf1e2d3c4b5a6978877665544332211bb"
	APIKeySecret  = "fakeapikeysecret0123456789abcdef0"
	WorkspaceSID  = "WSf1e2d3c4b5a6978877665544332211cc"
	WorkspaceName = "Flex Task Assignment"
)

// Config sets up a double. Zero fields take the package defaults above.
type Config struct {
	AccountSID, AuthToken   string
	APIKeySID, APIKeySecret string
	WorkspaceSID            string
	WorkspaceName           string
	// Workers are the workers the workspace starts with, in creation order.
	Workers []Worker
	// HideListedAttributes makes lists answer "attributes": null. Twilio's OpenAPI
	// description says attributes are shown only when fetching one worker; TaskRouter's
	// lists do carry them in practice, which is the default here.
	HideListedAttributes bool
	// OnRequest, when set, is called as each request arrives, before faults apply. It must
	// not call the server's methods that record requests.
	OnRequest func(Request)
}

// Request is one request the double received, as the request log keeps it.
type Request struct {
	Method   string
	Path     string
	RawQuery string
	Query    url.Values
	// Username is the Basic auth user name (an Account SID or API key SID). The password
	// is never kept.
	Username string
	// Status is the status code the double answered with; 0 while it is being served or
	// when the client went away first.
	Status int
	// Fault is the injected fault that shaped the answer, if any.
	Fault FaultKind
}

// Server is a running double. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL, such as http://127.0.0.1:41234, to give the client instead of
	// https://taskrouter.twilio.com.
	URL string

	cfg     Config
	srv     *httptest.Server
	closing chan struct{}

	mu       sync.Mutex
	workers  []*entry // in creation order
	bySID    map[string]*entry
	seqs     map[string]int // sequence number of every SID ever added, for page tokens
	nextSeq  int
	requests []Request
	faults   []*faultState
}

// New starts a double on a loopback port. Close it when done.
func New(cfg Config) *Server {
	if cfg.AccountSID == "" {
		cfg.AccountSID = AccountSID
	}
	if cfg.AuthToken == "" {
		cfg.AuthToken = AuthToken
	}
	if cfg.APIKeySID == "" {
		cfg.APIKeySID = APIKeySID
	}
	if cfg.APIKeySecret == "" {
		cfg.APIKeySecret = APIKeySecret
	}
	if cfg.WorkspaceSID == "" {
		cfg.WorkspaceSID = WorkspaceSID
	}
	if cfg.WorkspaceName == "" {
		cfg.WorkspaceName = WorkspaceName
	}

	s := &Server{
		cfg:     cfg,
		closing: make(chan struct{}),
		bySID:   map[string]*entry{},
		seqs:    map[string]int{},
	}
	for _, w := range cfg.Workers {
		s.AddWorker(w)
	}
	s.srv = httptest.NewServer(s)
	s.URL = s.srv.URL
	return s
}

// Close stops the server, cutting short any slow answer in progress.
func (s *Server) Close() {
	close(s.closing)
	s.srv.Close()
}

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	copy(out, s.requests)
	return out
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// ServeHTTP answers one request: it logs it, applies a matching fault, checks Basic auth and
// routes it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	user, _, _ := r.BasicAuth()
	req := Request{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Query:    r.URL.Query(),
		Username: user,
	}
	if s.cfg.OnRequest != nil {
		s.cfg.OnRequest(req)
	}

	f := s.takeFault(req)
	s.mu.Lock()
	i := len(s.requests)
	if f != nil {
		req.Fault = f.Kind
	}
	s.requests = append(s.requests, req)
	s.mu.Unlock()

	rec := &statusRecorder{ResponseWriter: w}
	defer func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if i < len(s.requests) { // ResetRequests may have run meanwhile
			s.requests[i].Status = rec.status
		}
	}()

	if f != nil && s.applyFault(rec, r, f) {
		return
	}
	if !s.authorized(r) {
		rec.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
		writeError(rec, http.StatusUnauthorized, 20003, "Authenticate")
		return
	}
	s.route(rec, r)
}

func (s *Server) authorized(r *http.Request) bool {
	user, pass, ok := r.BasicAuth()
	if !ok {
		return false
	}
	return user == s.cfg.AccountSID && pass == s.cfg.AuthToken ||
		user == s.cfg.APIKeySID && pass == s.cfg.APIKeySecret
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) < 3 || parts[0] != "v1" || parts[1] != "Workspaces" ||
		parts[2] != s.cfg.WorkspaceSID || len(parts) > 5 ||
		len(parts) >= 4 && parts[3] != "Workers" {
		notFound(w, r)
		return
	}

	switch {
	case len(parts) == 3 && r.Method == http.MethodGet:
		s.fetchWorkspace(w, r)
	case len(parts) == 4 && r.Method == http.MethodGet:
		s.listWorkers(w, r)
	case len(parts) == 5 && r.Method == http.MethodGet:
		s.fetchWorker(w, r, parts[4])
	case len(parts) == 5 && r.Method == http.MethodDelete:
		s.deleteWorker(w, r, parts[4])
	default:
		writeError(w, http.StatusMethodNotAllowed, 20004, "Method not allowed")
	}
}

// statusRecorder remembers the status code written, for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}
