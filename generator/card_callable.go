package generator

import (
	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/templates"
)

// newCallableCard builds the card that starts the embedded body. It mirrors the event's
// fields: each output has an input of the same key.
func newCallableCard() (*card, error) {
	return newCard(templates.Callable, "callable", eventName)
}

// pinCallable wires a callable output like pin does, and also marks the mirrored input of
// the same key used, as real exports do.
func pinCallable(callable *card, outKey string, to *card, inKey string) error {
	if err := pin(callable, outKey, to, inKey); err != nil {
		return err
	}
	in, err := callable.field("inputs", outKey)
	if err != nil {
		return err
	}
	in.V.Set("_used", export.NewBool(true))
	return nil
}
