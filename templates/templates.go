package templates

import (
	"embed"
	"fmt"
	"sync"

	"github.com/flopack/flopack/export"
)

//go:embed cards/*.json
var cardFiles embed.FS

var (
	loadOnce   sync.Once
	prototypes map[Kind]*export.Value
	loadErr    error
)

func load() {
	prototypes = make(map[Kind]*export.Value, len(Kinds))
	for _, k := range Kinds {
		data, err := cardFiles.ReadFile("cards/" + string(k) + ".json")
		if err != nil {
			loadErr = fmt.Errorf("read prototype %s: %w", k, err)
			return
		}
		v, err := export.Decode(data)
		if err != nil {
			loadErr = fmt.Errorf("decode prototype %s: %w", k, err)
			return
		}
		prototypes[k] = v
	}
}

// Card returns a fresh copy of the prototype of kind k, which the caller may change.
func Card(k Kind) (*export.Value, error) {
	loadOnce.Do(load)
	if loadErr != nil {
		return nil, loadErr
	}
	v, ok := prototypes[k]
	if !ok {
		return nil, fmt.Errorf("no card prototype %q", k)
	}
	return v.Clone(), nil
}

// Trim turns a card copied from a real export into a prototype: it drops what belonged to
// its old flow (pins, the "_used" marks that pins leave on fields, an embedded body) and
// keeps everything else as Okta wrote it.
func Trim(card *export.Value) {
	card.Set("pins", export.NewObject())
	c := export.Card{V: card}
	for _, f := range append(c.Inputs(), c.Outputs()...) {
		f.V.Delete("_used")
		if v := f.Value(); v.Get("type").Str() == "flo" {
			v.Set("data", export.NewNull())
		}
	}
}
