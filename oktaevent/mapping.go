package oktaevent

import (
	"fmt"

	"github.com/flopack/flopack/export"
)

// logEvent maps a System Log event to the card's fields (see the table in doc.go). d is nil
// when the event did not come in a delivery.
func (p *parser) logEvent(ev *export.Value, field string, d *delivery) {
	ok := true
	actor := ev.Get("actor")
	if !objectOrNull(actor) {
		p.report(actor, join(field, "actor"), "want an object with id, type, alternateId "+
			"and displayName")
		ok = false
	}
	targets, tok := p.targets(ev, field)
	ok = ok && tok
	debug := ev.Get("debugContext")
	if !objectOrNull(debug) {
		p.report(debug, join(field, "debugContext"), "want an object holding debugData")
		ok = false
	}
	if !ok {
		return
	}

	eventTime, uuid, source := ev.Get("published"), ev.Get("uuid"), export.NewString("")
	if d != nil {
		eventTime = or(d.eventTime, eventTime)
		uuid = or(d.eventID, uuid)
		source = or(d.source, source)
	}
	debugContext := export.NewObject()
	debugContext.Set("Debug Data", clone(debug.Get("debugData")))

	out := export.NewObject()
	out.Set(DateAndTime, clone(ev.Get("published")))
	out.Set(Message, clone(ev.Get("displayMessage")))
	out.Set(EventID, clone(ev.Get("uuid")))
	out.Set(EventType, clone(ev.Get("eventType")))
	out.Set(EventTime, clone(eventTime))
	out.Set(Version, clone(ev.Get("version")))
	out.Set(Admin, party(actor))
	out.Set(OktaUser, party(targets[OktaUser]))
	out.Set(ApplicationUser, party(targets[ApplicationUser]))
	out.Set(Application, party(targets[Application]))
	out.Set(UUID, clone(uuid))
	out.Set(EventDetails, ev.Clone())
	out.Set(Headers, export.NewObject())
	out.Set(Source, clone(source))
	out.Set(DebugContext, debugContext)
	p.add(out, ev, true)
}

// targets picks the first target of each type the card reads. Targets come in no fixed
// order (EVENTS.md), so they are found by type, never by position.
func (p *parser) targets(ev *export.Value, field string) (map[string]*export.Value, bool) {
	byField := map[string]*export.Value{}
	list := ev.Get("target")
	if list.IsNull() {
		return byField, true
	}
	if list.Kind != export.Array {
		p.report(list, join(field, "target"), fmt.Sprintf("want a list of targets, got %s",
			list.Kind))
		return nil, false
	}

	ok := true
	for i, t := range list.Items {
		f := fmt.Sprintf("%s[%d]", join(field, "target"), i)
		if t.Kind != export.Object {
			p.report(t, f, fmt.Sprintf("want a target object, got %s", t.Kind))
			ok = false
			continue
		}
		typ := t.Get("type")
		if typ != nil && typ.Kind != export.String {
			p.report(typ, f+".type", fmt.Sprintf("want text such as \"AppUser\", got %s",
				typ.Kind))
			ok = false
			continue
		}
		name, known := targetFields[typ.Str()]
		if known && byField[name] == nil {
			byField[name] = t
		}
	}
	return byField, ok
}

// party maps an actor or a target to the card's object of ID, Alternate ID, Display Name
// and Type; a missing one leaves the field empty (null).
func party(v *export.Value) *export.Value {
	if v.IsNull() {
		return export.NewNull()
	}
	out := export.NewObject()
	out.Set(ID, clone(v.Get("id")))
	out.Set(AlternateID, clone(v.Get("alternateId")))
	out.Set(DisplayName, clone(v.Get("displayName")))
	out.Set(Type, clone(v.Get("type")))
	return out
}

func objectOrNull(v *export.Value) bool { return v.IsNull() || v.Kind == export.Object }

// clone copies v, giving null for a missing value.
func clone(v *export.Value) *export.Value {
	if v == nil {
		return export.NewNull()
	}
	return v.Clone()
}

// or returns v unless it is missing or null.
func or(v, otherwise *export.Value) *export.Value {
	if v.IsNull() {
		return otherwise
	}
	return v
}
