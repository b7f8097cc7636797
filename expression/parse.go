package expression

import (
	"fmt"
	"strconv"
	"strings"
)

// Expr is a parsed expression: a *Logical or a *Comparison.
type Expr interface {
	eval(Lookup) bool
}

// Logical joins two expressions with "AND" or "OR".
type Logical struct {
	Op          string // "AND" or "OR"
	Left, Right Expr
}

// Comparison compares two operands. Op is one of ==, !=, <, <=, >, >=, IN, NOT IN,
// CONTAINS, HAS; "=" is read as "==", as TaskRouter does.
type Comparison struct {
	Left  Operand
	Op    string
	Right Operand
}

// Operand is an attribute path (Path != "") or a literal: string, float64, bool or []any.
type Operand struct {
	Path    string
	Literal any
}

// maxDepth bounds nested parentheses so that a hostile expression cannot exhaust the stack.
const maxDepth = 64

// Parse parses a target-workers expression. The error is a *SyntaxError.
func Parse(src string) (Expr, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}

	p := &parser{toks: toks}
	e, err := p.or(0)
	if err != nil {
		return nil, err
	}

	if t := p.peek(); t.kind != tokEOF {
		return nil, p.errorf(t, "unexpected %s after the expression", describe(t))
	}
	return e, nil
}

type parser struct {
	toks []token
	pos  int
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

func (p *parser) errorf(t token, format string, args ...any) error {
	return &SyntaxError{Offset: t.offset, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) or(depth int) (Expr, error) {
	left, err := p.and(depth)
	for err == nil && p.isLogical("OR", "||") {
		p.next()
		var right Expr
		right, err = p.and(depth)
		left = &Logical{Op: "OR", Left: left, Right: right}
	}
	return left, err
}

func (p *parser) and(depth int) (Expr, error) {
	left, err := p.primary(depth)
	for err == nil && p.isLogical("AND", "&&") {
		p.next()
		var right Expr
		right, err = p.primary(depth)
		left = &Logical{Op: "AND", Left: left, Right: right}
	}
	return left, err
}

func (p *parser) isLogical(word, symbol string) bool {
	t := p.peek()
	return t.kind == tokOp && t.text == symbol || t.kind == tokIdent && isKeyword(t, word)
}

func (p *parser) primary(depth int) (Expr, error) {
	t := p.peek()
	if t.kind != tokPunct || t.text != "(" {
		return p.comparison()
	}
	if depth >= maxDepth {
		return nil, p.errorf(t, "parentheses nested deeper than %d", maxDepth)
	}

	p.next()
	e, err := p.or(depth + 1)
	if err != nil {
		return nil, err
	}

	if c := p.next(); c.kind != tokPunct || c.text != ")" {
		return nil, p.errorf(c, "expected ')', found %s", describe(c))
	}
	return e, nil
}

func (p *parser) comparison() (Expr, error) {
	left, err := p.operand()
	if err != nil {
		return nil, err
	}

	op, err := p.operator()
	if err != nil {
		return nil, err
	}

	right, err := p.operand()
	if err != nil {
		return nil, err
	}
	return &Comparison{Left: left, Op: op, Right: right}, nil
}

func (p *parser) operator() (string, error) {
	t := p.next()
	switch {
	case t.kind == tokOp && (t.text == "=" || t.text == "=="):
		return "==", nil
	case t.kind == tokOp && t.text != "&&" && t.text != "||":
		return t.text, nil
	case t.kind == tokIdent && (isKeyword(t, "IN") || isKeyword(t, "CONTAINS") ||
		isKeyword(t, "HAS")):
		return strings.ToUpper(t.text), nil
	case t.kind == tokIdent && isKeyword(t, "NOT"):
		if in := p.next(); in.kind != tokIdent || !isKeyword(in, "IN") {
			return "", p.errorf(in, "expected IN after NOT, found %s", describe(in))
		}
		return "NOT IN", nil
	}
	return "", p.errorf(t, "expected a comparison operator, found %s", describe(t))
}

func (p *parser) operand() (Operand, error) {
	t := p.next()
	switch t.kind {
	case tokString:
		return Operand{Literal: t.text}, nil
	case tokNumber:
		f, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return Operand{}, p.errorf(t, "bad number %q", t.text)
		}
		return Operand{Literal: f}, nil
	case tokIdent:
		switch {
		case isKeyword(t, "true"):
			return Operand{Literal: true}, nil
		case isKeyword(t, "false"):
			return Operand{Literal: false}, nil
		case isReserved(t):
			return Operand{}, p.errorf(t, "expected an attribute or a value, found %s", describe(t))
		}
		return Operand{Path: t.text}, nil
	case tokPunct:
		if t.text == "[" {
			return p.list()
		}
	}
	return Operand{}, p.errorf(t, "expected an attribute or a value, found %s", describe(t))
}

func (p *parser) list() (Operand, error) {
	items := []any{}
	if t := p.peek(); t.kind == tokPunct && t.text == "]" {
		p.next()
		return Operand{Literal: items}, nil
	}
	for {
		// Refuse a nested list before descending into it, so that "[[[[..." costs no stack.
		if t := p.peek(); t.kind == tokPunct && t.text == "[" {
			return Operand{}, p.errorf(t, "lists do not nest")
		}
		item, err := p.operand()
		if err != nil {
			return Operand{}, err
		}
		if item.Path != "" {
			return Operand{}, &SyntaxError{p.toks[p.pos-1].offset, "a list holds values only"}
		}
		items = append(items, item.Literal)

		t := p.next()
		if t.kind == tokPunct && t.text == "]" {
			return Operand{Literal: items}, nil
		}
		if t.kind != tokPunct || t.text != "," {
			return Operand{}, p.errorf(t, "expected ',' or ']' in a list, found %s", describe(t))
		}
	}
}

func isKeyword(t token, word string) bool { return strings.EqualFold(t.text, word) }

func isReserved(t token) bool {
	for _, w := range []string{"AND", "OR", "IN", "NOT", "CONTAINS", "HAS"} {
		if isKeyword(t, w) {
			return true
		}
	}
	return false
}

func describe(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of expression"
	case tokString:
		return strconv.Quote(t.text)
	}
	return "'" + t.text + "'"
}
