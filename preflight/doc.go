// Package preflight checks a Flex de-provisioning flow against the live TaskRouter
// workspace before an agent leaves: a flow that imports cleanly can still fail in
// production because of a wrong Workspace SID, credentials without access, workers without
// the email attribute, two workers sharing one address (the flow deletes whichever comes
// first), or addresses the flow's expression cannot carry.
//
// [Run] takes the flow's parameters (package flexflow) and a read-only TaskRouter client
// (package taskrouter) and returns a [Report]: one [Check] per stable ID (see [Checks]),
// each ok, warning or error. It sends only GET requests: the workspace, the flow's own
// worker query, the list of all workers (1,000 a page), and the flow's query again for
// each address Twilio warns about.
package preflight
