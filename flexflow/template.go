package flexflow

import "strings"

// PartKind says where a piece of a concatenated text comes from.
type PartKind int

// The kinds of parts.
const (
	// Literal is fixed text from the export.
	Literal PartKind = iota
	// Address is the user's address, from the event.
	Address
	// Value is another card's output, known only when the flow runs.
	Value
)

// Part is one piece of a text the flow builds.
type Part struct {
	Kind PartKind
	Text string // Literal: the text
	// Value: the card and output it comes from.
	CardID, Card, Output string
}

// Template is a text the flow builds at run time, such as the Get card's Query.
type Template []Part

// String renders the template with {address} and {CARD › OUTPUT} placeholders.
func (t Template) String() string {
	var b strings.Builder
	for _, p := range t {
		switch p.Kind {
		case Literal:
			b.WriteString(p.Text)
		case Address:
			b.WriteString("{address}")
		default:
			b.WriteString("{" + p.Card + " › " + p.Output + "}")
		}
	}
	return b.String()
}

// Literal returns the text and true when the template holds no placeholder.
func (t Template) Literal() (string, bool) {
	var b strings.Builder
	for _, p := range t {
		if p.Kind != Literal {
			return "", false
		}
		b.WriteString(p.Text)
	}
	return b.String(), true
}

// Count returns how many parts of kind k the template has.
func (t Template) Count(k PartKind) int {
	n := 0
	for _, p := range t {
		if p.Kind == k {
			n++
		}
	}
	return n
}

// merge joins adjacent literals, so that a template compares by meaning, not by how many
// Concatenate inputs made it.
func (t Template) merge() Template {
	var out Template
	for _, p := range t {
		if p.Kind == Literal {
			if p.Text == "" {
				continue
			}
			if n := len(out); n > 0 && out[n-1].Kind == Literal {
				out[n-1].Text += p.Text
				continue
			}
		}
		out = append(out, p)
	}
	return out
}
