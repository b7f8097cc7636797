package generator

import (
	"strconv"

	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/templates"
)

// part is one text of a Concatenate card: a literal, or an output of another card.
type part struct {
	text   string
	from   *card
	outKey string
}

func literal(s string) part                 { return part{text: s} }
func pinned(from *card, outKey string) part { return part{from: from, outKey: outKey} }

// concatInputKey names the n-th input (0-based). The first two are the card's own
// string1 and string2; the canvas names inputs the user adds "text 3", "text 4", ...
func concatInputKey(n int) string {
	if n < 2 {
		return "string" + strconv.Itoa(n+1)
	}
	return "text " + strconv.Itoa(n+1)
}

// newConcatCard builds a Concatenate card joining parts, with its output labelled.
func newConcatCard(role, title, outLabel string, parts []part) (*card, error) {
	c, err := newCard(templates.Concatenate, role, title)
	if err != nil {
		return nil, err
	}
	if err := c.setConcatInputs(len(parts)); err != nil {
		return nil, err
	}
	for i, p := range parts {
		key := concatInputKey(i)
		if p.from != nil {
			err = pin(p.from, p.outKey, c, key)
		} else {
			err = c.setInput(key, export.NewString(p.text))
		}
		if err != nil {
			return nil, err
		}
	}
	if err := c.labelOutput("output", outLabel); err != nil {
		return nil, err
	}
	return c, nil
}

// setConcatInputs gives the card n inputs. Added inputs copy the prototype's own added
// input ("text 3", metadata.custom true), renamed and re-indexed as the canvas would.
func (c *card) setConcatInputs(n int) error {
	data := c.view().Model().Path("inputs", "data")
	added, err := c.field("inputs", concatInputKey(2))
	if err != nil {
		return err
	}
	proto := added.V.Clone()

	data.Members = data.Members[:2]
	for i := 2; i < n; i++ {
		f := proto.Clone()
		f.Set("key", export.NewString(concatInputKey(i)))
		f.Get("metadata").Set("index", export.NewInt(int64(i)))
		data.Members = append(data.Members, export.Member{Key: "", KeyOffset: -1, Value: f})
	}
	c.renumberFields("inputs")
	return nil
}
