package interp_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/flowspec"
	"github.com/flopack/flopack/generator"
	"github.com/flopack/flopack/interp"
	"github.com/flopack/flopack/oktaevent"
	"github.com/flopack/flopack/taskroutertest"
)

// exampleSpec loads the repository's example spec, testdata/flex-deprovision.yaml.
func exampleSpec() *flowspec.Spec {
	spec, err := flowspec.Load("../testdata/flex-deprovision.yaml")
	if err != nil {
		panic(fmt.Sprintf("example spec: %v", err))
	}
	return spec
}

// The example spec's app instance and workspace: events and the double use them.
var (
	appID        = exampleSpec().Okta.AppInstanceID
	workspaceSID = exampleSpec().Twilio.WorkspaceSID
)

// buildExport builds spec and reads the export back from its bytes, as from a file.
func buildExport(t testing.TB, spec *flowspec.Spec) *export.Document {
	t.Helper()
	doc, err := generator.Build(spec, generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	root, err := export.Decode(export.Marshal(doc.Root, false))
	if err != nil {
		t.Fatal(err)
	}
	return &export.Document{Root: root}
}

// newDouble starts a TaskRouter double for the example workspace with the sample workers.
func newDouble(t testing.TB, workers ...taskroutertest.Worker) *taskroutertest.Server {
	t.Helper()
	if workers == nil {
		workers = taskroutertest.SampleWorkers()
	}
	srv := taskroutertest.New(taskroutertest.Config{WorkspaceSID: workspaceSID, Workers: workers})
	t.Cleanup(srv.Close)
	return srv
}

// unassignment describes one event of a test delivery.
type unassignment struct {
	appUser  string // Application User › Alternate ID; "" leaves the AppUser target out
	oktaUser string // Okta User › Alternate ID; "" gives ragent@corp.example.com
	app      string // Application › ID; "" gives the example app
	// blank keeps the AppUser target, with an empty Alternate ID.
	blank bool
}

// delivery builds an event hook delivery from the shared sample, one event per
// unassignment, and reads it with oktaevent.
func delivery(t testing.TB, us ...unassignment) []oktaevent.Event {
	t.Helper()
	data, err := os.ReadFile("../oktaevent/testdata/user-unassigned.json")
	if err != nil {
		t.Fatal(err)
	}
	var hook map[string]any
	if err := json.Unmarshal(data, &hook); err != nil {
		t.Fatal(err)
	}
	sample := hook["data"].(map[string]any)["events"].([]any)[0]

	var events []any
	for i, u := range us {
		ev := deepCopy(t, sample)
		ev["uuid"] = fmt.Sprintf("c0a8f1e2-0000-4000-8000-%012d", i+1)
		var targets []any
		for _, tg := range ev["target"].([]any) {
			tg := tg.(map[string]any)
			switch tg["type"] {
			case "AppUser":
				if u.appUser == "" && !u.blank {
					continue
				}
				tg["alternateId"] = u.appUser
			case "User":
				if u.oktaUser != "" {
					tg["alternateId"] = u.oktaUser
				}
			case "AppInstance":
				tg["id"] = appID
				if u.app != "" {
					tg["id"] = u.app
				}
			}
			targets = append(targets, tg)
		}
		ev["target"] = targets
		events = append(events, ev)
	}
	hook["data"] = map[string]any{"events": events}
	out, err := json.MarshalIndent(hook, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := oktaevent.Parse("delivery.json", out)
	if err != nil {
		t.Fatal(err)
	}
	return parsed
}

func deepCopy(t testing.TB, v any) map[string]any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// options are run options against srv with the double's fake credentials.
func options(srv *taskroutertest.Server, execute bool) interp.Options {
	return interp.Options{
		Execute:       execute,
		TaskRouterURL: srv.URL,
		Credentials: interp.Credentials{
			Username: taskroutertest.AccountSID,
			Password: taskroutertest.AuthToken,
		},
	}
}

func mustRun(t testing.TB, doc *export.Document, events []oktaevent.Event,
	opts interp.Options) *interp.Report {
	t.Helper()
	rep, err := interp.Run(context.Background(), doc, events, opts)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return rep
}

// sidOf returns the SID of the worker whose friendly name is name.
func sidOf(t testing.TB, srv *taskroutertest.Server, name string) string {
	t.Helper()
	for _, w := range srv.Workers() {
		if w.FriendlyName == name {
			return w.SID
		}
	}
	t.Fatalf("no worker %q", name)
	return ""
}

// names lists the workers' friendly names in creation order.
func names(srv *taskroutertest.Server) []string {
	var out []string
	for _, w := range srv.Workers() {
		out = append(out, w.FriendlyName)
	}
	return out
}

// without returns list without the items in drop.
func without(list []string, drop ...string) []string {
	var out []string
	for _, s := range list {
		keep := true
		for _, d := range drop {
			if s == d {
				keep = false
			}
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

// methods lists the request log as "METHOD path".
func methods(srv *taskroutertest.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}
