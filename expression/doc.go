// Package expression parses TaskRouter target-workers expressions, such as
// `email == "bob@example.com"`, and evaluates them against a worker's attributes.
//
// flopack needs it twice: the TaskRouter test double (package taskroutertest) filters workers
// with it the way TaskRouter's TargetWorkersExpression parameter does, and `flopack verify`
// uses [Unsafe] to find attribute values that the flow's `attr=="ADDRESS"` query cannot
// carry.
//
// The grammar follows Twilio's expression syntax page: comparisons (==, =, !=, <, <=, >, >=,
// IN, NOT IN, CONTAINS, HAS) between attribute paths and literals (single- or double-quoted
// strings, numbers, true, false, [lists]), combined with AND / OR (also && and ||) and
// parentheses; keywords are case-insensitive.
//
// Limitations: Twilio documents no escape sequence inside string literals, so a backslash is
// an ordinary character here; a comparison with a missing attribute is false, whatever the
// operator; string comparisons are case-sensitive. These are this package's choices, not
// documented TaskRouter behaviour, which is why verify reports values that depend on them.
package expression
