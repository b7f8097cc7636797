package interp_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/generator"
	"github.com/flopack/flopack/interp"
	"github.com/flopack/flopack/oktaevent"
	"github.com/flopack/flopack/taskroutertest"
)

var workersPath = "/v1/Workspaces/" + workspaceSID + "/Workers"

func TestDeletesMatchingWorkerOnly(t *testing.T) {
	t.Parallel()
	srv := newDouble(t)
	before := names(srv)
	grace := sidOf(t, srv, "grace.hopper@example.com")

	rep := mustRun(t, buildExport(t, exampleSpec()),
		delivery(t, unassignment{appUser: "grace.hopper@example.com"}), options(srv, true))

	ev := rep.Events[0]
	if ev.Outcome != interp.Deleted || ev.WorkerSID != grace {
		t.Fatalf("outcome %q worker %q, want deleted %s: %s", ev.Outcome, ev.WorkerSID, grace,
			ev.Detail)
	}
	if diff := cmp.Diff(without(before, "grace.hopper@example.com"), names(srv)); diff != "" {
		t.Errorf("workers after the run (-want +got):\n%s", diff)
	}
	want := []string{"GET " + workersPath, "DELETE " + workersPath + "/" + grace}
	if diff := cmp.Diff(want, methods(srv)); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	// The Query text is sent URL-encoded, and TaskRouter reads back the expression.
	list := srv.Requests()[0]
	expr := list.Query.Get("TargetWorkersExpression")
	if expr != `email=="grace.hopper@example.com"` {
		t.Errorf("TargetWorkersExpression = %q", expr)
	}
	const rawQuery = "TargetWorkersExpression=email%3D%3D%22grace.hopper%40example.com%22"
	if list.RawQuery != rawQuery {
		t.Errorf("raw query = %q, want %q", list.RawQuery, rawQuery)
	}
}

func TestDryRunSendsOnlyGET(t *testing.T) {
	t.Parallel()
	srv := newDouble(t)
	before := names(srv)
	grace := sidOf(t, srv, "grace.hopper@example.com")

	rep := mustRun(t, buildExport(t, exampleSpec()),
		delivery(t, unassignment{appUser: "grace.hopper@example.com"}), options(srv, false))

	ev := rep.Events[0]
	if ev.Outcome != interp.WouldDelete || ev.WorkerSID != grace {
		t.Fatalf("outcome %q worker %q, want would delete %s", ev.Outcome, ev.WorkerSID, grace)
	}
	if !rep.DryRun {
		t.Error("report does not say dry run")
	}
	if diff := cmp.Diff(before, names(srv)); diff != "" {
		t.Errorf("a dry run changed the workers (-before +after):\n%s", diff)
	}
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			t.Errorf("dry run sent %s %s", r.Method, r.Path)
		}
	}
	last := ev.Cards[len(ev.Cards)-1]
	if last.Request == nil || last.Request.Sent || !strings.Contains(last.Note, "dry run") {
		t.Errorf("Delete card trace = %+v, want a request marked not sent", last)
	}
}

func TestNoMatchStopsWithReturnErrorIf(t *testing.T) {
	t.Parallel()
	srv := newDouble(t)
	before := names(srv)

	rep := mustRun(t, buildExport(t, exampleSpec()), delivery(t,
		unassignment{appUser: "nobody@example.com"},
		unassignment{}, // no AppUser target: the address is empty
	), options(srv, true))

	want := []struct{ message, last string }{
		{generator.NoWorkerMessage, "Stop if no worker matched"},
		{generator.NoAddressMessage, "Stop if the event has no address"},
	}
	for i, ev := range rep.Events {
		if ev.Outcome != interp.Stopped || ev.Detail != want[i].message {
			t.Errorf("event %d: %q %q, want stopped with %q", ev.Index, ev.Outcome, ev.Detail,
				want[i].message)
		}
		if last := ev.Cards[len(ev.Cards)-1]; last.Title != want[i].last {
			t.Errorf("event %d: last card run is %q, want %q", ev.Index, last.Title, want[i].last)
		}
	}
	if diff := cmp.Diff(before, names(srv)); diff != "" {
		t.Errorf("workers changed (-before +after):\n%s", diff)
	}
	if rep.Failures() != 2 {
		t.Errorf("Failures() = %d, want 2", rep.Failures())
	}
}

func TestBatchContinuesPastFailingEvent(t *testing.T) {
	t.Parallel()
	srv := newDouble(t)
	before := names(srv)
	// TaskRouter fails the lookup of one address; the events after it still run.
	srv.Inject(taskroutertest.Fault{
		Kind: taskroutertest.ServerError,
		Match: func(r taskroutertest.Request) bool {
			return strings.Contains(r.Query.Get("TargetWorkersExpression"), "supervisor@")
		},
	})

	rep := mustRun(t, buildExport(t, exampleSpec()), delivery(t,
		unassignment{appUser: "ada.lovelace@example.com"},
		unassignment{appUser: "supervisor@example.com"},
		unassignment{appUser: "jean-luc.picard@example.com"},
		unassignment{appUser: "katherine.johnson@example.com"},
	), options(srv, true))

	var got []interp.Outcome
	for _, ev := range rep.Events {
		got = append(got, ev.Outcome)
	}
	want := []interp.Outcome{interp.Deleted, interp.Failed, interp.Deleted, interp.Deleted}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("outcomes (-want +got):\n%s", diff)
	}
	if d := rep.Events[1].Detail; !strings.Contains(d, "500") {
		t.Errorf("failed event detail %q does not give the status", d)
	}
	wantLeft := without(before, "ada.lovelace@example.com", "jean-luc.picard@example.com",
		"katherine.johnson@example.com")
	if diff := cmp.Diff(wantLeft, names(srv)); diff != "" {
		t.Errorf("workers after the batch (-want +got):\n%s", diff)
	}
}

func TestAddressesThatNeedEncoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		address string
		// warning is a part of the warning about + & # or % in the text Query; "" for none.
		warning string
	}{
		{"robin+flex@example.com", `holding +: run sent "+" as %2B`},
		{"o'brien@example.com", ""},
		{"a&b=c@example.com", `holding &: run split the text at "&" into parameters`},
		{"hash#tag@example.com", `holding #: run sent "#" as %23`},
		{"100%real@example.com", `holding %: run sent "%" as %25`},
		{"jean-luc.picard@example.com", ""},
		{"ünïcode@example.com", ""},
	}
	srv := newDouble(t)
	var us []unassignment
	for _, tt := range tests {
		srv.AddWorker(taskroutertest.FlexWorker(tt.address))
		us = append(us, unassignment{appUser: tt.address})
	}

	rep := mustRun(t, buildExport(t, exampleSpec()), delivery(t, us...), options(srv, true))

	for i, ev := range rep.Events {
		tt := tests[i]
		if tt.address == "a&b=c@example.com" {
			// The flow puts the address into Query text, which the API Connector reads as
			// k=v&k2=v2: an '&' in the address cuts the expression short.
			if ev.Outcome != interp.Failed || !strings.Contains(ev.Detail, "400") {
				t.Errorf("%s: %s; want TaskRouter to reject the broken query", tt.address,
					ev.Result())
			}
		} else if ev.Outcome != interp.Deleted {
			t.Errorf("%s: %s", tt.address, ev.Result())
		}

		// The Get card's trace and the event say how run encoded the text Query, and that
		// Okta's API Connector may not do the same.
		get := findCard(t, ev, findWorker)
		if tt.warning == "" {
			if len(get.Warnings)+len(ev.Warnings) != 0 {
				t.Errorf("%s: warnings %q %q", tt.address, get.Warnings, ev.Warnings)
			}
			continue
		}
		if len(get.Warnings) != 1 || !strings.Contains(get.Warnings[0], tt.warning) ||
			!strings.Contains(get.Warnings[0], "not documented") {
			t.Errorf("%s: card warnings %q, want one with %q", tt.address, get.Warnings,
				tt.warning)
		}
		if len(ev.Warnings) != 1 || !strings.HasPrefix(ev.Warnings[0],
			`card "`+findWorker+`": the Query is text`) {
			t.Errorf("%s: event warnings %q", tt.address, ev.Warnings)
		}
	}

	// The encoding itself is unchanged: + is sent as %2B, and TaskRouter reads it back.
	for _, r := range srv.Requests() {
		if strings.Contains(r.Query.Get("TargetWorkersExpression"), "robin+flex") &&
			!strings.Contains(r.RawQuery, "robin%2Bflex") {
			t.Errorf("raw query %q", r.RawQuery)
		}
	}

	var text bytes.Buffer
	rep.WriteText(&text)
	for _, want := range []string{"         warning: the Query is text holding +",
		"     warning: card \"" + findWorker + "\": the Query is text holding +",
		"deleted worker WK00000000000000000000000000000007 (1 warning, see the event above)"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text trace lacks %q", want)
		}
	}
}

func TestSkipsEventsOktaWouldNotSend(t *testing.T) {
	t.Parallel()
	app := `{"id": "` + appID + `", "type": "AppInstance", "alternateId": "Twilio Flex"}`
	appUser := `{"id": "0uaX", "type": "AppUser", "alternateId": "` + graceAddress + `"}`
	logEvent := func(eventType, targets string) string {
		return `{"data": {"events": [{"uuid": "e1", ` + eventType + `"target": [` + targets +
			`]}]}}`
	}
	const removal = `"eventType": "application.user_membership.remove", `
	tests := []struct {
		name  string
		input string
		skip  string // "" when the event must run
	}{
		{"another app", "", "the event is about app instance 0oaOtherApp000000000"},
		{"no eventType, no target", `{"data": {"events": [{"uuid": "x"}]}}`,
			"the event has no eventType"},
		{"another event type", logEvent(`"eventType": "user.lifecycle.deactivate", `,
			app+","+appUser), "event type user.lifecycle.deactivate, but the card fires on " +
			"application.user_membership.remove"},
		{"no AppInstance target", logEvent(removal, appUser),
			"the event has no AppInstance target"},
		{"AppInstance target without id", logEvent(removal,
			`{"type": "AppInstance"},`+appUser), "the event's AppInstance target has no id"},
		{"System Log event with both", logEvent(removal, app+","+appUser), ""},
		// An event given already mapped keeps the rule that only a differing value skips.
		{"mapped event without Event Type or Application",
			`[{"Event ID": "m1", "Application User": {"Alternate ID": "` + graceAddress +
				`"}}]`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newDouble(t)
			events := delivery(t, unassignment{appUser: graceAddress,
				app: "0oaOtherApp000000000"})
			if tt.input != "" {
				var err error
				if events, err = oktaevent.Parse("events.json", []byte(tt.input)); err != nil {
					t.Fatal(err)
				}
			}
			rep := mustRun(t, buildExport(t, exampleSpec()), events, options(srv, false))

			ev := rep.Events[0]
			if tt.skip == "" {
				if ev.Outcome != interp.WouldDelete {
					t.Errorf("got %s, want the flow to run", ev.Result())
				}
				return
			}
			if ev.Outcome != interp.Skipped || !strings.Contains(ev.Detail, tt.skip) {
				t.Errorf("got %q %q, want skipped: %q", ev.Outcome, ev.Detail, tt.skip)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("sent %d requests for a skipped event", n)
			}
		})
	}
}

func TestTaskRouterRefusesCredentials(t *testing.T) {
	t.Parallel()
	srv := newDouble(t)
	opts := options(srv, true)
	opts.Credentials.Password = "wrongtoken"

	rep, err := interp.Run(context.Background(), buildExport(t, exampleSpec()), delivery(t,
		unassignment{appUser: "grace.hopper@example.com"},
		unassignment{appUser: "ada.lovelace@example.com"},
	), opts)

	if !errors.Is(err, interp.ErrRefused) {
		t.Fatalf("err = %v, want ErrRefused", err)
	}
	if rep == nil || len(rep.Events) != 2 {
		t.Fatalf("want the report of both events, got %+v", rep)
	}
	if rep.Events[0].Outcome != interp.Failed || rep.Events[1].Outcome != interp.NotRun {
		t.Errorf("outcomes %q %q, want failed then not run", rep.Events[0].Outcome,
			rep.Events[1].Outcome)
	}
	if got, want := rep.Events[1].Result(), "not run: the run stopped earlier"; got != want {
		t.Errorf("Result() = %q, want %q", got, want)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("sent %d requests, want 1: the run stops at the first refusal", n)
	}
}

func TestTaskRouterUnreachable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(srv *taskroutertest.Server, opts *interp.Options)
	}{
		{"closed port", func(srv *taskroutertest.Server, opts *interp.Options) {
			srv.Close()
		}},
		{"timeout", func(srv *taskroutertest.Server, opts *interp.Options) {
			srv.Inject(taskroutertest.Fault{Kind: taskroutertest.Slow, Delay: time.Minute})
			opts.Timeout = 50 * time.Millisecond
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := taskroutertest.New(taskroutertest.Config{WorkspaceSID: workspaceSID})
			opts := options(srv, true)
			tt.setup(srv, &opts)
			defer func() {
				if tt.name != "closed port" {
					srv.Close()
				}
			}()

			_, err := interp.Run(context.Background(), buildExport(t, exampleSpec()),
				delivery(t, unassignment{appUser: "grace.hopper@example.com"}), opts)
			if !errors.Is(err, interp.ErrUnreachable) {
				t.Fatalf("err = %v, want ErrUnreachable", err)
			}
		})
	}
}

func TestRefusesOtherHosts(t *testing.T) {
	t.Parallel()
	srv := newDouble(t)
	doc := buildExport(t, exampleSpec())
	setLiteral(t, card(t, body(t, doc), "Build Workers URL"), "string1",
		"https://api.example.com/v1/Workspaces/")

	rep := mustRun(t, doc, delivery(t, unassignment{appUser: "grace.hopper@example.com"}),
		options(srv, true))

	ev := rep.Events[0]
	refusal := "refusing to send GET to api.example.com"
	if ev.Outcome != interp.Failed || !strings.Contains(ev.Detail, refusal) {
		t.Errorf("got %q %q, want a refusal naming the host", ev.Outcome, ev.Detail)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("the double got %d requests", n)
	}
}

// TestSecretsStayHidden runs with a sentinel token through success, a refused token and
// every output format: the token and the Authorization header never show.
func TestSecretsStayHidden(t *testing.T) {
	t.Parallel()
	const sentinel = "SENTINELsecret0123456789abcdefXYZ"
	srv := taskroutertest.New(taskroutertest.Config{
		WorkspaceSID: workspaceSID, AuthToken: sentinel,
		Workers: taskroutertest.SampleWorkers(),
	})
	defer srv.Close()

	for _, token := range []string{sentinel, sentinel + "wrong"} {
		opts := options(srv, true)
		opts.Credentials.Password = token
		var announced []string
		opts.Announce = func(method, url string) { announced = append(announced, method+" "+url) }

		rep, err := interp.Run(context.Background(), buildExport(t, exampleSpec()), delivery(t,
			unassignment{appUser: "grace.hopper@example.com"},
			unassignment{appUser: "nobody@example.com"},
		), opts)

		var out bytes.Buffer
		if rep != nil {
			rep.WriteText(&out)
			rep.WriteJSON(&out)
		}
		if err != nil {
			out.WriteString(err.Error())
		}
		out.WriteString(strings.Join(announced, "\n"))
		out.WriteString(opts.Credentials.String())
		basic := base64.StdEncoding.EncodeToString([]byte(taskroutertest.AccountSID + ":" + token))
		for _, secret := range []string{sentinel, "Authorization", basic} {
			if strings.Contains(out.String(), secret) {
				t.Errorf("output holds %q", secret)
			}
		}
	}
}

func TestJSONReport(t *testing.T) {
	t.Parallel()
	srv := newDouble(t)
	rep := mustRun(t, buildExport(t, exampleSpec()), delivery(t,
		unassignment{appUser: "grace.hopper@example.com"},
		unassignment{appUser: "nobody@example.com"},
	), options(srv, false))

	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		DryRun  bool           `json:"dry_run"`
		Summary map[string]int `json:"summary"`
		Events  []struct {
			Outcome string `json:"outcome"`
			Cards   []struct {
				Title   string `json:"title"`
				Outputs []struct {
					Key   string          `json:"key"`
					Value json.RawMessage `json:"value"`
				} `json:"outputs"`
			} `json:"cards"`
		} `json:"events"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not one JSON document: %v", err)
	}
	if !doc.DryRun || doc.Summary["events"] != 2 || doc.Summary["would_delete"] != 1 ||
		doc.Summary["stopped"] != 1 {
		t.Errorf("dry_run %v summary %v", doc.DryRun, doc.Summary)
	}
	// Values are whole in JSON: the Get card's Body holds the worker list.
	var get *struct {
		Title   string `json:"title"`
		Outputs []struct {
			Key   string          `json:"key"`
			Value json.RawMessage `json:"value"`
		} `json:"outputs"`
	}
	for i := range doc.Events[0].Cards {
		if doc.Events[0].Cards[i].Title == "Find worker by email" {
			get = &doc.Events[0].Cards[i]
		}
	}
	if get == nil {
		t.Fatal("no Find worker by email card in the JSON trace")
	}
	for _, o := range get.Outputs {
		if o.Key == "Body" && !bytes.Contains(o.Value, []byte(`"grace.hopper@example.com"`)) {
			t.Errorf("Body output does not hold the worker: %s", o.Value)
		}
	}
}

func TestPicksTheFlow(t *testing.T) {
	t.Parallel()
	doc := buildExport(t, exampleSpec())
	flos := doc.Data().Get("flos")
	second := flos.Members[0].Value.Clone()
	second.Set("id", export.NewString("00000000-0000-4000-8000-000000000002"))
	second.Set("name", export.NewString("Second flow"))
	flos.Set("00000000-0000-4000-8000-000000000002", second)
	events := delivery(t, unassignment{appUser: "grace.hopper@example.com"})

	tests := []struct {
		flow, wantErr, wantFlow string
	}{
		{"", "2 event-triggered flows", ""},
		{"Second flow", "", "Second flow"},
		{"00000000-0000-4000-8000-000000000002", "", "Second flow"},
		{"Nope", `no flow "Nope"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.flow, func(t *testing.T) {
			t.Parallel()
			srv := newDouble(t)
			opts := options(srv, false)
			opts.Flow = tt.flow
			rep, err := interp.Run(context.Background(), doc, events, opts)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rep.Flow != tt.wantFlow || rep.Events[0].Outcome != interp.WouldDelete {
				t.Errorf("ran %q: %s", rep.Flow, rep.Events[0].Result())
			}
		})
	}
}
