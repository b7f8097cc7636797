package interp

import (
	"strconv"
	"strings"

	"github.com/flopack/flopack/export"
)

// text renders a value as a card that takes text reads it: null is "", numbers keep their
// literal text, objects and lists are JSON.
func text(v *export.Value) string {
	switch {
	case v.IsNull():
		return ""
	case v.Kind == export.String, v.Kind == export.Number:
		return v.Text
	case v.Kind == export.Bool:
		return strconv.FormatBool(v.Bool)
	}
	return string(export.Marshal(v, false))
}

// number reads a number, or text holding one, as Workflows' loose typing does.
func number(v *export.Value) (float64, bool) {
	if v == nil || (v.Kind != export.Number && v.Kind != export.String) {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v.Text), 64)
	return f, err == nil
}

// isEmpty is Return Error If's "is empty": null, "", [] or {}.
func isEmpty(v *export.Value) bool {
	switch {
	case v.IsNull():
		return true
	case v.Kind == export.String:
		return v.Text == ""
	case v.Kind == export.Array:
		return len(v.Items) == 0
	case v.Kind == export.Object:
		return len(v.Members) == 0
	}
	return false
}

// lookup follows path segments through objects (by key) and lists (by 0-based index).
// A segment that leads nowhere gives null, as Object Get does for a missing path.
func lookup(v *export.Value, segments []string) *export.Value {
	for _, seg := range segments {
		switch {
		case v == nil:
			return export.NewNull()
		case v.Kind == export.Object:
			v = v.Get(seg)
		case v.Kind == export.Array:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(v.Items) || seg != strconv.Itoa(i) {
				return export.NewNull()
			}
			v = v.Items[i]
		default:
			return export.NewNull()
		}
	}
	if v == nil {
		return export.NewNull()
	}
	return v
}

// splitPath splits an Object Get path: dots separate keys, and a list index may also be
// written in brackets ("workers.0.sid" and "workers[0].sid" are the same path).
func splitPath(path string) []string {
	if path == "" {
		return nil
	}
	path = strings.ReplaceAll(path, "[", ".")
	path = strings.ReplaceAll(path, "]", "")
	return strings.Split(path, ".")
}
