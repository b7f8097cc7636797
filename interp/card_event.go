package interp

import (
	"fmt"
	"strings"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/oktaevent"
)

// eventTypes maps an Okta event card's key to the System Log event type that fires it.
var eventTypes = map[string]string{
	"userRemovedFromApplicationMembership": "application.user_membership.remove",
}

// itemGroup is the key each collection item holds the event's fields under: the card's
// collection output is typed {"Output": {"type": {<fields>}}}, and the callable's outputs
// are in the group "Output".
const itemGroup = "Output"

// event passes the events on as the card's collection output, one item per event, keeping
// back those Okta would not have sent to this card.
func (c *call) event() error {
	appID := c.appInstance()
	parts := strings.Split(c.st.card.Address(), ":")
	wantType := eventTypes[parts[len(parts)-1]]

	list := export.NewArray()
	for i, ev := range c.r.events {
		er := &EventRun{Index: i + 1, Line: ev.Line, EventID: ev.ID(), User: ev.Address()}
		c.r.report.Events = append(c.r.report.Events, er)
		if reason := skipReason(ev, appID, wantType); reason != "" {
			er.Outcome, er.Detail = Skipped, reason
			continue
		}
		item := export.NewObject()
		item.Set(itemGroup, ev.Fields)
		c.r.pending[item] = er
		list.Items = append(list.Items, item)
	}
	c.set("collection", list)
	c.set("execution_id", export.NewString(c.frame.executionID))
	return nil
}

// appInstance is the app instance the card listens to: the typed App Instance ID when
// "Use App Instance ID?" is Yes, else the instance picked from the list; "" when unknown.
func (c *call) appInstance() string {
	if strings.EqualFold(text(c.input("useId")), "Yes") {
		return text(c.input("appId"))
	}
	if id := text(c.input("instance")); strings.HasPrefix(id, "0oa") {
		return id
	}
	return ""
}

// skipReason says why Okta would not pass ev to a card listening to app appID for events
// of type wantType, or "" when it would.
//
// A System Log event must have an eventType and, for a card that listens to an app, an
// AppInstance target with an id: Okta subscribes the card to one event type for one app
// instance, so an event lacking them cannot come from the subscription. An event given
// already mapped is taken at its word: only a value that differs from the card's causes a
// skip, never a missing one.
func skipReason(ev oktaevent.Event, appID, wantType string) string {
	appCard := appID != "" || wantType != ""
	if ev.SystemLog {
		switch {
		case ev.Type() == "":
			return "the event has no eventType; Okta sends the card only the events it " +
				"subscribes to" + firesOn(wantType)
		case appCard && ev.Field(oktaevent.Application).IsNull():
			return "the event has no AppInstance target; Okta sends the card only events " +
				"about its app instance" + listensTo(appID)
		case appCard && ev.AppInstanceID() == "":
			return "the event's AppInstance target has no id; Okta sends the card only " +
				"events about its app instance" + listensTo(appID)
		}
	}
	if t := ev.Type(); wantType != "" && t != "" && t != wantType {
		return fmt.Sprintf("event type %s, but the card fires on %s", t, wantType)
	}
	if id := ev.AppInstanceID(); appID != "" && id != "" && id != appID {
		return fmt.Sprintf("the event is about app instance %s, but the card listens to %s",
			id, appID)
	}
	return ""
}

func firesOn(wantType string) string {
	if wantType == "" {
		return ""
	}
	return " (" + wantType + ")"
}

func listensTo(appID string) string {
	if appID == "" {
		return ""
	}
	return " (" + appID + ")"
}
