package generator

import (
	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/templates"
)

// The errors the flow ends with when it must not delete. Flow History shows them, so each
// says what happened and that nothing was deleted.
const (
	NoAddressMessage = "The event has no address for the user, so nothing was deleted. " +
		"Check the user's name in the Flex app (or Okta login) that the flow reads."
	UnsafeAddressMessage = "The user's address holds a double quote, backslash or control " +
		"character, which the worker query cannot carry safely, so nothing was deleted."
	NoWorkerMessage = "No Twilio Flex worker matched this user's address, so nothing was " +
		"deleted. Check the worker attribute and the user's address in Okta."
)

// stopRule is one Return Error If card: stop when left operator right holds.
type stopRule struct {
	role, title string
	operator    string
	right       *export.Value // nil for the one-operand operators such as "is empty"
	message     string
	status      int64 // HTTP-like status Flow History shows with the error
}

// newReturnErrorIfCard builds a card that ends the flow with rule.message when the rule
// holds. The left operand is pinned by the caller. A numeric right operand takes the
// prototype whose operands are typed as numbers, so that Workflows compares numbers, not
// text.
func newReturnErrorIfCard(rule stopRule) (*card, error) {
	kind, right := templates.ReturnErrorIf, rule.right
	if right == nil {
		right = export.NewString("")
	}
	if right.Kind == export.Number {
		kind = templates.ReturnErrorIfNumbers
	}
	c, err := newCard(kind, rule.role, rule.title)
	if err != nil {
		return nil, err
	}
	inputs := []struct {
		key string
		val *export.Value
	}{
		{"operator", export.NewString(rule.operator)},
		{"right-operand", right},
		{"message", export.NewString(rule.message)},
		{"statusCode", export.NewInt(rule.status)},
	}
	for _, in := range inputs {
		if err := c.setInput(in.key, in.val); err != nil {
			return nil, err
		}
	}
	return c, nil
}
