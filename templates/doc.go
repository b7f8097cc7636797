// Package templates holds the card prototypes that flopack builds flows from.
//
// Okta publishes no schema for export files, so every card flopack emits starts as a copy of
// the same card taken from a real export under ../shared/corpus (see sources.go for which
// file and card each prototype comes from). The generator changes only ids, names, values
// and wiring; the shape — every key of node.model, every field and its type — is Okta's own.
// The prototypes are embedded JSON files, so a change to them shows in review as data.
//
// `go test ./templates -update` extracts them again from the corpus; the same test without
// -update fails when a prototype no longer matches its source card.
package templates
