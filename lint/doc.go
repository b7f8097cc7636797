// Package lint checks Okta Workflows exports (.flopack, .folder, .flow) for the internal
// inconsistencies that make Okta reject a file at import ("flo.id is not a function") or
// import a flow that breaks when it runs: orderings and pins naming cards of another flow,
// orderings that form a cycle or leave a card unrun, expand cards cut off from their source,
// operators off their card's choices, connections and folders that are not in the file.
//
// Checks work offline on the file alone. Each finding is a diag.Diagnostic with a stable
// rule id from [Rules]; the README lists them. Use [File] for a file on disk, [Bytes] for
// data already read, and [Document] for an export built in memory (flopack build lints its
// own output before writing it).
//
// What a rule accepts was measured on the 128 real exports under shared/corpus, which all
// lint without errors; FLOPACK-FORMAT.md describes the format.
package lint
