// Package textdist measures how far apart two short texts are, for the "did you mean"
// suggestions of the spec loader (misspelt keys) and the linter (misspelt operators).
package textdist

// MaxLen is the longest text Distance compares; longer texts are reported as MaxLen apart,
// which keeps a hostile input from costing quadratic time.
const MaxLen = 64

// Distance is the optimal string alignment distance between a and b, in bytes:
// insertions, deletions, substitutions and swaps of adjacent bytes each count one, so a
// swapped pair of letters is one typo, as a reader would count it.
func Distance(a, b string) int {
	if len(a) > MaxLen || len(b) > MaxLen {
		return MaxLen
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
