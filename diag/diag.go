// Package diag holds the findings flopack reports about user files (specs and exports) and
// prints them as text, JSON or GitHub Actions annotations.
//
// Library packages return diagnostics instead of printing; only the command prints them, so
// that every command reports problems the same way and all at once.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a finding fails the command.
type Severity string

// The severities. Warnings never change the exit code unless a command is run with --strict.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Diagnostic is one finding at a place in a file. Line and Column are 1-based; 0 means
// unknown. Flow and Card name the place inside an export, where line numbers say little
// because Okta writes exports on one line.
type Diagnostic struct {
	Path     string   `json:"path"`
	Line     int      `json:"line,omitempty"`
	Column   int      `json:"column,omitempty"`
	Flow     string   `json:"flow,omitempty"`
	Card     string   `json:"card,omitempty"`
	Field    string   `json:"field,omitempty"`
	Rule     string   `json:"rule,omitempty"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// Place renders where the finding is: "path:line:col" and, inside an export, the flow and
// card it concerns.
func (d Diagnostic) Place() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Column > 0 {
			fmt.Fprintf(&b, ":%d", d.Column)
		}
	}
	if d.Flow != "" {
		fmt.Fprintf(&b, ": flow %q", d.Flow)
		if d.Card != "" {
			fmt.Fprintf(&b, " › card %q", d.Card)
		}
	}
	return b.String()
}

// String renders the finding on one line: "place: [field: ]message", with the rule id
// before the message when there is one.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Place())
	b.WriteString(": ")
	if d.Rule != "" {
		b.WriteString(d.Rule)
		if d.Severity == Warning {
			b.WriteString(" (warning)")
		}
		b.WriteString(": ")
	}
	if d.Field != "" {
		b.WriteString(d.Field)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// Sort orders diagnostics by path, line, column, then rule and message, so output is stable.
func Sort(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Field, b.Field),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Count returns how many diagnostics have each severity.
func Count(ds []Diagnostic) (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == Warning {
			warnings++
		} else {
			errors++
		}
	}
	return errors, warnings
}

// List is a set of diagnostics that is itself an error, so that a loader can return every
// problem it found through an ordinary error return.
type List []Diagnostic

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}
