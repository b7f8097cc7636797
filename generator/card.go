package generator

import (
	"fmt"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/templates"
)

// card is a card being built: a prototype copy with its role in the flow.
type card struct {
	role string // stable name of the card's job, the seed of its ids
	v    *export.Value
}

func (c *card) view() export.Card { return export.Card{V: c.v} }

// id is the card's method id.
func (c *card) id() string { return c.view().ID() }

// newCard copies the prototype of kind, names the card and gives it and its fields ids
// derived from role.
func newCard(kind templates.Kind, role, title string) (*card, error) {
	v, err := templates.Card(kind)
	if err != nil {
		return nil, err
	}
	c := &card{role: role, v: v}
	v.Set("uuid", export.NewString(shortID("method", role)))
	v.Path("node", "data").Set("name", export.NewString(title))
	c.renumberFields("inputs")
	c.renumberFields("outputs")
	return c, nil
}

// renumberFields gives every field of inputs or outputs an id derived from the card's role
// and the field's key, rewriting both the map key and the field's own "id".
func (c *card) renumberFields(side string) {
	data := c.view().Model().Path(side, "data")
	if data == nil || data.Kind != export.Object {
		return
	}
	for i := range data.Members {
		f := data.Members[i].Value
		id := shortID("field", c.role, side, f.Get("key").Str())
		data.Members[i].Key = id
		f.Set("id", export.NewString(id))
	}
}

// field returns the input or output with key; a missing one means a prototype and the
// generator disagree, which tests catch.
func (c *card) field(side, key string) (export.Field, error) {
	var (
		f  export.Field
		ok bool
	)
	if side == "inputs" {
		f, ok = c.view().Input(key)
	} else {
		f, ok = c.view().Output(key)
	}
	if !ok {
		return export.Field{}, fmt.Errorf("internal error: card %s has no %s %q", c.role, side, key)
	}
	return f, nil
}

// setInput sets the literal value of input key.
func (c *card) setInput(key string, val *export.Value) error {
	f, err := c.field("inputs", key)
	if err != nil {
		return err
	}
	f.Value().Set("data", val)
	return nil
}

// labelOutput sets the label the canvas shows on output key.
func (c *card) labelOutput(key, label string) error {
	f, err := c.field("outputs", key)
	if err != nil {
		return err
	}
	f.V.Get("metadata").Set("displayname", export.NewString(label))
	return nil
}

// pin wires output outKey of from into input inKey of to, as the canvas does when a user
// drags one onto the other: the producer holds the pin and marks the output used.
func pin(from *card, outKey string, to *card, inKey string) error {
	out, err := from.field("outputs", outKey)
	if err != nil {
		return err
	}
	in, err := to.field("inputs", inKey)
	if err != nil {
		return err
	}
	from.view().AddPin(out.ID, to.id(), in.ID)
	out.V.Set("_used", export.NewBool(true))
	return nil
}
