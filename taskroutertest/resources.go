package taskroutertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/flopack/flopack/expression"
)

var attributeLookup = expression.Attributes

// created is when the double pretends its resources were made; times are fixed so that
// answers are the same on every run.
var created = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// workspaceJSON is taskrouter.v1.workspace, fields in the order TaskRouter sends them.
type workspaceJSON struct {
	AccountSID           string            `json:"account_sid"`
	DateCreated          string            `json:"date_created"`
	DateUpdated          string            `json:"date_updated"`
	DefaultActivityName  string            `json:"default_activity_name"`
	DefaultActivitySID   string            `json:"default_activity_sid"`
	EventCallbackURL     *string           `json:"event_callback_url"`
	EventsFilter         *string           `json:"events_filter"`
	FriendlyName         string            `json:"friendly_name"`
	MultiTaskEnabled     bool              `json:"multi_task_enabled"`
	SID                  string            `json:"sid"`
	TimeoutActivityName  string            `json:"timeout_activity_name"`
	TimeoutActivitySID   string            `json:"timeout_activity_sid"`
	PrioritizeQueueOrder string            `json:"prioritize_queue_order"`
	URL                  string            `json:"url"`
	Links                map[string]string `json:"links"`
}

// workerJSON is taskrouter.v1.workspace.worker.
type workerJSON struct {
	AccountSID        string            `json:"account_sid"`
	ActivityName      string            `json:"activity_name"`
	ActivitySID       string            `json:"activity_sid"`
	Attributes        *string           `json:"attributes"`
	Available         bool              `json:"available"`
	DateCreated       string            `json:"date_created"`
	DateStatusChanged string            `json:"date_status_changed"`
	DateUpdated       string            `json:"date_updated"`
	FriendlyName      string            `json:"friendly_name"`
	SID               string            `json:"sid"`
	WorkspaceSID      string            `json:"workspace_sid"`
	URL               string            `json:"url"`
	Links             map[string]string `json:"links"`
}

// errorJSON is the error body every Twilio REST API sends.
type errorJSON struct {
	Code     int    `json:"code"`
	Message  string `json:"message"`
	MoreInfo string `json:"more_info"`
	Status   int    `json:"status"`
}

func stamp(t time.Time) string { return t.Format(time.RFC3339) }

func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Server) workspaceURL(r *http.Request) string {
	return baseURL(r) + "/v1/Workspaces/" + s.cfg.WorkspaceSID
}

func (s *Server) fetchWorkspace(w http.ResponseWriter, r *http.Request) {
	ws := s.workspaceURL(r)
	writeJSON(w, http.StatusOK, workspaceJSON{
		AccountSID:           s.cfg.AccountSID,
		DateCreated:          stamp(created),
		DateUpdated:          stamp(created),
		DefaultActivityName:  "Offline",
		DefaultActivitySID:   activities["Offline"],
		FriendlyName:         s.cfg.WorkspaceName,
		MultiTaskEnabled:     true,
		SID:                  s.cfg.WorkspaceSID,
		TimeoutActivityName:  "Offline",
		TimeoutActivitySID:   activities["Offline"],
		PrioritizeQueueOrder: "FIFO",
		URL:                  ws,
		Links: map[string]string{
			"activities":    ws + "/Activities",
			"statistics":    ws + "/Statistics",
			"task_queues":   ws + "/TaskQueues",
			"tasks":         ws + "/Tasks",
			"workers":       ws + "/Workers",
			"workflows":     ws + "/Workflows",
			"events":        ws + "/Events",
			"task_channels": ws + "/TaskChannels",
		},
	})
}

func (s *Server) workerJSON(r *http.Request, e *entry, listed bool) workerJSON {
	ws := s.workspaceURL(r)
	url := ws + "/Workers/" + e.w.SID
	t := stamp(created.Add(time.Duration(e.seq) * time.Second))
	var attrs *string
	if !listed || !s.cfg.HideListedAttributes {
		a := e.w.Attributes
		attrs = &a
	}
	return workerJSON{
		AccountSID:        s.cfg.AccountSID,
		ActivityName:      e.w.ActivityName,
		ActivitySID:       activities[e.w.ActivityName],
		Attributes:        attrs,
		Available:         e.w.ActivityName == "Available",
		DateCreated:       t,
		DateStatusChanged: t,
		DateUpdated:       t,
		FriendlyName:      e.w.FriendlyName,
		SID:               e.w.SID,
		WorkspaceSID:      s.cfg.WorkspaceSID,
		URL:               url,
		Links: map[string]string{
			"channels":          url + "/Channels",
			"reservations":      url + "/Reservations",
			"worker_channels":   url + "/Channels",
			"worker_statistics": url + "/Statistics",
			"activity":          ws + "/Activities/" + activities[e.w.ActivityName],
			"workspace":         ws,
		},
	}
}

func (s *Server) fetchWorker(w http.ResponseWriter, r *http.Request, sid string) {
	s.mu.Lock()
	e, ok := s.bySID[sid]
	var body workerJSON
	if ok {
		body = s.workerJSON(r, e, false)
	}
	s.mu.Unlock()

	if !ok {
		notFound(w, r)
		return
	}
	writeJSON(w, http.StatusOK, body)
}

func (s *Server) deleteWorker(w http.ResponseWriter, r *http.Request, sid string) {
	if !s.RemoveWorker(sid) {
		notFound(w, r)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func notFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, 20404,
		fmt.Sprintf("The requested resource %s was not found", r.URL.Path))
}

func writeError(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, errorJSON{
		Code:     code,
		Message:  msg,
		MoreInfo: fmt.Sprintf("https://www.twilio.com/docs/errors/%d", code),
		Status:   status,
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(data)
}
