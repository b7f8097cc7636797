package lint

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/flopack/flopack/export"
)

// shapeProblem is one way a flow body or card is not shaped like a real one.
type shapeProblem struct {
	off int
	msg string
}

func checkFlowShape(c *checker) {
	for _, p := range flowProblems(c.scope.flow.Body) {
		c.reportf(p.off, nil, "", "%s", p.msg)
	}
}

func checkCardShape(c *checker) {
	if !c.scope.shapeOK {
		return
	}
	for _, cd := range c.scope.cards {
		for _, p := range cd.problems {
			c.reportf(p.off, cd, "", "%s", p.msg)
		}
	}
}

// flowProblems lists what is wrong with the shape of a flow body; the cards in it are
// CARD_SHAPE's business.
func flowProblems(body *export.Value) []shapeProblem {
	if body == nil || body.Kind != export.Object {
		return []shapeProblem{{offset(body), "the flow body is " + describe(body) +
			", not an object"}}
	}
	var ps []shapeProblem
	add := func(v *export.Value, format string, args ...any) {
		ps = append(ps, shapeProblem{offsetOr(v, body), fmt.Sprintf(format, args...)})
	}

	if m := body.Get("methods"); m == nil || m.Kind != export.Array {
		add(m, `"methods" is %s, not an array of cards`, describe(m))
	}
	o := body.Get("orderings")
	if o == nil || o.Kind != export.Object {
		add(o, `"orderings" is %s, not an object`, describe(o))
		return ps
	}
	for _, m := range o.Members {
		if !isPair(m.Value) {
			add(m.Value, "ordering %s is %s, not a [from, to] pair of card ids", m.Key,
				describe(m.Value))
		}
	}
	return ps
}

// isPair reports whether an ordering is [from, to], two strings.
func isPair(v *export.Value) bool {
	return v.Kind == export.Array && len(v.Items) == 2 &&
		v.Items[0].Kind == export.String && v.Items[1].Kind == export.String
}

// cardProblems lists what is wrong with the shape of a card.
func cardProblems(v *export.Value) []shapeProblem {
	if v.Kind != export.Object {
		return []shapeProblem{{offset(v), "the card is " + describe(v) + ", not an object"}}
	}
	var ps []shapeProblem
	add := func(at *export.Value, format string, args ...any) {
		ps = append(ps, shapeProblem{offsetOr(at, v), fmt.Sprintf(format, args...)})
	}

	for _, key := range []string{"uuid", "address"} {
		if s := v.Get(key); !isString(s) {
			add(s, "%q is %s, not a string", key, describe(s))
		}
	}
	model := v.Path("node", "model")
	if model == nil || model.Kind != export.Object {
		add(model, `"node.model" is %s, not an object`, describe(model))
		return ps
	}
	for _, io := range []string{"inputs", "outputs"} {
		data := model.Path(io, "data")
		if data == nil || data.Kind != export.Object {
			add(data, `"node.model.%s.data" is %s, not an object`, io, describe(data))
			continue
		}
		for _, m := range data.Members {
			if m.Value.Kind != export.Object {
				add(m.Value, "%s field %s is %s, not an object", io[:len(io)-1], m.Key,
					describe(m.Value))
			}
		}
	}

	pins := v.Get("pins")
	if pins.IsNull() {
		return ps // a card that feeds no other card may leave pins out
	}
	if pins.Kind != export.Object {
		add(pins, `"pins" is %s, not an object`, describe(pins))
		return ps
	}
	for _, byOutput := range pins.Members {
		if byOutput.Value.Kind != export.Object {
			add(byOutput.Value, "pins of output %s are %s, not an object", byOutput.Key,
				describe(byOutput.Value))
			continue
		}
		for _, byCard := range byOutput.Value.Members {
			if !isLinkList(byCard.Value) {
				add(byCard.Value, "pins from output %s to card %s are %s, not a list of "+
					`{"input": <field id>}`, byOutput.Key, byCard.Key, describe(byCard.Value))
			}
		}
	}
	return ps
}

// isLinkList reports whether v is [{"input": "<field id>", "transform": ...}, ...].
func isLinkList(v *export.Value) bool {
	if v.Kind != export.Array {
		return false
	}
	for _, l := range v.Items {
		if !isString(l.Get("input")) {
			return false
		}
	}
	return true
}

// quote quotes s for a message, shortened so that a hostile file cannot flood the output.
func quote(s string) string {
	const limit = 80
	if len(s) <= limit {
		return strconv.Quote(s)
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}

// isString reports whether v is a JSON string.
func isString(v *export.Value) bool { return v != nil && v.Kind == export.String }

// isObject reports whether v is a JSON object.
func isObject(v *export.Value) bool { return v != nil && v.Kind == export.Object }
