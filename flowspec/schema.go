package flowspec

import (
	"bytes"
	_ "embed"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/flopack/flopack/export"
)

// schemaJSON is the spec's JSON Schema. It is draft-07 rather than 2020-12 because
// yaml-language-server, which most editors use for YAML, validates draft-07 fully and
// newer drafts only in part (redhat-developer/yaml-language-server#1112). It carries
// VS Code's patternErrorMessage and errorMessage keywords, which validators ignore and
// editors show instead of "does not match pattern".
//
//go:embed schema.json
var schemaJSON []byte

// Schema returns the spec's JSON Schema (draft-07), the one `flopack schema` prints for
// editors. The caller may modify the returned bytes.
func Schema() []byte {
	return bytes.Clone(schemaJSON)
}

// compiledSchema is the schema ready to validate, plus the schema document as an ordered
// tree, which gives titles, allowed keys in file order, and the custom messages.
type compiledSchema struct {
	validator *jsonschema.Schema
	doc       *export.Value
}

const schemaURL = "flopack-spec.schema.json"

var loadSchema = sync.OnceValues(func() (*compiledSchema, error) {
	doc, err := export.Decode(schemaJSON)
	if err != nil {
		return nil, fmt.Errorf("read embedded schema: %w", err)
	}

	compiler := jsonschema.NewCompiler()
	compiler.Draft = jsonschema.Draft7
	if err := compiler.AddResource(schemaURL, bytes.NewReader(schemaJSON)); err != nil {
		return nil, fmt.Errorf("load embedded schema: %w", err)
	}
	validator, err := compiler.Compile(schemaURL)
	if err != nil {
		return nil, fmt.Errorf("compile embedded schema: %w", err)
	}
	return &compiledSchema{validator: validator, doc: doc}, nil
})

// at returns the schema of the value at instance path segs, following "properties" only
// (the spec has no lists), or nil when the schema does not describe that place.
func (s *compiledSchema) at(segs []string) *export.Value {
	v := s.doc
	for _, seg := range segs {
		v = v.Path("properties", seg)
		if v == nil {
			return nil
		}
	}
	return v
}

// keys returns the keys the schema allows at segs, in schema order.
func (s *compiledSchema) keys(segs []string) []string {
	props := s.at(segs).Get("properties")
	if props == nil {
		return nil
	}
	keys := make([]string, len(props.Members))
	for i, m := range props.Members {
		keys[i] = m.Key
	}
	return keys
}

// required returns the keys the schema requires at segs.
func (s *compiledSchema) required(segs []string) []string {
	req := s.at(segs).Get("required")
	if req == nil {
		return nil
	}
	out := make([]string, 0, len(req.Items))
	for _, item := range req.Items {
		out = append(out, item.Str())
	}
	return out
}

// objects returns the instance paths of every mapping the schema describes, root first.
func (s *compiledSchema) objects() [][]string {
	var out [][]string
	var walk func(v *export.Value, segs []string)
	walk = func(v *export.Value, segs []string) {
		props := v.Get("properties")
		if props == nil {
			return
		}
		out = append(out, segs)
		for _, m := range props.Members {
			walk(m.Value, child(segs, m.Key))
		}
	}
	walk(s.doc, nil)
	return out
}

// resolve follows the fragment of an absolute keyword location
// ("...schema.json#/definitions/name/type") to the schema value it names.
func (s *compiledSchema) resolve(location string) *export.Value {
	_, fragment, ok := strings.Cut(location, "#")
	if !ok {
		return nil
	}
	v := s.doc
	for _, seg := range parsePointer(fragment) {
		switch v.Kind {
		case export.Object:
			v = v.Get(seg)
		case export.Array:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(v.Items) {
				return nil
			}
			v = v.Items[i]
		default:
			return nil
		}
		if v == nil {
			return nil
		}
	}
	return v
}

// parsePointer splits a JSON pointer as santhosh-tekuri/jsonschema writes them: each
// segment escaped per RFC 6901 and then URL path escaped.
func parsePointer(p string) []string {
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return nil
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		}
		s = strings.ReplaceAll(s, "~1", "/")
		segs[i] = strings.ReplaceAll(s, "~0", "~")
	}
	return segs
}
