package lint

import "github.com/flopack/flopack/export"

// checkRequiredInput warns about required inputs that are neither set nor pinned. Workflows
// lets such a flow be saved and imported; it fails only when the card runs without the value.
// An empty list or object counts as set: a Reduce's memo legitimately starts as [].
func checkRequiredInput(c *checker) {
	if !c.scope.shapeOK {
		return
	}
	type target struct{ card, input string }
	pinned := map[target]bool{}
	for _, cd := range c.scope.cards {
		if !cd.ok() {
			continue
		}
		for _, l := range links(cd) {
			pinned[target{l.toCard, l.input.Text}] = true
		}
	}

	for _, cd := range c.scope.cards {
		if !cd.ok() {
			continue
		}
		for _, in := range cd.Inputs() {
			if !in.V.Get("required").Truth() || pinned[target{cd.id, in.ID}] {
				continue
			}
			if v := in.Data(); v.IsNull() || v.Kind == export.String && v.Text == "" {
				c.reportf(offset(in.V), cd, in.Key(), "required input is neither set nor "+
					"pinned")
			}
		}
	}
}
