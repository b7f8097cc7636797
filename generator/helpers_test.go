package generator

import (
	"testing"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/flowspec"
)

// exampleSpec is the spec of testdata/flex-deprovision.yaml with defaults applied, built in
// code so that these tests do not depend on the spec loader.
func exampleSpec() *flowspec.Spec {
	return &flowspec.Spec{
		Version: 1,
		Flow: flowspec.Flow{
			Name:        "Delete Flex worker when unassigned in Okta",
			Folder:      "Twilio Flex licensing",
			SaveHistory: true,
		},
		Okta: flowspec.Okta{
			AppInstanceID: "0oa1b2c3d4E5F6g7H8i9",
			Connection:    flowspec.DefaultOktaConnection,
			EmailField:    flowspec.DefaultEmailField,
		},
		Twilio: flowspec.Twilio{
			WorkspaceSID:    "WS0123456789abcdef0123456789abcdef",
			Connection:      flowspec.DefaultTwilioConnection,
			WorkerAttribute: flowspec.DefaultWorkerAttribute,
		},
	}
}

func mustBuild(t testing.TB, spec *flowspec.Spec) *export.Document {
	t.Helper()
	doc, err := Build(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// eventFlow returns the single top-level flow and the body embedded in its For Each card.
func eventFlow(t testing.TB, doc *export.Document) (export.Flow, export.Flow) {
	t.Helper()
	flows := doc.Flows()
	if len(flows) != 1 {
		t.Fatalf("got %d flows, want 1", len(flows))
	}
	cards := flows[0].Cards()
	if len(cards) != 2 {
		t.Fatalf("top-level flow has %d cards, want the event card and For Each", len(cards))
	}
	bodies := cards[1].Embedded()
	if len(bodies) != 1 {
		t.Fatalf("For Each embeds %d bodies, want 1", len(bodies))
	}
	return flows[0], bodies[0]
}

// cardNamed returns the card of flow with the given title.
func cardNamed(t testing.TB, flow export.Flow, title string) export.Card {
	t.Helper()
	for _, c := range flow.Cards() {
		if c.Name() == title {
			return c
		}
	}
	t.Fatalf("no card %q", title)
	return export.Card{}
}
