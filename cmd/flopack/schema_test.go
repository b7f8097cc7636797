package main

import (
	"encoding/json"
	"testing"

	"github.com/flopack/flopack/flowspec"
)

func TestSchemaCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantSchema bool
	}{
		{"prints the schema", []string{"schema"}, exitOK, true},
		{"rejects arguments", []string{"schema", "spec.yaml"}, exitUsage, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.wantCode, stderr)
			}
			if !tt.wantSchema {
				if stdout != "" || stderr == "" {
					t.Errorf("stdout %q, stderr %q; want only an error", stdout, stderr)
				}
				return
			}
			if stderr != "" || stdout != string(flowspec.Schema()) || !json.Valid([]byte(stdout)) {
				t.Errorf("stderr %q; stdout is not the schema:\n%s", stderr, stdout)
			}
		})
	}
}
