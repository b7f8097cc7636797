package flowspec

import "strings"

// closest returns the allowed key that key most likely misspells, or "" when none is near:
// the same key in other case or with dashes, a key it starts or ends, or one within a few
// edits (a swapped pair of letters counts as one).
func closest(key string, allowed []string) string {
	norm := strings.ToLower(strings.NewReplacer("-", "_", " ", "_").Replace(key))
	best, bestDist := "", -1
	for _, a := range allowed {
		d := editDistance(norm, a)
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

// editDistance is the optimal string alignment distance: insertions, deletions,
// substitutions and swaps of adjacent bytes. Keys are ASCII, and short.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64 // far apart; keeps a hostile key from costing quadratic time
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
