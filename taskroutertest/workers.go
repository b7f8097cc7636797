package taskroutertest

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Worker is a TaskRouter worker as the double stores it.
type Worker struct {
	// SID is WK and 32 hex digits; left empty, the server assigns one.
	SID          string
	FriendlyName string
	// Attributes is the worker's attributes as JSON text ("{}" when empty), as TaskRouter
	// keeps them. It may be any text, to model workers whose attributes are broken.
	Attributes string
	// ActivityName is one of Offline (the default), Available, Unavailable, Break.
	ActivityName string
}

// activities are the activities of a new Flex workspace, with made-up SIDs.
var activities = map[string]string{
	"Offline":     "WA" + strings.Repeat("0", 31) + "1",
	"Available":   "WA" + strings.Repeat("0", 31) + "2",
	"Unavailable": "WA" + strings.Repeat("0", 31) + "3",
	"Break":       "WA" + strings.Repeat("0", 31) + "4",
}

// NewWorker returns a worker whose attributes are attrs encoded as JSON.
func NewWorker(friendlyName string, attrs map[string]any) Worker {
	data, err := json.Marshal(attrs)
	if err != nil {
		// Only values that JSON cannot hold get here: a mistake in the calling test.
		panic(fmt.Sprintf("taskroutertest: attributes of %q: %v", friendlyName, err))
	}
	return Worker{FriendlyName: friendlyName, Attributes: string(data)}
}

// FlexWorker returns a worker as Flex single sign-on creates it for the agent with this
// address: friendly name and the email attribute from the identity provider's assertion.
func FlexWorker(email string) Worker {
	name, _, _ := strings.Cut(email, "@")
	return NewWorker(email, map[string]any{
		"email":       email,
		"full_name":   name,
		"roles":       []string{"agent"},
		"contact_uri": "client:" + name,
		"image_url":   "",
		"routing":     map[string]any{"skills": []string{}, "levels": map[string]any{}},
	})
}

// SampleWorkers returns a small Flex workspace: four agents, one supervisor, and a worker
// made by hand without an email attribute.
func SampleWorkers() []Worker {
	return []Worker{
		FlexWorker("ada.lovelace@example.com"),
		FlexWorker("grace.hopper@example.com"),
		FlexWorker("jean-luc.picard@example.com"),
		FlexWorker("katherine.johnson@example.com"),
		NewWorker("supervisor@example.com", map[string]any{
			"email": "supervisor@example.com",
			"roles": []string{"supervisor", "agent"},
		}),
		NewWorker("Overflow queue bot", map[string]any{"bot": true}),
	}
}

// ManyWorkers returns n Flex workers with distinct addresses agent00001@example.com, ...
func ManyWorkers(n int) []Worker {
	ws := make([]Worker, n)
	for i := range ws {
		ws[i] = FlexWorker(fmt.Sprintf("agent%05d@example.com", i+1))
	}
	return ws
}
