package interp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/flopack/flopack/export"
)

// TaskRouterHost is the only host requests go to, unless Options.TaskRouterURL replaces it.
const TaskRouterHost = "taskrouter.twilio.com"

// DefaultTimeout bounds each request when Options.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// maxBody bounds a response body: a page of 1,000 workers is about 1.5 MB.
const maxBody = 16 << 20

// Credentials are the Basic auth user and secret sent with every request: an Account SID
// and Auth Token, or an API key SID and secret.
type Credentials struct {
	Username, Password string
}

// String hides the secret, so that printing Options by mistake leaks nothing.
func (c Credentials) String() string { return c.Username + ":[hidden]" }

// GoString hides the secret from %#v too.
func (c Credentials) GoString() string { return c.String() }

// caller sends the API Connector cards' requests. It uses net/http rather than twilio-go's
// typed TaskRouter client on purpose: the point is to send exactly what the card would
// send (its URL and its query string, whatever they hold), not what a typed call builds.
type caller struct {
	client   *http.Client
	creds    Credentials
	base     *url.URL // replaces https://taskrouter.twilio.com; nil for none
	execute  bool
	announce func(method, url string)
}

// ParseTaskRouterURL checks a replacement base URL for https://taskrouter.twilio.com: a
// scheme and a host, nothing else.
func ParseTaskRouterURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("TaskRouter URL %q: %w", raw, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("TaskRouter URL %q: want a scheme and host only, such as "+
			"http://127.0.0.1:8080 or https://taskrouter.dublin.ie1.twilio.com", raw)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

// target checks a card's URL and returns where to send it: TaskRouter's own URLs, rewritten
// to the replacement base if there is one; anything else is refused.
func (c *caller) target(method, raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return nil, fmt.Errorf("URL %q is not an absolute http(s) URL", clip(raw, 200))
	}
	if u.User != nil {
		return nil, fmt.Errorf("URL %q holds a user name or password; the connection "+
			"provides credentials", u.Redacted())
	}
	u.Fragment, u.RawFragment = "", ""

	if strings.EqualFold(u.Hostname(), TaskRouterHost) && (u.Port() == "" || u.Port() == "443") {
		if u.Scheme != "https" {
			return nil, fmt.Errorf("URL %q: TaskRouter is reached over https only", raw)
		}
		if c.base != nil {
			u.Scheme, u.Host = c.base.Scheme, c.base.Host
		}
		return u, nil
	}
	if c.base != nil && u.Scheme == c.base.Scheme && strings.EqualFold(u.Host, c.base.Host) {
		return u, nil
	}
	allowed := "https://" + TaskRouterHost
	if c.base != nil {
		allowed += " (sent to " + c.base.String() + ")"
	}
	return nil, fmt.Errorf("refusing to send %s to %s: flopack run only calls TaskRouter, "+
		"%s", method, u.Host, allowed)
}

// encodeQuery renders the card's Query input. Text is read as k=v&k2=v2 and taken
// literally (not percent-decoded), so that `TargetWorkersExpression=email=="a+b@x.com"`
// keeps its '+' and '=' and is sent encoded; an object gives one parameter per key, a list
// value one parameter per item. Parameters keep their order.
func encodeQuery(q *export.Value) (string, error) {
	var parts []string
	add := func(k, v string) {
		parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
	}
	switch {
	case q.IsNull():
	case q.Kind == export.String:
		for _, piece := range strings.Split(strings.TrimPrefix(q.Text, "?"), "&") {
			if piece == "" {
				continue
			}
			k, v, _ := strings.Cut(piece, "=")
			if k == "" {
				return "", fmt.Errorf("query parameter %q has no name", clip(piece, 60))
			}
			add(k, v)
		}
	case q.Kind == export.Object:
		for _, m := range q.Members {
			switch {
			case m.Value.IsNull():
			case m.Value.Kind == export.Array:
				for _, it := range m.Value.Items {
					add(m.Key, text(it))
				}
			default:
				add(m.Key, text(m.Value))
			}
		}
	default:
		return "", fmt.Errorf("Query must be text or an object, got %s", describe(q))
	}
	return strings.Join(parts, "&"), nil
}

// queryTextChars are the characters a query string gives meaning to. The Get card of the
// Flex flow sends its Query as text, and Okta does not document whether the API Connector
// percent-encodes them there (flopack verify's WORKER_VALUE_QUERY_TEXT check).
var queryTextChars = []struct{ char, how string }{
	{"+", `sent "+" as %2B`},
	{"&", `split the text at "&" into parameters`},
	{"#", `sent "#" as %23`},
	{"%", `sent "%" as %25`},
}

// queryTextWarning says how run encoded a text Query holding + & # or %, and that the API
// Connector may not do the same; "" when the Query is not text or holds none of them.
func queryTextWarning(q *export.Value) string {
	if q.IsNull() || q.Kind != export.String {
		return ""
	}
	var held, how []string
	for _, c := range queryTextChars {
		if strings.Contains(strings.TrimPrefix(q.Text, "?"), c.char) {
			held = append(held, c.char)
			how = append(how, c.how)
		}
	}
	if len(held) == 0 {
		return ""
	}
	return fmt.Sprintf("the Query is text holding %s: run %s, so TaskRouter read the "+
		"values as written; how the API Connector sends these characters in a text Query "+
		"is not documented (+ may reach TaskRouter as a space, & or # may cut the value "+
		"short), so Okta may not find the same worker; try such an address in a test org "+
		"(flopack verify: WORKER_VALUE_QUERY_TEXT)", strings.Join(held, " "),
		strings.Join(how, ", "))
}

// request is what an API Connector card asks to send.
type request struct {
	method  string
	url     string
	query   *export.Value
	headers *export.Value
	body    *export.Value
}

// response is what came back, as the card's outputs.
type response struct {
	status  int
	headers *export.Value
	body    *export.Value
}

// prepare turns the card's inputs into an HTTP request and its trace.
func (c *caller) prepare(ctx context.Context, r request) (*http.Request, *RequestTrace,
	error) {
	u, err := c.target(r.method, r.url)
	if err != nil {
		return nil, nil, err
	}
	q, err := encodeQuery(r.query)
	if err != nil {
		return nil, nil, err
	}
	if q != "" {
		if u.RawQuery != "" {
			u.RawQuery += "&"
		}
		u.RawQuery += q
	}

	var body io.Reader
	contentType := ""
	if !isEmpty(r.body) {
		if r.body.Kind == export.String {
			body, contentType = strings.NewReader(r.body.Text), "text/plain; charset=utf-8"
		} else {
			body = bytes.NewReader(export.Marshal(r.body, false))
			contentType = "application/json"
		}
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), body)
	if err != nil {
		return nil, nil, fmt.Errorf("build %s request: %w", r.method, err)
	}
	if err := setHeaders(req, r.headers); err != nil {
		return nil, nil, err
	}
	if contentType != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "flopack-run")
	req.SetBasicAuth(c.creds.Username, c.creds.Password)
	return req, &RequestTrace{Method: r.method, URL: u.String()}, nil
}

// setHeaders adds the card's Headers input. Authorization is refused: the connection
// provides it, and a header typed into a card would end up in Flow History.
func setHeaders(req *http.Request, h *export.Value) error {
	if h.IsNull() || (h.Kind == export.String && h.Text == "") {
		return nil
	}
	if h.Kind != export.Object {
		return fmt.Errorf("Headers must be an object, got %s", h.Kind)
	}
	for _, m := range h.Members {
		if strings.EqualFold(m.Key, "Authorization") {
			return errors.New("the Headers input sets Authorization; the connection " +
				"provides credentials, remove the header from the card")
		}
		if m.Value.Kind == export.Array {
			for _, it := range m.Value.Items {
				req.Header.Add(m.Key, text(it))
			}
			continue
		}
		req.Header.Set(m.Key, text(m.Value))
	}
	return nil
}

// send sends a prepared request, or only records it in a dry run when it is not a GET.
func (c *caller) send(req *http.Request, tr *RequestTrace) (*response, error) {
	if req.Method != http.MethodGet && !c.execute {
		return nil, nil
	}
	ctx := req.Context()
	if ctx.Err() != nil {
		return nil, &interruptedError{}
	}
	if req.Method != http.MethodGet {
		if c.announce != nil {
			c.announce(req.Method, tr.URL)
		}
		// Once sent, a DELETE may take effect whether or not its answer is read: wait for
		// the answer even after an interrupt, so that the report says what happened.
		req = req.WithContext(context.WithoutCancel(ctx))
	}

	resp, err := c.client.Do(req)
	if err != nil {
		if ctx.Err() != nil && req.Method == http.MethodGet {
			return nil, &interruptedError{during: req.Method + " " + tr.URL}
		}
		if ue, ok := err.(*url.Error); ok {
			err = ue.Err // its text repeats the URL, already in the message
		}
		return nil, &unreachableError{method: req.Method, url: tr.URL, err: err}
	}
	defer resp.Body.Close()
	tr.Sent, tr.Status = true, resp.StatusCode

	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, &unreachableError{method: req.Method, url: tr.URL,
			err: fmt.Errorf("read the answer: %w", err)}
	}
	if len(data) > maxBody {
		return nil, fmt.Errorf("%s %s: the answer is larger than %d MiB", req.Method, tr.URL,
			maxBody>>20)
	}

	out := &response{status: resp.StatusCode, headers: headerObject(resp.Header),
		body: parseBody(data)}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		he := &HTTPError{Method: req.Method, URL: tr.URL, Status: resp.StatusCode}
		if out.body.Kind == export.Object {
			if n, ok := out.body.Get("code").Int(); ok {
				he.Code = int(n)
			}
			he.Message = out.body.Get("message").Str()
		}
		return out, he
	}
	return out, nil
}

// parseBody gives a JSON body as a value, other text as text, and no body as null.
func parseBody(data []byte) *export.Value {
	if len(bytes.TrimSpace(data)) == 0 {
		return export.NewNull()
	}
	if v, err := export.Decode(data); err == nil {
		return v
	}
	return export.NewString(strings.ToValidUTF8(string(data), "\uFFFD"))
}

// headerObject gives response headers as an object, names sorted, repeated values joined.
func headerObject(h http.Header) *export.Value {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	o := export.NewObject()
	for _, k := range names {
		o.Set(k, export.NewString(strings.Join(h[k], ", ")))
	}
	return o
}

// hidden replaces header values that hold secrets in a trace.
var hidden = []string{"Authorization", "Proxy-Authorization", "Cookie"}

// redacted returns the Headers input with secret values replaced, for the trace.
func redacted(h *export.Value) *export.Value {
	if h == nil || h.Kind != export.Object {
		return h
	}
	var out *export.Value
	for i, m := range h.Members {
		for _, name := range hidden {
			if strings.EqualFold(m.Key, name) {
				if out == nil {
					out = h.Clone()
				}
				out.Members[i].Value = export.NewString("[hidden]")
			}
		}
	}
	if out == nil {
		return h
	}
	return out
}
