package lint

import (
	"github.com/flopack/flopack/export"
)

func checkOrderingCard(c *checker) {
	fs := c.scope
	if !fs.shapeOK {
		return
	}
	for _, m := range members(fs.flow.Body.Get("orderings")) {
		for i, end := range m.Value.Items {
			if _, ok := fs.byID[end.Text]; !ok {
				which := [...]string{"from", "to"}[i]
				c.reportf(offset(end), nil, "", "ordering %s goes %s card %s, which is not "+
					"in this flow", quote(m.Key), which, quote(end.Text))
			}
		}
	}
}

// link is one pin: output of the card holding it › input of a card of the flow.
type link struct {
	output    string
	toCard    string
	toCardOff int
	input     *export.Value // the "input" string
}

// links returns a well-formed card's pins with where they are in the file.
func links(cd *card) []link {
	var ls []link
	for _, byOutput := range members(cd.V.Get("pins")) {
		for _, byCard := range members(byOutput.Value) {
			for _, l := range byCard.Value.Items {
				ls = append(ls, link{byOutput.Key, byCard.Key, byCard.KeyOffset, l.Get("input")})
			}
		}
	}
	return ls
}

func checkPinSource(c *checker) {
	for _, cd := range c.scope.readableCards() {
		for _, m := range members(cd.V.Get("pins")) {
			if _, ok := cd.outputs[m.Key]; !ok {
				c.reportf(m.KeyOffset, cd, "", "pins start at output %s, which the card does "+
					"not have", quote(m.Key))
			}
		}
	}
}

func checkPinTargetCard(c *checker) {
	for _, cd := range c.scope.readableCards() {
		for _, l := range links(cd) {
			if _, ok := c.scope.byID[l.toCard]; !ok {
				c.reportf(l.toCardOff, cd, outputKey(cd, l.output), "pin into card %s, "+
					"which is not in this flow", quote(l.toCard))
			}
		}
	}
}

func checkPinTargetInput(c *checker) {
	for _, cd := range c.scope.readableCards() {
		for _, l := range links(cd) {
			to, ok := c.scope.byID[l.toCard]
			if !ok || !to.ok() {
				continue // PIN_TARGET_CARD or CARD_SHAPE reported it
			}
			if _, ok := to.inputs[l.input.Text]; !ok {
				c.reportf(offset(l.input), cd, outputKey(cd, l.output), "pin into card %s "+
					"names input %s, which that card does not have", quote(to.label),
					quote(l.input.Text))
			}
		}
	}
}

// outputKey names an output in a diagnostic by its key, or its id when the card lacks it.
func outputKey(cd *card, id string) string {
	if f, ok := cd.outputs[id]; ok && f.Key() != "" {
		return f.Key()
	}
	return id
}

// expandWiring is what an expand card says about its source (FLOPACK-FORMAT.md section 6).
type expandWiring struct {
	object  export.Field // the expand's one input, key "object"
	src     *card
	srcOut  string
	problem string // why the wiring cannot be followed; "" when it can
	at      *export.Value
}

// expandOf reads an expand card's source: its name, metadata name and the object input's
// srcMethodId must agree on the source card, and srcOutputId must be one of its outputs.
func expandOf(fs *flowScope, cd *card) expandWiring {
	var w expandWiring
	obj, ok := cd.Input("object")
	if !ok {
		w.problem, w.at = `the expand card has no "object" input`, cd.V
		return w
	}
	w.object = obj

	md := obj.V.Get("metadata")
	srcID := md.Get("srcMethodId")
	name, metaName := cd.Name(), cd.Model().Path("metadata", "name").Str()
	switch {
	case !isString(srcID):
		w.problem, w.at = "the object input's metadata.srcMethodId is "+describe(srcID), md
		return w
	case name != srcID.Text || metaName != srcID.Text:
		w.problem, w.at = "name "+quote(name)+", metadata name "+quote(metaName)+
			" and srcMethodId "+quote(srcID.Text)+" must all be the source card's id", srcID
		return w
	}

	src, ok := fs.byID[srcID.Text]
	if !ok {
		w.problem, w.at = "source card "+quote(srcID.Text)+" is not in this flow", srcID
		return w
	}
	w.src = src
	srcOut := md.Get("srcOutputId")
	if !isString(srcOut) {
		w.problem, w.at = "the object input's metadata.srcOutputId is "+describe(srcOut), md
		return w
	}
	w.srcOut = srcOut.Text
	if !src.ok() {
		w.problem = "-" // CARD_SHAPE reports the source; nothing more to say
		return w
	}
	if _, ok := src.outputs[srcOut.Text]; !ok {
		w.problem, w.at = "source card "+quote(src.label)+" has no output "+
			quote(srcOut.Text), srcOut
	}
	return w
}

func checkExpandSource(c *checker) {
	for _, cd := range c.scope.readableCards() {
		if cd.Address() != expandAddress {
			continue
		}
		if w := expandOf(c.scope, cd); w.problem != "" && w.problem != "-" {
			c.reportf(offset(w.at), cd, "", "%s", w.problem)
		}
	}
}

func checkExpandPin(c *checker) {
	for _, cd := range c.scope.readableCards() {
		if cd.Address() != expandAddress {
			continue
		}
		w := expandOf(c.scope, cd)
		if w.problem != "" {
			continue // EXPAND_SOURCE reported it
		}
		pinned := c.scope.pinned()[pinKey{w.src.id, w.srcOut, cd.id, w.object.ID}]
		if !pinned {
			c.reportf(offset(w.object.V), cd, w.object.Key(), "source card %s does not pin "+
				"output %s into this expand card's object input", quote(w.src.label),
				quote(outputKey(w.src, w.srcOut)))
		}
	}
}

// pinKey is one pin: card › output › card › input.
type pinKey struct{ from, output, to, input string }

// pinned returns every pin of the flow's well-formed cards, indexed once so that checking
// many expand cards fed by one card stays linear.
func (fs *flowScope) pinned() map[pinKey]bool {
	if fs.pins != nil {
		return fs.pins
	}
	fs.pins = map[pinKey]bool{}
	for _, cd := range fs.cards {
		if !cd.ok() {
			continue
		}
		for _, l := range links(cd) {
			fs.pins[pinKey{cd.id, l.output, l.toCard, l.input.Text}] = true
		}
	}
	return fs.pins
}
