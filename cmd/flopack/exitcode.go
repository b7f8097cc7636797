package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/flopack/flopack/diag"
)

// Exit codes. Every command uses them the same way, so CI can tell "fix your input" (1) from
// "fix the command line" (2) from "retry or fix access" (3).
const (
	exitOK       = 0
	exitFindings = 1 // invalid input, or findings from a checking command
	exitUsage    = 2 // unknown flag or command, bad argument
	exitExternal = 3 // an external system could not be reached or refused us
)

// errFindings is returned by a command that has already printed its findings: main only
// sets the exit code.
var errFindings = errors.New("findings reported")

// usageError marks a mistake on the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// externalError marks a failure of a system outside this machine (TaskRouter).
type externalError struct{ err error }

func (e externalError) Error() string { return e.err.Error() }
func (e externalError) Unwrap() error { return e.err }

// exitCode prints err once, on stderr, and maps it to an exit code. It is the only place
// that does either.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errFindings) {
		return exitFindings
	}

	var list diag.List
	if errors.As(err, &list) {
		diag.Print(stderr, diag.Text, list)
		return exitFindings
	}

	fmt.Fprintf(stderr, "flopack: %v\n", err)
	var usage usageError
	if errors.As(err, &usage) {
		fmt.Fprintln(stderr, "Run 'flopack --help' for usage.")
		return exitUsage
	}
	var external externalError
	if errors.As(err, &external) {
		return exitExternal
	}
	return exitFindings
}
