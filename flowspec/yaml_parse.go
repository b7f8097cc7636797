package flowspec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// parseYAML parses the one YAML document of the file and returns its top node, or nil
// after adding a diagnostic when there is none to check.
func (c *checker) parseYAML() *yaml.Node {
	if line, col, r, ok := forbiddenChar(c.data); ok {
		c.add(line, col, "", fmt.Sprintf("the file contains the control character %U; "+
			"YAML allows only tabs and line breaks, so remove it", r))
		return nil
	}

	dec := yaml.NewDecoder(bytes.NewReader(c.data))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if errors.Is(err, io.EOF) {
		c.add(1, 1, "", emptyMessage)
		return nil
	}
	if err != nil {
		c.syntaxError(err)
		return nil
	}

	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		c.syntaxError(err)
	default:
		c.addAt(&next, "", "a spec is one YAML document; remove this second document "+
			"(from its --- on) or move it to a file of its own")
	}

	if len(doc.Content) == 0 {
		c.add(1, 1, "", emptyMessage)
		return nil
	}
	top := doc.Content[0]
	if top.Kind == yaml.ScalarNode && top.ShortTag() == "!!null" && top.Value == "" {
		c.add(1, 1, "", emptyMessage) // yaml.v3 puts the empty node past a lone "---"
		return nil
	}
	return top
}

const emptyMessage = "the spec is empty; run `flopack init` to write a starter spec"

// yamlError matches yaml.v3's error text: "yaml: line 3: did not find expected key".
var yamlError = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parserProblems are the messages of yaml.v3's parser (parserc.go), as opposed to its
// scanner: their line numbers are 0-based.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// syntaxHints say what usually causes yaml.v3's most frequent complaints.
var syntaxHints = map[string]string{
	"found unexpected end of stream": "is a quote or bracket left open?",
	"mapping values are not allowed in this context": "check the indentation, and quote " +
		"a value that contains \": \"",
	"did not find expected key":           "check the indentation",
	"did not find expected ',' or ']'":    "is a [ left open?",
	"did not find expected ',' or '}'":    "is a { left open?",
	"did not find expected '-' indicator": "check the indentation of the list",
}

// unknownAnchor matches yaml.v3's message for an alias without an anchor.
var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// syntaxError turns a yaml.v3 error into a diagnostic. yaml.v3 gives a line (sometimes the
// line where the enclosing block starts) and no column: the diagnostic points at column 1
// unless the message lets us find the place.
func (c *checker) syntaxError(err error) {
	msg := err.Error()
	line := 1
	if m := yamlError.FindStringSubmatch(msg); m != nil {
		msg = m[2]
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			line = n
			if parserProblems[msg] {
				line++ // yaml.v3 reports a parser error's 0-based line (decode.go, fail)
			}
		}
	}
	starts := lineStarts(c.data)
	line = min(max(line, 1), len(starts))
	col := 1

	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		if i := bytes.Index(c.data, []byte("*"+m[1])); i >= 0 {
			line, col = position(c.data, i)
		}
		c.add(line, col, "", fmt.Sprintf("invalid YAML: alias *%s has no anchor &%s; "+
			"write the value out instead", m[1], m[1]))
		return
	}

	if hint := syntaxHints[msg]; hint != "" {
		msg += "; " + hint
	}
	text := lineText(c.data, starts, line)
	if i := strings.IndexByte(text, '\t'); i >= 0 && strings.TrimLeft(text[:i], " ") == "" {
		col = utf8.RuneCountInString(text[:i]) + 1
		msg += "; indent with spaces, YAML does not allow tabs for indentation"
	}
	c.add(line, col, "", "invalid YAML: "+msg)
}

// forbiddenChar finds the first character that YAML does not allow anywhere in a stream,
// by the same test as yaml.v3's reader, which reports one without saying where.
func forbiddenChar(data []byte) (line, col int, r rune, found bool) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if !yamlAllowed(r) {
			line, col = position(data, i)
			return line, col, r, true
		}
		i += size
	}
	return 0, 0, 0, false
}

// yamlAllowed mirrors yaml_parser_update_buffer in yaml.v3's readerc.go.
func yamlAllowed(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return true
	case r >= 0x20 && r <= 0x7E, r == 0x85:
		return true
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD:
		return true
	default:
		return r >= 0x10000 && r <= 0x10FFFF
	}
}
