// Package taskrouter reads a TaskRouter workspace through twilio-go (rest/taskrouter/v1):
// the workspace, its workers, and the worker list a flow's TargetWorkersExpression query
// returns. It is what `flopack verify` talks to TaskRouter with.
//
// The client only reads: its transport refuses any method but GET, so a check can never
// change a workspace. Around twilio-go, which takes no context and sets no retry policy,
// the transport adds what a command needs:
//
//   - a context per call, so that Ctrl-C stops a request in flight;
//   - a timeout per attempt, and retries of 429, 5xx and timeouts with exponential backoff
//     that honours Retry-After, a bounded number of times;
//   - an optional base URL that replaces scheme and host of every request, paging URLs
//     included (twilio-go follows the absolute meta.next_page_url), for regional endpoints
//     and the test double in package taskroutertest. Without it twilio-go's own host is
//     used, adjusted by TWILIO_REGION and TWILIO_EDGE as twilio-go does.
//
// Errors are *Error values that say what to fix, and never hold the Auth Token or API key
// secret.
package taskrouter
