package expression

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// SyntaxError is an expression TaskRouter would reject, with the byte offset of the problem.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg)
}

type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokIdent
	tokString
	tokNumber
	tokOp    // == = != < <= > >= && ||
	tokPunct // ( ) [ ] ,
)

type token struct {
	kind   tokenKind
	text   string // identifier or operator text; a string's content without quotes
	offset int
}

// maxLength bounds the input so that a hostile expression cannot make the parser work long.
const maxLength = 64 << 10

func lex(src string) ([]token, error) {
	if len(src) > maxLength {
		return nil, &SyntaxError{maxLength, "expression longer than 64 KiB"}
	}
	if !utf8.ValidString(src) {
		return nil, &SyntaxError{invalidUTF8(src), "expression is not valid UTF-8"}
	}

	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c < 0x20 || c == 0x7f:
			return nil, &SyntaxError{i, fmt.Sprintf("control character %q", c)}
		case c == '"' || c == '\'':
			end := strings.IndexByte(src[i+1:], c)
			if end < 0 {
				return nil, &SyntaxError{i, "string literal is not closed"}
			}
			s := src[i+1 : i+1+end]
			if j := strings.IndexFunc(s, isControl); j >= 0 {
				return nil, &SyntaxError{i + 1 + j, "control character in string literal"}
			}
			toks = append(toks, token{tokString, s, i})
			i += end + 2
		case strings.ContainsRune("()[],", rune(c)):
			toks = append(toks, token{tokPunct, string(c), i})
			i++
		case strings.ContainsRune("=!<>&|", rune(c)):
			n, err := lexOperator(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{tokOp, src[i : i+n], i})
			i += n
		case c == '-' || isDigit(c):
			n := lexNumber(src[i:])
			if n == 0 {
				return nil, &SyntaxError{i, "'-' is not followed by a number"}
			}
			toks = append(toks, token{tokNumber, src[i : i+n], i})
			i += n
		case isIdentStart(c):
			n := lexIdent(src[i:])
			toks = append(toks, token{tokIdent, src[i : i+n], i})
			i += n
		default:
			r, _ := utf8.DecodeRuneInString(src[i:])
			return nil, &SyntaxError{i, fmt.Sprintf("unexpected character %q", r)}
		}
	}
	return append(toks, token{tokEOF, "", len(src)}), nil
}

func lexOperator(src string, i int) (int, error) {
	two := ""
	if i+1 < len(src) {
		two = src[i : i+2]
	}
	switch two {
	case "==", "!=", "<=", ">=", "&&", "||":
		return 2, nil
	}
	switch src[i] {
	case '=', '<', '>':
		return 1, nil
	}
	return 0, &SyntaxError{i, fmt.Sprintf("unknown operator %q", src[i:i+1])}
}

// lexNumber returns the length of the number at the start of s: -?digits(.digits)?, or 0.
func lexNumber(s string) int {
	i := 0
	if s[0] == '-' {
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == start {
		return 0
	}
	if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	return i
}

// lexIdent returns the length of the attribute path at the start of s: names joined by dots.
func lexIdent(s string) int {
	i := 0
	for i < len(s) && (isIdentStart(s[i]) || isDigit(s[i])) {
		i++
	}
	for i+1 < len(s) && s[i] == '.' && (isIdentStart(s[i+1]) || isDigit(s[i+1])) {
		i++
		for i < len(s) && (isIdentStart(s[i]) || isDigit(s[i])) {
			i++
		}
	}
	return i
}

func isDigit(c byte) bool      { return '0' <= c && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isControl(r rune) bool    { return r < 0x20 || r == 0x7f }

func invalidUTF8(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(s)
}
