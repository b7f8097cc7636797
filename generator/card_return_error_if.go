package generator

import (
	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/templates"
)

// NoWorkerMessage is the error the flow ends with when TaskRouter has no worker for the
// address. Flow History shows it, so it says what happened and that nothing was deleted.
const NoWorkerMessage = "No Twilio Flex worker matched this user's address, so nothing was " +
	"deleted. Check the worker attribute and the user's address in Okta."

// noWorkerStatus is the status code of that error: the worker was not found.
const noWorkerStatus = 404

// newReturnErrorIfCard builds the card that stops the flow when no worker matched, before
// the Delete card could be sent a URL without a worker SID.
func newReturnErrorIfCard() (*card, error) {
	c, err := newCard(templates.ReturnErrorIf, "stop-if-no-worker", "Stop if no worker matched")
	if err != nil {
		return nil, err
	}
	inputs := []struct {
		key string
		val *export.Value
	}{
		{"left-operand", export.NewString("")},
		{"operator", export.NewString("is empty")},
		{"right-operand", export.NewString("")},
		{"message", export.NewString(NoWorkerMessage)},
		{"statusCode", export.NewInt(noWorkerStatus)},
	}
	for _, in := range inputs {
		if err := c.setInput(in.key, in.val); err != nil {
			return nil, err
		}
	}
	return c, nil
}
