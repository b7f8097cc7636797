// Package taskroutertest is an in-process TaskRouter double: a loopback HTTP server that
// answers the TaskRouter v1 requests flopack sends, shaped as Twilio's OpenAPI description
// (../shared/twilio/twilio_taskrouter_v1.json) says, so that `verify` and `run` can be tested
// without the internet.
//
// It serves one workspace and its workers:
//
//	GET    /v1/Workspaces/{WorkspaceSid}
//	GET    /v1/Workspaces/{WorkspaceSid}/Workers   (TargetWorkersExpression, FriendlyName,
//	                                                PageSize, Page, PageToken)
//	GET    /v1/Workspaces/{WorkspaceSid}/Workers/{Sid}
//	DELETE /v1/Workspaces/{WorkspaceSid}/Workers/{Sid}   (204, no body)
//
// Requests must carry Basic auth with the Account SID and Auth Token or an API key and its
// secret. TargetWorkersExpression is parsed by package expression; what it cannot parse gets
// a 400 with Twilio's error JSON. Lists page with PageToken through absolute meta URLs on the
// server's own host, as TaskRouter's do.
//
// Tests drive it with [New], add and remove workers, read the request log ([Server.Requests])
// and inject faults ([Server.Inject]): 401, 404, 429 with Retry-After, 500, slow answers and
// malformed JSON. A test in this package validates every kind of response against the
// OpenAPI response schemas, so the double cannot drift from Twilio's contract.
//
// Limitations: no other TaskRouter resource, no create or update, no filters other than the
// ones above (others get a 400 rather than a silently unfiltered list).
package taskroutertest
