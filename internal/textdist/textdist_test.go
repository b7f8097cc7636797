package textdist

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"email", "email", 0},
		{"", "abc", 3},
		{"worker_atribute", "worker_attribute", 1}, // a letter left out
		{"is emptyy", "is empty", 1},               // one too many
		{"nmae", "name", 1},                        // a swapped pair
		{"kitten", "sitting", 3},
		{string(make([]byte, MaxLen+1)), "a", MaxLen},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}
