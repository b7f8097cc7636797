// Package interp runs an Okta Workflows export on this machine, the way Okta would run it
// for a batch of Okta events, and records a trace like Flow History: each card's inputs,
// outputs, time taken and error. `flopack run` and `flopack demo` use it to prove that an
// export's wiring does what its spec says, in CI and without Okta.
//
// It works from the export alone, never from how flopack built it, so a hand-edited export
// runs too. [Run] picks the event-triggered flow, plans it and then runs it:
//
//   - Planning walks the orderings from the flow's first card (the Okta event card at top
//     level, the callable in the body that For Each embeds) in topological order; the self
//     edge every expand card carries is ignored, any other cycle is an error. Cards that no
//     ordering path reaches never run and are reported as warnings. Every input pinned from
//     another card must be produced by a card that runs before it, through a pin without a
//     transform. A card the package does not interpret stops the run before any request,
//     with an error naming its title and address.
//   - Running resolves each input from its pin when pinned, else from its literal
//     value.data, and runs the card. For Each - Ignore Errors runs the body once per event;
//     one failing event does not stop the others.
//
// Cards interpreted (by address, any version): the Okta event card (root:channels:http:okta,
// webhook), For Each - Ignore Errors (list asyncEach), callable, expand, Concatenate
// (string concat), Object Get (object get), Return Error If (control throwIf), Find Pattern
// (string match) and the API Connector's Get and Delete (httpfunctions get, delete).
// FLOPACK-FORMAT.md describes them. Find Pattern's JavaScript regular expression is
// translated to Go's dialect, or refused when Go cannot run it (jsregexp.go); its position
// counts UTF-16 code units, as JavaScript does.
//
// The event card passes on only the events Okta would send it: an event whose Application
// ID differs from the card's app instance, or whose Event Type is not the card's, is
// skipped (reported, not run); so is a System Log event that lacks its eventType or its
// AppInstance target, which Okta's subscription guarantees. An event given already mapped
// is skipped only for a value that differs, never for a missing one.
//
// Requests go only to TaskRouter: https://taskrouter.twilio.com, or the base URL given as
// [Options.TaskRouterURL], which replaces that scheme and host (tests, regional endpoints).
// Any other host is refused. A request other than GET is sent only with
// [Options.Execute]; otherwise it is recorded as "not sent (dry run)". The credentials
// (Basic auth) never appear in a trace, an error or the output.
//
// Limitations: For Each runs events one after another whatever its concurrency; pin
// transforms (toString, parseFloat, ...) are not interpreted and stop the run at planning;
// all API Connector cards share one set of credentials, whatever connection each names;
// the event card's Headers field is empty because a file holds a delivery's body only.
package interp
