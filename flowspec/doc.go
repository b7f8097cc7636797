// Package flowspec reads and checks the YAML spec that flopack compiles: which Okta app
// triggers the flow, which TaskRouter workspace it cleans up, and the connection names.
//
// [Load] and [Parse] return a [Spec] with defaults applied, or a diag.List holding every
// problem found (up to [MaxDiagnostics]), each at a line and column of the file. Checking
// happens in layers:
//
//   - bytes: size (at most [MaxSize]) and UTF-8, before any YAML is parsed;
//   - YAML: syntax, a single document, no duplicate keys, no aliases (so a "billion
//     laughs" file is never expanded), no custom tags, nesting bounded;
//   - the JSON Schema in schema.json ([Schema]), the same one editors use through
//     `flopack schema`: keys, types, required fields, patterns;
//   - Go rules per field (rules.go), which word the message for a bad value and catch
//     what the schema cannot say (Unicode blanks in names).
//
// A value that breaks both a schema keyword and a Go rule is reported once, in the words of
// the Go rule; a value reported by an earlier layer is not reported again by a later one.
//
// Limitations: yaml.v3 reports a syntax error with a line but no column, and that line is
// sometimes the start of the enclosing block rather than the offending character; flopack
// then points at column 1 of that line.
package flowspec
