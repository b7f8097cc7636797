package interp

import (
	"strings"
	"testing"
)

// search is String.prototype.search with the pattern translated: the position of the
// first match in UTF-16 code units, or -1.
func search(t *testing.T, pattern, s string) (int, error) {
	t.Helper()
	re, err := compileJS(pattern)
	if err != nil {
		return 0, err
	}
	loc := re.FindStringIndex(s)
	if loc == nil {
		return -1, nil
	}
	return utf16Index(s, loc[0]), nil
}

// The expected positions are what `s.search(new RegExp(pattern))` gives in Node.js 18;
// most are cases where Go's regexp, given the pattern as it is, would differ or fail.
func TestJSPatterns(t *testing.T) {
	t.Parallel()
	// The generator's pattern for unsafe addresses: a double quote, a backslash or a
	// control character.
	const unsafe = `["\\\x00-\x1f]`
	tests := []struct {
		name, pattern, in string
		want              int
	}{
		{"quote in an address", unsafe, `x" or email != "x`, 1},
		{"safe address", unsafe, "grace.hopper@example.com", -1},
		{"backslash", unsafe, `a\b`, 1},
		{"tab", unsafe, "a\tb", 1},
		{"DEL is not a C0 control", unsafe, "\x7f", -1},
		{"digits", "[0-9]", "abc123", 3},
		{"dot skips \\r", ".", "\n\rx", 2},
		{"\\s holds no-break space", `\s`, "a\u00a0b", 1},
		{"\\S skips Unicode spaces", `\S`, "\u00a0\u2028x", 2},
		{"\\s in a class", `[\s]`, "x\u3000", 1},
		{"negated \\s class", `[^\s]`, " \u00a0x", 2},
		{"position in UTF-16 units", "b", "😀b", 2},
		{"astral character", "😀", "x😀", 1},
		{"\\u escape", `\u00e9`, "aé", 1},
		{"surrogate pair", `\uD83D\uDE00`, "a😀", 1},
		{"\\x escape", `\x41`, "zA", 1},
		{"\\x without two digits", `\x4`, "x4", 0},
		{"control escape", `\cJ`, "a\nb", 1},
		{"\\c without a letter", `\c1`, `a\c1`, 1},
		{"NUL escape", `\0`, "a\x00", 1},
		{"empty class", "[]", "abc", -1},
		{"negated empty class", "[^]", "\n", 0},
		{"no POSIX classes", "[[:alpha:]]", "x:", -1},
		{"[ in a class", "[[:alpha:]]", "h]", 0},
		{"- next to \\d", `[\d-z]`, "-", 0},
		{"- next to \\d is no range", `[\d-z]`, "m", -1},
		{"leading -", "[-a]", "b-", 1},
		{"\\] in a class", `[\]]`, "a]", 1},
		{"\\b in a class is a backspace", `[\b]`, "a\bb", 1},
		{"identity escape \\a", `\a`, "a", 0},
		{"identity escape \\z", `\z`, "xz", 1},
		{"identity escape \\Q", `\Q.`, "Qx", 0},
		{"identity escape \\p", `\p{L}`, "p{L}", 0},
		{"identity escapes of punctuation", `\-\/`, "a-/", 1},
		{"\\1 without a group is octal", `\1`, "a\x01", 1},
		{"\\10 is octal", `\10`, "a\x08", 1},
		{"\\2 past the groups is octal", `(a)\2`, "a\x02", 0},
		{"named group", "(?<first>x)", "ax", 1},
		{"alternation", "(a)|b", "cb", 1},
		{"^ is the start", "^a", "ba", -1},
		{"$ is the end", "a$", "a\n", -1},
		{"{ that is no quantifier", "a{,2}", "a{,2}", 0},
		{"lazy quantifier", "a+?b", "caab", 1},
		{"repeated group with an astral character", "(?:😀)+", "x😀😀", 1},
		{"empty pattern", "", "abc", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := search(t, tt.pattern, tt.in)
			if err != nil || got != tt.want {
				t.Errorf("search(%q, %q) = %d, %v; want %d", tt.pattern, tt.in, got, err,
					tt.want)
			}
		})
	}
}

// Patterns Go cannot run are refused with a reason.
func TestJSPatternsRefused(t *testing.T) {
	t.Parallel()
	tests := []struct{ pattern, want string }{
		{`(a)\1`, `backreference \1 is not supported`},
		{`(?<n>a)\k<n>`, `backreference \k is not supported`},
		{`(?=a)`, `lookahead "(?=" is not supported`},
		{`(?!a)`, `lookahead "(?!" is not supported`},
		{`(?<=a)b`, `lookbehind "(?<=" is not supported`},
		{`(?<!a)b`, `lookbehind "(?<!" is not supported`},
		{`(?i:a)`, `JavaScript has no such group`},
		{`\u{41}`, `\u{...} is only an escape with the u flag`},
		{`\uD83D`, `lone surrogate \uD83D`},
		{`[\S]`, `\S inside [...] is not supported`},
		{`[z-a]`, `range 'z'-'a' is out of order`},
		{`[a`, `has no closing ]`},
		{`\`, `lone backslash`},
		{`^*`, `"*" repeats ^, $, \b or \B`},
		{`a\b{2}`, `"{2}" repeats ^, $, \b or \B`},
		{`😀+`, `"+" follows a character outside the Basic Multilingual Plane`},
		{`\uD83D\uDE00?`, `"?" follows a character outside the Basic Multilingual Plane`},
		{`[😀]`, `'😀' inside [...]`},
		{`a{1001}`, `Go's regexp cannot compile it`},
		{`+`, `Go's regexp cannot compile it`},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			t.Parallel()
			_, err := compileJS(tt.pattern)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("compileJS(%q) error %v, want %q", tt.pattern, err, tt.want)
			}
		})
	}
}

func FuzzTranslateJS(f *testing.F) {
	for _, p := range []string{`["\\\x00-\x1f]`, `[\d-z]`, `\uD83D\uDE00`, `(a)\2`, `[^]`} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		// Never a panic; a translation is a pattern Go compiles or an error.
		if re, err := compileJS(pattern); err == nil && re == nil {
			t.Fatal("no pattern and no error")
		}
	})
}
