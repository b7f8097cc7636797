package flowspec

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"
)

// validate checks value against the schema and turns each failing keyword into a
// diagnostic at the YAML node its instance location names.
func (c *checker) validate(value any) {
	s, err := loadSchema()
	if err != nil {
		c.add(1, 1, "", fmt.Sprintf("internal error: %v; please report it", err))
		return
	}

	err = s.validator.Validate(value)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		if err != nil {
			c.add(1, 1, "", fmt.Sprintf("internal error: validate: %v; please report it", err))
		}
		return
	}

	// Errors about a value are grouped by place, so that a value that breaks several
	// keywords (two patterns, say) gets one diagnostic.
	byPlace := map[string][]*jsonschema.ValidationError{}
	var places []string
	done := map[string]bool{}
	for _, leaf := range leaves(ve, nil) {
		segs := parsePointer(leaf.InstanceLocation)
		kw := path.Base(leaf.KeywordLocation)
		switch kw {
		case "additionalProperties", "required":
			if key := kw + pointer(segs); !done[key] {
				done[key] = true
				c.objectProblem(s, kw, segs, value)
			}
		default:
			place := pointer(segs)
			if byPlace[place] == nil {
				places = append(places, place)
			}
			byPlace[place] = append(byPlace[place], leaf)
		}
	}

	for _, place := range places {
		errs := byPlace[place]
		c.badValue(s, parsePointer(errs[0].InstanceLocation), errs, value)
	}
}

// leaves returns the errors that have no causes: the keywords that actually failed.
func leaves(ve *jsonschema.ValidationError, out []*jsonschema.ValidationError,
) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return append(out, ve)
	}
	for _, cause := range ve.Causes {
		out = leaves(cause, out)
	}
	return out
}

// objectProblem reports unknown and missing keys of the mapping at segs.
func (c *checker) objectProblem(s *compiledSchema, kw string, segs []string, value any) {
	if c.isCovered(segs) {
		return
	}
	m, _ := valueAt(value, segs).(map[string]any)
	_, node := lookup(c.root, segs)
	if kw == "additionalProperties" {
		c.unknownKeys(s, segs, node)
		return
	}

	where := "at the top level"
	at := node
	if len(segs) > 0 {
		where = "under " + fieldName(segs)
		if key, _ := lookup(c.root, segs); key != nil {
			at = key
		}
	}
	typos := misspelled(node, s.keys(segs))
	for _, name := range s.required(segs) {
		if _, ok := m[name]; ok || typos[name] || c.isCovered(child(segs, name)) {
			continue // a typo's "did you mean" already says what is missing
		}
		what := name
		if title := s.at(child(segs, name)).Get("title").Str(); title != "" {
			what += " (" + title + ")"
		}
		msg := fmt.Sprintf("missing required key %s; add it %s", what, where)
		c.addAt(at, fieldName(child(segs, name)), msg)
	}
}

// unknownKeys reports each key of the mapping node that the schema does not allow there,
// with the closest allowed key when one is near, or the mapping it belongs to.
func (c *checker) unknownKeys(s *compiledSchema, segs []string, node *yaml.Node) {
	if node == nil || node.Kind != yaml.MappingNode {
		return
	}
	allowed := s.keys(segs)
	reported := map[string]bool{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		key := node.Content[i]
		if key.Kind != yaml.ScalarNode || reported[key.Value] ||
			slices.Contains(allowed, key.Value) {
			continue
		}
		reported[key.Value] = true

		msg := fmt.Sprintf("unknown key %q", key.Value)
		if near := closest(key.Value, allowed); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		} else if home := s.home(key.Value, segs); home != "" {
			msg += "; it belongs " + home
		}
		msg += " (allowed here: " + strings.Join(allowed, ", ") + ")"
		c.addAt(key, fieldName(child(segs, key.Value)), msg)
	}
}

// misspelled returns the allowed keys that an unknown key of the mapping node probably
// misspells, as unknownKeys suggests them.
func misspelled(node *yaml.Node, allowed []string) map[string]bool {
	typos := map[string]bool{}
	if node == nil || node.Kind != yaml.MappingNode {
		return typos
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		key := node.Content[i]
		if key.Kind != yaml.ScalarNode || slices.Contains(allowed, key.Value) {
			continue
		}
		if near := closest(key.Value, allowed); near != "" {
			typos[near] = true
		}
	}
	return typos
}

// home says where else the schema allows key, for a key written under the wrong mapping.
func (s *compiledSchema) home(key string, not []string) string {
	for _, obj := range s.objects() {
		if fieldName(obj) == fieldName(not) || !slices.Contains(s.keys(obj), key) {
			continue
		}
		if len(obj) == 0 {
			return "at the top level"
		}
		return "under " + fieldName(obj)
	}
	return ""
}

// badValue reports one diagnostic for a value that failed one or more keywords: a type
// error in words of YAML, else the Go rule's message for the field, else the schema's own.
func (c *checker) badValue(
	s *compiledSchema, segs []string, errs []*jsonschema.ValidationError, value any,
) {
	if c.isCovered(segs) {
		return
	}
	c.cover(segs)
	key, node := lookup(c.root, segs)
	field := fieldName(segs)
	at := node
	if key != nil && node.Kind == yaml.ScalarNode && node.ShortTag() == "!!null" {
		at = key // "twilio:" with nothing after it: point at the key, not past it
	}

	for _, e := range errs {
		if path.Base(e.KeywordLocation) == "type" {
			want := s.resolve(e.AbsoluteKeywordLocation).Str()
			c.addAt(at, field, typeMessage(s, segs, want, node))
			return
		}
	}

	if rule := rules[field]; rule != nil {
		if msg := rule(valueAt(value, segs)); msg != "" {
			c.addAt(at, field, msg)
			return
		}
	}

	// No rule has words for it: use the schema's message for editors, else the validator's.
	e := errs[0]
	parent := s.resolve(strings.TrimSuffix(e.AbsoluteKeywordLocation,
		"/"+path.Base(e.AbsoluteKeywordLocation)))
	msg := parent.Get("patternErrorMessage").Str()
	if msg == "" {
		msg = parent.Get("errorMessage").Str()
	}
	if msg == "" {
		msg = e.Message
	}
	c.addAt(at, field, msg)
}

// valueAt follows path segments through the converted value.
func valueAt(v any, segs []string) any {
	for _, seg := range segs {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[seg]
	}
	return v
}

// typeMessage says what a value must be and what it is, in YAML's words.
func typeMessage(s *compiledSchema, segs []string, want string, n *yaml.Node) string {
	got := describe(n)
	switch want {
	case "object":
		msg := fmt.Sprintf("must be a mapping with the keys %s, not %s",
			strings.Join(s.keys(segs), ", "), got)
		if len(segs) == 0 {
			return "the spec " + msg
		}
		if got == "empty" {
			msg += "; indent its keys under it"
		}
		return msg
	case "string":
		msg := "must be text, not " + got
		switch {
		case got == "empty":
			msg += "; write a value or remove the key"
		case n.Kind == yaml.ScalarNode:
			msg += "; put the value in quotes"
		}
		return msg
	case "boolean":
		return "must be true or false, not " + got
	case "integer":
		if len(segs) == 1 && segs[0] == "version" {
			return fmt.Sprintf("must be the number %d, not %s", Version, got)
		}
		return "must be a whole number, not " + got
	default:
		return fmt.Sprintf("must be of type %s, not %s", want, got)
	}
}

// describe names what a YAML node holds, for type messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!null":
		return "empty"
	case "!!int", "!!float":
		return "the number " + short(n.Value)
	case "!!bool":
		return n.Value
	default:
		return "the text " + fmt.Sprintf("%q", short(n.Value))
	}
}

// short cuts a value quoted in a message to a readable length.
func short(s string) string {
	const limit = 40
	if r := []rune(s); len(r) > limit {
		return string(r[:limit]) + "…"
	}
	return s
}
