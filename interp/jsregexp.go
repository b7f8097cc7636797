package interp

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Find Pattern takes a JavaScript regular expression (the source of `new RegExp(text)`, no
// flags). Go's regexp package (RE2) reads a different dialect, so jsRegexp translates the
// pattern first: where both dialects have a construct with the same meaning it is kept;
// where JavaScript means something else by the same text it is rewritten; what RE2 cannot
// do at all (backreferences, lookaround) is refused with an error saying so.
//
// Rewritten: `.` (JavaScript excludes \r, U+2028 and U+2029 too), \s and \S (JavaScript
// counts Unicode spaces), \uXXXX and surrogate pairs, \cX, \0 and legacy octal escapes,
// identity escapes such as \a, \z or \Q (letters RE2 gives a meaning), [] and [^], and
// every character class, whose members are written out so that [[:alpha:]] or [\d-z] mean
// what they mean in JavaScript. Refused: backreferences (\1, \k<name>), lookahead and
// lookbehind, inline modifiers (?i:...), \S inside a class, lone surrogates, quantifiers
// after ^ $ \b \B (an error in JavaScript), and characters outside the Basic Multilingual
// Plane in a class or before a quantifier (JavaScript splits them in two there).
//
// TODO(find-pattern): JavaScript without the u flag matches UTF-16 code units, so `.` or a
// class matches half of a character outside the Basic Multilingual Plane (an emoji); RE2
// matches whole characters. Positions are still counted in UTF-16 code units. Addresses
// hold no such characters, and emulating code units would need a matcher of our own.

// jsSpace is JavaScript's \s (WhiteSpace and LineTerminator), as members of a class.
const jsSpace = `\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}` +
	`\x{205f}\x{3000}\x{feff}`

// jsDot is JavaScript's `.` without the s flag: any character but a line terminator.
const jsDot = `[^\n\r\x{2028}\x{2029}]`

// compileJS translates a JavaScript pattern and compiles it with Go's regexp.
func compileJS(pattern string) (*regexp.Regexp, error) {
	src, err := translateJS(pattern)
	if err != nil {
		return nil, err
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, fmt.Errorf("Go's regexp cannot compile it (%v)", err)
	}
	return re, nil
}

// utf16Index is the position of byte offset i of s in UTF-16 code units, as JavaScript's
// String.prototype.search counts it.
func utf16Index(s string, i int) int {
	n := 0
	for _, r := range s[:i] {
		n += utf16.RuneLen(r)
	}
	return n
}

// jsTranslator holds the pattern being read.
type jsTranslator struct {
	src    []rune
	i      int
	out    strings.Builder
	groups int  // capturing groups, for telling \1 from an octal escape
	named  bool // whether the pattern has named groups, which make \k a backreference
	last   lastAtom
}

// lastAtom is what a quantifier would repeat.
type lastAtom int

const (
	otherAtom  lastAtom = iota
	assertion           // ^ $ \b \B: JavaScript refuses to repeat them
	astral              // a character outside the BMP: JavaScript repeats its second half
	quantifier          // a quantifier: a ? after it makes it lazy
)

// quantifierAt matches a {n}, {n,} or {n,m} quantifier; any other { is a literal.
var quantifierAt = regexp.MustCompile(`^\{[0-9]+(,[0-9]*)?\}`)

func translateJS(pattern string) (string, error) {
	if !utf8.ValidString(pattern) {
		return "", fmt.Errorf("the pattern is not valid UTF-8")
	}
	t := &jsTranslator{src: []rune(pattern)}
	t.countGroups()
	for t.i < len(t.src) {
		if err := t.atom(); err != nil {
			return "", err
		}
	}
	return t.out.String(), nil
}

// countGroups counts capturing groups outside classes: ( not followed by ?, or (?<name>.
func (t *jsTranslator) countGroups() {
	inClass := false
	for i := 0; i < len(t.src); i++ {
		switch c := t.src[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
		case c == '(':
			rest := string(t.src[i+1:])
			switch {
			case !strings.HasPrefix(rest, "?"):
				t.groups++
			case strings.HasPrefix(rest, "?<") && !strings.HasPrefix(rest, "?<=") &&
				!strings.HasPrefix(rest, "?<!"):
				t.groups++
				t.named = true
			}
		}
	}
}

func (t *jsTranslator) peek(n int) string {
	end := min(t.i+n, len(t.src))
	return string(t.src[t.i:end])
}

// atom translates one piece of the pattern outside a class.
func (t *jsTranslator) atom() error {
	c := t.src[t.i]
	if q := t.quantifier(); q != "" {
		switch t.last {
		case assertion:
			return fmt.Errorf("%q repeats ^, $, \\b or \\B: JavaScript has nothing to "+
				"repeat there", q)
		case astral:
			return fmt.Errorf("%q follows a character outside the Basic Multilingual "+
				"Plane, of which JavaScript (no u flag) repeats only the second half; "+
				"write (?:X)%s", q, q)
		}
		t.i += len([]rune(q))
		t.out.WriteString(q)
		t.last = quantifier
		if t.i < len(t.src) && t.src[t.i] == '?' { // lazy
			t.i++
			t.out.WriteByte('?')
		}
		return nil
	}

	t.last = otherAtom
	switch c {
	case '\\':
		return t.escape()
	case '[':
		return t.class()
	case '.':
		t.i++
		t.out.WriteString(jsDot)
		return nil
	case '(':
		return t.group()
	case '^', '$':
		t.last = assertion
	}
	if c > 0xffff {
		t.last = astral
	}
	t.i++
	t.out.WriteRune(c)
	return nil
}

// quantifier returns the quantifier at t.i, or "".
func (t *jsTranslator) quantifier() string {
	switch c := t.src[t.i]; c {
	case '*', '+', '?':
		return string(c)
	case '{':
		return quantifierAt.FindString(string(t.src[t.i:]))
	}
	return ""
}

// group checks the kind of group that starts at '('.
func (t *jsTranslator) group() error {
	rest := t.peek(4)[1:] // after the (
	switch {
	case !strings.HasPrefix(rest, "?"), strings.HasPrefix(rest, "?:"):
		t.i++
		t.out.WriteByte('(')
		return nil
	case strings.HasPrefix(rest, "?="), strings.HasPrefix(rest, "?!"):
		return fmt.Errorf("lookahead %q is not supported: Go's regexp (RE2) has no "+
			"lookaround", "("+rest[:2])
	case strings.HasPrefix(rest, "?<="), strings.HasPrefix(rest, "?<!"):
		return fmt.Errorf("lookbehind %q is not supported: Go's regexp (RE2) has no "+
			"lookaround", "("+rest[:3])
	case strings.HasPrefix(rest, "?<"):
		t.i += 3
		t.out.WriteString("(?P<")
		return nil
	}
	return fmt.Errorf("%q: JavaScript has no such group, or only with flags Find Pattern "+
		"does not take", "("+rest)
}

// escape translates a backslash escape outside a class.
func (t *jsTranslator) escape() error {
	if t.i+1 >= len(t.src) {
		return fmt.Errorf("the pattern ends with a lone backslash")
	}
	c := t.src[t.i+1]
	switch {
	case c == 's':
		t.i += 2
		t.out.WriteString("[" + jsSpace + "]")
		return nil
	case c == 'S':
		t.i += 2
		t.out.WriteString("[^" + jsSpace + "]")
		return nil
	case strings.ContainsRune("dDwWbB", c):
		t.i += 2
		t.out.WriteString(`\` + string(c))
		if c == 'b' || c == 'B' {
			t.last = assertion
		}
		return nil
	case c >= '1' && c <= '9':
		if n := t.decimal(); n <= t.groups {
			return fmt.Errorf("backreference \\%d is not supported: Go's regexp (RE2) has "+
				"no backreferences", n)
		}
	case c == 'k' && t.named:
		return fmt.Errorf("backreference \\k is not supported: Go's regexp (RE2) has no " +
			"backreferences")
	}
	r, err := t.charEscape(false)
	if err != nil {
		return err
	}
	if r > 0xffff {
		t.last = astral
	}
	t.out.WriteString(regexp.QuoteMeta(string(r)))
	return nil
}

// decimal reads the number after the backslash at t.i, without consuming it.
func (t *jsTranslator) decimal() int {
	j := t.i + 1
	for j < len(t.src) && t.src[j] >= '0' && t.src[j] <= '9' {
		j++
	}
	n, err := strconv.Atoi(string(t.src[t.i+1 : j]))
	if err != nil {
		return int(^uint(0) >> 1) // too many digits for a group number
	}
	return n
}

// charEscape consumes an escape that stands for one character and returns it:
// \f \n \r \t \v \0, legacy octal, \xHH, \uXXXX (a surrogate pair as one character), \cX,
// and identity escapes. inClass makes \b a backspace, as in JavaScript classes.
func (t *jsTranslator) charEscape(inClass bool) (rune, error) {
	c := t.src[t.i+1]
	t.i += 2
	switch c {
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'v':
		return '\v', nil
	case 'b':
		if inClass {
			return '\b', nil
		}
	case 'x':
		if n, ok := t.hex(2); ok {
			return rune(n), nil
		}
		return 'x', nil
	case 'u':
		return t.unicodeEscape()
	case 'c':
		if t.i < len(t.src) && isASCIILetter(t.src[t.i]) {
			t.i++
			return t.src[t.i-1] % 32, nil
		}
		// JavaScript reads a \c not followed by a letter as a backslash and a 'c'.
		t.i--
		return '\\', nil
	}
	if c >= '0' && c <= '7' {
		return t.octal(c), nil
	}
	return c, nil // an identity escape: \a is a, \- is -, \8 is 8
}

// octal reads a legacy octal escape whose first digit, d, is consumed: up to three digits,
// at most \377.
func (t *jsTranslator) octal(d rune) rune {
	n := d - '0'
	for k := 0; k < 2 && t.i < len(t.src); k++ {
		c := t.src[t.i]
		if c < '0' || c > '7' || n*8+(c-'0') > 0o377 {
			break
		}
		n = n*8 + (c - '0')
		t.i++
	}
	return n
}

func (t *jsTranslator) hex(digits int) (int, bool) {
	if t.i+digits > len(t.src) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(t.src[t.i:t.i+digits]), 16, 32)
	if err != nil {
		return 0, false
	}
	t.i += digits
	return int(n), true
}

// unicodeEscape reads what follows \u: four hex digits, joined with a following \uXXXX
// when they are a surrogate pair; a \u without them is the letter u.
func (t *jsTranslator) unicodeEscape() (rune, error) {
	if t.i < len(t.src) && t.src[t.i] == '{' {
		return 0, fmt.Errorf(`\u{...} is only an escape with the u flag, which Find ` +
			`Pattern does not take; write \uXXXX`)
	}
	n, ok := t.hex(4)
	if !ok {
		return 'u', nil
	}
	r := rune(n)
	if !utf16.IsSurrogate(r) {
		return r, nil
	}
	if r < 0xdc00 && t.peek(2) == `\u` {
		save := t.i
		t.i += 2
		if lo, ok := t.hex(4); ok && lo >= 0xdc00 && lo <= 0xdfff {
			return utf16.DecodeRune(r, rune(lo)), nil
		}
		t.i = save
	}
	return 0, fmt.Errorf(`lone surrogate \u%04X: Go's regexp matches whole characters`, n)
}

func isASCIILetter(c rune) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// classItem is one member of a character class: a character, or a class escape written as
// Go reads it (\d, a list of spaces).
type classItem struct {
	char  rune
	class string // "" for a character
}

// class translates a character class, writing every character as \x{...} so that nothing
// in it means something else to Go ([:alpha:], a range next to \d).
func (t *jsTranslator) class() error {
	start := t.i
	t.i++
	negated := t.i < len(t.src) && t.src[t.i] == '^'
	if negated {
		t.i++
	}

	var items []classItem
	for {
		if t.i >= len(t.src) {
			return fmt.Errorf("the class at %d has no closing ]", start)
		}
		c := t.src[t.i]
		if c == ']' {
			t.i++
			break
		}
		if c > 0xffff {
			return fmt.Errorf("%q inside [...]: JavaScript (no u flag) matches either half "+
				"of a character outside the Basic Multilingual Plane; write (?:X|...)", c)
		}
		if c != '\\' {
			t.i++
			items = append(items, classItem{char: c})
			continue
		}
		if t.i+1 >= len(t.src) {
			return fmt.Errorf("the pattern ends with a lone backslash")
		}
		switch e := t.src[t.i+1]; {
		case e == 's':
			t.i += 2
			items = append(items, classItem{class: jsSpace})
		case e == 'S':
			return fmt.Errorf(`\S inside [...] is not supported; write [^...] with \s`)
		case strings.ContainsRune("dDwW", e):
			t.i += 2
			items = append(items, classItem{class: `\` + string(e)})
		default:
			r, err := t.charEscape(true)
			if err != nil {
				return err
			}
			if r > 0xffff {
				return fmt.Errorf("%q inside [...]: JavaScript (no u flag) matches either "+
					"half of a character outside the Basic Multilingual Plane; write "+
					"(?:X|...)", r)
			}
			items = append(items, classItem{char: r})
		}
	}

	body, err := classBody(items)
	if err != nil {
		return err
	}
	switch {
	case body == "" && negated: // [^] matches any character
		t.out.WriteString(`[\x{0}-\x{10FFFF}]`)
	case body == "": // [] matches nothing
		t.out.WriteString(`[^\x{0}-\x{10FFFF}]`)
	case negated:
		t.out.WriteString("[^" + body + "]")
	default:
		t.out.WriteString("[" + body + "]")
	}
	return nil
}

// classBody writes the members of a class; a - between two characters is a range, any
// other - is itself, as in JavaScript.
func classBody(items []classItem) (string, error) {
	var b strings.Builder
	for k := 0; k < len(items); k++ {
		it := items[k]
		if it.class != "" {
			b.WriteString(it.class)
			continue
		}
		if k+2 < len(items) && items[k+1].class == "" && items[k+1].char == '-' &&
			items[k+2].class == "" {
			lo, hi := it.char, items[k+2].char
			if lo > hi {
				return "", fmt.Errorf("range %q-%q is out of order", lo, hi)
			}
			fmt.Fprintf(&b, `\x{%x}-\x{%x}`, lo, hi)
			k += 2
			continue
		}
		fmt.Fprintf(&b, `\x{%x}`, it.char)
	}
	return b.String(), nil
}
