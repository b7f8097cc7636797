package oktaevent

import (
	"errors"
	"fmt"

	"github.com/flopack/flopack/diag"
	"github.com/flopack/flopack/export"
)

// MaxSize is the largest input, in bytes, that Parse reads. Okta delivers a few events per
// hook call; a System Log export of a busy day fits with room to spare.
const MaxSize = 32 << 20

// maxDiagnostics bounds how many problems one input reports.
const maxDiagnostics = 50

// Event is one event, mapped to the card's output fields.
type Event struct {
	// Fields is an object keyed by the card's field names, in the card's order for a
	// mapped System Log event and in the file's order for an event given already mapped.
	Fields *export.Value
	// Line is the 1-based line of the event in the input.
	Line int
	// SystemLog is true when the input held a System Log event, which Parse mapped to the
	// card's fields; false for an event given already mapped. Only a System Log event can
	// be held to what Okta's subscription guarantees (an eventType, the app's target).
	SystemLog bool
}

// Field returns the value of a card field, or nil when the event has none.
func (e Event) Field(name string) *export.Value { return e.Fields.Get(name) }

// ID is the event's Event ID (the System Log uuid).
func (e Event) ID() string { return e.Field(EventID).Str() }

// Type is the event's Event Type, such as application.user_membership.remove.
func (e Event) Type() string { return e.Field(EventType).Str() }

// AppInstanceID is Application › ID: the app instance the event is about.
func (e Event) AppInstanceID() string { return e.Field(Application).Get(ID).Str() }

// Address is the user's address: Application User › Alternate ID, or Okta User › Alternate
// ID when the event has no app user. It is for people reading a summary; a flow reads
// whichever field its wiring says.
func (e Event) Address() string {
	if a := e.Field(ApplicationUser).Get(AlternateID).Str(); a != "" {
		return a
	}
	return e.Field(OktaUser).Get(AlternateID).Str()
}

// Parse reads the events in data, read from path (used in messages only). On any problem it
// returns a diag.List holding every problem found.
func Parse(path string, data []byte) ([]Event, error) {
	p := &parser{path: path, data: data}
	if len(data) > MaxSize {
		p.report(nil, "", fmt.Sprintf("the file is larger than %d MiB; split the events "+
			"into several files", MaxSize>>20))
		return nil, p.diags
	}

	root, err := export.Decode(data)
	if err != nil {
		var se *export.SyntaxError
		if errors.As(err, &se) {
			p.reportAt(se.Offset, "", "invalid JSON: "+se.Msg)
		} else {
			p.report(nil, "", "invalid JSON: "+err.Error())
		}
		return nil, p.diags
	}

	switch {
	case root.Kind == export.Object && root.Has("data"):
		p.delivery(root)
	case root.Kind == export.Object:
		p.item(root, "", nil)
	case root.Kind == export.Array:
		for i, it := range root.Items {
			p.item(it, fmt.Sprintf("[%d]", i), nil)
		}
	default:
		p.report(root, "", fmt.Sprintf("want an Okta event hook delivery or a list of "+
			"events, got %s", root.Kind))
	}

	if len(p.diags) > 0 {
		return nil, p.diags
	}
	if len(p.events) == 0 {
		p.report(root, "", "no events to run: the delivery's data.events or the list is empty")
		return nil, p.diags
	}
	return p.events, nil
}

// delivery holds the parts of an event hook delivery that fill card fields.
type delivery struct {
	eventID, eventTime, source *export.Value
}

type parser struct {
	path   string
	data   []byte
	events []Event
	diags  diag.List
}

func (p *parser) report(at *export.Value, field, msg string) {
	offset := -1
	if at != nil {
		offset = at.Offset
	}
	p.reportAt(offset, field, msg)
}

func (p *parser) reportAt(offset int, field, msg string) {
	if len(p.diags) >= maxDiagnostics {
		return
	}
	line, col := export.Position(p.data, offset)
	p.diags = append(p.diags, diag.Diagnostic{
		Path:     p.path,
		Line:     line,
		Column:   col,
		Field:    field,
		Severity: diag.Error,
		Message:  msg,
	})
}

func (p *parser) delivery(root *export.Value) {
	events := root.Path("data", "events")
	if events == nil || events.Kind != export.Array {
		at := root.Get("data")
		if events != nil {
			at = events
		}
		p.report(at, "data.events", "want the delivery's list of System Log events")
		return
	}
	d := &delivery{
		eventID:   root.Get("eventId"),
		eventTime: root.Get("eventTime"),
		source:    root.Get("source"),
	}
	for i, ev := range events.Items {
		field := fmt.Sprintf("data.events[%d]", i)
		if ev.Kind != export.Object || isMapped(ev) {
			p.report(ev, field, "want a System Log event object (with uuid and eventType)")
			continue
		}
		p.logEvent(ev, field, d)
	}
}

// item reads one event of a list, or a lone event: a System Log event or a mapped one.
func (p *parser) item(v *export.Value, field string, d *delivery) {
	switch {
	case v.Kind != export.Object:
		p.report(v, field, fmt.Sprintf("want an event object, got %s", v.Kind))
	case isMapped(v):
		p.mapped(v, field)
	case v.Has("uuid") || v.Has("eventType"):
		p.logEvent(v, field, d)
	default:
		p.report(v, field, "neither a System Log event (no uuid or eventType) nor a mapped "+
			"event (no card field such as \"Event ID\" or \"Application User\")")
	}
}

// isMapped reports whether v is keyed by the card's field names.
func isMapped(v *export.Value) bool {
	for _, m := range v.Members {
		if isField(m.Key) {
			return true
		}
	}
	return false
}

// mapped takes an event given already mapped. The four person and app fields must be
// objects (or null), since flows read their sub-fields.
func (p *parser) mapped(v *export.Value, field string) {
	ok := true
	for _, name := range []string{Admin, OktaUser, ApplicationUser, Application} {
		f := v.Get(name)
		if f != nil && f.Kind != export.Object && f.Kind != export.Null {
			p.report(f, join(field, name), fmt.Sprintf("want an object of %s, %s, %s and %s, "+
				"got %s", ID, AlternateID, DisplayName, Type, f.Kind))
			ok = false
		}
	}
	if ok {
		p.add(v.Clone(), v, false)
	}
}

func (p *parser) add(fields, at *export.Value, systemLog bool) {
	line, _ := export.Position(p.data, at.Offset)
	p.events = append(p.events, Event{Fields: fields, Line: line, SystemLog: systemLog})
}

func join(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}
