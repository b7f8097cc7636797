package interp

import (
	"fmt"
	"math"
	"strings"

	"github.com/flopack/flopack/export"
)

// operators are Return Error If's comparisons, by value (FLOPACK-FORMAT.md section 8); the
// card's labels are in parentheses.
var operators = []string{
	"==", "!=", ">=", "<=", ">", "<", "%", "in", "not in", "has", "doesn't have",
	"is empty", "is not empty",
}

// holds evaluates `left operator right`.
//
//   - == and != compare numbers (or text holding numbers) by value, text by content,
//     objects and lists by their JSON; null equals only null and "".
//   - >, <, >=, <= compare numbers by value, otherwise text by its bytes (ISO-8601 times
//     sort correctly so).
//   - % ("a multiple of") is true when left is a whole multiple of right.
//   - in: left is an item of the list right, a key of the object right, or a part of the
//     text right. has ("has key"): right is a key of the object left, an item of the list
//     left, or a part of the text left. not in and doesn't have negate them.
//   - is empty: left is null, "", [] or {}; right is not read.
func holds(left *export.Value, operator string, right *export.Value) (bool, error) {
	switch operator {
	case "==":
		return equal(left, right), nil
	case "!=":
		return !equal(left, right), nil
	case ">", "<", ">=", "<=":
		return order(left, operator, right)
	case "%":
		l, ok1 := number(left)
		r, ok2 := number(right)
		if !ok1 || !ok2 || r == 0 {
			return false, fmt.Errorf("%% needs two numbers, the right one not 0; got %s and %s",
				describe(left), describe(right))
		}
		return math.Mod(l, r) == 0, nil
	case "in":
		return contains(right, left), nil
	case "not in":
		return !contains(right, left), nil
	case "has":
		return contains(left, right), nil
	case "doesn't have":
		return !contains(left, right), nil
	case "is empty":
		return isEmpty(left), nil
	case "is not empty":
		return !isEmpty(left), nil
	}
	return false, fmt.Errorf("unknown comparison %q; use one of %s", operator,
		strings.Join(operators, ", "))
}

func equal(a, b *export.Value) bool {
	if a.IsNull() || b.IsNull() {
		return text(a) == "" && text(b) == "" && (a.IsNull() || a.Kind == export.String) &&
			(b.IsNull() || b.Kind == export.String)
	}
	if x, ok := number(a); ok {
		if y, ok := number(b); ok {
			return x == y
		}
	}
	if scalar(a) && scalar(b) {
		return text(a) == text(b)
	}
	return export.Equal(a, b)
}

func order(a *export.Value, op string, b *export.Value) (bool, error) {
	var c int
	x, ok1 := number(a)
	y, ok2 := number(b)
	switch {
	case ok1 && ok2:
		c = cmpFloat(x, y)
	case a != nil && b != nil && a.Kind == export.String && b.Kind == export.String:
		c = strings.Compare(a.Text, b.Text)
	default:
		return false, fmt.Errorf("%s needs two numbers or two texts; got %s and %s", op,
			describe(a), describe(b))
	}
	switch op {
	case ">":
		return c > 0, nil
	case "<":
		return c < 0, nil
	case ">=":
		return c >= 0, nil
	}
	return c <= 0, nil
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// contains reports whether whole holds part: as a list item, an object key or a piece of
// text.
func contains(whole, part *export.Value) bool {
	switch {
	case whole.IsNull():
		return false
	case whole.Kind == export.Array:
		for _, it := range whole.Items {
			if equal(it, part) {
				return true
			}
		}
		return false
	case whole.Kind == export.Object:
		return whole.Has(text(part))
	}
	return strings.Contains(text(whole), text(part))
}

func scalar(v *export.Value) bool {
	return v != nil && v.Kind != export.Array && v.Kind != export.Object
}

// describe names a value's kind for an error message, with a short value.
func describe(v *export.Value) string {
	if v.IsNull() {
		return "null"
	}
	return fmt.Sprintf("%s %s", v.Kind, clip(string(export.Marshal(v, false)), 40))
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
