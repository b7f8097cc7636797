package taskrouter

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/twilio/twilio-go/client"
)

// Error is a failed TaskRouter call. Its message says what went wrong and what to fix.
type Error struct {
	// Op is the call, such as "fetch workspace WS...".
	Op string
	// Status is the HTTP status of the last answer; 0 when none came.
	Status int
	// Code and Message are Twilio's error code and text, when the answer had them.
	Code    int
	Message string
	// Interrupted is set when the call's context ended it (Ctrl-C).
	Interrupted bool
	// Err is the underlying error.
	Err error

	text string
}

func (e *Error) Error() string { return e.text }
func (e *Error) Unwrap() error { return e.Err }

// Refused reports whether TaskRouter refused the credentials (401) or their access (403).
func (e *Error) Refused() bool { return e.Status == 401 || e.Status == 403 }

func newError(op string, err error, cl *call, creds Credentials) *Error {
	e := &Error{Op: op, Err: err}
	var rest *client.TwilioRestError
	if errors.As(err, &rest) {
		e.Code, e.Message = rest.Code, rest.Message
		if e.Status == 0 {
			e.Status = rest.Status
		}
	}
	// twilio-go reports a failed status only through the decoded body; the transport saw
	// the status itself, which also covers bodies that are not Twilio's JSON.
	if cl.status != 0 {
		e.Status = cl.status
	}

	e.text = redact(op+": "+describe(e, cl, creds), creds.Password)
	return e
}

func describe(e *Error, cl *call, creds Credentials) string {
	var timeout *timeoutError
	var netErr *net.OpError
	twilio := ""
	if e.Message != "" {
		twilio = fmt.Sprintf(" (Twilio error %d: %s)", e.Code, e.Message)
	}
	tries := ""
	if cl.lastTries > 1 {
		tries = fmt.Sprintf(" after %d tries", cl.lastTries)
	}
	if cl.retryEnd != "" {
		tries = "; " + cl.retryEnd
	}

	switch {
	case errors.Is(e.Err, context.Canceled) || errors.Is(e.Err, context.DeadlineExceeded) &&
		!errors.As(e.Err, &timeout):
		e.Interrupted = true
		return "interrupted"
	case errors.As(e.Err, &timeout):
		return timeout.Error() + ": check the network, or raise --timeout"
	case e.Status == 401:
		return "TaskRouter refused the credentials (401)" + twilio + ": check " + creds.Source
	case e.Status == 403:
		return "the credentials may not read this workspace (403)" + twilio +
			": use credentials of the account that owns it, or an API key with TaskRouter access"
	case e.Status == 404:
		return "not found (404)" + twilio + ": check the Workspace SID, and that " +
			creds.Source + " belong to the account that owns the workspace"
	case e.Status == 429:
		return "TaskRouter is limiting the request rate (429)" + tries + twilio + ": retry later"
	case e.Status >= 500:
		return fmt.Sprintf("TaskRouter failed (%d)%s%s: retry later", e.Status, tries, twilio)
	case e.Status >= 400:
		return fmt.Sprintf("TaskRouter rejected the request (%d)%s", e.Status, twilio)
	case e.Status >= 300:
		return fmt.Sprintf("TaskRouter answered with a redirect (%d): check --taskrouter-url",
			e.Status)
	case e.Status != 0:
		return "TaskRouter's answer is not the JSON expected: " + innermost(e.Err)
	case errors.As(e.Err, &netErr):
		return "cannot reach TaskRouter: " + netErr.Error() +
			": check the network, or --taskrouter-url"
	}
	return innermost(e.Err)
}

// innermost drops the "Get \"URL\":" prefixes that net/http stacks on an error.
func innermost(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// redact removes the secret from text, in case some layer ever echoes it.
func redact(text, secret string) string {
	if secret == "" {
		return text
	}
	return strings.ReplaceAll(text, secret, "[redacted]")
}
