package interp

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// ErrRefused is wrapped by the error of a request that TaskRouter answered 401 or 403: the
// credentials are wrong or lack access. It stops the whole run.
var ErrRefused = errors.New("TaskRouter refused the credentials")

// ErrUnreachable is wrapped by the error of a request that got no answer (DNS, connection,
// TLS, timeout). It stops the whole run.
var ErrUnreachable = errors.New("TaskRouter cannot be reached")

// ErrInterrupted is wrapped by the error of a run whose context ended (Ctrl-C): nothing
// was sent after that, except the end of a DELETE already on its way.
var ErrInterrupted = errors.New("the run was interrupted")

// interruptedError ends the body at the card it names, or during its request.
type interruptedError struct {
	card   string // the card's title
	during string // the request in flight, "" when the card had not started
}

func (e *interruptedError) Error() string {
	if e.during != "" {
		return fmt.Sprintf("%v during %s (card %q); it was not answered", ErrInterrupted,
			e.during, e.card)
	}
	return fmt.Sprintf("%v before card %q", ErrInterrupted, e.card)
}

func (e *interruptedError) Unwrap() error { return ErrInterrupted }

// StopError is the error a Return Error If card ends the body with.
type StopError struct {
	Card    string // the card's title
	Message string
	Status  int
}

func (e *StopError) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("%s (status %d)", e.Message, e.Status)
	}
	return e.Message
}

// HTTPError is a non-2xx answer, which fails the card as the API Connector does.
type HTTPError struct {
	Method, URL string
	Status      int
	// Code and Message come from Twilio's error JSON, when the body holds one.
	Code    int
	Message string
}

func (e *HTTPError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: TaskRouter answered %d %s", e.Method, e.URL, e.Status,
		http.StatusText(e.Status))
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.Code != 0 {
		fmt.Fprintf(&b, " (Twilio error %d)", e.Code)
	}
	return b.String()
}

// Unwrap makes 401 and 403 answers match ErrRefused.
func (e *HTTPError) Unwrap() error {
	if e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden {
		return ErrRefused
	}
	return nil
}

// unreachableError is a request that got no answer.
type unreachableError struct {
	method, url string
	err         error
}

func (e *unreachableError) Error() string {
	return fmt.Sprintf("%s %s: %v: %v", e.method, e.url, ErrUnreachable, e.err)
}

// Unwrap makes the error match ErrUnreachable and its cause.
func (e *unreachableError) Unwrap() []error { return []error{ErrUnreachable, e.err} }

// fatal reports whether err must stop the whole run rather than one event: retrying the
// other events against an unreachable TaskRouter or with refused credentials only repeats
// the failure. Cards return these errors unwrapped.
func fatal(err error) bool {
	switch e := err.(type) {
	case *HTTPError:
		return e.Unwrap() == ErrRefused
	case *unreachableError, *interruptedError:
		return true
	}
	return false
}
