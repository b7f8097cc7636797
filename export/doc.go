// Package export reads and writes Okta Workflows export files (.flopack, .folder, .flow).
//
// Okta publishes no schema for these files, so the package keeps them as an ordered JSON
// tree ([Value]) rather than as Go structs: a card read from a real export and written back
// keeps every key, in its order, including keys this package knows nothing about. Typed
// views ([Document], [Flow], [Card], [Field]) give names to the parts that flopack reads.
//
// Decode records the byte offset of every value so that linters can point into the file;
// exports are written by Okta as one line, so an offset is more useful than a line number.
// Encode writes what JavaScript's JSON.stringify writes (no HTML escaping, the same number
// text), compact like Okta's own exports or indented for readable Git diffs.
//
// See ../shared/docs/FLOPACK-FORMAT.md for what is known of the format.
package export
