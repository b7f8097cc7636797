package generator

import (
	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/templates"
)

// eventName is the title Okta gives the event card, its callable and the flow's trigger.
const eventName = "User Unassigned from Application"

// enterAppID is what the card's Application and Application Instance settings hold when the
// app instance id is typed in rather than picked from a list (the real export does so).
const enterAppID = "-- Enter App Instance ID --"

// newEventCard builds the trigger: User Unassigned from Application for one app instance.
func newEventCard(appInstanceID, oktaConfigID string) (*card, error) {
	c, err := newCard(templates.UserUnassignedFromApp, "event", eventName)
	if err != nil {
		return nil, err
	}
	settings := []struct{ key, value string }{
		{"useId", "Yes"},
		{"app", enterAppID},
		{"instance", enterAppID},
		{"appId", appInstanceID},
	}
	for _, s := range settings {
		if err := c.setInput(s.key, export.NewString(s.value)); err != nil {
			return nil, err
		}
	}
	c.view().Model().Set("config", export.NewString(oktaConfigID))
	return c, nil
}

// newForEachCard builds For Each - Ignore Errors, which runs body once per event of a
// delivery: Okta batches events, and one failing unassignment must not stop the others.
func newForEachCard(body *export.Value) (*card, error) {
	c, err := newCard(templates.ForEachIgnoreErrors, "for-each", "For Each - Ignore Errors")
	if err != nil {
		return nil, err
	}
	if err := c.setInput("flo", body); err != nil {
		return nil, err
	}
	if err := c.setInput("concurrency", export.NewInt(1)); err != nil {
		return nil, err
	}
	return c, nil
}
