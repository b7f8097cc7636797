package interp

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/flopack/flopack/export"
)

// maxShown is how many characters of a value the text trace shows; the JSON trace shows
// every value whole.
const maxShown = 160

// Result says in a few words how the event's body ended, for the summary.
func (e *EventRun) Result() string {
	switch e.Outcome {
	case Deleted:
		return "deleted " + e.target()
	case WouldDelete:
		return "would delete " + e.target() + " (dry run)"
	case Stopped:
		return "stopped by Return Error If: " + e.Detail
	case Failed:
		return "failed: " + e.Detail
	case Finished:
		return "finished without deleting anything"
	case Skipped:
		return "skipped: " + e.Detail
	}
	return string(e.Outcome) + ": " + e.Detail
}

// target names what a DELETE removed: the worker, when the URL ends with a worker SID.
func (e *EventRun) target() string {
	if strings.HasPrefix(e.WorkerSID, "WK") {
		return "worker " + e.WorkerSID
	}
	return e.Detail
}

// WriteText writes the trace as Flow History shows it (each card with its inputs, outputs,
// time and error), then a summary line per event.
func (r *Report) WriteText(w io.Writer) error {
	p := &printer{w: w}
	mode := "requests other than GET were sent (--execute)"
	if r.DryRun {
		mode = "dry run: requests other than GET are printed, not sent"
	}
	p.linef("flow %q: %s; %s", r.Flow, plural(len(r.Events), "event"), mode)
	for _, warning := range r.Warnings {
		p.linef("warning: %s", warning)
	}
	p.linef("")
	for _, cr := range r.Cards {
		p.card("", cr)
	}

	for _, e := range r.Events {
		p.linef("")
		p.linef("event %d: %s  %s  (line %d)", e.Index, orDash(e.EventID), orDash(e.User),
			e.Line)
		for i, cr := range e.Cards {
			p.card(fmt.Sprintf("  %d. ", i+1), cr)
		}
		p.linef("  => %s", e.Result())
		for _, w := range e.Warnings {
			p.linef("     warning: %s", w)
		}
	}

	p.linef("")
	p.summary(r)
	return p.err
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) linef(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

func (p *printer) card(prefix string, cr *CardRun) {
	p.linef("%s%s  (%s)  %s", prefix, cr.Title, shortAddress(cr.Address), duration(cr.Duration))
	indent := strings.Repeat(" ", len(prefix)+4)
	for _, in := range cr.Inputs {
		from := ""
		if in.From != "" {
			from = "  <- " + in.From
		}
		p.linef("%sin  %s = %s%s", indent, in.Key, shown(in.Value), from)
	}
	if rq := cr.Request; rq != nil {
		status := ""
		if rq.Status != 0 {
			status = fmt.Sprintf("  -> %d", rq.Status)
		}
		p.linef("%s%s %s%s", indent, rq.Method, rq.URL, status)
	}
	if cr.Note != "" {
		p.linef("%s%s", indent, cr.Note)
	}
	for _, w := range cr.Warnings {
		p.linef("%swarning: %s", indent, w)
	}
	for _, out := range cr.Outputs {
		p.linef("%sout %s = %s", indent, out.Key, shown(out.Value))
	}
	if cr.Error != "" {
		p.linef("%serror: %s", indent, cr.Error)
	}
}

func (p *printer) summary(r *Report) {
	counts := []string{}
	for _, o := range outcomes {
		if n := r.Count(o); n > 0 || o == Deleted || o == Failed {
			counts = append(counts, fmt.Sprintf("%d %s", n, o))
		}
	}
	p.linef("summary: %s: %s", plural(len(r.Events), "event"), strings.Join(counts, ", "))
	if p.err != nil {
		return
	}
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', 0)
	for _, e := range r.Events {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s%s\n", e.Index, orDash(e.EventID), orDash(e.User),
			e.Result(), warningCount(e.Warnings))
	}
	p.err = tw.Flush()
}

// warningCount marks a summary line whose event has warnings, printed with its trace.
func warningCount(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return " (1 warning, see the event above)"
	}
	return fmt.Sprintf(" (%d warnings, see the event above)", len(ws))
}

// shown renders a value on one line, clipped.
func shown(v *export.Value) string {
	if v == nil {
		return "null"
	}
	return clip(string(export.Marshal(v, false)), maxShown)
}

func duration(d time.Duration) string {
	if d < time.Millisecond {
		return d.Round(time.Microsecond).String()
	}
	return d.Round(100 * time.Microsecond).String()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// WriteJSON writes the whole trace as one JSON document, every value whole.
func (r *Report) WriteJSON(w io.Writer) error {
	doc := jsonReport{
		Flow:     r.Flow,
		DryRun:   r.DryRun,
		Summary:  map[string]int{"events": len(r.Events)},
		Events:   []jsonEvent{},
		Cards:    jsonCards(r.Cards),
		Warnings: r.Warnings,
	}
	for _, o := range outcomes {
		doc.Summary[strings.ReplaceAll(string(o), " ", "_")] = r.Count(o)
	}
	if doc.Warnings == nil {
		doc.Warnings = []string{}
	}
	for _, e := range r.Events {
		doc.Events = append(doc.Events, jsonEvent{
			Index:     e.Index,
			Line:      e.Line,
			EventID:   e.EventID,
			User:      e.User,
			Outcome:   string(e.Outcome),
			Result:    e.Result(),
			Detail:    e.Detail,
			WorkerSID: e.WorkerSID,
			Warnings:  nonNil(e.Warnings),
			Cards:     jsonCards(e.Cards),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

type jsonReport struct {
	Flow     string         `json:"flow"`
	DryRun   bool           `json:"dry_run"`
	Summary  map[string]int `json:"summary"`
	Events   []jsonEvent    `json:"events"`
	Cards    []jsonCard     `json:"cards"`
	Warnings []string       `json:"warnings"`
}

type jsonEvent struct {
	Index     int        `json:"index"`
	Line      int        `json:"line"`
	EventID   string     `json:"event_id"`
	User      string     `json:"user"`
	Outcome   string     `json:"outcome"`
	Result    string     `json:"result"`
	Detail    string     `json:"detail,omitempty"`
	WorkerSID string     `json:"worker_sid,omitempty"`
	Warnings  []string   `json:"warnings"`
	Cards     []jsonCard `json:"cards"`
}

type jsonCard struct {
	ID         string       `json:"id"`
	Title      string       `json:"title"`
	Address    string       `json:"address"`
	Inputs     []jsonField  `json:"inputs"`
	Outputs    []jsonField  `json:"outputs"`
	Request    *jsonRequest `json:"request,omitempty"`
	DurationMS float64      `json:"duration_ms"`
	Note       string       `json:"note,omitempty"`
	Warnings   []string     `json:"warnings,omitempty"`
	Error      string       `json:"error,omitempty"`
}

type jsonField struct {
	Key   string          `json:"key"`
	Value json.RawMessage `json:"value"`
	From  string          `json:"from,omitempty"`
}

type jsonRequest struct {
	Method string `json:"method"`
	URL    string `json:"url"`
	Sent   bool   `json:"sent"`
	Status int    `json:"status,omitempty"`
}

func jsonCards(crs []*CardRun) []jsonCard {
	out := []jsonCard{}
	for _, cr := range crs {
		jc := jsonCard{
			ID:         cr.ID,
			Title:      cr.Title,
			Address:    cr.Address,
			Inputs:     jsonFields(cr.Inputs),
			Outputs:    jsonFields(cr.Outputs),
			DurationMS: float64(cr.Duration.Microseconds()) / 1000,
			Note:       cr.Note,
			Warnings:   cr.Warnings,
			Error:      cr.Error,
		}
		if rq := cr.Request; rq != nil {
			jc.Request = &jsonRequest{Method: rq.Method, URL: rq.URL, Sent: rq.Sent,
				Status: rq.Status}
		}
		out = append(out, jc)
	}
	return out
}

func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func jsonFields(fs []FieldValue) []jsonField {
	out := []jsonField{}
	for _, f := range fs {
		v := f.Value
		if v == nil {
			v = export.NewNull()
		}
		out = append(out, jsonField{Key: f.Key, Value: export.Marshal(v, false), From: f.From})
	}
	return out
}
