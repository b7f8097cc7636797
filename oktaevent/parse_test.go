package oktaevent

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/diag"
	"github.com/flopack/flopack/export"
)

func readDelivery(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/user-unassigned.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// compact re-encodes JSON text so that expectations can be written indented.
func compact(t *testing.T, text string) string {
	t.Helper()
	v, err := export.Decode([]byte(text))
	if err != nil {
		t.Fatalf("bad expectation: %v", err)
	}
	return string(export.Marshal(v, false))
}

func TestParseDelivery(t *testing.T) {
	t.Parallel()
	events, err := Parse("user-unassigned.json", readDelivery(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 {
		t.Fatalf("got %d events, want 1", len(events))
	}
	ev := events[0]

	// Everything but Event Details, which is the whole System Log event.
	details := ev.Fields.Get(EventDetails)
	if got := details.Get("uuid").Str(); got != "c0a8f1e2-3b4d-11f0-9a7e-5f6d2c1b0a99" {
		t.Errorf("Event Details.uuid = %q, want the event's uuid", got)
	}
	fields := ev.Fields.Clone()
	fields.Delete(EventDetails)
	want := compact(t, `{
		"Date and Time": "2026-11-30T14:05:07.412Z",
		"Message": "Remove user from application membership",
		"Event ID": "c0a8f1e2-3b4d-11f0-9a7e-5f6d2c1b0a99",
		"Event Type": "application.user_membership.remove",
		"Event Time": "2026-11-30T14:05:09.000Z",
		"Version": "0",
		"Admin": {"ID": "00uAdmin0000000000x1", "Alternate ID": "it.admin@example.com",
			"Display Name": "IT Admin", "Type": "User"},
		"Okta User": {"ID": "00uRobin0000000000x1", "Alternate ID": "ragent@corp.example.com",
			"Display Name": "Robin Agent", "Type": "User"},
		"Application User": {"ID": "0uaAppUser00000000x1",
			"Alternate ID": "robin.agent@example.com", "Display Name": "Robin Agent",
			"Type": "AppUser"},
		"Application": {"ID": "0oaFlexApp00000000x1", "Alternate ID": "Twilio Flex",
			"Display Name": "Twilio Flex", "Type": "AppInstance"},
		"UUID": "5b8e2f4a-7c1d-4e9b-a6f3-0d2c8b1e7a54",
		"Headers": {},
		"Source": "https://example.okta.com/api/v1/eventHooks/whoExample0000000000",
		"Debug Context": {"Debug Data": {"requestId": "reqExample0000000001"}}
	}`)
	if diff := cmp.Diff(want, string(export.Marshal(fields, false))); diff != "" {
		t.Errorf("mapped fields (-want +got):\n%s", diff)
	}

	if got, want := ev.Address(), "robin.agent@example.com"; got != want {
		t.Errorf("Address() = %q, want %q", got, want)
	}
	if got, want := ev.AppInstanceID(), "0oaFlexApp00000000x1"; got != want {
		t.Errorf("AppInstanceID() = %q, want %q", got, want)
	}
	if ev.Line != 11 {
		t.Errorf("Line = %d, want 11 (where the event starts)", ev.Line)
	}
}

// logEvent is a System Log event with the given targets.
func logEvent(uuid, targets string) string {
	return `{"uuid": "` + uuid + `", "published": "2026-01-01T00:00:00.000Z",
		"eventType": "application.user_membership.remove", "version": "0",
		"displayMessage": "Remove user from application membership",
		"actor": {"id": "00uA", "type": "User", "alternateId": "admin@example.com",
			"displayName": "Admin"},
		"target": ` + targets + `}`
}

const (
	appTarget = `{"id": "0oaX", "type": "AppInstance", "alternateId": "Flex",
		"displayName": "Flex"}`
	appUserTarget = `{"id": "0uaX", "type": "AppUser", "alternateId": "a@example.com",
		"displayName": "A"}`
	userTarget = `{"id": "00uX", "type": "User", "alternateId": "a@corp.example.com",
		"displayName": "A"}`
)

func TestParseShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input string
		// want maps each event to a few fields, rendered as compact JSON.
		want []map[string]string
	}{
		{
			name:  "list of System Log events: no delivery, so Event Time and UUID from the event",
			input: `[` + logEvent("e1", `[`+appTarget+`,`+appUserTarget+`]`) + `]`,
			want: []map[string]string{{
				EventTime: `"2026-01-01T00:00:00.000Z"`,
				UUID:      `"e1"`,
				Source:    `""`,
				OktaUser:  `null`,
			}},
		},
		{
			name:  "targets in another order are found by type",
			input: logEvent("e2", `[`+userTarget+`,`+appUserTarget+`,`+appTarget+`]`),
			want: []map[string]string{{
				ApplicationUser: `{"ID":"0uaX","Alternate ID":"a@example.com",` +
					`"Display Name":"A","Type":"AppUser"}`,
				Application: `{"ID":"0oaX","Alternate ID":"Flex","Display Name":"Flex",` +
					`"Type":"AppInstance"}`,
				OktaUser: `{"ID":"00uX","Alternate ID":"a@corp.example.com",` +
					`"Display Name":"A","Type":"User"}`,
			}},
		},
		{
			name:  "missing app user leaves the field empty",
			input: `{"data": {"events": [` + logEvent("e3", `[`+appTarget+`]`) + `]}}`,
			want: []map[string]string{{
				ApplicationUser: `null`,
				UUID:            `"e3"`,
				DebugContext:    `{"Debug Data":null}`,
			}},
		},
		{
			name:  "no target list at all",
			input: `[{"uuid": "e4", "eventType": "application.user_membership.remove"}]`,
			want: []map[string]string{{
				Application: `null`, Admin: `null`, Message: `null`,
			}},
		},
		{
			name: "mapped events are taken as they are",
			input: `[{"Event ID": "m1", "Application User": {"Alternate ID": "b@example.com"}},
				{"Event ID": "m2", "Okta User": null, "Extra": 1}]`,
			want: []map[string]string{
				{EventID: `"m1"`, ApplicationUser: `{"Alternate ID":"b@example.com"}`},
				{EventID: `"m2"`, OktaUser: `null`, "Extra": `1`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			events, err := Parse("in.json", []byte(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			var got []map[string]string
			for _, ev := range events {
				m := map[string]string{}
				for key := range tt.want[len(got)%len(tt.want)] {
					v := ev.Field(key)
					if v == nil {
						m[key] = "<missing>"
						continue
					}
					m[key] = string(export.Marshal(v, false))
				}
				got = append(got, m)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseFieldOrder(t *testing.T) {
	t.Parallel()
	events, err := Parse("in.json", []byte(logEvent("e", "[]")))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, m := range events[0].Fields.Members {
		keys = append(keys, m.Key)
	}
	if diff := cmp.Diff(Fields, keys); diff != "" {
		t.Errorf("field order (-card +mapped):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input string
		want  []string // "line:col field: message substring"
	}{
		{"not JSON", "{\n  \"data\": [}", []string{"2:12 : invalid JSON"}},
		{"scalar", `"x"`, []string{"1:1 : want an Okta event hook delivery or a list"}},
		{"empty list", `[]`, []string{"1:1 : no events to run"}},
		{"empty delivery", `{"data": {"events": []}}`, []string{"1:1 : no events to run"}},
		{"delivery without events", `{"data": {}}`,
			[]string{"1:10 data.events: want the delivery's list"}},
		{"events not a list", `{"data": {"events": {}}}`,
			[]string{"1:21 data.events: want the delivery's list"}},
		{"event not an object", `{"data": {"events": [1, "x"]}}`, []string{
			"1:22 data.events[0]: want a System Log event",
			"1:25 data.events[1]: want a System Log event",
		}},
		{"item neither kind", `[{"foo": 1}]`, []string{"1:2 [0]: neither a System Log event"}},
		{"item not an object", `[[]]`, []string{"1:2 [0]: want an event object, got array"}},
		{"target not a list", `[{"uuid": "u", "target": {}}]`,
			[]string{"1:26 [0].target: want a list of targets, got object"}},
		{"target item not an object", `[{"uuid": "u", "target": [null, {"type": 3}]}]`,
			[]string{
				"1:27 [0].target[0]: want a target object, got null",
				"1:42 [0].target[1].type: want text",
			}},
		{"actor not an object", `[{"uuid": "u", "actor": "admin"}]`,
			[]string{"1:25 [0].actor: want an object"}},
		{"debugContext not an object", `[{"uuid": "u", "debugContext": 1}]`,
			[]string{"1:32 [0].debugContext: want an object holding debugData"}},
		{"mapped person not an object", `[{"Event ID": "m", "Application User": "a@b.c"}]`,
			[]string{"1:40 [0].Application User: want an object of ID"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			events, err := Parse("in.json", []byte(tt.input))
			if err == nil {
				t.Fatalf("no error, got %d events", len(events))
			}
			list, ok := err.(diag.List)
			if !ok {
				t.Fatalf("error %T is not a diag.List: %v", err, err)
			}
			if len(list) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(list), len(tt.want), err)
			}
			for i, d := range list {
				got := strings.Join([]string{
					itoa(d.Line) + ":" + itoa(d.Column), d.Field + ":", d.Message,
				}, " ")
				if !strings.HasPrefix(got, tt.want[i]) {
					t.Errorf("diagnostic %d = %q, want prefix %q", i, got, tt.want[i])
				}
				if d.Path != "in.json" {
					t.Errorf("diagnostic %d path = %q, want in.json", i, d.Path)
				}
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestParseTooLarge(t *testing.T) {
	t.Parallel()
	data := make([]byte, MaxSize+1)
	_, err := Parse("big.json", data)
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("got %v, want a size error", err)
	}
}

// SystemLog tells events Parse mapped from System Log events from events given mapped.
func TestParseSystemLog(t *testing.T) {
	t.Parallel()
	input := `[` + logEvent("e1", `[`+appTarget+`]`) + `, {"Event ID": "m1"}, {"uuid": "e2"}]`
	events, err := Parse("in.json", []byte(input))
	if err != nil {
		t.Fatal(err)
	}
	var got []bool
	for _, ev := range events {
		got = append(got, ev.SystemLog)
	}
	if diff := cmp.Diff([]bool{true, false, true}, got); diff != "" {
		t.Errorf("SystemLog (-want +got):\n%s", diff)
	}
}
