package expression

import (
	"strings"
	"unicode/utf8"
)

// Unsafe says why value cannot be carried inside a string literal delimited by quote (the
// flow's `attr=="VALUE"`), or returns "" when it can.
//
// A quote character would end the literal and let the rest of the value change the
// expression. Twilio documents no escape sequence, so a backslash may or may not escape
// what follows. Control characters and invalid UTF-8 are rejected outright by this
// package's parser, and there is no reason to expect TaskRouter to be kinder.
func Unsafe(value string, quote byte) string {
	switch {
	case !utf8.ValidString(value):
		return "is not valid UTF-8"
	case strings.IndexByte(value, quote) >= 0:
		return "holds the quote character " + string(quote) + " that ends the literal"
	case strings.IndexByte(value, '\\') >= 0:
		return "holds a backslash, whose meaning inside a literal Twilio does not document"
	case strings.IndexFunc(value, isControl) >= 0:
		return "holds a control character"
	}

	// Belt and braces: the value must come back whole from a parse of the literal.
	e, err := Parse("x==" + string(quote) + value + string(quote))
	if err != nil {
		return "makes the expression unparseable: " + err.Error()
	}
	if c, ok := e.(*Comparison); !ok || c.Right.Literal != value {
		return "does not survive a round trip through the expression"
	}
	return ""
}
