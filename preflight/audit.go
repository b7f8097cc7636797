package preflight

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/flopack/flopack/expression"
	"github.com/flopack/flopack/flexflow"
	"github.com/flopack/flopack/taskrouter"
)

// listAll lists every worker and, for those listed without attributes, fetches up to
// MaxFetches one by one: Twilio's OpenAPI description says a list may show attributes as
// null, and only a fetch of one worker is sure to show them.
func listAll(ctx context.Context, r *Report, tr TaskRouter, p *flexflow.Params,
	opts Options) ([]taskrouter.Worker, error) {
	workers, pages, err := tr.ListWorkers(ctx, p.WorkspaceSID)
	if err != nil {
		return nil, incomplete(r, WorkersListed, err)
	}
	r.Workers = len(workers)

	hidden, fetched := 0, 0
	for i, w := range workers {
		if w.Attributes != nil {
			continue
		}
		hidden++
		if fetched == opts.MaxFetches {
			continue
		}
		full, err := tr.FetchWorker(ctx, p.WorkspaceSID, w.SID)
		if err != nil {
			return nil, incomplete(r, WorkersListed, err)
		}
		fetched++
		workers[i].Attributes = full.Attributes
	}

	listed := fmt.Sprintf("%s listed in %s", plural(len(workers), "worker", "workers"),
		plural(pages, "page", "pages"))
	switch {
	case hidden > fetched:
		r.add(WorkersListed, Warning, nil, "%s; %d without attributes, of which only %d were "+
			"fetched one by one: %d not audited", listed, hidden, fetched, hidden-fetched)
	case hidden > 0:
		r.add(WorkersListed, OK, nil, "%s; %d listed without attributes were fetched one "+
			"by one", listed, hidden)
	default:
		r.add(WorkersListed, OK, nil, "%s", listed)
	}
	return workers, nil
}

// holder is a worker with the value of the flow's attribute.
type holder struct {
	w     taskrouter.Worker
	value string
}

func (h holder) String() string { return fmt.Sprintf("%s (%s)", h.w.SID, h.w.FriendlyName) }

// audit runs the checks on the attribute values of all workers.
func audit(ctx context.Context, r *Report, tr TaskRouter, p *flexflow.Params,
	workers []taskrouter.Worker, opts Options) error {
	var holders []holder
	var missing, blank []string
	for _, w := range workers {
		if w.Attributes == nil {
			continue // counted by WORKERS_LISTED
		}
		v, problem := attributeValue(*w.Attributes, p.Attribute)
		switch {
		case problem != "":
			missing = append(missing, fmt.Sprintf("%s (%s): %s", w.SID, w.FriendlyName, problem))
		case strings.TrimSpace(v) == "":
			blank = append(blank, fmt.Sprintf("%s (%s): %s %q", w.SID, w.FriendlyName,
				p.Attribute, v))
		default:
			holders = append(holders, holder{w, v})
		}
	}

	if len(missing) > 0 {
		r.add(WorkerAttributeMissing, Warning, examples(missing, opts), "%s no text "+
			"attribute %q: the flow can never find or delete them",
			plural(len(missing), "worker has", "workers have"), p.Attribute)
	} else {
		r.add(WorkerAttributeMissing, OK, nil, "every worker has a text attribute %q",
			p.Attribute)
	}

	checkBlank(r, p, blank, opts)
	checkDuplicates(r, holders, opts)
	checkCase(r, holders, opts)
	safe := checkUnsafe(r, p, holders, opts)
	checkQueryText(r, safe, opts)
	return checkHyphens(ctx, r, tr, p, safe, opts)
}

// attributeValue reads a dotted attribute path from a worker's attributes JSON.
func attributeValue(attrs, path string) (string, string) {
	var m map[string]any
	if err := json.Unmarshal([]byte(attrs), &m); err != nil {
		return "", "attributes are not a JSON object"
	}
	v, ok := expression.Attributes(m)(path)
	if !ok {
		return "", "no " + path
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Sprintf("%s is not text (%v)", path, v)
	}
	return s, ""
}

// checkBlank reports workers whose attribute is there but empty or only spaces. No Okta
// address matches them, so the flow never deletes them; and an event whose address is
// empty would query attribute=="" and delete one of them, unless the flow stops first.
// They are left out of the checks on values that follow.
func checkBlank(r *Report, p *flexflow.Params, blank []string, opts Options) {
	if len(blank) == 0 {
		r.add(WorkerValueBlank, OK, nil, "no worker has an empty %q", p.Attribute)
		return
	}
	r.add(WorkerValueBlank, Warning, examples(blank, opts), "%s an empty or blank %q: no "+
		"address matches them, so the flow can never delete them, and an event without an "+
		"address would match them unless the flow stops on an empty address",
		plural(len(blank), "worker has", "workers have"), p.Attribute)
}

// byValue groups holders by a key of their value, keys sorted.
func byValue(hs []holder, key func(string) string) ([]string, map[string][]holder) {
	groups := map[string][]holder{}
	for _, h := range hs {
		k := key(h.value)
		groups[k] = append(groups[k], h)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys, groups
}

func checkDuplicates(r *Report, hs []holder, opts Options) {
	keys, groups := byValue(hs, func(v string) string { return v })
	var details []string
	for _, k := range keys {
		if g := groups[k]; len(g) > 1 {
			details = append(details, fmt.Sprintf("%q: %s", k, join(g)))
		}
	}
	if len(details) == 0 {
		r.add(WorkerValueDuplicate, OK, nil, "no two workers share a value")
		return
	}
	r.add(WorkerValueDuplicate, Error, examples(details, opts), "%s shared by several "+
		"workers: for such an address the flow deletes whichever TaskRouter lists first and "+
		"leaves the others", plural(len(details), "value is", "values are"))
}

func checkCase(r *Report, hs []holder, opts Options) {
	keys, groups := byValue(hs, strings.ToLower)
	var details []string
	for _, k := range keys {
		var distinct []string
		for _, h := range groups[k] {
			if !slices.Contains(distinct, h.value) {
				distinct = append(distinct, h.value)
			}
		}
		if len(distinct) > 1 {
			slices.Sort(distinct)
			details = append(details, quoteAll(distinct))
		}
	}
	if len(details) == 0 {
		r.add(WorkerValueCase, OK, nil, "no two values differ only by letter case")
		return
	}
	r.add(WorkerValueCase, Warning, examples(details, opts), "%s from another only by "+
		"letter case: one agent may hold two workers, and the address Okta sends must match one "+
		"of them letter for letter", plural(len(details), "value differs", "values differ"))
}

// checkUnsafe reports values the expression cannot carry and returns the others.
func checkUnsafe(r *Report, p *flexflow.Params, hs []holder, opts Options) []holder {
	var safe []holder
	var details []string
	for _, h := range hs {
		if why := expression.Unsafe(h.value, p.Quote); why != "" {
			details = append(details, fmt.Sprintf("%q of %s %s", h.value, h, why))
			continue
		}
		safe = append(safe, h)
	}
	if len(details) == 0 {
		r.add(WorkerValueUnsafe, OK, nil, "every value fits in %s", p.Expression("…"))
		return safe
	}
	r.add(WorkerValueUnsafe, Error, examples(details, opts), "%s be carried in %s: for such "+
		"an address the flow's query fails or matches other workers",
		plural(len(details), "value cannot", "values cannot"), p.Expression("…"))
	return safe
}

// queryTextChars are characters a query string gives meaning to: the Get card sends its
// Query as text, and nothing documents whether the API Connector percent-encodes it.
const queryTextChars = "+&#%"

func checkQueryText(r *Report, hs []holder, opts Options) {
	var details []string
	for _, h := range hs {
		if strings.ContainsAny(h.value, queryTextChars) {
			details = append(details, fmt.Sprintf("%q of %s", h.value, h))
		}
	}
	if len(details) == 0 {
		r.add(WorkerValueQueryText, OK, nil, "no value holds %s", strings.Join(
			strings.Split(queryTextChars, ""), " "))
		return
	}
	r.add(WorkerValueQueryText, Warning, examples(details, opts), "%s + & # or %%: the Get "+
		"card sends its Query as text, and unless the API Connector percent-encodes it, "+
		"TaskRouter reads + as a space and & or # as the end of the expression; try one such "+
		"agent in a test org", plural(len(details), "value holds", "values hold"))
}

// checkHyphens sends the flow's own query for each value with a hyphen (Twilio's docs warn
// that hyphens may break expressions) and checks that exactly its workers come back.
func checkHyphens(ctx context.Context, r *Report, tr TaskRouter, p *flexflow.Params,
	hs []holder, opts Options) error {
	values, groups := byValue(slices.DeleteFunc(slices.Clone(hs), func(h holder) bool {
		return !strings.Contains(h.value, "-")
	}), func(v string) string { return v })
	if len(values) == 0 {
		r.add(WorkerValueHyphen, OK, nil, "no value holds a hyphen")
		return nil
	}

	probed := values[:min(len(values), opts.MaxProbes)]
	var failed []string
	for _, v := range probed {
		msg, err := probe(ctx, tr, p, v, groups[v])
		if err != nil {
			return incomplete(r, WorkerValueHyphen, err)
		}
		if msg != "" {
			failed = append(failed, msg)
		}
	}

	switch {
	case len(failed) > 0:
		r.add(WorkerValueHyphen, Error, examples(failed, opts), "for %d of %d values with "+
			"hyphens, the flow's query did not return exactly their worker", len(failed),
			len(probed))
	case len(probed) < len(values):
		r.add(WorkerValueHyphen, Warning, nil, "%s, which Twilio warns may break "+
			"expressions; the flow's query returned exactly their worker for the %d tried, %d "+
			"not tried", plural(len(values), "value holds a hyphen", "values hold hyphens"),
			len(probed), len(values)-len(probed))
	default:
		r.add(WorkerValueHyphen, OK, nil, "%s, which Twilio warns may break "+
			"expressions; for each, the flow's query returned exactly its worker",
			plural(len(values), "value holds a hyphen", "values hold hyphens"))
	}
	return nil
}

// probe sends the flow's query for value and says what is wrong with the answer, if anything.
func probe(ctx context.Context, tr TaskRouter, p *flexflow.Params, value string,
	want []holder) (string, error) {
	found, err := tr.FindWorkers(ctx, p.WorkspaceSID, p.Expression(value))
	if err != nil {
		if external(err) {
			return "", err
		}
		return fmt.Sprintf("%q: TaskRouter rejected the query: %v", value, err), nil
	}

	var got, exp []string
	for _, w := range found.Workers {
		got = append(got, w.SID)
	}
	for _, h := range want {
		exp = append(exp, h.w.SID)
	}
	slices.Sort(got)
	slices.Sort(exp)
	if slices.Equal(got, exp) {
		return "", nil
	}
	return fmt.Sprintf("%q: the query returned [%s], not [%s]", value, strings.Join(got, " "),
		strings.Join(exp, " ")), nil
}

func join(hs []holder) string {
	parts := make([]string, len(hs))
	for i, h := range hs {
		parts[i] = h.String()
	}
	return strings.Join(parts, ", ")
}

func quoteAll(vs []string) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(parts, ", ")
}

// examples keeps the first opts.Examples details and says how many more there are.
func examples(details []string, opts Options) []string {
	if len(details) <= opts.Examples {
		return details
	}
	out := slices.Clone(details[:opts.Examples])
	return append(out, fmt.Sprintf("… and %d more", len(details)-opts.Examples))
}

// plural renders a count with the singular or plural words that follow it.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
