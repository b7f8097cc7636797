package flexflow

import (
	"strings"
	"testing"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/flowspec"
	"github.com/flopack/flopack/generator"
)

// What the generator emits is what Read reads: one code path for a spec and an export.
func TestReadGenerated(t *testing.T) {
	base, err := flowspec.Load("../testdata/flex-deprovision.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, attr := range []string{"email", "agent.email"} {
		t.Run(attr, func(t *testing.T) {
			spec := *base
			spec.Twilio.WorkerAttribute = attr
			doc, err := generator.Build(&spec, generator.Options{})
			if err != nil {
				t.Fatal(err)
			}

			p, err := Read(doc)
			if err != nil {
				t.Fatal(err)
			}
			ws := spec.Twilio.WorkspaceSID
			workers := "https://taskrouter.twilio.com/v1/Workspaces/" + ws + "/Workers"
			if p.WorkspaceSID != ws || p.WorkersURL != workers || p.Attribute != attr ||
				p.Expression("a@b.com") != attr+`=="a@b.com"` || p.SIDPath != "workers.0.sid" ||
				p.Flow != spec.Flow.Name {
				t.Errorf("%+v", p)
			}
			if got := p.DeleteURL.String(); !strings.HasPrefix(got, workers+"/{") {
				t.Errorf("delete URL %s", got)
			}
		})
	}
}

// The example export committed beside the example spec reads the same as a fresh build.
func TestReadCommittedExample(t *testing.T) {
	doc, err := export.ReadFile("../testdata/flex-deprovision.flopack")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Read(doc)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := flowspec.Load("../testdata/flex-deprovision.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p.WorkspaceSID != spec.Twilio.WorkspaceSID || p.Attribute != spec.Twilio.WorkerAttribute {
		t.Errorf("%+v", p)
	}
}
