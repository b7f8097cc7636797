package taskrouter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"
)

// maxBody bounds what one answer may hold: a page of 1,000 workers is about 1.5 MB.
const maxBody = 32 << 20

// firstBackoff is the wait before the first retry when TaskRouter sends no Retry-After;
// it doubles with every try.
const firstBackoff = 500 * time.Millisecond

// call is what the transport knows about the client call in progress. twilio-go builds its
// requests with context.Background() and exposes no hook per request, so the client hands
// the call's context and wishes to the transport through this.
type call struct {
	ctx context.Context
	// query replaces these query parameters of the call's first request.
	query url.Values
	// keepBody keeps the last answer's body.
	keepBody bool

	// Filled in by the transport.
	tries     int // requests sent, retries included
	lastTries int // tries of the last request that was retried or could have been
	answers   int // answers handed to twilio-go
	status    int // status of the last answer
	retryEnd  string
	body      []byte
	queried   bool
}

// transport sits under twilio-go's http.Client.
type transport struct {
	next    http.RoundTripper
	base    *url.URL // replaces scheme and host when set
	timeout time.Duration
	retries int
	maxWait time.Duration
	sleep   func(context.Context, time.Duration) error
	log     *slog.Logger
	current atomic.Pointer[call]
}

// timeoutError is the error after every try ran out of time.
type timeoutError struct {
	timeout time.Duration
	tries   int
}

func (e *timeoutError) Error() string {
	return fmt.Sprintf("no answer within %v (%d tries)", e.timeout, e.tries)
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	c := t.current.Load()
	if c == nil {
		c = &call{ctx: context.Background()}
	}
	if req.Method != http.MethodGet {
		// The only guarantee that verify cannot change a workspace is to send nothing else.
		return nil, fmt.Errorf("internal error: read-only TaskRouter client asked to %s %s",
			req.Method, req.URL.Path)
	}

	c.status, c.lastTries, c.retryEnd = 0, 0, ""
	u := t.target(req.URL, c)
	for attempt := 1; ; attempt++ {
		resp, body, err := t.try(req, u, c, attempt)
		if errors.Is(err, errInterrupted) {
			return nil, c.ctx.Err()
		}

		wait, again := t.retryAfter(resp, err, c, attempt)
		if !again {
			if err != nil {
				return nil, err
			}
			c.answers++
			c.status = resp.StatusCode
			if c.keepBody {
				c.body = body
			}
			resp.Body = io.NopCloser(bytes.NewReader(body))
			return resp, nil
		}

		if err := t.sleep(c.ctx, wait); err != nil {
			return nil, err
		}
	}
}

// target is the URL to send: rebased when a base URL is set, with the call's query fix.
func (t *transport) target(in *url.URL, c *call) *url.URL {
	u := *in
	if t.base != nil {
		u.Scheme, u.Host = t.base.Scheme, t.base.Host
		u.Path = t.base.Path + u.Path
		u.RawPath = ""
	}

	// twilio-go v1.31.0 encodes a query, then deletes every "." followed by digits from
	// the encoded text (client.go, delimitingRegex), so an address like agent.1@example.com
	// would be sent as agent@example.com: another worker's address. The call knows what it
	// meant to send; put that back on its first request. Later pages follow
	// meta.next_page_url, which twilio-go sends untouched.
	if c.query != nil && !c.queried {
		c.queried = true
		q := u.Query()
		for k, v := range c.query {
			q[k] = v
		}
		u.RawQuery = q.Encode()
	}
	return &u
}

var errInterrupted = errors.New("interrupted")

// try sends one attempt under its own timeout and reads the whole answer.
func (t *transport) try(req *http.Request, u *url.URL, c *call, attempt int) (
	*http.Response, []byte, error) {
	ctx, cancel := context.WithTimeout(c.ctx, t.timeout)
	defer cancel()

	r := req.Clone(ctx)
	r.URL = u
	r.Host = ""
	c.tries++
	start := time.Now()
	resp, err := t.next.RoundTrip(r)
	var body []byte
	if err == nil {
		body, err = io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
		resp.Body.Close()
		if err == nil && len(body) > maxBody {
			err = fmt.Errorf("answer larger than %d MiB", maxBody>>20)
		}
	}

	switch {
	case c.ctx.Err() != nil:
		err = errInterrupted
	case err != nil && ctx.Err() == context.DeadlineExceeded:
		err = &timeoutError{timeout: t.timeout, tries: attempt}
	}
	t.logTry(r, resp, err, attempt, time.Since(start))
	if err != nil {
		return nil, nil, err
	}
	return resp, body, nil
}

func (t *transport) logTry(r *http.Request, resp *http.Response, err error, try int,
	took time.Duration) {
	if t.log == nil {
		return
	}
	attrs := []any{"method", r.Method, "url", r.URL.String(), "try", try, "took", took}
	if resp != nil {
		attrs = append(attrs, "status", resp.StatusCode)
	}
	if err != nil {
		attrs = append(attrs, "error", err.Error())
	}
	t.log.Debug("taskrouter request", attrs...)
}

// retryAfter decides whether to try again, and after how long: 429, 5xx and timeouts are
// retried up to t.retries times; Retry-After (seconds or an HTTP date) is honoured, and a
// server asking for longer than maxWait is not retried.
func (t *transport) retryAfter(resp *http.Response, err error, c *call, attempt int) (
	time.Duration, bool) {
	var timeout *timeoutError
	switch {
	case errors.As(err, &timeout):
	case err != nil:
		return 0, false
	case resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < 500:
		return 0, false
	}
	c.lastTries = attempt
	if attempt > t.retries {
		return 0, false
	}

	wait := firstBackoff << min(attempt-1, 16)
	if resp != nil {
		if ra, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			if ra > t.maxWait {
				c.retryEnd = fmt.Sprintf("TaskRouter asked to wait %v", ra.Round(time.Second))
				return 0, false
			}
			return ra, true
		}
	}
	return min(wait, t.maxWait), true
}

func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
