package preflight

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/flopack/flopack/flexflow"
	"github.com/flopack/flopack/taskrouter"
)

// TaskRouter is what the checks read; *taskrouter.Client provides it.
type TaskRouter interface {
	FetchWorkspace(ctx context.Context, sid string) (taskrouter.Workspace, error)
	FindWorkers(ctx context.Context, workspaceSID, expression string) (taskrouter.Found, error)
	ListWorkers(ctx context.Context, workspaceSID string) ([]taskrouter.Worker, int, error)
	FetchWorker(ctx context.Context, workspaceSID, sid string) (taskrouter.Worker, error)
}

// Defaults for Options fields left zero.
const (
	DefaultMaxProbes  = 25
	DefaultMaxFetches = 100
	DefaultExamples   = 10
	// ProbeAddress is the address the flow's Get request is tried with when no --email is
	// given: the .invalid domain is reserved, so it matches no real agent.
	ProbeAddress = "probe@flopack.invalid"
)

// Options tune Run.
type Options struct {
	// Email, when set, shows which workers the flow would delete for this address, and is
	// the address the Get request is tried with.
	Email string
	// MaxProbes bounds the flow queries sent for hyphenated values.
	MaxProbes int
	// MaxFetches bounds the workers fetched one by one when a list hides attributes.
	MaxFetches int
	// Examples bounds the examples a check lists.
	Examples int
	// CredentialsSource names where the credentials came from, for messages.
	CredentialsSource string
}

func (o *Options) defaults() {
	if o.MaxProbes <= 0 {
		o.MaxProbes = DefaultMaxProbes
	}
	if o.MaxFetches <= 0 {
		o.MaxFetches = DefaultMaxFetches
	}
	if o.Examples <= 0 {
		o.Examples = DefaultExamples
	}
	if o.CredentialsSource == "" {
		o.CredentialsSource = "the credentials"
	}
}

// Run checks the flow's parameters against TaskRouter. It returns the report of the checks
// that ran and, when TaskRouter could not be reached, refused the credentials, answered
// what verify cannot read, or the context ended, an error (a *taskrouter.Error) as well:
// the report then stops there, with the check that could not complete as an error giving
// the reason. Findings, such as a workspace that does not exist, are checks, not errors.
func Run(ctx context.Context, tr TaskRouter, p *flexflow.Params, opts Options) (*Report, error) {
	opts.defaults()
	r := &Report{WorkspaceSID: p.WorkspaceSID}
	checkDeleteURL(r, p)

	if ok, err := checkWorkspace(ctx, r, tr, p, opts); !ok || err != nil {
		return r, err
	}

	address := opts.Email
	if address == "" {
		address = ProbeAddress
	}
	if err := checkGetRequest(ctx, r, tr, p, address, opts); err != nil {
		return r, err
	}

	workers, err := listAll(ctx, r, tr, p, opts)
	if err != nil {
		return r, err
	}
	return r, audit(ctx, r, tr, p, workers, opts)
}

// incomplete reports the check that a failed request left unfinished as an error with the
// reason, so that every output format shows why verify stopped, and returns err.
func incomplete(r *Report, id string, err error) error {
	r.add(id, Error, nil, "could not be checked: %v; verify stopped here", err)
	return err
}

func sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// external reports whether err stops the run: anything but a TaskRouter answer that is a
// finding about the flow (400 or 404).
func external(err error) bool {
	var e *taskrouter.Error
	return !errors.As(err, &e) || e.Status != 400 && e.Status != 404
}

func checkDeleteURL(r *Report, p *flexflow.Params) {
	want := p.WorkersURL + "/"
	t := p.DeleteURL
	got := fmt.Sprintf("the Delete card calls %s", t)
	switch {
	case len(t) != 2 || t[0].Kind != flexflow.Literal || t[1].Kind != flexflow.Value:
		r.add(DeleteURL, Error, nil, "%s, not %s{worker SID}", got, want)
	case t[0].Text != want:
		r.add(DeleteURL, Error, nil, "%s, not the Get card's Workers URL %s{worker SID}: it "+
			"would delete in another workspace, or fail", got, want)
	case p.SIDPath == "":
		r.add(DeleteURL, Error, nil, "%s; its worker part is not read from the Get card's "+
			"Body by an Object Get card", got)
	case p.SIDPath != "workers.0.sid":
		r.add(DeleteURL, Warning, nil, "the Delete card calls %s{%s of the Get card's Body}; "+
			"workers.0.sid, the first match, was expected", want, p.SIDPath)
	default:
		r.add(DeleteURL, OK, nil, "the Delete card calls %s{%s of the Get card's Body}",
			want, p.SIDPath)
	}
}

// checkWorkspace reports whether the run can go on.
func checkWorkspace(ctx context.Context, r *Report, tr TaskRouter, p *flexflow.Params,
	opts Options) (bool, error) {
	ws, err := tr.FetchWorkspace(ctx, p.WorkspaceSID)
	var e *taskrouter.Error
	switch {
	case errors.As(err, &e) && e.Refused():
		r.add(Credentials, Error, nil, "TaskRouter refused %s (%d)", opts.CredentialsSource,
			e.Status)
		return false, err
	case errors.As(err, &e) && e.Status == 404:
		r.add(Credentials, OK, nil, "TaskRouter accepted %s", opts.CredentialsSource)
		r.add(WorkspaceExists, Error, nil, "workspace %s not found (404): check the Workspace "+
			"SID in the flow, and that %s belong to the account that owns it", p.WorkspaceSID,
			opts.CredentialsSource)
		return false, nil
	case err != nil:
		return false, incomplete(r, Credentials, err)
	}

	r.WorkspaceName = ws.FriendlyName
	r.add(Credentials, OK, nil, "TaskRouter accepted %s", opts.CredentialsSource)
	r.add(WorkspaceExists, OK, nil, "workspace %s %q", ws.SID, ws.FriendlyName)
	return true, nil
}

// checkGetRequest sends the flow's Get request for address and checks that the Object Get
// path finds what it reads in the body; with --email it also reports the match.
func checkGetRequest(ctx context.Context, r *Report, tr TaskRouter, p *flexflow.Params,
	address string, opts Options) error {
	expr := p.Expression(address)
	request := fmt.Sprintf("GET %s?%s=%s", p.WorkersURL, flexflow.QueryParam, expr)
	found, err := tr.FindWorkers(ctx, p.WorkspaceSID, expr)
	if err != nil {
		if external(err) {
			return incomplete(r, GetRequest, err)
		}
		r.add(GetRequest, Error, []string{request}, "TaskRouter rejected the flow's request: %v",
			err)
		if opts.Email != "" {
			r.add(EmailMatch, Error, nil, "the flow's query fails for %q, so it deletes nothing",
				opts.Email)
		}
		return nil
	}

	path := p.SIDPath
	if path == "" {
		path = "workers.0.sid"
	}
	if msg := checkBody(found.Body, path); msg != "" {
		r.add(GetRequest, Error, []string{request}, "%s", msg)
	} else {
		r.add(GetRequest, OK, []string{request}, "the flow's request answered with a %q array "+
			"(%s), which %s reads", strings.Split(path, ".")[0],
			plural(len(found.Workers), "worker", "workers"), path)
	}

	if opts.Email != "" {
		checkEmail(r, p, opts.Email, found.Workers)
	}
	return nil
}

// checkBody checks that path (such as workers.0.sid) can be read from the answer: its
// first key holds an array and, when that array has items, the path gives a worker SID.
func checkBody(body []byte, path string) string {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return "the answer is not JSON: " + err.Error()
	}
	keys := strings.Split(path, ".")
	m, ok := v.(map[string]any)
	list, isList := m[keys[0]].([]any)
	if !ok || !isList {
		return fmt.Sprintf("the answer has no %q array for %s to read", keys[0], path)
	}
	if len(list) == 0 {
		return ""
	}

	for _, k := range keys {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x) {
				return fmt.Sprintf("%s reads past the answer's %d workers", path, len(list))
			}
			v = x[i]
		default:
			v = nil
		}
	}
	if s, ok := v.(string); !ok || !strings.HasPrefix(s, "WK") {
		return fmt.Sprintf("%s does not read a worker SID from the answer", path)
	}
	return ""
}

func checkEmail(r *Report, p *flexflow.Params, email string, found []taskrouter.Worker) {
	var details []string
	for i, w := range found {
		d := fmt.Sprintf("%s (%s)", w.SID, w.FriendlyName)
		if i == 0 {
			d += ": DELETE " + p.WorkersURL + "/" + w.SID
		}
		details = append(details, d)
	}

	switch len(found) {
	case 0:
		r.add(EmailMatch, Warning, nil, "no worker has %s == %q: the flow would stop at its "+
			"error card and delete nothing", p.Attribute, email)
	case 1:
		r.add(EmailMatch, OK, details, "the flow would delete worker %s (%s) for %q",
			found[0].SID, found[0].FriendlyName, email)
	default:
		r.add(EmailMatch, Error, details, "%d workers have %s == %q: the flow would delete only "+
			"%s, the first TaskRouter lists, and leave the others", len(found), p.Attribute,
			email, found[0].SID)
	}
}
