package lint

import "github.com/flopack/flopack/diag"

// Rules are records rather than a rules.yaml: the compiler then guarantees that every rule
// has its check and that a check reports only under its own id, a YAML file would need a
// loader, a schema and a test to say as much, and the README table is tested against this
// one (rules_test.go).

// Category groups rules by what they look at.
type Category string

// The categories, in the order the README lists them.
const (
	Structure  Category = "structure"  // the envelope and the shape of flows and cards
	IDs        Category = "ids"        // ids well formed and unique
	Wiring     Category = "wiring"     // orderings, pins and expand cards inside a flow
	References Category = "references" // connections, folders and flows named by id
	Inputs     Category = "inputs"     // values the cards need
)

// Rule is one check with a stable id. Severity is fixed per rule: an error means Okta rejects
// the file or the flow fails when it runs; a warning means the flow may well work.
type Rule struct {
	ID       string
	Category Category
	Severity diag.Severity
	Summary  string

	scope scope
	check func(*checker)
}

// scope says what a rule's check looks at: the raw bytes, the whole document, or one flow
// body (a top-level flow, a body embedded in a card, or a card's error handler).
type scope uint8

const (
	scopeBytes scope = iota
	scopeDocument
	scopeFlow
)

// Rules lists every rule in the order checks run. Bytes rules stop the run when they report:
// there is no document to check.
var Rules = []Rule{
	{"ENVELOPE_SIZE", Structure, diag.Error,
		"the file is at most 32 MiB (MaxFileSize)", scopeBytes, checkSize},
	{"ENVELOPE_JSON", Structure, diag.Error,
		"the file is one JSON value: complete, UTF-8 without a byte order mark, nested at " +
			"most 512 deep", scopeBytes,
		checkJSON},
	{"ENVELOPE_TYPE", Structure, diag.Error,
		`the top level is an object whose "type" is "flopack"`, scopeDocument, checkType},
	{"ENVELOPE_VERSION", Structure, diag.Error,
		`"version" is a known format: 1.2.0, 1.3.0, 1.4.0 or 1.5.0`, scopeDocument,
		checkVersion},
	{"ENVELOPE_DATA", Structure, diag.Error,
		`"data" holds the objects flos, configs, tables and groups; each flow entry has id, ` +
			`name and data (a body, or null for a stub)`, scopeDocument, checkData},
	{"FLOW_SHAPE", Structure, diag.Error,
		"a flow body holds a methods array of cards and an orderings object of [from, to] " +
			"pairs", scopeFlow, checkFlowShape},
	{"CARD_SHAPE", Structure, diag.Error,
		"a card holds uuid, address, node.model with inputs.data and outputs.data objects, " +
			"and pins of output id › card id › [{input}]", scopeFlow, checkCardShape},

	{"FLOW_ID", IDs, diag.Error,
		"a flow id is a UUID equal to its key under flos and to its body's uuid; an embedded " +
			"body's uuid is a UUID", scopeDocument, checkFlowID},
	{"FLOW_ID_UNIQUE", IDs, diag.Error,
		"no two flows of the file share an id", scopeDocument, checkFlowIDUnique},
	{"FOLDER_ID", IDs, diag.Error,
		"a folder id is a UUID equal to its key under groups", scopeDocument, checkFolderID},
	{"FOLDER_ID_UNIQUE", IDs, diag.Error,
		"no two folders share an id", scopeDocument, checkFolderIDUnique},
	{"CONNECTION_ID", IDs, diag.Error,
		"a connection id is a UUID equal to its key under configs", scopeDocument,
		checkConnectionID},
	{"CONNECTION_ID_UNIQUE", IDs, diag.Error,
		"no two connections share an id", scopeDocument, checkConnectionIDUnique},
	{"CARD_ID", IDs, diag.Error,
		"a card id is 8 to 12 characters of A-Za-z0-9_-", scopeFlow, checkCardID},
	{"CARD_ID_UNIQUE", IDs, diag.Error,
		"no two cards of a flow share an id", scopeFlow, checkCardIDUnique},
	{"FIELD_ID", IDs, diag.Error,
		"a field id is 8 to 12 characters of A-Za-z0-9_- and equals the field's key in its " +
			"inputs or outputs", scopeFlow, checkFieldID},
	{"FIELD_ID_UNIQUE", IDs, diag.Error,
		"no two fields of a flow share an id, across all its cards' inputs and outputs",
		scopeFlow, checkFieldIDUnique},

	{"ORDERING_CARD", Wiring, diag.Error,
		"both ends of an ordering are cards of the same flow", scopeFlow, checkOrderingCard},
	{"PIN_SOURCE", Wiring, diag.Error,
		"a pin starts at an output of the card that holds it", scopeFlow, checkPinSource},
	{"PIN_TARGET_CARD", Wiring, diag.Error,
		"a pin ends at a card of the same flow", scopeFlow, checkPinTargetCard},
	{"PIN_TARGET_INPUT", Wiring, diag.Error,
		"a pin ends at an input of its target card", scopeFlow, checkPinTargetInput},
	{"ORDERING_CYCLE", Wiring, diag.Error,
		"the orderings (and If/Else branches) form no cycle; only an expand card orders " +
			"itself after itself", scopeFlow, checkOrderingCycle},
	{"CARD_UNORDERED", Wiring, diag.Error,
		"every card is reached through orderings (and If/Else branches) from the flow's " +
			"first card: the trigger (event, callable, API endpoint, delegated) or the Noop " +
			"of a flow without one", scopeFlow, checkCardUnordered},
	{"EXPAND_SOURCE", Wiring, diag.Error,
		"an expand card's name, metadata name and object input's srcMethodId name a card of " +
			"the flow, and srcOutputId is one of its outputs", scopeFlow, checkExpandSource},
	{"EXPAND_PIN", Wiring, diag.Error,
		"the source output is pinned into the expand card's object input", scopeFlow,
		checkExpandPin},

	{"CONNECTION_MISSING", References, diag.Error,
		"the connection a card names (node.model.config) is in configs", scopeFlow,
		checkConnectionMissing},
	{"CONNECTION_MODULE", References, diag.Error,
		"a card's connection has the module of the card's connector " +
			"(root:channels:http:<connector>:...)", scopeFlow, checkConnectionModule},
	{"FOLDER_MISSING", References, diag.Error,
		"a flow's folder (data.group) is in groups or null; files without folders " +
			"(single-flow exports) are exempt", scopeFlow, checkFolderMissing},
	{"FLOW_REF", References, diag.Error,
		"a flo input or error handler that names a flow by id finds it in flos (as a flow " +
			"or a stub); a flo value is a flow id, a flow body or null", scopeFlow,
		checkFlowRef},

	{"REQUIRED_INPUT", Inputs, diag.Warning,
		"a required input is set or pinned", scopeFlow, checkRequiredInput},
	{"OPERATOR_UNKNOWN", Inputs, diag.Error,
		"an operator input that lists metadata.choices (Return Error If, Continue If, " +
			"If/Else, ...) is set to one of them or pinned", scopeFlow, checkOperator},
}

// RuleByID returns the rule with id, if there is one.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
