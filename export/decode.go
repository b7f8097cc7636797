package export

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth bounds how deeply arrays and objects may nest. Real exports nest about 40
// levels (a flow embedded in a For Each card embedded in a flow); the bound keeps a
// hostile file from exhausting the stack.
const MaxDepth = 512

// SyntaxError reports JSON that cannot be read, at a byte offset of the input.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg)
}

// Decode parses one JSON document. Objects keep their key order and every value records its
// byte offset. Invalid UTF-8, nesting deeper than MaxDepth and trailing data are errors.
//
// A leading byte order mark is an error, not skipped: Okta's exports never start with one,
// JSON forbids writing one (RFC 8259 section 8.1), Node's JSON.parse rejects it, and
// skipping it would make every offset disagree with a re-encoded file. The message says
// how to fix the file instead.
func Decode(data []byte) (*Value, error) {
	d := decoder{s: string(data)}
	if err := d.byteOrderMark(); err != nil {
		return nil, err
	}
	d.skipSpace()
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.i < len(d.s) {
		return nil, d.unexpected("after the top-level value")
	}
	return v, nil
}

type decoder struct {
	s string
	i int

	// Values come from slabs, and members and items gather on stacks before being copied
	// into slices of their exact size: a real export has hundreds of thousands of values,
	// and one allocation each would cost more than the parsing.
	slab   []Value
	mstack []Member
	istack []*Value
}

// alloc returns a pointer to a fresh Value holding v.
func (d *decoder) alloc(v Value) *Value {
	if len(d.slab) == 0 {
		d.slab = make([]Value, 512)
	}
	p := &d.slab[0]
	d.slab = d.slab[1:]
	*p = v
	return p
}

func (d *decoder) errorf(format string, args ...any) *SyntaxError {
	return &SyntaxError{Offset: d.i, Msg: fmt.Sprintf(format, args...)}
}

// byteOrderMark reports a byte order mark at the start of the input: UTF-8's, which an
// editor may add on saving, or UTF-16's, which Windows PowerShell 5 writes for `>`. A UTF-16
// mark counts only when the JSON after it is UTF-16 (its first character's other byte is
// zero); other bytes FF FE are reported as bytes that are not UTF-8.
func (d *decoder) byteOrderMark() *SyntaxError {
	s := d.s
	switch {
	case strings.HasPrefix(s, "\xEF\xBB\xBF"):
		return d.errorf("the file starts with a byte order mark (U+FEFF, bytes EF BB BF); " +
			"JSON exports have none: save it as UTF-8 without a BOM")
	case len(s) >= 4 && (s[:2] == "\xFF\xFE" && s[3] == 0 || s[:2] == "\xFE\xFF" && s[2] == 0):
		return d.errorf("the file is UTF-16 (it starts with the byte order mark %X %X); "+
			"exports are UTF-8: save it as UTF-8 without a BOM", s[0], s[1])
	}
	return nil
}

// unexpected reports the text at the cursor, which cannot go where it is. A byte that is not
// UTF-8 gets a message of its own: quoting it as a character would name a character that is
// not in the file.
func (d *decoder) unexpected(format string, args ...any) *SyntaxError {
	if d.i < len(d.s) && !validRuneStart(d.s[d.i:]) {
		return d.notUTF8()
	}
	return d.errorf("unexpected %s %s", d.describe(), fmt.Sprintf(format, args...))
}

// validRuneStart reports whether s starts with a valid UTF-8 encoding.
func validRuneStart(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return r != utf8.RuneError || size != 1
}

// notUTF8 reports the byte at the cursor, which does not start a valid UTF-8 sequence.
func (d *decoder) notUTF8() *SyntaxError {
	return d.errorf("byte 0x%02X is not UTF-8 text; exports are UTF-8 (was the file saved "+
		"in another encoding?)", d.s[d.i])
}

// describe names the character at the cursor for an error message: quoted when printable,
// by its code point otherwise.
func (d *decoder) describe() string {
	if d.i >= len(d.s) {
		return "end of input"
	}
	r, _ := utf8.DecodeRuneInString(d.s[d.i:])
	switch {
	case r == '\uFEFF':
		return "byte order mark (U+FEFF)"
	case unicode.IsPrint(r):
		return strconv.QuoteRune(r)
	default:
		return fmt.Sprintf("character %U", r)
	}
}

func (d *decoder) skipSpace() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *decoder) value(depth int) (*Value, error) {
	if d.i >= len(d.s) {
		return nil, d.errorf("unexpected end of input (the file may be truncated)")
	}
	start := d.i
	switch c := d.s[d.i]; {
	case c == '{':
		return d.object(depth + 1)
	case c == '[':
		return d.array(depth + 1)
	case c == '"':
		s, err := d.str()
		if err != nil {
			return nil, err
		}
		return d.alloc(Value{Kind: String, Text: s, Offset: start}), nil
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	case strings.HasPrefix(d.s[d.i:], "true"):
		d.i += 4
		return d.alloc(Value{Kind: Bool, Bool: true, Offset: start}), nil
	case strings.HasPrefix(d.s[d.i:], "false"):
		d.i += 5
		return d.alloc(Value{Kind: Bool, Offset: start}), nil
	case strings.HasPrefix(d.s[d.i:], "null"):
		d.i += 4
		return d.alloc(Value{Kind: Null, Offset: start}), nil
	default:
		return nil, d.unexpected("where a value should start")
	}
}

func (d *decoder) object(depth int) (*Value, error) {
	if depth > MaxDepth {
		return nil, d.errorf("nesting deeper than %d levels", MaxDepth)
	}
	v := d.alloc(Value{Kind: Object, Offset: d.i})
	d.i++
	d.skipSpace()
	if d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		v.Members = []Member{}
		return v, nil
	}
	base := len(d.mstack)
	defer func() { d.mstack = d.mstack[:base] }()
	for {
		d.skipSpace()
		if d.i >= len(d.s) || d.s[d.i] != '"' {
			return nil, d.unexpected("where an object key should start")
		}
		keyOffset := d.i
		key, err := d.str()
		if err != nil {
			return nil, err
		}
		d.skipSpace()
		if d.i >= len(d.s) || d.s[d.i] != ':' {
			return nil, d.unexpected("after object key %q", key)
		}
		d.i++
		d.skipSpace()
		val, err := d.value(depth)
		if err != nil {
			return nil, err
		}
		d.mstack = append(d.mstack, Member{Key: key, KeyOffset: keyOffset, Value: val})
		d.skipSpace()
		if d.i >= len(d.s) {
			return nil, d.errorf("unexpected end of input in an object (the file may be truncated)")
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			v.Members = append(make([]Member, 0, len(d.mstack)-base), d.mstack[base:]...)
			return v, nil
		default:
			return nil, d.unexpected("in an object")
		}
	}
}

func (d *decoder) array(depth int) (*Value, error) {
	if depth > MaxDepth {
		return nil, d.errorf("nesting deeper than %d levels", MaxDepth)
	}
	v := d.alloc(Value{Kind: Array, Offset: d.i})
	d.i++
	d.skipSpace()
	if d.i < len(d.s) && d.s[d.i] == ']' {
		d.i++
		v.Items = []*Value{}
		return v, nil
	}
	base := len(d.istack)
	defer func() { d.istack = d.istack[:base] }()
	for {
		d.skipSpace()
		item, err := d.value(depth)
		if err != nil {
			return nil, err
		}
		d.istack = append(d.istack, item)
		d.skipSpace()
		if d.i >= len(d.s) {
			return nil, d.errorf("unexpected end of input in an array (the file may be truncated)")
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case ']':
			d.i++
			v.Items = append(make([]*Value, 0, len(d.istack)-base), d.istack[base:]...)
			return v, nil
		default:
			return nil, d.unexpected("in an array")
		}
	}
}

func (d *decoder) number() (*Value, error) {
	start := d.i
	if d.s[d.i] == '-' {
		d.i++
	}
	switch {
	case d.i < len(d.s) && d.s[d.i] == '0':
		d.i++
	case d.i < len(d.s) && d.s[d.i] >= '1' && d.s[d.i] <= '9':
		d.digits()
	default:
		return nil, d.errorf("malformed number")
	}
	if d.i < len(d.s) && d.s[d.i] == '.' {
		d.i++
		if d.digits() == 0 {
			return nil, d.errorf("malformed number: no digits after the decimal point")
		}
	}
	if d.i < len(d.s) && (d.s[d.i] == 'e' || d.s[d.i] == 'E') {
		d.i++
		if d.i < len(d.s) && (d.s[d.i] == '+' || d.s[d.i] == '-') {
			d.i++
		}
		if d.digits() == 0 {
			return nil, d.errorf("malformed number: no digits in the exponent")
		}
	}
	return d.alloc(Value{Kind: Number, Text: d.s[start:d.i], Offset: start}), nil
}

func (d *decoder) digits() int {
	n := 0
	for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
		d.i++
		n++
	}
	return n
}

// str reads a string literal at the cursor. Strings without escapes share the input's memory.
func (d *decoder) str() (string, error) {
	d.i++ // opening quote
	start := d.i
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			s := d.s[start:d.i]
			d.i++
			return s, nil
		case c == '\\':
			return d.escapedStr(start)
		case c < 0x20:
			return "", d.errorf("control character %U in a string", c)
		case c < utf8.RuneSelf:
			d.i++
		default:
			r, size := utf8.DecodeRuneInString(d.s[d.i:])
			if r == utf8.RuneError && size == 1 {
				return "", d.notUTF8()
			}
			d.i += size
		}
	}
	return "", d.errorf("unterminated string (the file may be truncated)")
}

func (d *decoder) escapedStr(start int) (string, error) {
	var b strings.Builder
	b.WriteString(d.s[start:d.i])
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return b.String(), nil
		case c == '\\':
			if err := d.escape(&b); err != nil {
				return "", err
			}
		case c < 0x20:
			return "", d.errorf("control character %U in a string", c)
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			d.i++
		default:
			r, size := utf8.DecodeRuneInString(d.s[d.i:])
			if r == utf8.RuneError && size == 1 {
				return "", d.notUTF8()
			}
			b.WriteString(d.s[d.i : d.i+size])
			d.i += size
		}
	}
	return "", d.errorf("unterminated string (the file may be truncated)")
}

func (d *decoder) escape(b *strings.Builder) error {
	if d.i+1 >= len(d.s) {
		return d.errorf("unterminated escape (the file may be truncated)")
	}
	c := d.s[d.i+1]
	d.i += 2
	switch c {
	case '"', '\\', '/':
		b.WriteByte(c)
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		r, err := d.hex4()
		if err != nil {
			return err
		}
		if utf16.IsSurrogate(r) {
			// A pair is two escapes; a lone surrogate cannot be UTF-8, so it becomes U+FFFD
			// as in Go's encoding/json.
			if strings.HasPrefix(d.s[d.i:], `\u`) {
				save := d.i
				d.i += 2
				r2, err := d.hex4()
				if err == nil {
					if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
						b.WriteRune(pair)
						return nil
					}
				}
				d.i = save
			}
			r = utf8.RuneError
		}
		b.WriteRune(r)
	default:
		d.i -= 2
		return d.errorf("invalid escape \\%c in a string", c)
	}
	return nil
}

func (d *decoder) hex4() (rune, error) {
	if d.i+4 > len(d.s) {
		return 0, d.errorf("truncated \\u escape")
	}
	n, err := strconv.ParseUint(d.s[d.i:d.i+4], 16, 32)
	if err != nil {
		return 0, d.errorf("invalid \\u escape %q", d.s[d.i:d.i+4])
	}
	d.i += 4
	return rune(n), nil
}

// Position converts a byte offset of data into a 1-based line and column (in bytes).
func Position(data []byte, offset int) (line, col int) {
	if offset < 0 {
		return 0, 0
	}
	if offset > len(data) {
		offset = len(data)
	}
	line, lineStart := 1, 0
	for i := 0; i < offset; i++ {
		if data[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, offset - lineStart + 1
}
