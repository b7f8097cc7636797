package taskroutertest

import (
	"net/http"
	"strings"
	"time"
)

// FaultKind is a way TaskRouter (or the network before it) can misbehave.
type FaultKind int

// The faults a test can inject.
const (
	// Unauthorized answers 401 with Twilio's error JSON, as for a wrong Auth Token.
	Unauthorized FaultKind = iota + 1
	// NotFound answers 404 with Twilio's error JSON.
	NotFound
	// TooManyRequests answers 429 with Fault.RetryAfter as the Retry-After header.
	TooManyRequests
	// ServerError answers 500 with Twilio's error JSON.
	ServerError
	// Slow waits Fault.Delay (or until the client gives up) and then answers normally.
	Slow
	// MalformedJSON answers Fault.Status (200 by default) with a truncated JSON body.
	MalformedJSON
)

var faultNames = map[FaultKind]string{
	Unauthorized:    "unauthorized",
	NotFound:        "not found",
	TooManyRequests: "too many requests",
	ServerError:     "server error",
	Slow:            "slow",
	MalformedJSON:   "malformed JSON",
}

func (k FaultKind) String() string {
	if n, ok := faultNames[k]; ok {
		return n
	}
	return "no fault"
}

// Fault is an injected misbehaviour.
type Fault struct {
	Kind FaultKind
	// Match selects the requests it hits; nil hits every request.
	Match func(Request) bool
	// Times is how many requests it hits before it is spent; 0 means every one.
	Times int
	// RetryAfter is the Retry-After header of a TooManyRequests answer ("" for none).
	RetryAfter string
	// Delay is how long a Slow answer waits.
	Delay time.Duration
	// Status is the status code of a MalformedJSON answer; 0 means 200.
	Status int
}

type faultState struct {
	Fault
	used int
}

// Inject adds a fault. Faults are tried in the order they were injected; the first that
// matches and is not spent applies.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &faultState{Fault: f})
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// WorkspaceRequest matches a fetch of the workspace.
func WorkspaceRequest(r Request) bool { return len(pathParts(r)) == 3 }

// ListRequest matches a list of workers.
func ListRequest(r Request) bool { return len(pathParts(r)) == 4 }

// WorkerRequest matches a fetch or delete of one worker.
func WorkerRequest(r Request) bool { return len(pathParts(r)) == 5 }

func pathParts(r Request) []string { return strings.Split(strings.Trim(r.Path, "/"), "/") }

func (s *Server) takeFault(req Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if f.Times > 0 && f.used >= f.Times || f.Match != nil && !f.Match(req) {
			continue
		}
		f.used++
		fault := f.Fault
		return &fault
	}
	return nil
}

// applyFault answers as the fault says and reports whether the request is done. A Slow
// fault returns false after its delay, so that the request is then served normally.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f *Fault) bool {
	switch f.Kind {
	case Unauthorized:
		w.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
		writeError(w, http.StatusUnauthorized, 20003, "Authenticate")
	case NotFound:
		notFound(w, r)
	case TooManyRequests:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		writeError(w, http.StatusTooManyRequests, 20429, "Too Many Requests")
	case ServerError:
		writeError(w, http.StatusInternalServerError, 20500,
			"An internal server error has occurred")
	case Slow:
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		select {
		case <-t.C:
			return false
		case <-r.Context().Done():
		case <-s.closing:
		}
	case MalformedJSON:
		status := f.Status
		if status == 0 {
			status = http.StatusOK
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(`{"workers": [{"sid": "WK`))
	default:
		return false
	}
	return true
}
