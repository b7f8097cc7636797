package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/flowspec"
)

// TestSpecErrorsPrintOncePerProblem checks the contract between flowspec and main: a bad
// spec's problems come out on stderr together, one "FILE:LINE:COL: field: message" line
// each, with exit code 1.
func TestSpecErrorsPrintOncePerProblem(t *testing.T) {
	t.Parallel()
	path := filepath.Join("..", "..", "flowspec", "testdata", "wrong-type.yaml")
	_, err := flowspec.Load(path)

	var stderr bytes.Buffer
	if code := exitCode(err, &stderr); code != exitFindings {
		t.Fatalf("exit code %d, want %d", code, exitFindings)
	}
	want := []string{
		path + `:1:10: version: must be the number 1, not the text "1"`,
		path + ":3:9: flow.name: must be text, not the number 42; put the value in quotes",
		path + `:4:17: flow.save_history: must be true or false, not the text "yes"`,
		path + ":5:7: okta: must be a mapping with the keys app_instance_id, connection, " +
			"email_field, not a list",
		path + ":6:1: twilio: must be a mapping with the keys workspace_sid, connection, " +
			"worker_attribute, not empty; indent its keys under it",
	}
	got := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
}
