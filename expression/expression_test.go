package expression

import (
	"errors"
	"testing"
)

var bob = map[string]any{
	"email":    "bob@example.com",
	"level":    float64(3),
	"flex":     true,
	"routing":  map[string]any{"skills": []any{"support", "sales"}},
	"contact":  "client:bob",
	"hyphened": "jean-luc@example.com",
}

func TestMatch(t *testing.T) {
	tests := []struct {
		expr string
		want bool
	}{
		{`email=="bob@example.com"`, true},
		{`email == 'bob@example.com'`, true},
		{`email = "bob@example.com"`, true},
		{`email=="Bob@example.com"`, false},
		{`email=="alice@example.com"`, false},
		{`missing=="bob@example.com"`, false},
		{`missing!="bob@example.com"`, false},
		{`email!="alice@example.com"`, true},
		{`hyphened=="jean-luc@example.com"`, true},
		{`level > 2 AND level <= 3`, true},
		{`level >= 4 or flex == true`, true},
		{`level < 3 || flex == false`, false},
		{`level == 3 && email == "x"`, false},
		{`(level == 1 OR level == 3) AND email == "bob@example.com"`, true},
		{`"bob@example.com" == email`, true},
		{`1 == 1`, true},
		{`-1 < 0`, true},
		{`email IN ["a@b.c", "bob@example.com"]`, true},
		{`email in []`, false},
		{`email NOT IN ['a@b.c']`, true},
		{`routing.skills HAS "sales"`, true},
		{`routing.skills CONTAINS "billing"`, false},
		{`routing.skills IN ["sales"]`, true},
		{`contact CONTAINS "client:"`, true},
		{`email > 2`, false},
		{`routing.skills == "sales"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			e, err := Parse(tt.expr)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := Match(e, Attributes(bob)); got != tt.want {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		expr   string
		offset int
	}{
		{``, 0},
		{`email`, 5},
		{`email==`, 7},
		{`email=="bob@example.com`, 7},
		{`email=="a"b@example.com"`, 11},
		{`email==bob@example.com`, 10},
		{`email == "a" AND`, 16},
		{`(email == "a"`, 13},
		{`email === "a"`, 8},
		{`email ! "a"`, 6},
		{`email NOT "a"`, 10},
		{`email IN ["a" "b"]`, 14},
		{`email IN [x]`, 10},
		{`email IN [["a"]]`, 10},
		{"email==\"a\nb\"", 9},
		{"email==\x01", 7},
		{"email==\"\xff\"", 8},
		{`email == - 1`, 9},
		{`AND == 1`, 0},
		{`email == "a")`, 12},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			_, err := Parse(tt.expr)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) = %v, want a *SyntaxError", tt.expr, err)
			}
			if se.Offset != tt.offset {
				t.Errorf("offset = %d, want %d (%v)", se.Offset, tt.offset, se)
			}
		})
	}
}

func TestParseDepthLimit(t *testing.T) {
	deep := ""
	for range maxDepth + 1 {
		deep += "("
	}
	if _, err := Parse(deep + "1==1"); err == nil {
		t.Fatal("Parse accepted parentheses nested past the limit")
	}
}

func TestUnsafe(t *testing.T) {
	tests := []struct {
		value string
		quote byte
		safe  bool
	}{
		{"bob@example.com", '"', true},
		{"jean-luc@example.com", '"', true},
		{"o'brien@example.com", '"', true},
		{"o'brien@example.com", '\'', false},
		{`say"hi@example.com`, '"', false},
		{`back\slash@example.com`, '"', false},
		{"tab\there@example.com", '"', false},
		{"bad\xffutf8", '"', false},
		{"", '"', true},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			reason := Unsafe(tt.value, tt.quote)
			if (reason == "") != tt.safe {
				t.Errorf("Unsafe(%q, %c) = %q, want safe=%v", tt.value, tt.quote, reason, tt.safe)
			}
		})
	}
}
