package lint

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/flopack/flopack/diag"
	"github.com/flopack/flopack/export"
)

// MaxFileSize is the largest file File and Bytes read. The largest real export seen is
// 1.8 MB, customer folder exports a few MB. Linting peaks at about 25 times the file in
// memory (a 16.5 MB synthetic export took 390 MB), so 32 MiB, 17 times the largest real
// file, keeps a run under 1 GB while a stray log dump or disk image is refused unread.
const MaxFileSize = 32 << 20

// File lints the export at path. The error is for a file that cannot be read at all (missing,
// unreadable, a directory); a file that is too large or not JSON gets a diagnostic instead.
func File(path string) ([]diag.Diagnostic, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("lint: %w", err)
	}
	defer f.Close()

	// Read at most one byte past the limit, so that a huge file is refused without being
	// read whole.
	var buf bytes.Buffer
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		buf.Grow(int(min(st.Size(), MaxFileSize) + 1))
	}
	_, err = buf.ReadFrom(io.LimitReader(f, MaxFileSize+1))
	data := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("lint: read %s: %w", path, err)
	}
	return lintBytes(path, data, MaxFileSize), nil
}

// Bytes lints an export read from path; path is only used to name the file in diagnostics,
// which carry 1-based lines and byte columns computed from data.
func Bytes(path string, data []byte) []diag.Diagnostic {
	return lintBytes(path, data, MaxFileSize)
}

// Document lints an export held in memory, such as one flopack build is about to write.
// Diagnostics carry no line or column: there are no bytes to count them in. The tree must
// hold no nil values (JSON null is export.NewNull()), as every decoded tree does.
func Document(path string, doc *export.Document) []diag.Diagnostic {
	c := &checker{path: path, doc: doc}
	c.run()
	return c.diags
}

func lintBytes(path string, data []byte, limit int) []diag.Diagnostic {
	c := &checker{path: path, data: data, bytes: true, limit: limit}
	c.run()
	return c.diags
}

// checker holds one run over one file. Rule checks report through it, under the id of the
// rule being run, so a check cannot report under another rule's id.
type checker struct {
	path  string
	data  []byte
	bytes bool // linting data, not a Document: run the bytes rules, compute positions
	limit int
	doc   *export.Document
	lines *lineIndex // built on the first finding

	rule  *Rule
	scope *flowScope // the flow a scopeFlow rule is looking at
	// flowName names the flow in diagnostics of document rules that look at one flow.
	flowName string
	diags    []diag.Diagnostic

	// Facts about the file, gathered once the envelope is read.
	flowIDs map[string]bool // keys of data.flos
	configs map[string]*export.Value
	groups  map[string]bool
	scopes  []*flowScope
}

func (c *checker) run() {
	if c.bytes {
		if !c.runScope(scopeBytes) {
			return
		}
	}
	if c.doc == nil || c.doc.Root == nil {
		c.doc = &export.Document{Root: export.NewNull()}
	}

	c.gather()
	c.runScope(scopeDocument)
	c.runScope(scopeFlow)
	diag.Sort(c.diags)
}

// runScope runs the rules of one scope and reports whether they found nothing.
func (c *checker) runScope(s scope) bool {
	before := len(c.diags)
	for i := range Rules {
		r := &Rules[i]
		if r.scope != s {
			continue
		}
		c.rule = r
		if s == scopeBytes {
			// A file too large to read or not JSON leaves nothing for later rules.
			if r.check(c); len(c.diags) > before {
				break
			}
			continue
		}
		if s == scopeDocument {
			r.check(c)
			continue
		}
		for _, fs := range c.scopes {
			c.scope = fs
			r.check(c)
		}
		c.scope = nil
	}
	c.rule = nil
	return len(c.diags) == before
}

// gather indexes what flow rules look up: flow ids, connections, folders and every flow body
// of the file, embedded ones included.
func (c *checker) gather() {
	data := c.doc.Data()
	c.flowIDs = map[string]bool{}
	for _, m := range members(data.Get("flos")) {
		c.flowIDs[m.Key] = true
	}
	c.configs = map[string]*export.Value{}
	for _, m := range members(data.Get("configs")) {
		if _, dup := c.configs[m.Key]; !dup {
			c.configs[m.Key] = m.Value
		}
	}
	c.groups = map[string]bool{}
	for _, m := range members(data.Get("groups")) {
		c.groups[m.Key] = true
	}

	if data.Get("flos").IsNull() || data.Get("flos").Kind != export.Object {
		return
	}
	for _, f := range c.doc.Flows() {
		if f.Entry.Kind != export.Object || f.IsStub() {
			continue
		}
		c.addScope(f, f.Name(), true)
	}
}

// addScope records a flow body and, depth first, the bodies embedded in its cards.
func (c *checker) addScope(f export.Flow, name string, top bool) {
	fs := newFlowScope(f, name, top)
	c.scopes = append(c.scopes, fs)
	for _, cd := range fs.cards {
		for _, e := range cd.bodies {
			c.addScope(export.Flow{Body: e.body, Parent: &cd.Card}, name+" › "+e.label, false)
		}
	}
}

// reportf records a finding of the running rule. off is a byte offset into the file (-1 for
// none), cd the card concerned (nil for none) and field the key of the field concerned.
func (c *checker) reportf(off int, cd *card, field, format string, args ...any) {
	d := diag.Diagnostic{
		Path:     c.path,
		Rule:     c.rule.ID,
		Severity: c.rule.Severity,
		Field:    field,
		Message:  fmt.Sprintf(format, args...),
	}
	switch {
	case c.scope != nil:
		d.Flow = c.scope.name
		if off < 0 {
			off = offset(c.scope.flow.Body)
		}
	case c.flowName != "":
		d.Flow = c.flowName
	}
	if cd != nil {
		d.Card = cd.label
		if off < 0 {
			off = cd.V.Offset
		}
	}
	if c.bytes && off >= 0 {
		if c.lines == nil {
			c.lines = newLineIndex(c.data)
		}
		d.Line, d.Column = c.lines.position(off)
	}
	c.diags = append(c.diags, d)
}

// members returns an object's members, or nil when v is not an object.
func members(v *export.Value) []export.Member {
	if v == nil || v.Kind != export.Object {
		return nil
	}
	return v.Members
}

// offset is v's byte offset, or -1 when v is missing or was built in memory.
func offset(v *export.Value) int {
	if v == nil {
		return -1
	}
	return v.Offset
}
