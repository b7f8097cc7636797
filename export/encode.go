package export

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// Encode writes v as JSON the way JavaScript's JSON.stringify does: no HTML escaping and
// lower-case \u escapes. With indent it matches JSON.stringify(v, null, 2) so that a
// committed export diffs line by line; without, it is one line like Okta's own exports.
func Encode(w io.Writer, v *Value, indent bool) error {
	var buf bytes.Buffer
	e := encoder{buf: &buf, indent: indent}
	e.value(v, 0)
	if indent {
		buf.WriteByte('\n')
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Marshal returns the encoding of v, as Encode writes it.
func Marshal(v *Value, indent bool) []byte {
	var buf bytes.Buffer
	e := encoder{buf: &buf, indent: indent}
	e.value(v, 0)
	if indent {
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

type encoder struct {
	buf    *bytes.Buffer
	indent bool
}

func (e *encoder) newline(depth int) {
	if !e.indent {
		return
	}
	e.buf.WriteByte('\n')
	for range depth {
		e.buf.WriteString("  ")
	}
}

func (e *encoder) value(v *Value, depth int) {
	if v == nil {
		e.buf.WriteString("null")
		return
	}
	switch v.Kind {
	case Null:
		e.buf.WriteString("null")
	case Bool:
		if v.Bool {
			e.buf.WriteString("true")
		} else {
			e.buf.WriteString("false")
		}
	case Number:
		e.buf.WriteString(v.Text)
	case String:
		e.str(v.Text)
	case Array:
		if len(v.Items) == 0 {
			e.buf.WriteString("[]")
			return
		}
		e.buf.WriteByte('[')
		for i, it := range v.Items {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			e.newline(depth + 1)
			e.value(it, depth+1)
		}
		e.newline(depth)
		e.buf.WriteByte(']')
	case Object:
		if len(v.Members) == 0 {
			e.buf.WriteString("{}")
			return
		}
		e.buf.WriteByte('{')
		for i, m := range v.Members {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			e.newline(depth + 1)
			e.str(m.Key)
			e.buf.WriteByte(':')
			if e.indent {
				e.buf.WriteByte(' ')
			}
			e.value(m.Value, depth+1)
		}
		e.newline(depth)
		e.buf.WriteByte('}')
	}
}

const hexDigits = "0123456789abcdef"

func (e *encoder) str(s string) {
	b := e.buf
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b.WriteString(s[start:i])
				b.WriteString(`\ufffd`)
				i += size
				start = i
				continue
			}
			i += size
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xf])
		}
		i++
		start = i
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
