package interp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/oktaevent"
)

// Options tune a run.
type Options struct {
	// Flow names the flow to run (name or id) when the export holds more than one
	// event-triggered flow.
	Flow string
	// Execute sends requests other than GET; without it they are recorded, not sent.
	Execute bool
	// TaskRouterURL replaces the scheme and host of https://taskrouter.twilio.com URLs,
	// such as http://127.0.0.1:8080 for a test double. Empty for none.
	TaskRouterURL string
	// Credentials are sent as Basic auth with every request.
	Credentials Credentials
	// Timeout bounds each request; zero means DefaultTimeout.
	Timeout time.Duration
	// Announce, when set, is called just before a request other than GET is sent, so that
	// the command can say what it is about to change.
	Announce func(method, url string)
}

// Run runs the export's event-triggered flow for events. It returns an error without a
// report when the flow cannot run at all (no such flow, an unknown card, a cycle, a pin
// from a card that runs later). When TaskRouter cannot be reached or refuses the
// credentials, it stops and returns the report so far with an error wrapping
// ErrUnreachable or ErrRefused. Events whose body failed are in the report, not an error.
//
// When ctx ends (Ctrl-C), Run starts no further card and sends nothing more: a GET in
// flight is abandoned, but a DELETE already sent is waited for (up to the timeout) so that
// the report says whether the worker was deleted. It returns the report so far with an
// error wrapping ErrInterrupted.
func Run(ctx context.Context, doc *export.Document, events []oktaevent.Event,
	opts Options) (*Report, error) {
	flow, err := pickFlow(doc, opts.Flow)
	if err != nil {
		return nil, err
	}
	p, err := newPlan(flow, flow.Name(), eventCard)
	if err != nil {
		return nil, err
	}

	c := &caller{creds: opts.Credentials, execute: opts.Execute, announce: opts.Announce}
	if opts.TaskRouterURL != "" {
		if c.base, err = ParseTaskRouterURL(opts.TaskRouterURL); err != nil {
			return nil, err
		}
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	c.client = &http.Client{
		Timeout: timeout,
		// A redirect would carry the credentials to wherever TaskRouter points; the API
		// Connector's answer is the redirect itself, and a non-2xx status fails the card.
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}

	r := &runner{
		http:    c,
		events:  events,
		pending: map[*export.Value]*EventRun{},
		report:  &Report{Flow: flow.Name(), DryRun: !opts.Execute, Warnings: p.warnings},
	}
	var top []*CardRun
	err = r.runSteps(ctx, p, &frame{executionID: "flopack-run"}, &top)
	r.report.Cards = top
	for _, e := range r.report.Events {
		if e.Outcome != "" {
			continue
		}
		// For Each never reached the event: the run ended first, or nothing passed the
		// event card's list on to a body.
		e.Outcome, e.Detail, e.Err = NotRun, "the flow's body did not run for it", err
		switch {
		case errors.Is(err, ErrInterrupted):
			e.Detail = "the run was interrupted"
		case err != nil:
			e.Detail = "the run stopped earlier"
		}
	}
	return r.report, err
}

// pickFlow finds the flow to run: the one named, or the only one an Okta event starts.
func pickFlow(doc *export.Document, name string) (export.Flow, error) {
	var found []export.Flow
	for _, f := range doc.Flows() {
		if f.IsStub() {
			continue
		}
		if name != "" && f.Name() != name && f.ID() != name {
			continue
		}
		for _, c := range f.Cards() {
			if kindOf(c) == eventCard {
				found = append(found, f)
				break
			}
		}
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case name != "":
		return export.Flow{}, fmt.Errorf("the export has no flow %q that an Okta event "+
			"starts", name)
	case len(found) == 0:
		return export.Flow{}, fmt.Errorf("the export has no flow that an Okta event " +
			"starts; flopack run runs event-triggered flows")
	}
	var names []string
	for _, f := range found {
		names = append(names, fmt.Sprintf("%q", f.Name()))
	}
	return export.Flow{}, fmt.Errorf("the export has %d event-triggered flows (%v); name "+
		"one with --flow", len(found), names)
}

// runner holds the state of one run.
type runner struct {
	http   *caller
	events []oktaevent.Event
	// pending maps each list item the event card passes on to its event's entry.
	pending map[*export.Value]*EventRun
	report  *Report
}

// frame is one run of a flow: the outputs of the cards that ran.
type frame struct {
	outputs     map[string]map[string]*export.Value // card id → output field id → value
	item        *export.Value                       // the For Each item a body runs for
	executionID string
}

func (f *frame) output(cardID, fieldID string) *export.Value {
	if v := f.outputs[cardID][fieldID]; v != nil {
		return v
	}
	return export.NewNull()
}

// runSteps runs a plan's steps in order and appends their traces, stopping at the first
// card that fails.
func (r *runner) runSteps(ctx context.Context, p *plan, f *frame, trace *[]*CardRun) error {
	if f.outputs == nil {
		f.outputs = map[string]map[string]*export.Value{}
	}
	for _, st := range p.steps {
		if ctx.Err() != nil {
			return &interruptedError{card: st.title}
		}
		c := &call{r: r, st: st, frame: f, in: map[string]*export.Value{},
			out: map[string]*export.Value{}}
		c.trace = &CardRun{ID: st.card.ID(), Title: st.title, Address: st.card.Address()}
		c.resolveInputs()

		start := time.Now()
		err := c.run(ctx)
		c.trace.Duration = time.Since(start)
		c.recordOutputs()
		*trace = append(*trace, c.trace)
		if err != nil {
			c.trace.Error = err.Error()
			return err
		}
	}
	return nil
}

// call is one card being run.
type call struct {
	r     *runner
	st    *step
	frame *frame
	in    map[string]*export.Value // by input key, first of a key
	out   map[string]*export.Value // by output field id
	trace *CardRun
}

// resolveInputs reads each input from its pin, else from its literal value.data.
func (c *call) resolveInputs() {
	for _, pi := range c.st.inputs {
		key := pi.field.Key()
		v, from := pi.field.Data(), ""
		if pi.from != nil {
			v = c.frame.output(pi.from.step.card.ID(), pi.from.output.ID)
			from = pi.from.step.title + " › " + pi.from.output.Key()
		}
		if v == nil {
			v = export.NewNull()
		}
		if _, seen := c.in[key]; !seen {
			c.in[key] = v
		}
		shown := v
		if c.st.kind == httpGetCard || c.st.kind == httpDeleteCard {
			shown = redacted(v)
		}
		if c.st.kind != callableCard { // its inputs only mirror its outputs
			c.trace.Inputs = append(c.trace.Inputs, FieldValue{Key: key, Value: shown, From: from})
		}
	}
}

// input returns the value of input key, null when the card has none.
func (c *call) input(key string) *export.Value {
	if v := c.in[key]; v != nil {
		return v
	}
	return export.NewNull()
}

// set sets every output with key.
func (c *call) set(key string, v *export.Value) {
	for _, out := range c.st.card.Outputs() {
		if out.Key() == key {
			c.out[out.ID] = v
		}
	}
}

// recordOutputs keeps the outputs for later cards and the trace, in the card's order.
func (c *call) recordOutputs() {
	if len(c.out) == 0 {
		return
	}
	id := c.st.card.ID()
	if c.frame.outputs[id] == nil {
		c.frame.outputs[id] = map[string]*export.Value{}
	}
	for _, out := range c.st.card.Outputs() {
		v, ok := c.out[out.ID]
		if !ok {
			continue
		}
		c.frame.outputs[id][out.ID] = v
		c.trace.Outputs = append(c.trace.Outputs, FieldValue{Key: out.Key(), Value: v})
	}
}

// run dispatches to the card's kind.
func (c *call) run(ctx context.Context) error {
	switch c.st.kind {
	case eventCard:
		return c.event()
	case forEachCard:
		return c.forEach(ctx)
	case callableCard:
		return c.callable()
	case expandCard:
		return c.expand()
	case concatCard:
		return c.concat()
	case objectGetCard:
		return c.objectGet()
	case returnErrorIfCard:
		return c.returnErrorIf()
	case findPatternCard:
		return c.findPattern()
	case httpGetCard:
		return c.http(ctx, http.MethodGet)
	case httpDeleteCard:
		return c.http(ctx, http.MethodDelete)
	}
	return fmt.Errorf("internal error: card kind %d passed planning", c.st.kind)
}
