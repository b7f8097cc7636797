package lint

import (
	"errors"
	"slices"

	"github.com/flopack/flopack/export"
)

// Versions are the export format versions seen in real files.
var Versions = []string{"1.2.0", "1.3.0", "1.4.0", "1.5.0"}

func checkSize(c *checker) {
	if len(c.data) > c.limit {
		c.reportf(-1, nil, "", "the file is larger than %d MiB; real exports are a few MB, "+
			"so this is not an export", c.limit>>20)
	}
}

func checkJSON(c *checker) {
	root, err := export.Decode(c.data)
	var syn *export.SyntaxError
	switch {
	case errors.As(err, &syn):
		c.reportf(syn.Offset, nil, "", "not valid JSON at byte %d: %s", syn.Offset, syn.Msg)
	case err != nil:
		c.reportf(-1, nil, "", "not valid JSON: %v", err)
	default:
		c.doc = &export.Document{Root: root}
	}
}

func checkType(c *checker) {
	root := c.doc.Root
	if root.Kind != export.Object {
		c.reportf(offset(root), nil, "", "the top level is a JSON %s, not an export object",
			root.Kind)
		return
	}
	typ := root.Get("type")
	switch {
	case typ == nil:
		c.reportf(offset(root), nil, "", `"type" is missing; an export has "type": "flopack"`)
	case typ.Str() != "flopack":
		c.reportf(offset(typ), nil, "", `"type" is %s, not "flopack"`, describe(typ))
	}
}

func checkVersion(c *checker) {
	root := c.doc.Root
	if root.Kind != export.Object {
		return // ENVELOPE_TYPE reported it
	}
	v := root.Get("version")
	switch {
	case v == nil:
		c.reportf(offset(root), nil, "", `"version" is missing`)
	case !slices.Contains(Versions, v.Str()):
		c.reportf(offset(v), nil, "", `"version" is %s; known versions are 1.2.0 to 1.5.0`,
			describe(v))
	}
}

func checkData(c *checker) {
	root := c.doc.Root
	if root.Kind != export.Object {
		return // ENVELOPE_TYPE reported it
	}
	data := root.Get("data")
	if data == nil || data.Kind != export.Object {
		c.reportf(offsetOr(data, root), nil, "", `"data" is %s, not an object`, describe(data))
		return
	}
	for _, key := range []string{"flos", "configs", "tables", "groups"} {
		v := data.Get(key)
		if v == nil || v.Kind != export.Object {
			c.reportf(offsetOr(v, data), nil, "", `"data.%s" is %s, not an object`, key,
				describe(v))
		}
	}

	for _, m := range members(data.Get("flos")) {
		checkFlowEntry(c, m)
	}
	for _, m := range members(data.Get("configs")) {
		if m.Value.Kind != export.Object {
			c.reportf(m.KeyOffset, nil, "", "connection %s is %s, not an object", quote(m.Key),
				describe(m.Value))
		} else if m.Value.Get("module").Str() == "" {
			c.reportf(m.KeyOffset, nil, "", "connection %s has no module", quote(m.Key))
		}
	}
	for _, m := range members(data.Get("groups")) {
		if m.Value.Kind != export.Object {
			c.reportf(m.KeyOffset, nil, "", "folder %s is %s, not an object", quote(m.Key),
				describe(m.Value))
		}
	}
}

// checkFlowEntry checks one member of data.flos: {"id", "name", "description", "data"}.
func checkFlowEntry(c *checker, m export.Member) {
	e := m.Value
	if e.Kind != export.Object {
		c.reportf(m.KeyOffset, nil, "", "flow %s is %s, not an object", quote(m.Key),
			describe(e))
		return
	}
	if !isString(e.Get("id")) {
		c.reportf(offsetOr(e.Get("id"), e), nil, "", `flow %s: "id" is %s, not a string`,
			quote(m.Key), describe(e.Get("id")))
	}
	if !isString(e.Get("name")) {
		c.reportf(offsetOr(e.Get("name"), e), nil, "", `flow %s: "name" is %s, not a string`,
			quote(m.Key), describe(e.Get("name")))
	}
	switch body := e.Get("data"); {
	case body == nil:
		c.reportf(offset(e), nil, "", `flow %s has no "data"; a stub has "data": null`,
			quote(m.Key))
	case body.Kind != export.Object && body.Kind != export.Null:
		c.reportf(offset(body), nil, "", `flow %s: "data" is %s, not a flow body or null`,
			quote(m.Key), describe(body))
	}
}

// describe names a value in a message: a string's quoted text, otherwise its JSON kind.
func describe(v *export.Value) string {
	switch {
	case v == nil:
		return "missing"
	case v.Kind == export.String:
		return quote(v.Text)
	case v.Kind == export.Null:
		return "null"
	case v.Kind == export.Number, v.Kind == export.Bool:
		return "the " + v.Kind.String() + " " + string(export.Marshal(v, false))
	default:
		return "an " + v.Kind.String()
	}
}

// offsetOr is v's offset, or the enclosing value's when v is missing.
func offsetOr(v, enclosing *export.Value) int {
	if v != nil && v.Offset >= 0 {
		return v.Offset
	}
	return offset(enclosing)
}
