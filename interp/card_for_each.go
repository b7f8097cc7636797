package interp

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/flopack/flopack/export"
)

// forEach runs the embedded body once per item of its list, one after another. An item
// whose body fails does not stop the others (For Each - Ignore Errors), except when
// TaskRouter cannot be reached or refuses the credentials: then the rest are not run.
func (c *call) forEach(ctx context.Context) error {
	for i, in := range c.trace.Inputs {
		if in.Key == "flo" { // the whole body: the trace lists its cards per event instead
			c.trace.Inputs[i].Value = export.NewString(
				fmt.Sprintf("(flow body: %d cards)", len(c.st.body.steps)))
		}
	}
	list := c.input("list")
	if list.IsNull() {
		return nil
	}
	if list.Kind != export.Array {
		return fmt.Errorf("its list input is %s, not a list", describe(list))
	}

	var stop error
	for n, item := range list.Items {
		er := c.r.pending[item]
		if er == nil { // a list that did not come from the event card
			er = &EventRun{Index: len(c.r.report.Events) + 1}
			c.r.report.Events = append(c.r.report.Events, er)
		}
		if stop == nil && ctx.Err() != nil {
			stop = ErrInterrupted
		}
		if stop != nil {
			er.Outcome, er.Detail, er.Err = NotRun, "the run stopped earlier", stop
			if errors.Is(stop, ErrInterrupted) {
				er.Detail = "the run was interrupted"
			}
			continue
		}
		f := &frame{item: item, executionID: fmt.Sprintf("flopack-run-%04d", n+1)}
		err := c.r.runSteps(ctx, c.st.body, f, &er.Cards)
		classify(er, err)
		if fatal(err) {
			stop = err
		}
	}
	return stop
}

// classify sets an event's outcome from how its body ended.
func classify(er *EventRun, err error) {
	er.Err = err
	for _, cr := range er.Cards {
		for _, w := range cr.Warnings {
			er.Warnings = append(er.Warnings, fmt.Sprintf("card %q: %s", cr.Title, w))
		}
	}
	if stop, ok := err.(*StopError); ok {
		er.Outcome, er.Detail = Stopped, stop.Message
		return
	}
	if ie, ok := err.(*interruptedError); ok {
		er.Outcome, er.Detail = Interrupted, strings.TrimPrefix(ie.Error(),
			ErrInterrupted.Error()+" ")
		return
	}
	if err != nil {
		er.Outcome, er.Detail = Failed, err.Error()
		return
	}

	er.Outcome = Finished
	for _, cr := range er.Cards {
		if cr.Request == nil || cr.Request.Method != "DELETE" {
			continue
		}
		er.Outcome = WouldDelete
		if cr.Request.Sent {
			er.Outcome = Deleted
		}
		er.Detail = cr.Request.URL
		er.WorkerSID = lastSegment(cr.Request.URL)
	}
}

// lastSegment is the last path segment of a URL, such as a worker SID.
func lastSegment(u string) string {
	u, _, _ = strings.Cut(u, "?")
	return u[strings.LastIndex(u, "/")+1:]
}
