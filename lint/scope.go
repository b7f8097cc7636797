package lint

import (
	"github.com/flopack/flopack/export"
)

// flowScope is one flow body being checked, with its cards indexed once for all rules.
type flowScope struct {
	flow export.Flow
	name string // the flow's name in diagnostics; embedded bodies add the card's name
	top  bool   // a top-level entry of data.flos, not a body embedded in a card

	// shapeOK is false when FLOW_SHAPE reports the body: other rules then skip it rather
	// than report what follows from a broken shape.
	shapeOK bool
	cards   []*card
	byID    map[string]*card // the first card with each id
	pins    map[pinKey]bool  // built on first use by pinned
	order   *orderGraph      // built on first use by graph
	// readable caches readableCards: a dozen rules walk it for every flow.
	readable []*card
}

// card is a card of a flow with what rules look up in it.
type card struct {
	export.Card
	id    string
	label string // the card's name in diagnostics

	// problems are what CARD_SHAPE reports; rules that read the card skip it when there
	// are any.
	problems []shapeProblem
	inputs   map[string]export.Field // by field id, the first of repeated keys
	outputs  map[string]export.Field
	bodies   []embedded
}

// ok reports whether the card is well formed enough for the rules that read it.
func (cd *card) ok() bool { return len(cd.problems) == 0 }

// readableCards returns the cards the wiring rules read: none when the flow's shape is
// broken (FLOW_SHAPE reported it), else the well-formed ones (CARD_SHAPE reported the rest),
// so that one break is reported once, not again by every rule that meets it.
func (fs *flowScope) readableCards() []*card {
	if !fs.shapeOK {
		return nil
	}
	if fs.readable == nil {
		fs.readable = make([]*card, 0, len(fs.cards))
		for _, cd := range fs.cards {
			if cd.ok() {
				fs.readable = append(fs.readable, cd)
			}
		}
	}
	return fs.readable
}

// embedded is a flow body held by a card: a flo input's value or an error handler.
type embedded struct {
	body  *export.Value
	label string // how the body is named after its card
}

// expandAddress is the hidden card Workflows inserts to read a sub-field of an object output.
const expandAddress = "root:kernel:object:0.0.1:expand"

func newFlowScope(f export.Flow, name string, top bool) *flowScope {
	fs := &flowScope{flow: f, name: name, top: top, byID: map[string]*card{}}
	fs.shapeOK = len(flowProblems(f.Body)) == 0

	methods := f.Body.Get("methods")
	if methods == nil || methods.Kind != export.Array {
		return fs
	}
	for _, m := range methods.Items {
		cd := newCard(m)
		fs.cards = append(fs.cards, cd)
		if _, dup := fs.byID[cd.id]; !dup && cd.id != "" {
			fs.byID[cd.id] = cd
		}
	}

	// Expand cards are named after their source card's id; name them after the source
	// card's name instead, which is what the canvas shows next to them.
	for _, cd := range fs.cards {
		if cd.Address() != expandAddress {
			continue
		}
		if src, ok := fs.byID[cd.Name()]; ok && src.label != "" {
			cd.label = src.label + " › expand"
		}
	}
	return fs
}

func newCard(v *export.Value) *card {
	cd := &card{Card: export.Card{V: v}, problems: cardProblems(v)}
	cd.id = cd.ID()
	cd.label = cd.Name()
	if cd.label == "" {
		cd.label = cd.id
	}
	cd.inputs = fieldIndex(cd.Inputs())
	cd.outputs = fieldIndex(cd.Outputs())

	for _, in := range cd.Inputs() {
		if isFloInput(in) {
			if body := in.Data(); isBody(body) {
				cd.bodies = append(cd.bodies, embedded{body, cd.label})
			}
		}
	}
	if h := errorPolicy(cd.Card); h.Get("type").Str() == "handler" && isBody(h.Get("flo")) {
		cd.bodies = append(cd.bodies, embedded{h.Get("flo"), cd.label + " (on error)"})
	}
	return cd
}

func fieldIndex(fs []export.Field) map[string]export.Field {
	m := make(map[string]export.Field, len(fs))
	for _, f := range fs {
		if _, dup := m[f.ID]; !dup {
			m[f.ID] = f
		}
	}
	return m
}

// isFloInput reports whether a field holds a flow: a For Each, Map or Call Flow card's flo.
func isFloInput(f export.Field) bool {
	return f.Value().Get("type").Str() == "flo"
}

// isBody reports whether v is a flow body rather than a flow id.
func isBody(v *export.Value) bool {
	return v != nil && v.Kind == export.Object && v.Has("methods")
}

// errorPolicy is a card's node.model.policy.error: {"type": "finish" | "flo" | "handler",
// "flo": ...}. A "handler" runs the body in flo when the card fails, "flo" runs the flow
// whose id is in flo; other types keep a stale flo value that means nothing.
func errorPolicy(c export.Card) *export.Value {
	return c.Model().Path("policy", "error")
}
