package expression

import (
	"slices"
	"strings"
)

// Lookup returns the value at an attribute path such as "email" or "routing.skills", as
// encoding/json decodes it (string, float64, bool, []any, map[string]any), and whether the
// path exists.
type Lookup func(path string) (any, bool)

// Attributes returns a Lookup over decoded worker attributes; dots in a path descend into
// nested objects.
func Attributes(attrs map[string]any) Lookup {
	return func(path string) (any, bool) {
		var v any = attrs
		for _, key := range strings.Split(path, ".") {
			m, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			if v, ok = m[key]; !ok {
				return nil, false
			}
		}
		return v, true
	}
}

// Match reports whether the expression holds for the values that lookup gives.
func Match(e Expr, lookup Lookup) bool { return e.eval(lookup) }

func (l *Logical) eval(lookup Lookup) bool {
	if l.Op == "AND" {
		return l.Left.eval(lookup) && l.Right.eval(lookup)
	}
	return l.Left.eval(lookup) || l.Right.eval(lookup)
}

func (c *Comparison) eval(lookup Lookup) bool {
	left, ok := c.Left.value(lookup)
	if !ok {
		return false
	}
	right, ok := c.Right.value(lookup)
	if !ok {
		return false
	}

	switch c.Op {
	case "==":
		return equal(left, right)
	case "!=":
		return !equal(left, right)
	case "<", "<=", ">", ">=":
		return order(c.Op, left, right)
	case "IN":
		return in(left, right)
	case "NOT IN":
		return !in(left, right)
	default: // CONTAINS, HAS
		return contains(left, right)
	}
}

func (o Operand) value(lookup Lookup) (any, bool) {
	if o.Path == "" {
		return o.Literal, true
	}
	return lookup(o.Path)
}

func equal(a, b any) bool {
	switch a := a.(type) {
	case string, float64, bool:
		return a == b
	}
	return false
}

func order(op string, a, b any) bool {
	x, ok1 := a.(float64)
	y, ok2 := b.(float64)
	if !ok1 || !ok2 {
		return false
	}
	switch op {
	case "<":
		return x < y
	case "<=":
		return x <= y
	case ">":
		return x > y
	}
	return x >= y
}

// in reports whether a (or, when a is a list, any of its items) is an item of list b.
func in(a, b any) bool {
	list, ok := b.([]any)
	if !ok {
		return false
	}
	if items, ok := a.([]any); ok {
		return slices.ContainsFunc(items, func(x any) bool { return in(x, list) })
	}
	return slices.ContainsFunc(list, func(x any) bool { return equal(a, x) })
}

// contains reports whether list a has item b, or string a has substring b.
func contains(a, b any) bool {
	switch a := a.(type) {
	case []any:
		return slices.ContainsFunc(a, func(x any) bool { return equal(x, b) })
	case string:
		s, ok := b.(string)
		return ok && strings.Contains(a, s)
	}
	return false
}
