package flexflow

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/flopack/flopack/export"
)

// Card addresses Read looks for; connector versions vary between exports.
var (
	getAddress    = regexp.MustCompile(`^root:channels:http:httpfunctions:[^:]+:get$`)
	deleteAddress = regexp.MustCompile(`^root:channels:http:httpfunctions:[^:]+:delete$`)
)

const (
	concatAddress    = "root:kernel:string:0.0.1:concat"
	callableAddress  = "root:kernel:control:0.0.1:callable"
	expandAddress    = "root:kernel:object:0.0.1:expand"
	objectGetAddress = "root:kernel:object:0.0.1:get"
)

// QueryParam is the TaskRouter parameter the Get card's Query sets.
const QueryParam = "TargetWorkersExpression"

// CardRef names a card for messages.
type CardRef struct {
	ID, Name, Address string
}

// Params is what the flow asks of TaskRouter.
type Params struct {
	// Flow is the name of the top-level flow that holds the cards.
	Flow string
	// Get and Delete are the API Connector cards.
	Get, Delete CardRef

	// WorkersURL is the Get card's URL, such as
	// https://taskrouter.twilio.com/v1/Workspaces/WS.../Workers.
	WorkersURL   string
	WorkspaceSID string

	// Query is how the Get card's Query is built.
	Query Template
	// ExpressionPrefix and ExpressionSuffix are the literal text around the address in
	// the TargetWorkersExpression, such as `email=="` and `"`.
	ExpressionPrefix, ExpressionSuffix string
	// Attribute is the worker attribute compared, such as "email"; Quote is the quote
	// character of the literal.
	Attribute string
	Quote     byte

	// DeleteURL is how the Delete card's URL is built.
	DeleteURL Template
	// SIDPath is the Object Get path that reads the worker SID from the Get card's Body,
	// such as "workers.0.sid"; "" when the Delete URL's worker part does not come from one.
	SIDPath string
	// SIDCard is that Object Get card.
	SIDCard CardRef
}

// Expression returns the TargetWorkersExpression the flow sends for an address.
func (p *Params) Expression(address string) string {
	return p.ExpressionPrefix + address + p.ExpressionSuffix
}

// Error is an export Read cannot take its parameters from.
type Error struct {
	// Offset is the byte offset in the export of the value at fault; -1 when unknown.
	Offset int
	// Flow, Card and Field say where, when known.
	Flow, Card, Field string
	Msg               string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Flow != "" {
		fmt.Fprintf(&b, "flow %q", e.Flow)
		if e.Card != "" {
			fmt.Fprintf(&b, " › card %q", e.Card)
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// located is a card found in some flow body, with the top-level flow holding it.
type located struct {
	flow string
	body export.Flow
	card export.Card
}

// Read returns the flow's TaskRouter parameters, or an *Error.
func Read(doc *export.Document) (*Params, error) {
	var gets, deletes []located
	for _, f := range doc.Flows() {
		if f.IsStub() {
			continue
		}
		walk(f, f.Name(), 0, func(l located) {
			switch {
			case getAddress.MatchString(l.card.Address()):
				gets = append(gets, l)
			case deleteAddress.MatchString(l.card.Address()):
				deletes = append(deletes, l)
			}
		})
	}

	get, err := single(gets, "API Connector Get", "root:channels:http:httpfunctions:VERSION:get")
	if err != nil {
		return nil, err
	}
	deletes = slices.DeleteFunc(deletes, func(l located) bool {
		return l.body.Body != get.body.Body
	})
	del, err := single(deletes, "API Connector Delete",
		"root:channels:http:httpfunctions:VERSION:delete, in the Get card's flow")
	if err != nil {
		return nil, err
	}

	r := newReader(get)
	p := &Params{Flow: get.flow, Get: ref(get.card), Delete: ref(del.card)}
	if err := r.readURL(p, get.card); err != nil {
		return nil, err
	}
	if err := r.readQuery(p, get.card); err != nil {
		return nil, err
	}
	if err := r.readDelete(p, get.card, del.card); err != nil {
		return nil, err
	}
	return p, nil
}

// maxNesting bounds how deep flow bodies embed one another.
const maxNesting = 16

// walk calls fn for every card of a flow body and of the bodies its cards embed.
func walk(f export.Flow, top string, depth int, fn func(located)) {
	if depth > maxNesting {
		return
	}
	for _, c := range f.Cards() {
		fn(located{flow: top, body: f, card: c})
		for _, inner := range c.Embedded() {
			walk(inner, top, depth+1, fn)
		}
	}
}

func single(found []located, what, address string) (located, error) {
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return located{}, &Error{Offset: -1, Msg: fmt.Sprintf(
			"no %s card (%s) in the export; verify reads TaskRouter's parameters from it",
			what, address)}
	}
	var names []string
	for _, l := range found {
		names = append(names, fmt.Sprintf("%q in flow %q", l.card.Name(), l.flow))
	}
	return located{}, &Error{Offset: found[1].card.V.Offset, Flow: found[1].flow,
		Card: found[1].card.Name(), Msg: fmt.Sprintf(
			"%d %s cards (%s); verify reads exports that have one", len(found), what,
			strings.Join(names, ", "))}
}

func ref(c export.Card) CardRef {
	return CardRef{ID: c.ID(), Name: c.Name(), Address: c.Address()}
}

var (
	workersPath = regexp.MustCompile(`^/v1/Workspaces/(WS[0-9a-fA-F]{32})/Workers$`)
	// taskrouter.twilio.com, or a regional host such as taskrouter.dublin.ie1.twilio.com.
	taskRouterHost = regexp.MustCompile(`^taskrouter(\.[a-z0-9-]+){0,2}\.twilio\.com$`)
	exprPrefix     = regexp.MustCompile(
		`^\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*==?\s*(["'])$`)
)

func (r *reader) readURL(p *Params, get export.Card) error {
	t, err := r.input(get, "URL", 0)
	if err != nil {
		return err
	}
	s, ok := t.Literal()
	if !ok {
		return r.errorf(get, "URL", "is built from %s at run time; verify needs a fixed "+
			"Workers URL", t)
	}

	u, err := url.Parse(s)
	var m []string
	if err == nil {
		m = workersPath.FindStringSubmatch(u.Path)
	}
	if err != nil || u.Scheme != "https" || !taskRouterHost.MatchString(u.Host) || m == nil ||
		u.RawQuery != "" || u.Fragment != "" {
		return r.errorf(get, "URL", "%q is not a TaskRouter Workers URL "+
			"(https://taskrouter.twilio.com/v1/Workspaces/WS.../Workers)", s)
	}
	p.WorkersURL, p.WorkspaceSID = s, m[1]
	return nil
}

func (r *reader) readQuery(p *Params, get export.Card) error {
	t, err := r.input(get, "Query", 0)
	if err != nil {
		return err
	}
	p.Query = t

	want := fmt.Sprintf("must be %s=ATTRIBUTE==\"ADDRESS\"", QueryParam)
	if len(t) != 3 || t[0].Kind != Literal || t[1].Kind != Address || t[2].Kind != Literal ||
		!strings.HasPrefix(t[0].Text, QueryParam+"=") {
		return r.errorf(get, "Query", "%s; found %s", want, t)
	}

	prefix := strings.TrimPrefix(t[0].Text, QueryParam+"=")
	m := exprPrefix.FindStringSubmatch(prefix)
	if m == nil || strings.TrimRight(t[2].Text, " ") != m[2] {
		return r.errorf(get, "Query", "%s; found %s", want, t)
	}
	p.ExpressionPrefix, p.ExpressionSuffix = prefix, t[2].Text
	p.Attribute, p.Quote = m[1], m[2][0]
	return nil
}

// readDelete reads the Delete card's URL and, when its worker part is an Object Get of the
// Get card's Body, that card's path.
func (r *reader) readDelete(p *Params, get, del export.Card) error {
	t, err := r.input(del, "URL", 0)
	if err != nil {
		return err
	}
	p.DeleteURL = t

	if t.Count(Value) != 1 {
		return nil
	}
	i := slices.IndexFunc(t, func(part Part) bool { return part.Kind == Value })
	og, ok := r.cards[t[i].CardID]
	if !ok || og.Address() != objectGetAddress {
		return nil
	}
	obj, ok := og.Input("object")
	if !ok {
		return nil
	}
	srcs := r.incoming[og.ID()+"/"+obj.ID]
	body, ok := get.Output("Body")
	if len(srcs) != 1 || !ok || srcs[0].card.ID() != get.ID() || srcs[0].output != body.ID {
		return nil
	}
	path, err := r.input(og, "path", 0)
	if err != nil {
		return err
	}
	if s, ok := path.Literal(); ok {
		p.SIDPath, p.SIDCard = s, ref(og)
	}
	return nil
}

// reader evaluates the inputs of one flow body's cards.
type reader struct {
	flow     string
	cards    map[string]export.Card
	incoming map[string][]source // "cardID/inputFieldID" -> producers
	// concats holds each Concatenate card's value once evaluated, so that cards reused
	// by several inputs cost nothing more; visiting marks those being evaluated, to
	// catch a loop of pins at once.
	concats  map[string]Template
	visiting map[string]bool
}

type source struct {
	card   export.Card
	output string // output field id
}

func newReader(l located) *reader {
	r := &reader{
		flow:     l.flow,
		cards:    map[string]export.Card{},
		incoming: map[string][]source{},
		concats:  map[string]Template{},
		visiting: map[string]bool{},
	}
	for _, c := range l.body.Cards() {
		r.cards[c.ID()] = c
	}
	for _, c := range l.body.Cards() {
		for _, pin := range c.Pins() {
			k := pin.ToCard + "/" + pin.Input
			r.incoming[k] = append(r.incoming[k], source{card: c, output: pin.Output})
		}
	}
	return r
}

func (r *reader) errorf(c export.Card, field, format string, args ...any) error {
	off := c.V.Offset
	if f, ok := c.Input(field); ok {
		off = f.V.Offset
	}
	return &Error{Offset: off, Flow: r.flow, Card: c.Name(), Field: field,
		Msg: fmt.Sprintf(format, args...)}
}

// maxDepth bounds chains of Concatenate cards, which also stops a loop of pins.
const maxDepth = 32

// input evaluates a card's input: its pinned producer, or its literal value.
func (r *reader) input(c export.Card, key string, depth int) (Template, error) {
	f, ok := c.Input(key)
	if !ok {
		return nil, r.errorf(c, key, "the card has no input %q", key)
	}
	return r.field(c, f, depth)
}

func (r *reader) field(c export.Card, f export.Field, depth int) (Template, error) {
	key := f.Key()
	srcs := r.incoming[c.ID()+"/"+f.ID]
	if len(srcs) > 1 {
		return nil, r.errorf(c, key, "pinned from %d cards; an input takes one", len(srcs))
	}
	if len(srcs) == 1 {
		if depth >= maxDepth {
			return nil, r.errorf(c, key, "Concatenate cards nested deeper than %d, or "+
				"pinned in a loop", maxDepth)
		}
		return r.output(srcs[0], depth+1)
	}

	d := f.Data()
	switch {
	case d.IsNull():
		return nil, nil
	case d.Kind == export.String || d.Kind == export.Number || d.Kind == export.Bool:
		text := d.Text
		if d.Kind == export.Bool {
			text = strconv.FormatBool(d.Bool)
		}
		return Template{{Kind: Literal, Text: text}}, nil
	}
	return nil, r.errorf(c, key, "holds a %s; verify reads text", d.Kind)
}

// output evaluates what a producing card's output holds.
func (r *reader) output(s source, depth int) (Template, error) {
	switch s.card.Address() {
	case concatAddress:
		return r.concat(s.card, depth)
	case callableAddress, expandAddress:
		return Template{{Kind: Address}}, nil
	}
	name := s.output
	for _, f := range s.card.Outputs() {
		if f.ID == s.output {
			name = f.Key()
		}
	}
	return Template{{Kind: Value, CardID: s.card.ID(), Card: s.card.Name(), Output: name}}, nil
}

// Bounds on a built text, so that Concatenate cards reusing one another cannot make it
// grow exponentially.
const (
	maxParts = 256
	maxText  = 64 << 10
)

// concat evaluates a Concatenate card: its inputs in canvas order. The card's own inputs
// are string1 and string2; the ones a user adds are named "text 3", "text 4", ... or
// renamed at will (the corpus has "input", "separator", ...), so every data input counts,
// ordered by metadata.index, which matches file order in every real export.
func (r *reader) concat(c export.Card, depth int) (Template, error) {
	if t, ok := r.concats[c.ID()]; ok {
		return t, nil
	}
	if r.visiting[c.ID()] {
		return nil, &Error{Offset: c.V.Offset, Flow: r.flow, Card: c.Name(),
			Msg: "Concatenate cards pinned in a loop"}
	}
	r.visiting[c.ID()] = true
	defer delete(r.visiting, c.ID())

	type indexed struct {
		index int64
		f     export.Field
	}
	var keys []indexed
	for i, f := range c.Inputs() {
		if f.V.Get("flags").Str() == "p" {
			continue // a setting of the card, not a text to join
		}
		index, ok := f.V.Path("metadata", "index").Int()
		if !ok {
			index = int64(i)
		}
		keys = append(keys, indexed{index, f})
	}
	slices.SortStableFunc(keys, func(a, b indexed) int { return cmp.Compare(a.index, b.index) })

	var out Template
	for _, k := range keys {
		t, err := r.field(c, k.f, depth)
		if err != nil {
			return nil, err
		}
		out = append(out, t...)
		if len(out) > maxParts || len(out.String()) > maxText {
			return nil, r.errorf(c, k.f.Key(), "builds a text longer than verify reads")
		}
	}
	out = out.merge()
	r.concats[c.ID()] = out
	return out, nil
}
