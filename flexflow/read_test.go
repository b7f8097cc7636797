package flexflow

import (
	"github.com/flopack/flopack/internal/corpustest"

	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flopack/flopack/export"
)

const fixture = "testdata/flex-deprovision.flopack"

const workspace = "WSf1e2d3c4b5a6978877665544332211cc"

func load(t testing.TB) (*export.Document, []byte) {
	t.Helper()
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	root, err := export.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return &export.Document{Root: root}, data
}

// body is the flow body embedded in the fixture's For Each card.
func body(doc *export.Document) export.Flow {
	for _, c := range doc.Flows()[0].Cards() {
		if inner := c.Embedded(); len(inner) > 0 {
			return inner[0]
		}
	}
	panic("fixture has no embedded body")
}

func card(doc *export.Document, name string) export.Card {
	for _, c := range body(doc).Cards() {
		if c.Name() == name {
			return c
		}
	}
	panic("fixture has no card " + name)
}

func setInput(doc *export.Document, cardName, key string, v *export.Value) {
	f, ok := card(doc, cardName).Input(key)
	if !ok {
		panic("no input " + key)
	}
	f.Value().Set("data", v)
}

// pin adds a pin from output outKey of card from to input inKey of card to.
func pin(doc *export.Document, from, outKey, to, inKey string) {
	src, dst := card(doc, from), card(doc, to)
	out, _ := src.Output(outKey)
	in, _ := dst.Input(inKey)
	src.AddPin(out.ID, dst.ID(), in.ID)
}

// unpin removes every pin into input inKey of card to.
func unpin(doc *export.Document, to, inKey string) {
	dst := card(doc, to)
	in, _ := dst.Input(inKey)
	for _, c := range body(doc).Cards() {
		for _, byOut := range c.V.Get("pins").Members {
			if list := byOut.Value.Get(dst.ID()); list != nil {
				var keep []*export.Value
				for _, link := range list.Items {
					if link.Get("input").Str() != in.ID {
						keep = append(keep, link)
					}
				}
				list.Items = keep
			}
		}
	}
}

func TestReadFixture(t *testing.T) {
	doc, _ := load(t)
	p, err := Read(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := &Params{
		Flow: "Flex de-provisioning",
		Get: CardRef{
			ID:      card(doc, "Find worker by email").ID(),
			Name:    "Find worker by email",
			Address: "root:channels:http:httpfunctions:1.0.24:get",
		},
		Delete: CardRef{
			ID:      card(doc, "Delete worker").ID(),
			Name:    "Delete worker",
			Address: "root:channels:http:httpfunctions:1.0.13:delete",
		},
		WorkersURL:   "https://taskrouter.twilio.com/v1/Workspaces/" + workspace + "/Workers",
		WorkspaceSID: workspace,
		Query: Template{
			{Kind: Literal, Text: `TargetWorkersExpression=email=="`},
			{Kind: Address},
			{Kind: Literal, Text: `"`},
		},
		ExpressionPrefix: `email=="`,
		ExpressionSuffix: `"`,
		Attribute:        "email",
		Quote:            '"',
		DeleteURL: Template{
			{Kind: Literal, Text: "https://taskrouter.twilio.com/v1/Workspaces/" + workspace +
				"/Workers/"},
			{Kind: Value, CardID: card(doc, "Worker SID").ID(), Card: "Worker SID",
				Output: "output"},
		},
		SIDPath: "workers.0.sid",
		SIDCard: CardRef{
			ID:      card(doc, "Worker SID").ID(),
			Name:    "Worker SID",
			Address: "root:kernel:object:0.0.1:get",
		},
	}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if got := p.Expression("a@b.com"); got != `email=="a@b.com"` {
		t.Errorf("Expression = %s", got)
	}
	if got := p.Query.String(); got != `TargetWorkersExpression=email=="{address}"` {
		t.Errorf("Query = %s", got)
	}
}

func TestReadVariants(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*export.Document)
		check   func(*testing.T, *Params)
		wantErr string // substring; the error must then be an *Error
		field   string
	}{
		{
			name: "cards renamed",
			edit: func(d *export.Document) {
				for _, c := range body(d).Cards() {
					c.V.Path("node", "data").Set("name", export.NewString("Renamed "+c.ID()))
				}
			},
			check: func(t *testing.T, p *Params) {
				if p.Attribute != "email" || p.SIDPath != "workers.0.sid" {
					t.Errorf("%+v", p)
				}
			},
		},
		{
			name: "single quotes and spaces",
			edit: func(d *export.Document) {
				setInput(d, "Build worker query", "string2", export.NewString("agent.email"))
				setInput(d, "Build worker query", "string3", export.NewString(" == '"))
				setInput(d, "Build worker query", "string5", export.NewString("'"))
			},
			check: func(t *testing.T, p *Params) {
				if p.Attribute != "agent.email" || p.Quote != '\'' ||
					p.Expression("x") != `agent.email == 'x'` {
					t.Errorf("%+v", p)
				}
			},
		},
		{
			name: "regional host",
			edit: func(d *export.Document) {
				setInput(d, "Build Workers URL", "string1",
					export.NewString("https://taskrouter.dublin.ie1.twilio.com/v1/Workspaces/"))
			},
			check: func(t *testing.T, p *Params) {
				if !strings.HasPrefix(p.WorkersURL, "https://taskrouter.dublin.ie1.twilio.com/") {
					t.Errorf("%s", p.WorkersURL)
				}
			},
		},
		{
			name: "address straight from the event card",
			edit: func(d *export.Document) {
				unpin(d, "Build worker query", "string4")
				pin(d, "User Unassigned from Application", "Application User",
					"Build worker query", "string4")
			},
			check: func(t *testing.T, p *Params) {
				if p.Query.Count(Address) != 1 {
					t.Errorf("%s", p.Query)
				}
			},
		},
		{
			name: "delete in another workspace",
			edit: func(d *export.Document) {
				unpin(d, "Build worker URL", "string1")
				setInput(d, "Build worker URL", "string1", export.NewString(
					"https://taskrouter.twilio.com/v1/Workspaces/"+
						"WS00000000000000000000000000000000/Workers"))
			},
			check: func(t *testing.T, p *Params) {
				if !strings.Contains(p.DeleteURL.String(), "WS000000") || p.SIDPath == "" {
					t.Errorf("%s %q", p.DeleteURL, p.SIDPath)
				}
			},
		},
		{
			name: "worker SID from elsewhere",
			edit: func(d *export.Document) {
				unpin(d, "Build worker URL", "string3")
				pin(d, "Find worker by email", "Status Code", "Build worker URL", "string3")
			},
			check: func(t *testing.T, p *Params) {
				if p.SIDPath != "" || p.DeleteURL.Count(Value) != 1 {
					t.Errorf("%s %q", p.DeleteURL, p.SIDPath)
				}
			},
		},
		{
			name: "other SID path",
			edit: func(d *export.Document) {
				setInput(d, "Worker SID", "path", export.NewString("workers.1.sid"))
			},
			check: func(t *testing.T, p *Params) {
				if p.SIDPath != "workers.1.sid" {
					t.Errorf("%q", p.SIDPath)
				}
			},
		},
		{
			name: "no Get card",
			edit: func(d *export.Document) {
				card(d, "Find worker by email").V.Set("address",
					export.NewString("root:channels:http:httpfunctions:1.0.24:post"))
			},
			wantErr: "no API Connector Get card",
		},
		{
			name: "two Get cards",
			edit: func(d *export.Document) {
				methods := body(d).Body.Get("methods")
				extra := card(d, "Find worker by email").V.Clone()
				extra.Set("uuid", export.NewString("extra00001"))
				methods.Items = append(methods.Items, extra)
			},
			wantErr: "2 API Connector Get cards",
		},
		{
			name: "no Delete card",
			edit: func(d *export.Document) {
				card(d, "Delete worker").V.Set("address", export.NewString("x"))
			},
			wantErr: "no API Connector Delete card",
		},
		{
			name: "not TaskRouter",
			edit: func(d *export.Document) {
				setInput(d, "Build Workers URL", "string1",
					export.NewString("https://evil.example.com/v1/Workspaces/"))
			},
			wantErr: "is not a TaskRouter Workers URL", field: "URL",
		},
		{
			name: "bad workspace SID",
			edit: func(d *export.Document) {
				setInput(d, "Build Workers URL", "string2", export.NewString("WS123"))
			},
			wantErr: "is not a TaskRouter Workers URL", field: "URL",
		},
		{
			name: "URL from a run-time value",
			edit: func(d *export.Document) {
				pin(d, "Find worker by email", "Status Code", "Build Workers URL", "string2")
			},
			wantErr: "is built from", field: "URL",
		},
		{
			name: "extra query parameter",
			edit: func(d *export.Document) {
				setInput(d, "Build worker query", "string5", export.NewString(`"&PageSize=1`))
			},
			wantErr: `must be TargetWorkersExpression=ATTRIBUTE=="ADDRESS"`, field: "Query",
		},
		{
			name: "query without the address",
			edit: func(d *export.Document) {
				unpin(d, "Build worker query", "string4")
			},
			wantErr: `found TargetWorkersExpression=email==""`, field: "Query",
		},
		{
			name: "mismatched quotes",
			edit: func(d *export.Document) {
				setInput(d, "Build worker query", "string5", export.NewString(`'`))
			},
			wantErr: "must be", field: "Query",
		},
		{
			name: "input pinned twice",
			edit: func(d *export.Document) {
				pin(d, "Build Workers URL", "output", "Find worker by email", "Query")
			},
			wantErr: "pinned from 2 cards", field: "Query",
		},
		{
			name: "concatenate loop",
			edit: func(d *export.Document) {
				pin(d, "Build Workers URL", "output", "Build Workers URL", "string2")
			},
			wantErr: "pinned in a loop",
		},
		{
			name: "object query",
			edit: func(d *export.Document) {
				unpin(d, "Find worker by email", "Query")
				setInput(d, "Find worker by email", "Query", export.NewObject())
			},
			wantErr: "holds a object; verify reads text", field: "Query",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _ := load(t)
			tt.edit(doc)
			p, err := Read(doc)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				tt.check(t, p)
				return
			}
			var e *Error
			if !errors.As(err, &e) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want an *Error with %q", err, tt.wantErr)
			}
			if e.Field != tt.field {
				t.Errorf("field %q, want %q", e.Field, tt.field)
			}
		})
	}
}

// Errors point into the file, at the value to fix.
func TestErrorOffset(t *testing.T) {
	doc, data := load(t)
	setInput(doc, "Build Workers URL", "string1", export.NewString("http://x/"))
	_, err := Read(doc)
	var e *Error
	if !errors.As(err, &e) || e.Offset <= 0 {
		t.Fatalf("error %v", err)
	}
	// The object at the offset is the Get card's URL field.
	key := strings.Index(string(data[e.Offset:]), `"key": "URL"`)
	if data[e.Offset] != '{' || key < 0 || key > 200 {
		t.Errorf("offset %d points at %.200q", e.Offset, data[e.Offset:])
	}
}

// Real exports are not Flex flows: Read must reject each with an *Error, never panic.
func TestCorpus(t *testing.T) {
	files := corpustest.Files(t)
	n := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		root, err := export.Decode(data)
		if err != nil {
			continue
		}
		n++
		_, err = Read(&export.Document{Root: root})
		var e *Error
		if err != nil && !errors.As(err, &e) {
			t.Errorf("%s: %v is not an *Error", path, err)
		}
	}
	if n < 100 {
		t.Errorf("read %d corpus files, want 100 or more", n)
	}
}

// Concatenate cards that each use the one before twice would double the text at every
// step; Read must stop early instead of working for ever (found by FuzzRead).
func TestReadConcatBlowUp(t *testing.T) {
	doc, _ := load(t)
	methods := body(doc).Body.Get("methods")
	proto := card(doc, "Build Workers URL").V
	prev := "Build Workers URL"
	for i := range 25 {
		c := proto.Clone()
		c.Set("uuid", export.NewString(fmt.Sprintf("blowup%04d", i)))
		c.Set("pins", export.NewObject())
		c.Path("node", "data").Set("name", export.NewString(fmt.Sprintf("Double %d", i)))
		methods.Items = append(methods.Items, c)
		name := fmt.Sprintf("Double %d", i)
		pin(doc, prev, "output", name, "string1")
		pin(doc, prev, "output", name, "string2")
		prev = name
	}
	unpin(doc, "Find worker by email", "URL")
	pin(doc, prev, "output", "Find worker by email", "URL")

	_, err := Read(doc)
	if err == nil || !strings.Contains(err.Error(), "longer than verify reads") {
		t.Errorf("error %v", err)
	}
}
