package interp

import (
	"time"

	"github.com/flopack/flopack/export"
)

// Outcome is how the body ended for one event.
type Outcome string

// The outcomes, from the summary's point of view.
const (
	// Deleted: a DELETE was sent and TaskRouter accepted it.
	Deleted Outcome = "deleted"
	// WouldDelete: dry run; the body reached a DELETE, which was printed, not sent.
	WouldDelete Outcome = "would delete"
	// Stopped: a Return Error If card ended the body.
	Stopped Outcome = "stopped"
	// Failed: a card failed (a request error, a bad value, a refused host).
	Failed Outcome = "failed"
	// Finished: the body ran to its end without deleting anything.
	Finished Outcome = "finished"
	// Skipped: the event card would not have passed this event on (another app or event
	// type), so the body did not run.
	Skipped Outcome = "skipped"
	// Interrupted: the run was interrupted (Ctrl-C) while this event's body ran; the
	// cards after that point did not run.
	Interrupted Outcome = "interrupted"
	// NotRun: the run stopped before this event, because TaskRouter could not be reached,
	// refused the credentials, or the run was interrupted.
	NotRun Outcome = "not run"
)

// outcomes lists every outcome in the order summaries count them.
var outcomes = []Outcome{Deleted, WouldDelete, Stopped, Failed, Finished, Skipped,
	Interrupted, NotRun}

// Report is the trace of one run.
type Report struct {
	// Flow is the name of the flow that ran.
	Flow string
	// DryRun is true when requests other than GET were printed, not sent.
	DryRun bool
	// Cards are the top-level cards (the event card and For Each), in the order they ran.
	Cards []*CardRun
	// Events are the events in input order, one run of the body each.
	Events []*EventRun
	// Warnings are things the run noticed but that did not stop it, such as cards that no
	// ordering reaches.
	Warnings []string
}

// Count returns how many events ended with outcome o.
func (r *Report) Count(o Outcome) int {
	n := 0
	for _, e := range r.Events {
		if e.Outcome == o {
			n++
		}
	}
	return n
}

// Failures is how many events' bodies did not finish: Failed, Stopped by Return Error If
// (an error in Flow History too), Interrupted or NotRun.
func (r *Report) Failures() int {
	return r.Count(Failed) + r.Count(Stopped) + r.Count(Interrupted) + r.Count(NotRun)
}

// Sent returns the requests of this method that were sent, in the order they were.
func (r *Report) Sent(method string) []*RequestTrace {
	var out []*RequestTrace
	for _, e := range r.Events {
		for _, cr := range e.Cards {
			if rq := cr.Request; rq != nil && rq.Sent && rq.Method == method {
				out = append(out, rq)
			}
		}
	}
	return out
}

// EventRun is one run of the body, for one event.
type EventRun struct {
	// Index is the event's 1-based position in the input.
	Index int
	// Line is the event's line in the input file.
	Line int
	// EventID is the event's Event ID; User is its Application User › Alternate ID (or
	// Okta User › Alternate ID without an app user).
	EventID, User string
	Outcome       Outcome
	// Detail says more about the outcome: the Return Error If message, the error, the
	// reason for a skip, or the URL deleted.
	Detail string
	// WorkerSID is the last path segment of the URL deleted (or that would be): the
	// worker's SID in a TaskRouter flow.
	WorkerSID string
	// Cards are the body's cards in the order they ran, the failing one last.
	Cards []*CardRun
	// Err is the error that ended the body, nil unless Failed, Stopped, Interrupted or
	// NotRun.
	Err error
	// Warnings are the warnings of its cards, each naming the card: things that may make
	// Okta behave otherwise than this run did.
	Warnings []string
}

// CardRun is one card's entry in the trace.
type CardRun struct {
	ID, Title, Address string
	Inputs             []FieldValue
	Outputs            []FieldValue
	// Request is the HTTP request an API Connector card sent, or would have sent.
	Request  *RequestTrace
	Duration time.Duration
	// Note says something the values do not, such as "not sent (dry run)".
	Note string
	// Warnings say where Okta may behave otherwise than this run did.
	Warnings []string
	Error    string
}

// FieldValue is one input or output value. From names where a pinned input came from, as
// `card title › output key`; it is empty for a literal.
type FieldValue struct {
	Key   string
	Value *export.Value
	From  string
}

// RequestTrace is an HTTP request of an API Connector card. It never holds credentials.
type RequestTrace struct {
	Method string
	// URL is where the request went (or would go): after --taskrouter-url rewrote it.
	URL    string
	Sent   bool
	Status int // 0 when not sent or unanswered
}
