package interp

import (
	"strings"

	"github.com/flopack/flopack/export"
)

// kind is a card the interpreter knows how to run.
type kind int

const (
	unknownCard kind = iota
	eventCard
	forEachCard
	callableCard
	expandCard
	concatCard
	objectGetCard
	returnErrorIfCard
	findPatternCard
	httpGetCard
	httpDeleteCard
)

// kernelKinds maps root:kernel:<module>:<version>:<key> by module and key.
var kernelKinds = map[[2]string]kind{
	{"list", "asyncEach"}:   forEachCard,
	{"control", "callable"}: callableCard,
	{"object", "expand"}:    expandCard,
	{"string", "concat"}:    concatCard,
	{"object", "get"}:       objectGetCard,
	{"control", "throwIf"}:  returnErrorIfCard,
	{"string", "match"}:     findPatternCard,
}

// kindOf tells a card's kind from its address, whatever the version: the cards' behaviour
// has not changed across the versions seen in real exports.
func kindOf(c export.Card) kind {
	parts := strings.Split(c.Address(), ":")
	switch {
	case len(parts) == 5 && parts[0] == "root" && parts[1] == "kernel":
		return kernelKinds[[2]string{parts[2], parts[4]}]
	case len(parts) == 6 && parts[0] == "root" && parts[1] == "channels" && parts[2] == "http":
		switch {
		case parts[3] == "okta" && c.Model().Get("webhook").Truth():
			return eventCard
		case parts[3] == "httpfunctions" && parts[5] == "get":
			return httpGetCard
		case parts[3] == "httpfunctions" && parts[5] == "delete":
			return httpDeleteCard
		}
	}
	return unknownCard
}

// shortAddress is the part of an address a reader recognises: "string concat",
// "httpfunctions delete".
func shortAddress(address string) string {
	parts := strings.Split(address, ":")
	switch {
	case len(parts) == 5 && parts[1] == "kernel":
		return parts[2] + " " + parts[4]
	case len(parts) == 6 && parts[1] == "channels":
		return parts[3] + " " + parts[5]
	}
	return address
}
