package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/flowspec"
	"github.com/flopack/flopack/generator"
	"github.com/flopack/flopack/oktaevent"
)

// TestDemo runs `flopack demo` as the README says and checks that it deleted the event's
// worker and only it.
func TestDemo(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runCLI(t, "demo")
	if code != exitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "local simulation") {
		t.Errorf("stderr does not say it is a local simulation:\n%s", stderr)
	}

	deleted := regexp.MustCompile(`=> deleted worker (WK[0-9a-f]{32})`).FindStringSubmatch(stdout)
	if deleted == nil {
		t.Fatalf("the trace does not say a worker was deleted:\n%s", stdout)
	}
	before := workerList(t, stdout, "workers before the run")
	after := workerList(t, stdout, "workers after the run")
	name, ok := before[deleted[1]]
	if !ok || name != "grace.hopper@example.com" {
		t.Fatalf("deleted %s (%q), want the event's worker grace.hopper@example.com", deleted[1],
			name)
	}
	delete(before, deleted[1])
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("workers before, minus the deleted one, vs after (-want +got):\n%s", diff)
	}
	if !strings.Contains(stdout, "deleted: "+deleted[1]+"  grace.hopper@example.com") {
		t.Errorf("no closing line naming the deleted worker")
	}

	// The second event's address would widen the worker query to other workers: the
	// flow's guard stops it before any request.
	_, second, _ := strings.Cut(stdout, "\nevent 2: c0a8f1e2-") // its trace
	second, _, _ = strings.Cut(second, "\nsummary:")
	for _, want := range []string{
		`x" or email != "x  (line `,
		"Stop if the address is unsafe  (control throwIf)",
		"=> stopped by Return Error If: " + generator.UnsafeAddressMessage,
	} {
		if !strings.Contains(second, want) {
			t.Errorf("event 2 lacks %q:\n%s", want, second)
		}
	}
	if strings.Contains(second, "Find worker by email") {
		t.Errorf("event 2 reached the worker query:\n%s", second)
	}
}

// workerList reads the SID → name list printed under title.
func workerList(t *testing.T, out, title string) map[string]string {
	t.Helper()
	_, rest, ok := strings.Cut(out, title)
	if !ok {
		t.Fatalf("no %q in the output", title)
	}
	list := map[string]string{}
	for _, line := range strings.Split(rest, "\n")[1:] {
		fields := strings.Fields(line)
		if len(fields) < 2 || !strings.HasPrefix(fields[0], "WK") {
			break
		}
		list[fields[0]] = strings.Join(fields[1:], " ")
	}
	if len(list) == 0 {
		t.Fatalf("empty list under %q", title)
	}
	return list
}

// TestDemoEventMatchesStarter keeps the embedded event in step with the starter spec: Okta
// would not pass an event for another app to the flow.
func TestDemoEventMatchesStarter(t *testing.T) {
	t.Parallel()
	spec, err := flowspec.Parse("starter.yaml", flowspec.Starter())
	if err != nil {
		t.Fatal(err)
	}
	events, err := oktaevent.Parse("demo_event.json", demoEvent)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 {
		t.Fatalf("%d demo events, want 2", len(events))
	}
	for _, ev := range events {
		if ev.AppInstanceID() != spec.Okta.AppInstanceID {
			t.Errorf("demo event app %q, starter app %q", ev.AppInstanceID(),
				spec.Okta.AppInstanceID)
		}
	}
}
