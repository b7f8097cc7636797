package flexflow

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/flopack/flopack/export"
)

// FuzzRead checks that no export makes Read panic and that every error offset points
// inside the file.
//
// Why it is set up so: the fuzzer minimizes every input that finds new coverage before
// going on, for up to -fuzzminimizetime, and its minimizer tries every pair of cut points,
// so its work grows with the square of the input's size. Seeded with whole exports (58 KB),
// every new input took the whole default minute, and the fuzzer ran 0.2 inputs a second.
// So the seeds (testdata/fuzz/FuzzRead, made by TestFuzzSeeds) are exports cut down to
// what Read reads, under 2 KB, and TestMain lowers the default minimizing time.
func FuzzRead(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		root, err := export.Decode(data)
		if err != nil {
			return
		}
		_, err = Read(&export.Document{Root: root})
		var e *Error
		if err != nil && (!errors.As(err, &e) || e.Offset >= len(data)) {
			t.Fatalf("error %v (offset outside the input, or not an *Error)", err)
		}
	})
}

// minimizeTime is -fuzzminimizetime unless the command line sets it: minimizing a 2 KB
// export fully takes a minute; a few seconds removes most of it (the tail and single bytes
// go first), and the fuzzer gets on with fuzzing.
const minimizeTime = "3s"

func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.fuzzminimizetime" })
	if !set {
		if err := flag.Set("test.fuzzminimizetime", minimizeTime); err != nil {
			fmt.Fprintln(os.Stderr, "flexflow tests:", err)
			os.Exit(2)
		}
	}
	os.Exit(m.Run())
}

var updateSeeds = flag.Bool("update-seeds", false, "rewrite testdata/fuzz/FuzzRead")

const (
	seedDir = "testdata/fuzz/FuzzRead"
	// maxSeed keeps seeds small enough for the fuzzer to minimize what grows from them.
	maxSeed = 4 << 10
	// exampleExport is the repository's built example, the generator's shape of the flow.
	exampleExport = "../testdata/flex-deprovision.flopack"
)

// seedSources are the seeds cut down from a whole export: each must read as its export
// does. The other seeds are variants of "valid" (seedVariants).
var seedSources = map[string]string{"valid": fixture, "generated": exampleExport}

// seedVariants edit the "valid" seed towards the branches of Read.
var seedVariants = map[string][2]string{
	"single_quotes":       {`"==\""`, `"=='"`},
	"regional_host":       {"taskrouter.twilio.com", "taskrouter.dublin.ie1.twilio.com"},
	"no_delete_card":      {`:delete"`, `:post"`},
	"sid_from_other_path": {"workers.0.sid", "workers[1].sid"},
}

// TestFuzzSeeds keeps the seeds small and meaningful: the ones cut down from an export
// read as that export does. With -update-seeds it makes them again.
func TestFuzzSeeds(t *testing.T) {
	if *updateSeeds {
		writeSeeds(t)
	}
	entries, err := os.ReadDir(seedDir)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(seedSources) + len(seedVariants) + 1; len(entries) < want {
		t.Errorf("%d seeds, want %d", len(entries), want)
	}
	for _, e := range entries {
		data := readSeed(t, filepath.Join(seedDir, e.Name()))
		if len(data) > maxSeed {
			t.Errorf("seed %s is %d bytes, more than %d", e.Name(), len(data), maxSeed)
		}
		if src, ok := seedSources[e.Name()]; ok {
			whole, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := readOutcome(data), readOutcome(whole); got != want {
				t.Errorf("seed %s reads\n%s\nbut %s reads\n%s\nrun go test ./flexflow -run "+
					"TestFuzzSeeds -update-seeds", e.Name(), got, src, want)
			}
		}
	}
}

// readOutcome is what Read makes of data, as text to compare. Card ids are left out: a
// seed's are shortened.
func readOutcome(data []byte) string {
	root, err := export.Decode(data)
	if err != nil {
		return "decode: " + err.Error()
	}
	p, err := Read(&export.Document{Root: root})
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return fmt.Sprintf("error %q %q %q: %s", e.Flow, e.Card, e.Field, e.Msg)
		}
		return "error " + err.Error()
	}
	p.Get.ID, p.Delete.ID, p.SIDCard.ID = "", "", ""
	for _, t := range []Template{p.Query, p.DeleteURL} {
		for i := range t {
			t[i].CardID = ""
		}
	}
	return fmt.Sprintf("%+v", *p)
}

func readSeed(t *testing.T, path string) []byte {
	t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	header, value, _ := strings.Cut(string(text), "\n")
	value = strings.TrimSpace(value)
	if header != "go test fuzz v1" || !strings.HasPrefix(value, "[]byte(") {
		t.Fatalf("%s: not a go test fuzz v1 file of one []byte", path)
	}
	s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(value, "[]byte("), ")"))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return []byte(s)
}

func writeSeeds(t *testing.T) {
	t.Helper()
	write := func(name string, data []byte) {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		if err := os.WriteFile(filepath.Join(seedDir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(seedDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var valid string
	for name, src := range seedSources {
		whole, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		seed := cutDown(t, whole)
		write(name, seed)
		if name == "valid" {
			valid = string(seed)
		}
	}
	for name, edit := range seedVariants {
		v := strings.Replace(valid, edit[0], edit[1], 1)
		if v == valid {
			t.Fatalf("seed %s: %q is not in the valid seed", name, edit[0])
		}
		write(name, []byte(v))
	}
	write("concat_loop", concatLoop(t, valid))
}

// concatLoop pins the output of the valid seed's query Concatenate card into its own
// attribute input.
func concatLoop(t *testing.T, valid string) []byte {
	t.Helper()
	root, err := export.Decode([]byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range (&export.Document{Root: root}).Flows() {
		for _, c := range f.Cards() {
			for _, inner := range c.Embedded() {
				for _, cc := range inner.Cards() {
					in, ok := cc.Input("string1")
					if !ok && len(cc.Inputs()) > 0 {
						in = cc.Inputs()[0]
					}
					pins := cc.V.Get("pins")
					if !strings.HasPrefix(in.Data().Str(), QueryParam) || pins == nil ||
						len(pins.Members) == 0 {
						continue
					}
					link := export.NewObject()
					link.Set("input", export.NewString(cc.Inputs()[1].ID))
					pins.Members[0].Value.Set(cc.ID(), export.NewArray(link))
					out := export.Marshal(root, false)
					if !strings.Contains(readOutcome(out), "loop") {
						t.Fatalf("concat_loop seed reads %s", readOutcome(out))
					}
					return out
				}
			}
		}
	}
	t.Fatal("no query Concatenate card in the valid seed")
	return nil
}

// cutDown deletes every object member and list item of an export that Read does not need
// to read it as it reads the whole, one at a time, until none can go.
func cutDown(t *testing.T, data []byte) []byte {
	t.Helper()
	root, err := export.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	want := readOutcome(data)
	same := func() bool { return readOutcome(export.Marshal(root, false)) == want }

	var walk func(v *export.Value) bool
	walk = func(v *export.Value) bool {
		cut := false
		for i := 0; i < len(v.Members); {
			m := v.Members[i]
			v.Members = append(v.Members[:i:i], v.Members[i+1:]...)
			if same() {
				cut = true
				continue
			}
			v.Members = append(v.Members[:i:i], append([]export.Member{m}, v.Members[i:]...)...)
			i++
		}
		for i := 0; i < len(v.Items); {
			it := v.Items[i]
			v.Items = append(v.Items[:i:i], v.Items[i+1:]...)
			if same() {
				cut = true
				continue
			}
			v.Items = append(v.Items[:i:i], append([]*export.Value{it}, v.Items[i:]...)...)
			i++
		}
		for _, m := range v.Members {
			cut = walk(m.Value) || cut
		}
		for _, it := range v.Items {
			cut = walk(it) || cut
		}
		return cut
	}
	for walk(root) {
	}
	shortenIDs(root, same)
	return export.Marshal(root, false)
}

// shortenIDs replaces each text of six characters or more, as a key or a value, by a
// short one wherever it occurs, when Read reads the export the same: card and field ids,
// which Read only matches with one another.
func shortenIDs(root *export.Value, same func() bool) {
	var texts []string
	seen := map[string]bool{}
	var collect func(v *export.Value)
	collect = func(v *export.Value) {
		add := func(s string) {
			if len(s) >= 6 && !seen[s] {
				seen[s] = true
				texts = append(texts, s)
			}
		}
		if v.Kind == export.String {
			add(v.Text)
		}
		for _, m := range v.Members {
			add(m.Key)
			collect(m.Value)
		}
		for _, it := range v.Items {
			collect(it)
		}
	}
	collect(root)

	var rename func(v *export.Value, from, to string)
	rename = func(v *export.Value, from, to string) {
		if v.Kind == export.String && v.Text == from {
			v.Text = to
		}
		for i := range v.Members {
			if v.Members[i].Key == from {
				v.Members[i].Key = to
			}
			rename(v.Members[i].Value, from, to)
		}
		for _, it := range v.Items {
			rename(it, from, to)
		}
	}
	n := 0
	for _, s := range texts {
		short := strconv.FormatInt(int64(n), 36)
		if seen[short] {
			continue
		}
		rename(root, s, short)
		if same() {
			seen[short] = true
			n++
			continue
		}
		rename(root, short, s)
	}
}
