package interp

import (
	"errors"
	"fmt"

	"github.com/flopack/flopack/export"
)

// findPattern is Okta's Text › Find Pattern: the 0-based position of the first match of
// "look for" (input target, a JavaScript regular expression) in "look in" (input string),
// or -1 when there is none. The position counts UTF-16 code units, as JavaScript's
// String.prototype.search does: a character outside the Basic Multilingual Plane (an
// emoji) counts two. The pattern is translated to Go's dialect (jsregexp.go); one Go
// cannot run fails the card with an error naming it.
//
// Both inputs are required, as on the card: a null or missing one fails the card, which
// ends the event's body. Text, numbers and booleans are searched as their text; "" is
// text like any other (no match but for a pattern that matches the empty text).
func (c *call) findPattern() error {
	in, pattern := c.input("string"), c.input("target")
	switch {
	case in.IsNull():
		return errors.New(`"look in" is required, and it is empty (null)`)
	case pattern.IsNull():
		return errors.New(`"look for" is required, and it is empty (null)`)
	case !scalar(in):
		return fmt.Errorf(`"look in" is %s, not text`, describe(in))
	case !scalar(pattern):
		return fmt.Errorf(`"look for" is %s, not a pattern`, describe(pattern))
	}

	re, err := compileJS(text(pattern))
	if err != nil {
		return fmt.Errorf(`"look for": pattern %q: %w`, text(pattern), err)
	}
	s := text(in)
	pos := -1
	if loc := re.FindStringIndex(s); loc != nil {
		pos = utf16Index(s, loc[0])
	}
	c.set("output", export.NewInt(int64(pos)))
	return nil
}
