package flowspec

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"gopkg.in/yaml.v3"
)

// convert turns a YAML node into the JSON value the schema validates, reporting what JSON
// cannot hold or a spec must not use: duplicate keys, aliases, keys that are not plain
// names, custom tags. ok is false when the node was reported and left out.
func (c *checker) convert(n *yaml.Node, segs []string) (value any, ok bool) {
	if len(segs) >= maxNesting && (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) {
		c.tooDeep(n, segs)
		return nil, false
	}

	switch n.Kind {
	case yaml.AliasNode:
		c.alias(n, segs)
		return nil, false
	case yaml.MappingNode:
		return c.convertMapping(n, segs), true
	case yaml.SequenceNode:
		// A left-out item stays as null so that indexes match the YAML nodes.
		items := make([]any, len(n.Content))
		for i, item := range n.Content {
			items[i], _ = c.convert(item, child(segs, strconv.Itoa(i)))
		}
		return items, true
	case yaml.ScalarNode:
		return c.convertScalar(n, segs)
	default:
		// A DocumentNode inside a document does not happen; report rather than guess.
		c.addAt(n, fieldName(segs), "unexpected YAML node; write a plain value")
		c.cover(segs)
		return nil, false
	}
}

func (c *checker) convertMapping(n *yaml.Node, segs []string) map[string]any {
	m := make(map[string]any, len(n.Content)/2)
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if key.Kind == yaml.AliasNode {
			c.alias(key, segs)
			continue
		}
		if key.Kind != yaml.ScalarNode {
			c.addAt(key, fieldName(segs), "a key must be a plain name, not a list or mapping")
			continue
		}

		name := key.Value
		field := fieldName(child(segs, name))
		if first, dup := seen[name]; dup {
			c.addAt(key, field, fmt.Sprintf("duplicate key %q, already set on line %d; "+
				"remove one of them", name, first.Line))
			continue
		}
		seen[name] = key

		// A left-out value stays as null: the key still counts as present and known.
		m[name], _ = c.convert(val, child(segs, name))
	}
	return m
}

// convertScalar follows yaml.v3's tag resolution, so that `name: 123` is a number (and
// wrong) as it is for an editor using the schema.
func (c *checker) convertScalar(n *yaml.Node, segs []string) (any, bool) {
	switch tag := n.ShortTag(); tag {
	case "!!str", "!", "!!timestamp":
		// A date-like name (2024-05-01) is text to the schema and to editors.
		return n.Value, true
	case "!!null":
		return nil, true
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return n.Value, true
		}
		return b, true
	case "!!int", "!!float":
		return number(n), true
	default:
		c.addAt(n, fieldName(segs), fmt.Sprintf("YAML tag %s is not supported in a spec; "+
			"remove it and write a plain value", tag))
		c.cover(segs)
		return nil, false
	}
}

// number returns a YAML number as a json.Number the validator reads. JSON has no NaN or
// infinity, and yaml.v3 reads 0x10 and 1_000; all become plain decimal text. A value that
// is no finite number becomes 0.5: still a number, never a valid one (only version is
// numeric, and it must be the integer 1).
func number(n *yaml.Node) json.Number {
	var f float64
	if err := n.Decode(&f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return json.Number("0.5")
	}
	return json.Number(strconv.FormatFloat(f, 'f', -1, 64))
}

// maxNesting bounds how deep convert descends. A spec nests two levels; without a bound a
// hostile file nests 10,000 (yaml.v3's own limit) and every path costs that much.
const maxNesting = 16

// tooDeep reports the first value nested deeper than maxNesting and leaves out each.
func (c *checker) tooDeep(n *yaml.Node, segs []string) {
	c.cover(segs)
	if c.deepReported {
		return
	}
	c.deepReported = true
	c.addAt(n, fieldName(segs), fmt.Sprintf("nested more than %d levels deep; "+
		"a spec nests two levels (flow: name:)", maxNesting))
}

// alias counts an alias; reportAliases reports the first one. A spec has no use for
// anchors, and refusing aliases means a "billion laughs" file is never expanded.
func (c *checker) alias(n *yaml.Node, segs []string) {
	c.aliases++
	c.cover(segs)
	if c.firstAlias == nil {
		c.firstAlias, c.aliasField = n, fieldName(segs)
	}
}

func (c *checker) reportAliases() {
	if c.aliases == 0 {
		return
	}
	msg := fmt.Sprintf("YAML alias *%s is not supported in a spec; write the value out",
		c.firstAlias.Value)
	if c.aliases > 1 {
		msg += fmt.Sprintf(" (the file has %d aliases)", c.aliases)
	}
	c.addAt(c.firstAlias, c.aliasField, msg)
}

// lookup follows path segments from the top node and returns the key node (nil for the
// top node or a list item) and the value node of the last segment found. A duplicate key
// resolves to its first occurrence, the one the checks use.
func lookup(top *yaml.Node, segs []string) (key, value *yaml.Node) {
	value = top
	for _, seg := range segs {
		k, v := step(value, seg)
		if v == nil {
			return key, value
		}
		key, value = k, v
	}
	return key, value
}

func step(n *yaml.Node, seg string) (key, value *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == seg {
				return k, n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Content) {
			return nil, n.Content[i]
		}
	}
	return nil, nil
}
