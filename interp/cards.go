package interp

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/flopack/flopack/export"
)

// callable starts a body: its outputs are the fields of the For Each item, read by group
// and key ("Output" › "Application User"), and the execution id.
func (c *call) callable() error {
	item := c.frame.item
	for _, out := range c.st.card.Outputs() {
		var v *export.Value
		group := item.Get(out.Group())
		switch {
		case out.Group() == "context" && out.Key() == "execution_id":
			v = export.NewString(c.frame.executionID)
		case group != nil && group.Kind == export.Object:
			v = group.Get(out.Key())
		default:
			v = item.Get(out.Key())
		}
		if v == nil {
			v = export.NewNull()
		}
		c.out[out.ID] = v
	}
	return nil
}

// expand picks sub-fields out of its object input. Each picked sub-field is a key output
// holding the path and a value output of the same group (FLOPACK-FORMAT.md section 6).
func (c *call) expand() error {
	obj := c.input("object")
	outs := c.st.card.Outputs()
	for _, out := range outs {
		switch out.Key() {
		case "key":
			c.out[out.ID] = orNull(out.Data())
		case "value":
			path, ok := expandPath(out, outs)
			if !ok {
				return fmt.Errorf("output %q names no path: no key output in its group %q "+
					"and no metadata.path", out.ID, out.Group())
			}
			c.out[out.ID] = lookup(obj, path)
		}
	}
	return nil
}

// expandPath is the path of a value output: the data of the key output of its group, or
// its own metadata.path.
func expandPath(out export.Field, outs []export.Field) ([]string, bool) {
	for _, k := range outs {
		if k.Key() == "key" && out.Group() != "" && k.Group() == out.Group() {
			if path, ok := stringList(k.Data()); ok {
				return path, true
			}
		}
	}
	return stringList(out.V.Path("metadata", "path"))
}

func stringList(v *export.Value) ([]string, bool) {
	if v == nil || v.Kind != export.Array || len(v.Items) == 0 {
		return nil, false
	}
	out := make([]string, len(v.Items))
	for i, it := range v.Items {
		if it.Kind != export.String {
			return nil, false
		}
		out[i] = it.Text
	}
	return out, true
}

// concat joins its inputs' text in the order the card shows them (metadata.index).
func (c *call) concat() error {
	type part struct {
		index int
		text  string
	}
	var parts []part
	for i, in := range c.trace.Inputs {
		idx, ok := c.st.inputs[i].field.V.Path("metadata", "index").Int()
		if !ok {
			idx = int64(i)
		}
		parts = append(parts, part{int(idx), text(in.Value)})
	}
	slices.SortStableFunc(parts, func(a, b part) int { return cmp.Compare(a.index, b.index) })

	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.text)
	}
	c.set("output", export.NewString(b.String()))
	return nil
}

// objectGet reads a dotted path, with list indexes, out of its object input; a path that
// leads nowhere gives null.
func (c *call) objectGet() error {
	obj, path := c.input("object"), c.input("path")
	if !path.IsNull() && path.Kind != export.String {
		return fmt.Errorf("its path input is %s, not text such as workers.0.sid", describe(path))
	}
	if !obj.IsNull() && obj.Kind != export.Object && obj.Kind != export.Array {
		return fmt.Errorf("its object input is %s, not an object or a list", describe(obj))
	}
	c.set("output", lookup(obj, splitPath(path.Str())))
	return nil
}

// returnErrorIf ends the body with its message when the comparison holds.
func (c *call) returnErrorIf() error {
	operator := text(c.input("operator"))
	ok, err := holds(c.input("left-operand"), operator, c.input("right-operand"))
	if err != nil {
		return fmt.Errorf("comparison: %w", err)
	}
	if !ok {
		return nil
	}

	stop := &StopError{Card: c.st.title, Message: text(c.input("message"))}
	if stop.Message == "" {
		stop.Message = fmt.Sprintf("Return Error If: the comparison %q held", operator)
	}
	if n, ok := number(c.input("statusCode")); ok {
		stop.Status = int(n)
	}
	return stop
}

// http is the API Connector's Get or Delete card: it sends the request (a non-GET one only
// with Execute) and gives Status Code, Headers and Body. A non-2xx answer fails the card.
func (c *call) http(ctx context.Context, method string) error {
	r := request{
		method:  method,
		url:     text(c.input("URL")),
		query:   c.input("Query"),
		headers: c.input("Headers"),
	}
	if method != http.MethodGet {
		r.body = c.input("Body")
	}
	req, tr, err := c.r.http.prepare(ctx, r)
	if err != nil {
		return err
	}
	c.trace.Request = tr
	if w := queryTextWarning(r.query); w != "" {
		c.trace.Warnings = append(c.trace.Warnings, w)
	}

	resp, err := c.r.http.send(req, tr)
	if ie, ok := err.(*interruptedError); ok {
		ie.card = c.st.title
	}
	if resp == nil && err == nil {
		c.trace.Note = "not sent (dry run); run with --execute to send it"
		return nil
	}
	if resp != nil {
		c.set("Status Code", export.NewInt(int64(resp.status)))
		c.set("Headers", resp.headers)
		c.set("Body", resp.body)
	}
	return err
}

func orNull(v *export.Value) *export.Value {
	if v == nil {
		return export.NewNull()
	}
	return v
}
