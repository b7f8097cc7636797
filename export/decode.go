package export

import (
	"fmt"
	"strconv"
	"strings"
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
func Decode(data []byte) (*Value, error) {
	d := decoder{s: string(data)}
	d.skipSpace()
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.i < len(d.s) {
		return nil, d.errorf("unexpected %s after the top-level value", d.describe())
	}
	return v, nil
}

type decoder struct {
	s string
	i int
}

func (d *decoder) errorf(format string, args ...any) *SyntaxError {
	return &SyntaxError{Offset: d.i, Msg: fmt.Sprintf(format, args...)}
}

// describe names the byte at the cursor for an error message.
func (d *decoder) describe() string {
	if d.i >= len(d.s) {
		return "end of input"
	}
	return strconv.QuoteRuneToASCII(rune(d.s[d.i]))
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
		return &Value{Kind: String, Text: s, Offset: start}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	case strings.HasPrefix(d.s[d.i:], "true"):
		d.i += 4
		return &Value{Kind: Bool, Bool: true, Offset: start}, nil
	case strings.HasPrefix(d.s[d.i:], "false"):
		d.i += 5
		return &Value{Kind: Bool, Offset: start}, nil
	case strings.HasPrefix(d.s[d.i:], "null"):
		d.i += 4
		return &Value{Kind: Null, Offset: start}, nil
	default:
		return nil, d.errorf("unexpected %s where a value should start", d.describe())
	}
}

func (d *decoder) object(depth int) (*Value, error) {
	if depth > MaxDepth {
		return nil, d.errorf("nesting deeper than %d levels", MaxDepth)
	}
	v := &Value{Kind: Object, Offset: d.i}
	d.i++
	d.skipSpace()
	if d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		v.Members = []Member{}
		return v, nil
	}
	for {
		d.skipSpace()
		if d.i >= len(d.s) || d.s[d.i] != '"' {
			return nil, d.errorf("unexpected %s where an object key should start", d.describe())
		}
		keyOffset := d.i
		key, err := d.str()
		if err != nil {
			return nil, err
		}
		d.skipSpace()
		if d.i >= len(d.s) || d.s[d.i] != ':' {
			return nil, d.errorf("unexpected %s after object key %q", d.describe(), key)
		}
		d.i++
		d.skipSpace()
		val, err := d.value(depth)
		if err != nil {
			return nil, err
		}
		v.Members = append(v.Members, Member{Key: key, KeyOffset: keyOffset, Value: val})
		d.skipSpace()
		if d.i >= len(d.s) {
			return nil, d.errorf("unexpected end of input in an object (the file may be truncated)")
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			return v, nil
		default:
			return nil, d.errorf("unexpected %s in an object", d.describe())
		}
	}
}

func (d *decoder) array(depth int) (*Value, error) {
	if depth > MaxDepth {
		return nil, d.errorf("nesting deeper than %d levels", MaxDepth)
	}
	v := &Value{Kind: Array, Offset: d.i}
	d.i++
	d.skipSpace()
	if d.i < len(d.s) && d.s[d.i] == ']' {
		d.i++
		v.Items = []*Value{}
		return v, nil
	}
	for {
		d.skipSpace()
		item, err := d.value(depth)
		if err != nil {
			return nil, err
		}
		v.Items = append(v.Items, item)
		d.skipSpace()
		if d.i >= len(d.s) {
			return nil, d.errorf("unexpected end of input in an array (the file may be truncated)")
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case ']':
			d.i++
			return v, nil
		default:
			return nil, d.errorf("unexpected %s in an array", d.describe())
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
	return &Value{Kind: Number, Text: d.s[start:d.i], Offset: start}, nil
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
				return "", d.errorf("invalid UTF-8 in a string")
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
				return "", d.errorf("invalid UTF-8 in a string")
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
