package taskroutertest

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

var update = flag.Bool("update", false, "rewrite testdata/taskrouter_v1_responses.json from ../shared")

// openAPIRel is Twilio's OpenAPI description, relative to the folder that holds shared/.
const openAPIRel = "shared/twilio/twilio_taskrouter_v1.json"

// subsetPath holds the response schemas of the operations the double serves, cut from
// Twilio's OpenAPI description so that the contract test runs on a clone without shared/.
// TestSchemaSubsetIsCurrent proves the copy still matches when shared/ is there.
const subsetPath = "testdata/taskrouter_v1_responses.json"

// operations are the OpenAPI operations the double serves: name, path, method, status.
var operations = []struct{ name, path, method, status string }{
	{"fetchWorkspace", "/v1/Workspaces/{Sid}", "get", "200"},
	{"listWorkers", "/v1/Workspaces/{WorkspaceSid}/Workers", "get", "200"},
	{"fetchWorker", "/v1/Workspaces/{WorkspaceSid}/Workers/{Sid}", "get", "200"},
	{"deleteWorker", "/v1/Workspaces/{WorkspaceSid}/Workers/{Sid}", "delete", "204"},
}

// errorSchema is the error body of Twilio's REST APIs ({code, message, more_info,
// status}); the OpenAPI description leaves error responses out, so it is written here.
const errorSchema = `{
	"type": "object",
	"required": ["code", "message", "more_info", "status"],
	"additionalProperties": false,
	"properties": {
		"code": {"type": "integer"},
		"message": {"type": "string"},
		"more_info": {"type": "string", "format": "uri"},
		"status": {"type": "integer"}
	}
}`

// findShared walks up from the package folder to the one holding shared/.
func findShared(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, openAPIRel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// extractSubset cuts from the OpenAPI document the responses of the operations and the
// component schemas they reference, keeping their JSON pointers.
func extractSubset(t *testing.T, doc map[string]any) map[string]any {
	t.Helper()
	paths := map[string]any{}
	var refs []string
	for _, op := range operations {
		resp := lookup(t, doc, "paths", op.path, op.method, "responses", op.status)
		entry := map[string]any{}
		if schema, ok := digAny(resp, "content", "application/json", "schema"); ok {
			entry["content"] = map[string]any{"application/json": map[string]any{"schema": schema}}
			refs = append(refs, collectRefs(schema)...)
		}
		p, _ := paths[op.path].(map[string]any)
		if p == nil {
			p = map[string]any{}
			paths[op.path] = p
		}
		p[op.method] = map[string]any{"responses": map[string]any{op.status: entry}}
	}

	all := lookup(t, doc, "components", "schemas")
	schemas := map[string]any{}
	for len(refs) > 0 {
		name := strings.TrimPrefix(refs[0], "#/components/schemas/")
		refs = refs[1:]
		if _, done := schemas[name]; done {
			continue
		}
		s, ok := all[name]
		if !ok {
			t.Fatalf("OpenAPI: no component schema %q", name)
		}
		schemas[name] = s
		refs = append(refs, collectRefs(s)...)
	}
	return map[string]any{
		"info":       map[string]any{"source": "twilio_taskrouter_v1.json", "note": "cut by TestSchemaSubsetIsCurrent -update"},
		"paths":      paths,
		"components": map[string]any{"schemas": schemas},
	}
}

func collectRefs(v any) []string {
	var refs []string
	switch v := v.(type) {
	case map[string]any:
		if r, ok := v["$ref"].(string); ok {
			refs = append(refs, r)
		}
		for _, x := range v {
			refs = append(refs, collectRefs(x)...)
		}
	case []any:
		for _, x := range v {
			refs = append(refs, collectRefs(x)...)
		}
	}
	return refs
}

func digAny(v any, keys ...string) (any, bool) {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

func lookup(t *testing.T, v any, keys ...string) map[string]any {
	t.Helper()
	x, ok := digAny(v, keys...)
	m, isMap := x.(map[string]any)
	if !ok || !isMap {
		t.Fatalf("OpenAPI: nothing at %s", strings.Join(keys, " › "))
	}
	return m
}

func readJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

func TestSchemaSubsetIsCurrent(t *testing.T) {
	shared := findShared(t)
	if shared == "" {
		t.Skipf("no %s above the package folder", openAPIRel)
	}
	want := extractSubset(t, readJSON(t, shared))

	if *update {
		data, err := json.MarshalIndent(want, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(subsetPath, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	if diff := cmp.Diff(want, readJSON(t, subsetPath)); diff != "" {
		t.Errorf("%s is stale; run go test ./taskroutertest -update (-shared +testdata):\n%s",
			subsetPath, diff)
	}
}

// toJSONSchema turns an OpenAPI 3.0 schema into JSON Schema, and tightens it for the
// double: `nullable: true` becomes a "null" type (and a null enum value); an object with
// properties requires all of them and allows no others, so that the double sends every
// field twilio-go reads and nothing the contract lacks.
func toJSONSchema(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			if k == "properties" {
				props := map[string]any{}
				for name, p := range x.(map[string]any) {
					props[name] = toJSONSchema(p)
				}
				out[k] = props
				continue
			}
			out[k] = toJSONSchema(x)
		}
		if out["nullable"] == true {
			if typ, ok := out["type"].(string); ok {
				out["type"] = []any{typ, "null"}
			}
			if enum, ok := out["enum"].([]any); ok {
				out["enum"] = append(enum, nil)
			}
		}
		delete(out, "nullable")
		if props, ok := out["properties"].(map[string]any); ok {
			var names []any
			for name := range props {
				names = append(names, name)
			}
			slices.SortFunc(names, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
			out["required"] = names
			out["additionalProperties"] = false
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = toJSONSchema(x)
		}
		return out
	}
	return v
}

// contract holds the compiled schemas: one per operation that has a body, and "error".
type contract map[string]*jsonschema.Schema

func loadContract(t *testing.T) contract {
	t.Helper()
	subset := readJSON(t, subsetPath)
	doc := map[string]any{
		"components": toJSONSchema(subset["components"]),
		"responses":  map[string]any{},
	}
	for _, op := range operations {
		if s, ok := digAny(subset, "paths", op.path, op.method, "responses", op.status,
			"content", "application/json", "schema"); ok {
			doc["responses"].(map[string]any)[op.name] = toJSONSchema(s)
		}
	}
	var errSchema any
	if err := json.Unmarshal([]byte(errorSchema), &errSchema); err != nil {
		t.Fatal(err)
	}
	doc["responses"].(map[string]any)["error"] = errSchema

	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	if err := c.AddResource("taskrouter.json", bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	out := contract{}
	for name := range doc["responses"].(map[string]any) {
		s, err := c.Compile("taskrouter.json#/responses/" + name)
		if err != nil {
			t.Fatalf("compile %s: %v", name, err)
		}
		out[name] = s
	}
	return out
}

// check validates a response body against the named schema.
func (c contract) check(t *testing.T, name string, body []byte) {
	t.Helper()
	s, ok := c[name]
	if !ok {
		t.Fatalf("no schema %q", name)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%s: body is not JSON: %v\n%s", name, err, body)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s: body breaks the contract: %#v\n%s", name, err, body)
	}
}

// The schemas must be strict enough to catch a drifting double, or the test proves nothing.
func TestContractRejectsDrift(t *testing.T) {
	c := loadContract(t)
	for name, body := range map[string]string{
		"fetchWorker":    `{"sid": "WK1"}`,
		"fetchWorkspace": `{"sid": null, "unknown_field": 1}`,
		"error":          `{"code": 20404, "message": "x", "status": 404}`,
	} {
		var v any
		json.Unmarshal([]byte(body), &v)
		if err := c[name].Validate(v); err == nil {
			t.Errorf("%s accepted %s", name, body)
		}
	}
}

// Every kind of answer the double gives is checked against Twilio's contract.
func TestResponsesMatchContract(t *testing.T) {
	c := loadContract(t)
	s := New(Config{Workers: append(SampleWorkers(), ManyWorkers(5)...)})
	defer s.Close()
	ws := s.URL + "/v1/Workspaces/" + WorkspaceSID

	hidden := New(Config{Workers: SampleWorkers(), HideListedAttributes: true})
	defer hidden.Close()

	s.Inject(Fault{Kind: TooManyRequests, RetryAfter: "1", Match: pathIs("/v1/x429"), Times: 1})
	s.Inject(Fault{Kind: ServerError, Match: pathIs("/v1/x500"), Times: 1})
	s.Inject(Fault{Kind: NotFound, Match: pathIs("/v1/x404"), Times: 1})
	s.Inject(Fault{Kind: Unauthorized, Match: pathIs("/v1/x401"), Times: 1})
	s.Inject(Fault{Kind: Slow, Delay: time.Millisecond, Match: pathIs(
		"/v1/Workspaces/" + WorkspaceSID), Times: 1})

	sid := s.Workers()[0].SID
	tests := []struct {
		name, method, url, schema string
		status                    int
	}{
		{"workspace (slow)", "GET", ws, "fetchWorkspace", 200},
		{"workspace", "GET", ws, "fetchWorkspace", 200},
		{"list first page", "GET", ws + "/Workers?PageSize=4", "listWorkers", 200},
		{"list page 2", "GET", ws + "/Workers?PageSize=4&Page=1&PageToken=PA" + s.Workers()[3].SID,
			"listWorkers", 200},
		{"list previous page", "GET", ws + "/Workers?PageSize=4&Page=1&PageToken=PB" +
			s.Workers()[8].SID, "listWorkers", 200},
		{"list filtered", "GET", ws + `/Workers?TargetWorkersExpression=email%3D%3D%22ada.lovelace%40example.com%22`,
			"listWorkers", 200},
		{"list empty", "GET", ws + `/Workers?TargetWorkersExpression=email%3D%3D'nobody'`,
			"listWorkers", 200},
		{"list hidden attributes", "GET", hidden.URL + "/v1/Workspaces/" + WorkspaceSID + "/Workers",
			"listWorkers", 200},
		{"worker", "GET", ws + "/Workers/" + sid, "fetchWorker", 200},
		{"delete", "DELETE", ws + "/Workers/" + sid, "", 204},
		{"worker gone", "GET", ws + "/Workers/" + sid, "error", 404},
		{"delete gone", "DELETE", ws + "/Workers/" + sid, "error", 404},
		{"other workspace", "GET", s.URL + "/v1/Workspaces/WS00000000000000000000000000000000",
			"error", 404},
		{"bad expression", "GET", ws + `/Workers?TargetWorkersExpression=email%3D%3D%22a%22b%22`,
			"error", 400},
		{"bad page size", "GET", ws + "/Workers?PageSize=1001", "error", 400},
		{"method", "POST", ws + "/Workers", "error", 405},
		{"429", "GET", s.URL + "/v1/x429", "error", 429},
		{"500", "GET", s.URL + "/v1/x500", "error", 500},
		{"404", "GET", s.URL + "/v1/x404", "error", 404},
		{"401", "GET", s.URL + "/v1/x401", "error", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := do(t, tt.method, tt.url, AccountSID, AuthToken)
			if status != tt.status {
				t.Fatalf("status %d, want %d\n%s", status, tt.status, body)
			}
			if tt.schema == "" {
				if len(body) != 0 {
					t.Errorf("want no body, got %q", body)
				}
				return
			}
			c.check(t, tt.schema, body)
		})
	}
}

func pathIs(p string) func(Request) bool {
	return func(r Request) bool { return r.Path == p }
}

func do(t *testing.T, method, url, user, pass string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		req.SetBasicAuth(user, pass)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}
