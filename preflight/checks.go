package preflight

// Status is the outcome of a check. Warnings do not fail verify; errors do.
type Status string

// The outcomes.
const (
	OK      Status = "ok"
	Warning Status = "warning"
	Error   Status = "error"
)

// Check is the outcome of one check.
type Check struct {
	ID      string   `json:"id"`
	Status  Status   `json:"status"`
	Message string   `json:"message"`
	Details []string `json:"details,omitempty"`
}

// Check IDs. They are stable: scripts and CI read them.
const (
	DeleteURL              = "DELETE_URL"
	Credentials            = "CREDENTIALS"
	WorkspaceExists        = "WORKSPACE_EXISTS"
	GetRequest             = "GET_REQUEST"
	EmailMatch             = "EMAIL_MATCH"
	WorkersListed          = "WORKERS_LISTED"
	WorkerAttributeMissing = "WORKER_ATTRIBUTE_MISSING"
	WorkerValueBlank       = "WORKER_VALUE_BLANK"
	WorkerValueDuplicate   = "WORKER_VALUE_DUPLICATE"
	WorkerValueCase        = "WORKER_VALUE_CASE"
	WorkerValueUnsafe      = "WORKER_VALUE_UNSAFE"
	WorkerValueQueryText   = "WORKER_VALUE_QUERY_TEXT"
	WorkerValueHyphen      = "WORKER_VALUE_HYPHEN"
)

// CheckInfo describes a check for help text and the README.
type CheckInfo struct {
	ID      string
	Worst   Status // the worst outcome it can have
	Summary string
}

// Checks lists every check in the order Run reports them.
var Checks = []CheckInfo{
	{DeleteURL, Error, "the Delete card calls the Get card's Workers URL + / + the SID it read"},
	{Credentials, Error, "TaskRouter accepts the credentials"},
	{WorkspaceExists, Error, "the flow's workspace exists for these credentials"},
	{GetRequest, Error, "the flow's own Get request succeeds and its body has the array " +
		"the Object Get path reads"},
	{EmailMatch, Error, "with --email: the worker(s) the flow would delete for that address"},
	{WorkersListed, Warning, "every worker was listed and audited"},
	{WorkerAttributeMissing, Warning, "workers without the attribute (the flow cannot " +
		"delete them)"},
	{WorkerValueBlank, Warning, "workers whose attribute is empty or blank (no address " +
		"matches them; an event without an address would, unless the flow stops on one)"},
	{WorkerValueDuplicate, Error, "values shared by several workers (the flow deletes the " +
		"first TaskRouter lists)"},
	{WorkerValueCase, Warning, "values that differ only by letter case"},
	{WorkerValueUnsafe, Error, "values holding a quote, backslash or control character the " +
		"expression cannot carry"},
	{WorkerValueQueryText, Warning, "values holding + & # or %, which a query sent as text " +
		"may not carry"},
	{WorkerValueHyphen, Error, "values with hyphens (Twilio warns about them): the flow's " +
		"query must return exactly that worker"},
}

// Report is the outcome of every check that ran.
type Report struct {
	WorkspaceSID  string  `json:"workspace_sid"`
	WorkspaceName string  `json:"workspace_name,omitempty"`
	Workers       int     `json:"workers"`
	Checks        []Check `json:"checks"`
}

// Count returns how many checks had each outcome.
func (r *Report) Count() (ok, warnings, errors int) {
	for _, c := range r.Checks {
		switch c.Status {
		case OK:
			ok++
		case Warning:
			warnings++
		default:
			errors++
		}
	}
	return ok, warnings, errors
}

// Failed reports whether any check had an error.
func (r *Report) Failed() bool {
	_, _, errors := r.Count()
	return errors > 0
}

// Check returns the check with this ID, if it ran.
func (r *Report) Check(id string) (Check, bool) {
	for _, c := range r.Checks {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}

func (r *Report) add(id string, s Status, details []string, format string, args ...any) {
	r.Checks = append(r.Checks, Check{ID: id, Status: s, Message: sprintf(format, args...),
		Details: details})
}
