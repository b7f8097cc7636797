package flowspec

import (
	"strings"

	"github.com/flopack/flopack/internal/textdist"
)

// closest returns the allowed key that key most likely misspells, or "" when none is near:
// the same key in other case or with dashes, a key it starts or ends, or one within a few
// edits (a swapped pair of letters counts as one).
func closest(key string, allowed []string) string {
	norm := strings.ToLower(strings.NewReplacer("-", "_", " ", "_").Replace(key))
	best, bestDist := "", -1
	for _, a := range allowed {
		d := textdist.Distance(norm, a)
		switch {
		case norm == a:
			return a
		case len(norm) >= 3 && (strings.HasPrefix(a, norm) || strings.HasPrefix(norm, a)):
			d = 1 // a truncated or extended key ("worker_attr") is a likely typo
		case d > min(3, 1+len(a)/4):
			continue
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = a, d
		}
	}
	return best
}
