// Package flexflow reads what a Flex de-provisioning export asks of TaskRouter: the
// workspace, the worker query its API Connector Get card sends, and the URL its Delete card
// calls. `flopack verify` checks those against the live workspace.
//
// [Read] finds the cards by address and wiring, never by name, because admins rename
// cards: the one API Connector Get card (root:channels:http:httpfunctions:VERSION:get) and
// the Delete card in the same flow body, normally the body embedded in the event flow's
// For Each card. Their URL and Query inputs are literals or pinned from Concatenate cards,
// which Read evaluates statically, joining every text input in canvas order (string1,
// string2, then added inputs, which Okta names "text 3", ... and users rename): literal
// inputs as they are, values pinned from the event (the callable card and its expand
// cards) as the address placeholder, values pinned from another Concatenate recursively,
// and values from any other card as a run-time value.
//
// Limitations: the query must be TargetWorkersExpression=ATTRIBUTE=="ADDRESS" (or with
// single quotes); other filters, an object-valued Query, or text around the address inside
// the literal are reported as unsupported rather than guessed at.
package flexflow
