package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/internal/textdist"
)

// checkRequiredInput warns about required inputs that are neither set nor pinned. Workflows
// lets such a flow be saved and imported; it fails only when the card runs without the value.
// An empty list or object counts as set: a Reduce's memo legitimately starts as [].
func checkRequiredInput(c *checker) {
	if !c.scope.shapeOK {
		return
	}
	pinned := pinnedInputs(c.scope)

	for _, cd := range c.scope.cards {
		if !cd.ok() {
			continue
		}
		for _, in := range cd.Inputs() {
			if !in.V.Get("required").Truth() || pinned[inputRef{cd.id, in.ID}] {
				continue
			}
			if v := in.Data(); v.IsNull() || v.Kind == export.String && v.Text == "" {
				c.reportf(offset(in.V), cd, in.Key(), "required input is neither set nor "+
					"pinned")
			}
		}
	}
}

// checkOperator reports a comparison card's operator that is not one of its choices, as a
// hand edit ("is emptyy") leaves it: Return Error If, Continue If, If/Else, Find/Filter by
// and any other card whose operator input lists metadata.choices. All 456 operators of the
// corpus are one of their card's choices. A pinned operator comes from another card at run
// time and is not checked.
func checkOperator(c *checker) {
	if !c.scope.shapeOK {
		return
	}
	var pinned map[inputRef]bool // built for the first operator found
	for _, cd := range c.scope.cards {
		if !cd.ok() {
			continue
		}
		in, ok := cd.Input("operator")
		if !ok {
			continue
		}
		choices := in.V.Path("metadata", "choices")
		if choices == nil || choices.Kind != export.Array || len(choices.Items) == 0 {
			continue
		}
		if pinned == nil {
			pinned = pinnedInputs(c.scope)
		}
		if pinned[inputRef{cd.id, in.ID}] {
			continue
		}

		v := in.Data()
		if !v.IsNull() && slices.ContainsFunc(choices.Items, func(ch *export.Value) bool {
			return export.Equal(choiceValue(ch), v)
		}) {
			continue
		}
		var values []string
		for _, ch := range choices.Items {
			if chv := choiceValue(ch); isString(chv) {
				values = append(values, chv.Text)
			}
		}
		hint := ""
		if s := v.Str(); s != "" {
			if near, ok := nearest(s, values); ok {
				hint = "; did you mean " + quote(near) + "?"
			}
		}
		c.reportf(offsetOr(v, in.V), cd, in.Key(), "%s is not one of the card's choices: %s%s",
			describe(v), listChoices(values), hint)
	}
}

// choiceValue is what choosing ch sets: a choice is {"value", "label"} or a plain string.
func choiceValue(ch *export.Value) *export.Value {
	if ch.Kind == export.Object {
		return ch.Get("value")
	}
	return ch
}

// listChoices quotes the choices for a message, at most 16 of them.
func listChoices(values []string) string {
	const limit = 16
	quoted := make([]string, 0, min(len(values), limit)+1)
	for i, s := range values {
		if i == limit {
			quoted = append(quoted, fmt.Sprintf("and %d more", len(values)-limit))
			break
		}
		quoted = append(quoted, quote(s))
	}
	return strings.Join(quoted, ", ")
}

// nearest returns the choice closest to s when it is a likely typo: at most two edits away,
// or equal but for letter case and surrounding spaces.
func nearest(s string, choices []string) (string, bool) {
	best, bestDist := "", 3
	for _, ch := range choices {
		if strings.EqualFold(strings.TrimSpace(s), ch) {
			return ch, true
		}
		if d := textdist.Distance(s, ch); d < bestDist {
			best, bestDist = ch, d
		}
	}
	return best, best != ""
}

// inputRef is one input of one card: card id › field id.
type inputRef struct{ card, input string }

// pinnedInputs returns the inputs that a pin of the flow feeds.
func pinnedInputs(fs *flowScope) map[inputRef]bool {
	pinned := map[inputRef]bool{}
	for _, cd := range fs.cards {
		if !cd.ok() {
			continue
		}
		for _, l := range links(cd) {
			pinned[inputRef{l.toCard, l.input.Text}] = true
		}
	}
	return pinned
}
