package export

import (
	"fmt"
	"os"
)

// Document is a decoded export: {"type", "version", "created", "flags", "data"}.
type Document struct {
	Root *Value
}

// ReadFile decodes the export at path.
func ReadFile(path string) (*Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	root, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Document{Root: root}, nil
}

// Version is the envelope's format version, such as "1.5.0".
func (d *Document) Version() string { return d.Root.Get("version").Str() }

// Data is the envelope's data object (flos, configs, tables, groups).
func (d *Document) Data() *Value { return d.Root.Get("data") }

// Flows returns the top-level flows in file order, stubs included.
func (d *Document) Flows() []Flow {
	flos := d.Data().Get("flos")
	if flos == nil || flos.Kind != Object {
		return nil
	}
	flows := make([]Flow, 0, len(flos.Members))
	for _, m := range flos.Members {
		flows = append(flows, Flow{Key: m.Key, Entry: m.Value, Body: m.Value.Get("data")})
	}
	return flows
}

// Flow is one flow: a top-level entry of data.flos, or a body embedded in a card's flo input.
type Flow struct {
	// Key is the map key under data.flos; empty for an embedded body.
	Key string
	// Entry is the {"id", "name", "description", "data"} object; nil for an embedded body.
	Entry *Value
	// Body holds display, methods and orderings. It is nil or JSON null for a stub.
	Body *Value
	// Parent is the card whose flo input embeds this body, nil for a top-level flow.
	Parent *Card
}

// ID is the flow's uuid.
func (f Flow) ID() string {
	if f.Entry != nil {
		return f.Entry.Get("id").Str()
	}
	return f.Body.Get("uuid").Str()
}

// Name is the flow's name; an embedded body is named after the card that holds it.
func (f Flow) Name() string {
	if f.Entry != nil {
		return f.Entry.Get("name").Str()
	}
	if f.Parent != nil {
		return f.Parent.Name() + " › body"
	}
	return ""
}

// IsStub reports whether the flow is listed without a body (a flow called but not exported).
func (f Flow) IsStub() bool { return f.Body.IsNull() }

// Cards returns the flow's cards ("methods") in file order.
func (f Flow) Cards() []Card {
	methods := f.Body.Get("methods")
	if methods == nil || methods.Kind != Array {
		return nil
	}
	cards := make([]Card, 0, len(methods.Items))
	for _, m := range methods.Items {
		cards = append(cards, Card{V: m})
	}
	return cards
}

// WalkCards calls fn for every card of the flow and of the bodies embedded in its cards,
// depth first in file order, with the flow or body that holds the card.
func (f Flow) WalkCards(fn func(Flow, Card)) {
	for _, c := range f.Cards() {
		fn(f, c)
		for _, body := range c.Embedded() {
			body.WalkCards(fn)
		}
	}
}

// Card returns the card with method id, if the flow has one.
func (f Flow) Card(id string) (Card, bool) {
	for _, c := range f.Cards() {
		if c.ID() == id {
			return c, true
		}
	}
	return Card{}, false
}

// Ordering is one execution-order edge of a flow.
type Ordering struct {
	ID       string
	From, To string
	V        *Value
}

// Orderings returns the flow's ordering edges in file order. An edge that is not a pair of
// strings is returned with empty ends.
func (f Flow) Orderings() []Ordering {
	o := f.Body.Get("orderings")
	if o == nil || o.Kind != Object {
		return nil
	}
	edges := make([]Ordering, 0, len(o.Members))
	for _, m := range o.Members {
		e := Ordering{ID: m.Key, V: m.Value}
		if m.Value.Kind == Array && len(m.Value.Items) == 2 {
			e.From, e.To = m.Value.Items[0].Str(), m.Value.Items[1].Str()
		}
		edges = append(edges, e)
	}
	return edges
}

// Card is one card ("method") of a flow.
type Card struct {
	V *Value
}

// ID is the card's method id (its "uuid", which is not a UUID).
func (c Card) ID() string { return c.V.Get("uuid").Str() }

// Address is the card's address, such as "root:kernel:string:0.0.1:concat".
func (c Card) Address() string { return c.V.Get("address").Str() }

// Key is the card's key within its module, such as "concat".
func (c Card) Key() string { return c.V.Path("node", "key").Str() }

// Name is the card's title on the canvas.
func (c Card) Name() string { return c.V.Path("node", "data", "name").Str() }

// Model is node.model: the card's behaviour flags, metadata and fields.
func (c Card) Model() *Value { return c.V.Path("node", "model") }

// Config is the id of the connection the card uses, or "" for none.
func (c Card) Config() string { return c.Model().Get("config").Str() }

// Inputs returns the card's input fields in file order.
func (c Card) Inputs() []Field { return fields(c.Model().Path("inputs", "data")) }

// Outputs returns the card's output fields in file order.
func (c Card) Outputs() []Field { return fields(c.Model().Path("outputs", "data")) }

// Input returns the input field with the given key, if any.
func (c Card) Input(key string) (Field, bool) { return fieldByKey(c.Inputs(), key) }

// Output returns the output field with the given key, if any.
func (c Card) Output(key string) (Field, bool) { return fieldByKey(c.Outputs(), key) }

func fields(data *Value) []Field {
	if data == nil || data.Kind != Object {
		return nil
	}
	fs := make([]Field, 0, len(data.Members))
	for _, m := range data.Members {
		fs = append(fs, Field{ID: m.Key, V: m.Value})
	}
	return fs
}

func fieldByKey(fs []Field, key string) (Field, bool) {
	for _, f := range fs {
		if f.Key() == key {
			return f, true
		}
	}
	return Field{}, false
}

// Pin is one data edge from an output of the card that holds it to an input of another card.
type Pin struct {
	Output    string // field id of the producing card's output
	ToCard    string // method id of the consuming card
	Input     string // field id of the consumer's input
	Transform *Value
}

// Pins returns the card's outgoing pins in file order.
func (c Card) Pins() []Pin {
	pins := c.V.Get("pins")
	if pins == nil || pins.Kind != Object {
		return nil
	}
	var out []Pin
	for _, byOutput := range pins.Members {
		if byOutput.Value.Kind != Object {
			continue
		}
		for _, byCard := range byOutput.Value.Members {
			if byCard.Value.Kind != Array {
				continue
			}
			for _, link := range byCard.Value.Items {
				out = append(out, Pin{
					Output:    byOutput.Key,
					ToCard:    byCard.Key,
					Input:     link.Get("input").Str(),
					Transform: link.Get("transform"),
				})
			}
		}
	}
	return out
}

// AddPin wires output outputID of the card into input inputID of card toCard, appending
// to the pins the card already holds, as the canvas does when a user drags one onto the
// other. It creates "pins" when the card has none.
func (c Card) AddPin(outputID, toCard, inputID string) {
	pins := c.V.Get("pins")
	if pins == nil || pins.Kind != Object {
		pins = NewObject()
		c.V.Set("pins", pins)
	}
	byOutput := pins.Get(outputID)
	if byOutput == nil {
		byOutput = NewObject()
		pins.Set(outputID, byOutput)
	}
	links := byOutput.Get(toCard)
	if links == nil {
		links = NewArray()
		byOutput.Set(toCard, links)
	}
	link := NewObject()
	link.Set("input", NewString(inputID))
	link.Set("transform", NewNull())
	links.Items = append(links.Items, link)
}

// Embedded returns the flow bodies embedded in the card's flo inputs (For Each, Map,
// Reduce and the like). A flo input that only names a flow by id is not a body.
func (c Card) Embedded() []Flow {
	var flows []Flow
	for _, in := range c.Inputs() {
		v := in.V.Get("value")
		if v.Get("type").Str() != "flo" {
			continue
		}
		if body := v.Get("data"); body != nil && body.Kind == Object && body.Has("methods") {
			parent := c
			flows = append(flows, Flow{Body: body, Parent: &parent})
		}
	}
	return flows
}

// Field is one input or output of a card.
type Field struct {
	ID string // the key under inputs.data or outputs.data
	V  *Value
}

// Key is the field's key, such as "string1" or "Body".
func (f Field) Key() string { return f.V.Get("key").Str() }

// Group is the field's group, or "" when null.
func (f Field) Group() string { return f.V.Get("group").Str() }

// Value is the field's value object {type, collection, data, ...}.
func (f Field) Value() *Value { return f.V.Get("value") }

// Data is the field's set value (value.data).
func (f Field) Data() *Value { return f.Value().Get("data") }
