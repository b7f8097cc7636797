package flowspec

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/flopack/flopack/diag"
)

// checker collects the problems of one spec. Each layer (YAML, schema, rules) adds
// diagnostics and marks the values it reported as covered, so that a later layer stays
// quiet about them.
type checker struct {
	path string
	data []byte
	root *yaml.Node // the document's top node; nil when the file has none

	starts  []int // byte offsets of line starts, computed when first needed
	diags   []diag.Diagnostic
	covered map[string]bool // JSON pointers of values already reported

	deepReported bool // tooDeep has reported

	aliases    int        // alias nodes met while converting
	firstAlias *yaml.Node // the first of them, where the diagnostic points
	aliasField string
}

// check runs every layer and returns the spec as a JSON value (maps, slices, strings,
// json.Number, bools, nil), which build turns into a Spec when no diagnostic was added.
func (c *checker) check() any {
	c.root = c.parseYAML()
	if c.root == nil {
		return nil
	}

	value, _ := c.convert(c.root, nil)
	c.reportAliases()

	c.validate(value)
	c.applyRules(value)
	return value
}

// result sorts the diagnostics and cuts them at MaxDiagnostics.
func (c *checker) result() diag.List {
	diag.Sort(c.diags)
	if len(c.diags) <= MaxDiagnostics {
		return diag.List(c.diags)
	}

	rest := len(c.diags) - MaxDiagnostics
	last := c.diags[MaxDiagnostics]
	last.Field = ""
	last.Message = fmt.Sprintf("%d more problems not shown; fix the ones above first", rest)
	return append(diag.List(c.diags[:MaxDiagnostics]), last)
}

// add records a problem at a line and column, moved inside the input if yaml.v3 put a
// node past its end (an empty value at the very end of a file).
func (c *checker) add(line, col int, field, msg string) {
	if line > 0 {
		if c.starts == nil {
			c.starts = lineStarts(c.data)
		}
		line = min(line, len(c.starts))
		text := lineText(c.data, c.starts, line)
		col = min(max(col, 1), utf8.RuneCountInString(text)+1)
	}
	c.diags = append(c.diags, diag.Diagnostic{
		Path:     c.path,
		Line:     line,
		Column:   col,
		Field:    field,
		Severity: diag.Error,
		Message:  msg,
	})
}

// addAt records a problem at a node.
func (c *checker) addAt(n *yaml.Node, field, msg string) {
	c.add(n.Line, n.Column, field, msg)
}

// cover marks the value at segs as reported.
func (c *checker) cover(segs []string) {
	c.covered[pointer(segs)] = true
}

// isCovered reports whether the value at segs, or one holding it, was reported.
func (c *checker) isCovered(segs []string) bool {
	for i := len(segs); i >= 0; i-- {
		if c.covered[pointer(segs[:i])] {
			return true
		}
	}
	return false
}

// pointer renders path segments as a JSON pointer (RFC 6901).
func pointer(segs []string) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		s = strings.ReplaceAll(s, "~", "~0")
		b.WriteString(strings.ReplaceAll(s, "/", "~1"))
	}
	return b.String()
}

// fieldName renders path segments as the dotted field name diagnostics show.
func fieldName(segs []string) string {
	return strings.Join(segs, ".")
}

// child returns segs extended by one segment, never sharing segs' backing array.
func child(segs []string, seg string) []string {
	out := make([]string, len(segs), len(segs)+1)
	copy(out, segs)
	return append(out, seg)
}
