package interp

import (
	"strings"
	"testing"

	"github.com/flopack/flopack/export"
)

func val(t *testing.T, text string) *export.Value {
	t.Helper()
	if text == "" {
		return export.NewNull()
	}
	v, err := export.Decode([]byte(text))
	if err != nil {
		t.Fatalf("bad value %q: %v", text, err)
	}
	return v
}

func TestHolds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		left, op, right string // JSON; "" is null
		want            bool
		wantErr         string
	}{
		{`"a"`, "==", `"a"`, true, ""},
		{`"404"`, "==", `404`, true, ""},
		{`1.0`, "==", `1`, true, ""},
		{`"a"`, "==", `"A"`, false, ""},
		{``, "==", `""`, true, ""},
		{``, "==", `0`, false, ""},
		{`{"a":1}`, "==", `{"a":1}`, true, ""},
		{`[1]`, "!=", `[2]`, true, ""},
		{`true`, "==", `"true"`, true, ""},
		{`10`, ">", `9`, true, ""},
		{`"10"`, ">", `"9"`, true, ""}, // numbers in text compare as numbers
		{`"b"`, ">", `"a"`, true, ""},
		{`"2026-01-02T00:00:00Z"`, "<", `"2026-01-10T00:00:00Z"`, true, ""},
		{`3`, ">=", `3`, true, ""},
		{`3`, "<=", `2`, false, ""},
		{`3`, "<", `"x"`, false, "needs two numbers or two texts"},
		{`{}`, ">", `1`, false, "needs two numbers or two texts"},
		{`9`, "%", `3`, true, ""},
		{`10`, "%", `3`, false, ""},
		{`10`, "%", `0`, false, "the right one not 0"},
		{`"b"`, "in", `["a","b"]`, true, ""},
		{`"c"`, "in", `["a","b"]`, false, ""},
		{`"ell"`, "in", `"hello"`, true, ""},
		{`"k"`, "in", `{"k":1}`, true, ""},
		{`"c"`, "not in", `["a","b"]`, true, ""},
		{`"x"`, "in", ``, false, ""},
		{`{"sid":"WK1"}`, "has", `"sid"`, true, ""},
		{`{"sid":"WK1"}`, "doesn't have", `"sid"`, false, ""},
		{`[1,2]`, "has", `2`, true, ""},
		{``, "has", `"x"`, false, ""},
		{``, "is empty", ``, true, ""},
		{`""`, "is empty", ``, true, ""},
		{`[]`, "is empty", ``, true, ""},
		{`{}`, "is empty", ``, true, ""},
		{`0`, "is empty", ``, false, ""},
		{`false`, "is empty", ``, false, ""},
		{`"WK1"`, "is empty", ``, false, ""},
		{`"WK1"`, "is not empty", ``, true, ""},
		{``, "is not empty", ``, false, ""},
		{`1`, "equals", `1`, false, `unknown comparison "equals"`},
	}
	for _, tt := range tests {
		name := tt.left + " " + tt.op + " " + tt.right
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := holds(val(t, tt.left), tt.op, val(t, tt.right))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestEveryOperatorIsHandled keeps the list in the error message and the switch in step.
func TestEveryOperatorIsHandled(t *testing.T) {
	t.Parallel()
	for _, op := range operators {
		if _, err := holds(export.NewInt(4), op, export.NewInt(2)); err != nil &&
			strings.Contains(err.Error(), "unknown comparison") {
			t.Errorf("operator %q is listed but not handled", op)
		}
	}
}

func TestLookup(t *testing.T) {
	t.Parallel()
	body := `{"workers":[{"sid":"WK1","a.b":1},{"sid":"WK2"}],"meta":{"key":"workers"}}`
	tests := []struct{ path, want string }{
		{"workers.0.sid", `"WK1"`},
		{"workers[1].sid", `"WK2"`},
		{"workers.2.sid", `null`},
		{"workers.-1.sid", `null`},
		{"workers.01.sid", `null`},
		{"workers.x", `null`},
		{"meta.key", `"workers"`},
		{"meta.key.deeper", `null`},
		{"", body},
		{"nothing", `null`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			got := string(export.Marshal(lookup(val(t, body), splitPath(tt.path)), false))
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestEncodeQuery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		query   string // JSON
		want    string
		wantErr string
	}{
		{`"TargetWorkersExpression=email==\"a@b.com\""`,
			"TargetWorkersExpression=email%3D%3D%22a%40b.com%22", ""},
		{`"TargetWorkersExpression=email==\"a+b@x.com\""`,
			"TargetWorkersExpression=email%3D%3D%22a%2Bb%40x.com%22", ""},
		{`"?PageSize=1000&FriendlyName=Ada Lovelace"`,
			"PageSize=1000&FriendlyName=Ada+Lovelace", ""},
		{`"a=1&&b"`, "a=1&b=", ""},
		{`"a=%41"`, "a=%2541", ""}, // text is taken literally
		{`""`, "", ""},
		{`{}`, "", ""},
		{`{"TargetWorkersExpression":"email==\"a@b.com\"","PageSize":50,"X":null}`,
			"TargetWorkersExpression=email%3D%3D%22a%40b.com%22&PageSize=50", ""},
		{`{"b":[1,2],"a":true}`, "b=1&b=2&a=true", ""},
		{`"=x"`, "", "has no name"},
		{`42`, "", "text or an object"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			t.Parallel()
			got, err := encodeQuery(val(t, tt.query))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTarget(t *testing.T) {
	t.Parallel()
	base, err := ParseTaskRouterURL("http://127.0.0.1:8080")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		url     string
		base    bool
		want    string
		wantErr string
	}{
		{"https://taskrouter.twilio.com/v1/Workspaces/WS1", false,
			"https://taskrouter.twilio.com/v1/Workspaces/WS1", ""},
		{"https://TaskRouter.Twilio.com:443/v1/Workspaces/WS1?x=1#frag", false,
			"https://TaskRouter.Twilio.com:443/v1/Workspaces/WS1?x=1", ""},
		{"https://taskrouter.twilio.com/v1/Workspaces/WS1", true,
			"http://127.0.0.1:8080/v1/Workspaces/WS1", ""},
		{"http://127.0.0.1:8080/v1/Workspaces/WS1", true,
			"http://127.0.0.1:8080/v1/Workspaces/WS1", ""},
		{"http://127.0.0.1:8080/v1", false, "", "refusing to send DELETE to 127.0.0.1:8080"},
		{"http://taskrouter.twilio.com/v1", false, "", "https only"},
		{"https://taskrouter.twilio.com.evil.example/v1", false, "", "refusing"},
		{"https://api.twilio.com/2010-04-01/Accounts", true, "", "refusing"},
		{"https://taskrouter.twilio.com:8443/v1", false, "", "refusing"},
		{"https://user:pw@taskrouter.twilio.com/v1", false, "", "user name or password"},
		{"/v1/Workspaces", false, "", "not an absolute"},
		{"", false, "", "not an absolute"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			t.Parallel()
			c := &caller{}
			if tt.base {
				c.base = base
			}
			got, err := c.target("DELETE", tt.url)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "pw") {
					t.Errorf("error shows the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParseTaskRouterURL(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"", "127.0.0.1:8080", "ftp://x", "http://", "http://h/v1",
		"http://h?x=1", "http://u:p@h"} {
		if _, err := ParseTaskRouterURL(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	for _, good := range []string{"http://127.0.0.1:8080",
		"https://taskrouter.dublin.ie1.twilio.com/"} {
		if _, err := ParseTaskRouterURL(good); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
}
