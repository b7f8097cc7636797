package generator

import (
	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/templates"
)

// unsafeAddressPattern finds what cannot sit inside the literal of attr=="...": a double
// quote would end it and let the rest of the address rewrite the expression (so that it
// matches, and the flow deletes, another agent), a backslash would escape, and control
// characters have no place in an address. Find Pattern takes a JavaScript regular
// expression.
const unsafeAddressPattern = `["\\\x00-\x1f]`

// newFindPatternCard builds Find Pattern, which gives the position of the first match of
// pattern in its "look in" input, or -1.
func newFindPatternCard(role, title, pattern, outLabel string) (*card, error) {
	c, err := newCard(templates.FindPattern, role, title)
	if err != nil {
		return nil, err
	}
	if err := c.setInput("target", export.NewString(pattern)); err != nil {
		return nil, err
	}
	if err := c.labelOutput("output", outLabel); err != nil {
		return nil, err
	}
	return c, nil
}
