package flowspec

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/diag"
)

// want is one expected diagnostic: its place, and a substring of its message.
type want struct {
	Line, Column int
	Field        string
	Msg          string
}

func TestLoadBadSpecs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want []want
	}{
		{"bad-syntax.yaml", []want{{3, 1, "", "invalid YAML: did not find expected ',' or ']'"}}},
		{"empty.yaml", []want{{1, 1, "", "the spec is empty; run `flopack init`"}}},
		{"comments-only.yaml", []want{{1, 1, "", "the spec is empty"}}},
		{"lone-document-marker.yaml", []want{{1, 1, "", "the spec is empty"}}}, // fuzz find
		{"unknown-key.yaml", []want{
			{2, 1, "flwo",
				`unknown key "flwo"; did you mean "flow"? (allowed here: version, flow, okta, twilio)`},
			{6, 3, "flow.Folder", `did you mean "folder"?`},
			{9, 3, "okta.workspace_sid",
				"it belongs under twilio (allowed here: app_instance_id, connection, email_field)"},
			{12, 3, "twilio.worker_attr", `did you mean "worker_attribute"?`},
			{13, 3, "twilio.region",
				`unknown key "region" (allowed here: workspace_sid, connection, worker_attribute)`},
		}},
		{"typo-required.yaml", []want{ // no "missing required key" for a misspelled key
			{3, 3, "flow.nmae", `unknown key "nmae"; did you mean "name"?`},
			{7, 3, "twilio.workspace-sid", `did you mean "workspace_sid"?`},
		}},
		{"missing-required.yaml", []want{
			{2, 1, "flow",
				"missing required key flow (the generated flow); add it at the top level"},
			{5, 1, "twilio.workspace_sid",
				"missing required key workspace_sid (TaskRouter workspace SID, WS + 32 hex digits); add it under twilio"},
		}},
		{"wrong-type.yaml", []want{
			{1, 10, "version", `must be the number 1, not the text "1"`},
			{3, 9, "flow.name", "must be text, not the number 42; put the value in quotes"},
			{4, 17, "flow.save_history", `must be true or false, not the text "yes"`},
			{5, 7, "okta",
				"must be a mapping with the keys app_instance_id, connection, email_field, not a list"},
			{6, 1, "twilio", "not empty; indent its keys under it"},
		}},
		{"bad-sid.yaml", []want{{7, 18, "twilio.workspace_sid",
			"must be WS followed by 32 hex digits; character 32 after WS, 'X', is not a hex digit; find it in Twilio Console › TaskRouter › Workspaces"}}},
		{"bad-app-id.yaml", []want{{5, 20, "okta.app_instance_id",
			"must be 0oa followed by 17 letters or digits, like 0oa1b2c3d4E5F6g7H8i9; this is a user ID (00u…)"}}},
		{"crlf.yaml", []want{{5, 20, "okta.app_instance_id", "it has 16 characters after 0oa"}}},
		{"duplicate-key.yaml", []want{{8, 1, "flow",
			`duplicate key "flow", already set on line 2; remove one of them`}}},
		{"name-control.yaml", []want{
			{3, 9, "flow.name", "contains a tab at character 7; write the name on one line"},
			{4, 11, "flow.folder", "contains a line break at character 5"},
			{8, 15, "okta.connection", "must not be blank"},
			{11, 15, "twilio.connection", "must not be blank"}, // U+00A0: only the Go rule sees it
		}},
		{"attribute-quote.yaml", []want{{8, 21, "twilio.worker_attribute",
			`must not contain a double quote: it goes into the TaskRouter expression attribute=="address"`}}},
		{"attribute-path.yaml", []want{{8, 21, "twilio.worker_attribute",
			"must be an attribute name or dotted path of letters, digits and underscores"}}},
		{"email-field.yaml", []want{{6, 16, "okta.email_field",
			"must be application_user.alternate_id (the user's name in the Flex app, usually the email) or okta_user.alternate_id"}}},
		{"version.yaml", []want{{1, 10, "version",
			"this flopack reads spec version 1 only, and the file says 2; write version: 1"}}},
		{"not-utf8.yaml", []want{{3, 13, "",
			"byte 0xE9 is not UTF-8; save the file as UTF-8 text"}}},
		{"control-char.yaml", []want{{3, 15, "",
			"the file contains the control character U+0001"}}},
		{"tab-indent.yaml", []want{{3, 1, "", "indent with spaces"}}},
		{"not-mapping.yaml", []want{{1, 1, "",
			"the spec must be a mapping with the keys version, flow, okta, twilio, not a list"}}},
		{"multi-doc.yaml", []want{{8, 1, "", "a spec is one YAML document"}}},
		{"deep-nesting.yaml", []want{
			{3, 9, "flow.name", "must be text, not a list"},
			{3, 23, "flow.name.0.0.0.0.0.0.0.0.0.0.0.0.0.0",
				"nested more than 16 levels deep; a spec nests two levels"},
		}},
		{"alias-value.yaml", []want{{4, 11, "flow.folder",
			"YAML alias *name is not supported in a spec; write the value out"}}},
		{"aliases.yaml", []want{
			{2, 1, "a", `unknown key "a"`},
			{3, 1, "b", `unknown key "b"`},
			{3, 8, "b.0",
				"YAML alias *a is not supported in a spec; write the value out (the file has 72 aliases)"},
			{4, 1, "c", `unknown key "c"`},
			{5, 1, "d", `unknown key "d"`},
			{6, 1, "e", `unknown key "e"`},
			{7, 1, "f", `unknown key "f"`},
			{8, 1, "g", `unknown key "g"`},
			{9, 1, "h", `unknown key "h"`},
			{10, 1, "i", `unknown key "i"`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join("testdata", tt.file)
			spec, err := Load(path)
			if spec != nil {
				t.Errorf("Load returned a spec along with %v", err)
			}
			checkDiagnostics(t, path, err, tt.want)
		})
	}
}

// checkDiagnostics compares places exactly and messages by substring.
func checkDiagnostics(t *testing.T, path string, err error, wants []want) {
	t.Helper()
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("error is %T (%v), want diag.List", err, err)
	}

	var got, wantPlaces []want
	for _, d := range list {
		got = append(got, want{d.Line, d.Column, d.Field, ""})
		if d.Path != path || d.Severity != diag.Error {
			t.Errorf("diagnostic %q: path %q severity %q, want %q error",
				d, d.Path, d.Severity, path)
		}
	}
	for _, w := range wants {
		wantPlaces = append(wantPlaces, want{w.Line, w.Column, w.Field, ""})
	}
	if diff := cmp.Diff(wantPlaces, got); diff != "" {
		t.Fatalf("places (-want +got):\n%s\nerror:\n%v", diff, err)
	}
	for i, w := range wants {
		if !strings.Contains(list[i].Message, w.Msg) {
			t.Errorf("diagnostic %d: message %q does not contain %q", i, list[i].Message, w.Msg)
		}
	}
}

func TestLoadValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want Spec
	}{
		{"valid-full.yaml", Spec{
			Version: 1,
			Flow: Flow{
				Name:        `Remove "Flex" seat`,
				Folder:      "Flex offboarding",
				Description: "Two lines,\nwith\ta tab.\n",
				SaveHistory: false,
			},
			Okta: Okta{
				AppInstanceID: "0oaZZ9yy8XX7ww6VV5u4",
				Connection:    "Okta Prod",
				EmailField:    "okta_user.alternate_id",
			},
			Twilio: Twilio{
				WorkspaceSID:    "WSFEDCBA9876543210fedcba9876543210",
				Connection:      "TaskRouter (prod)",
				WorkerAttribute: "routing.email_address",
			},
		}},
		{"valid-minimal.yaml", Spec{
			Version: 1,
			Flow: Flow{
				Name:        "Delete Flex worker",
				Folder:      "Delete Flex worker",
				SaveHistory: true,
			},
			Okta: Okta{
				AppInstanceID: "0oa1b2c3d4E5F6g7H8i9",
				Connection:    DefaultOktaConnection,
				EmailField:    DefaultEmailField,
			},
			Twilio: Twilio{
				WorkspaceSID:    "WS0123456789abcdef0123456789abcdef",
				Connection:      DefaultTwilioConnection,
				WorkerAttribute: DefaultWorkerAttribute,
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join("testdata", tt.file)
			got, err := Load(path)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			tt.want.Path = path
			if diff := cmp.Diff(&tt.want, got); diff != "" {
				t.Errorf("spec (-want +got):\n%s", diff)
			}
		})
	}
}

// TestShippedSpecsLoad checks the specs users see first: the starter `flopack init`
// writes and the example the README builds.
func TestShippedSpecsLoad(t *testing.T) {
	t.Parallel()
	if _, err := Parse("starter.yaml", Starter()); err != nil {
		t.Errorf("starter spec: %v", err)
	}
	spec, err := Load(filepath.Join("..", "testdata", "flex-deprovision.yaml"))
	if err != nil {
		t.Fatalf("example spec: %v", err)
	}
	if !appInstanceIDPattern.MatchString(spec.Okta.AppInstanceID) || !spec.Flow.SaveHistory {
		t.Errorf("example spec: unexpected values %+v", spec)
	}
}

func TestLoadFileProblems(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	large := filepath.Join(dir, "large.yaml")
	valid, err := os.ReadFile(filepath.Join("testdata", "valid-minimal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	padding := bytes.Repeat([]byte("# padding\n"), MaxSize/10+1)
	if err := os.WriteFile(large, append(valid, padding...), 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, path string
		want       []want
	}{
		{"too large", large, []want{{0, 0, "", "larger than 1024 KiB, the limit for a spec"}}},
		{"missing", filepath.Join(dir, "nope.yaml"),
			[]want{{0, 0, "", "cannot read the spec: no such file or directory"}}},
		{"directory", dir, []want{{0, 0, "", "cannot read the spec: "}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(tt.path)
			checkDiagnostics(t, tt.path, err, tt.want)
		})
	}
}

func TestParseSizeLimitIsInclusive(t *testing.T) {
	t.Parallel()
	valid, err := os.ReadFile(filepath.Join("testdata", "valid-minimal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	data := append(valid, bytes.Repeat([]byte("#"), MaxSize-len(valid))...)
	if _, err := Parse("max.yaml", data); err != nil {
		t.Errorf("a spec of exactly MaxSize bytes: %v", err)
	}
}

func TestParseCapsDiagnostics(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := range 2 * MaxDiagnostics {
		fmt.Fprintf(&b, "key%d: x\n", i)
	}
	_, err := Parse("many.yaml", []byte(b.String()))
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("error is %T, want diag.List", err)
	}
	if len(list) != MaxDiagnostics+1 {
		t.Fatalf("got %d diagnostics, want %d", len(list), MaxDiagnostics+1)
	}
	last := list[len(list)-1]
	if !strings.Contains(last.Message, "more problems not shown") || last.Line == 0 {
		t.Errorf("last diagnostic = %q, want a positioned note about the rest", last)
	}
}
