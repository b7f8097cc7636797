package generator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/flopack/flopack/export"
)

// link is one pin seen from outside: producer card and output key to consumer card and
// input key, cards named by their node key and title.
type link struct {
	From, Output, To, Input string
}

func cardLabel(c export.Card) string { return c.Key() + " " + c.Name() }

// pinLinks resolves every pin of flow to card titles and field keys, failing the test on a
// pin whose ends do not exist.
func pinLinks(t *testing.T, flow export.Flow) []link {
	t.Helper()
	var links []link
	for _, c := range flow.Cards() {
		outputs := map[string]string{}
		for _, f := range c.Outputs() {
			outputs[f.ID] = f.Key()
		}
		for _, p := range c.Pins() {
			outKey, ok := outputs[p.Output]
			if !ok {
				t.Errorf("card %q pins from %s, which is not one of its outputs", c.Name(), p.Output)
				continue
			}
			to, ok := flow.Card(p.ToCard)
			if !ok {
				t.Errorf("card %q pins into card %s, which is not in the flow", c.Name(), p.ToCard)
				continue
			}
			inKey := ""
			for _, f := range to.Inputs() {
				if f.ID == p.Input {
					inKey = f.Key()
				}
			}
			if inKey == "" {
				t.Errorf("card %q pins into %s of %q, which is not one of its inputs",
					c.Name(), p.Input, to.Name())
				continue
			}
			links = append(links, link{cardLabel(c), outKey, cardLabel(to), inKey})
		}
	}
	return links
}

// checkOrderings fails the test on an edge whose ends are not cards of flow, and returns
// the edges as card labels.
func checkOrderings(t *testing.T, flow export.Flow) [][2]string {
	t.Helper()
	var edges [][2]string
	for _, o := range flow.Orderings() {
		from, okFrom := flow.Card(o.From)
		to, okTo := flow.Card(o.To)
		if !okFrom || !okTo {
			t.Errorf("ordering %s joins %q and %q, not both cards of the flow", o.ID, o.From, o.To)
			continue
		}
		edges = append(edges, [2]string{cardLabel(from), cardLabel(to)})
	}
	return edges
}

func TestBodyWiring(t *testing.T) {
	for _, field := range []string{"application_user.alternate_id", "okta_user.alternate_id"} {
		t.Run(field, func(t *testing.T) {
			spec := exampleSpec()
			spec.Okta.EmailField = field
			source := map[string]string{
				"application_user.alternate_id": "Application User",
				"okta_user.alternate_id":        "Okta User",
			}[field]
			_, body := eventFlow(t, mustBuild(t, spec))

			const (
				callable   = "callable User Unassigned from Application"
				noAddress  = "throwIf Stop if the event has no address"
				unsafe     = "match Find unsafe characters"
				stopUnsafe = "throwIf Stop if the address is unsafe"
				workersURL = "concat Build Workers URL"
				query      = "concat Build worker query"
				find       = "get Find worker by email"
				sid        = "get Read worker SID"
				stop       = "throwIf Stop if no worker matched"
				workerURL  = "concat Build URL of the worker"
				del        = "delete Delete Flex worker"
			)
			expand := ""
			for _, c := range body.Cards() {
				if c.Key() == "expand" {
					expand = cardLabel(c)
				}
			}
			want := []link{
				{callable, source, expand, "object"},
				{expand, "value", noAddress, "left-operand"},
				{expand, "value", unsafe, "string"},
				{unsafe, "output", stopUnsafe, "left-operand"},
				{workersURL, "output", find, "URL"},
				{workersURL, "output", workerURL, "string1"},
				{query, "output", find, "Query"},
				{find, "Body", sid, "object"},
				{sid, "output", workerURL, "text 3"},
				{sid, "output", stop, "left-operand"},
				{workerURL, "output", del, "URL"},
				{expand, "value", query, "text 4"},
			}
			got := pinLinks(t, body)
			less := func(a, b link) bool { return fmt.Sprint(a) < fmt.Sprint(b) }
			if diff := cmp.Diff(want, got, cmpopts.SortSlices(less)); diff != "" {
				t.Errorf("pins (-want +got):\n%s", diff)
			}

			wantOrder := [][2]string{
				{callable, noAddress}, {noAddress, unsafe}, {unsafe, stopUnsafe},
				{stopUnsafe, workersURL}, {workersURL, query}, {query, find}, {find, sid},
				{sid, stop}, {stop, workerURL}, {workerURL, del},
				{callable, expand}, {expand, noAddress}, {expand, expand},
			}
			if diff := cmp.Diff(wantOrder, checkOrderings(t, body)); diff != "" {
				t.Errorf("orderings (-want +got):\n%s", diff)
			}
		})
	}
}

// The literal texts are what make the requests right: the Workers URL, the expression
// around the address, the path of the SID and the stop condition.
func TestBodyValues(t *testing.T) {
	spec := exampleSpec()
	spec.Twilio.WorkerAttribute = "contact.email"
	_, body := eventFlow(t, mustBuild(t, spec))

	got := map[string]string{}
	for _, c := range body.Cards() {
		for _, f := range c.Inputs() {
			if d := f.Data(); d != nil && d.Kind == export.String && d.Text != "" {
				got[c.Name()+" › "+f.Key()] = d.Text
			}
		}
	}
	want := map[string]string{
		"Stop if the event has no address › operator": "is empty",
		"Stop if the event has no address › message":  NoAddressMessage,
		"Find unsafe characters › target":             `["\\\x00-\x1f]`,
		"Stop if the address is unsafe › operator":    ">=",
		"Stop if the address is unsafe › message":     UnsafeAddressMessage,
		"Build Workers URL › string1":                 "https://taskrouter.twilio.com/v1/Workspaces/",
		"Build Workers URL › string2":                 "WS0123456789abcdef0123456789abcdef",
		"Build Workers URL › text 3":                  "/Workers",
		"Build worker query › string1":                "TargetWorkersExpression=",
		"Build worker query › string2":                "contact.email",
		"Build worker query › text 3":                 `=="`,
		"Build worker query › text 5":                 `"`,
		"Read worker SID › path":                      "workers.0.sid",
		"Stop if no worker matched › operator":        "is empty",
		"Stop if no worker matched › message":         NoWorkerMessage,
		"Build URL of the worker › string2":           "/",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("literal inputs (-want +got):\n%s", diff)
	}
}

// The top level must look like every real event flow: the event card for the spec's app,
// with the Okta connection, pinned into For Each - Ignore Errors.
func TestEventFlow(t *testing.T) {
	doc := mustBuild(t, exampleSpec())
	flow, _ := eventFlow(t, doc)
	event, forEach := flow.Cards()[0], flow.Cards()[1]

	if got := event.Address(); !strings.HasSuffix(got, ":userRemovedFromApplicationMembership") {
		t.Errorf("event card address %q", got)
	}
	appID, _ := event.Input("appId")
	if got := appID.Data().Str(); got != "0oa1b2c3d4E5F6g7H8i9" {
		t.Errorf("appId = %q", got)
	}
	if got := forEach.Address(); got != "root:kernel:list:0.0.1:asyncEach" {
		t.Errorf("second card %q, want For Each - Ignore Errors", got)
	}
	if diff := cmp.Diff([]link{{
		"userRemovedFromApplicationMembership User Unassigned from Application", "collection",
		"asyncEach For Each - Ignore Errors", "list",
	}}, pinLinks(t, flow)); diff != "" {
		t.Errorf("top-level pins (-want +got):\n%s", diff)
	}
	checkOrderings(t, flow)

	configs := doc.Data().Get("configs")
	modules := map[string]string{}
	for _, m := range configs.Members {
		modules[m.Value.Get("name").Str()] = m.Value.Get("module").Str()
	}
	if diff := cmp.Diff(map[string]string{"Okta": "okta", "Twilio TaskRouter": "httpfunctions"},
		modules); diff != "" {
		t.Errorf("connections (-want +got):\n%s", diff)
	}
	if got := configs.Get(event.Config()).Get("module").Str(); got != "okta" {
		t.Errorf("event card uses connection of module %q", got)
	}
	_, body := eventFlow(t, doc)
	for _, c := range body.Cards() {
		if strings.Contains(c.Address(), ":httpfunctions:") {
			if got := configs.Get(c.Config()).Get("name").Str(); got != "Twilio TaskRouter" {
				t.Errorf("%s uses connection %q", c.Name(), got)
			}
		}
	}
}
