// Package generator compiles a flowspec.Spec into an Okta Workflows export document.
//
// It is pure: no file or network I/O, and the same spec always gives the same bytes. Every
// card starts as a prototype copied from a real export (package templates); the generator
// gives it ids, a title, values and wiring, and nothing else, so the export keeps the shape
// Okta itself writes.
//
// Ids are derived from what a card does in the flow (its role), never from spec values, so
// changing the workspace SID changes only the values that hold it and Git diffs stay small.
// Flow, folder and connection UUIDs derive from their names, so two flows built from
// different specs can live in one Okta org.
//
// The flow itself is assembled in flow.go; each kind of card has a file of its own
// (card_concat.go, card_http.go, ...).
package generator
