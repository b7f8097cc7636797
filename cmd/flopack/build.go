package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flopack/flopack/diag"
	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/flowspec"
	"github.com/flopack/flopack/generator"
	"github.com/flopack/flopack/lint"
)

type buildOptions struct {
	IO *streams

	SpecPath string
	Output   string // "" means beside the spec, "-" means stdout
	Check    string // compare with this file instead of writing
	Created  string // RFC 3339 time, overrides SOURCE_DATE_EPOCH
	Compact  bool   // one line, like Okta's own exports
}

func newBuildCmd(ios *streams, runF func(*buildOptions) error) *cobra.Command {
	opts := &buildOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "build SPEC",
		Short: "Compile a spec into an Okta Workflows export (.flopack)",
		Long: `Compile a spec into an Okta Workflows export that an admin imports.

The export is written beside the spec as <spec>.flopack unless -o names a file;
-o - writes it to standard output. The same spec always gives the same bytes: the
export's "created" time is fixed unless --created or SOURCE_DATE_EPOCH sets it.

With --check FILE nothing is written: the exit code is 0 when FILE is exactly what
the spec builds to and 1 otherwise, naming the first flow and card that differ.`,
		Example: `  flopack build testdata/flex-deprovision.yaml
  flopack build flow.yaml -o - > flow.flopack
  flopack build flow.yaml --check flow.flopack`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.SpecPath = args[0]
			if opts.Check != "" && cmd.Flags().Changed("output") {
				return usageErrorf("--check and --output cannot be used together")
			}
			if cmd.Flags().Changed("output") && opts.Output == "" {
				return usageErrorf("--output needs a file name, or - for standard output")
			}
			if runF != nil {
				return runF(opts)
			}
			return buildRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "",
		"write the export to `FILE` (- for standard output)")
	cmd.Flags().StringVar(&opts.Check, "check", "",
		"write nothing; fail unless `FILE` is exactly what the spec builds to")
	cmd.Flags().StringVar(&opts.Created, "created", "",
		"the export's creation `time` (RFC 3339); default SOURCE_DATE_EPOCH or a fixed time")
	cmd.Flags().BoolVar(&opts.Compact, "compact", false,
		"write one line, as Okta's own exports are, instead of indented JSON")
	return cmd
}

func buildRun(opts *buildOptions) error {
	created, err := createdTime(opts.Created)
	if err != nil {
		return err
	}
	out := opts.Output
	if out == "" {
		out = strings.TrimSuffix(opts.SpecPath, filepath.Ext(opts.SpecPath)) + ".flopack"
	}
	if opts.Check != "" {
		out = opts.Check
	}
	if out != "-" && sameFile(out, opts.SpecPath) {
		return usageErrorf("%s is the spec itself; name the export with -o or --check", out)
	}

	spec, err := flowspec.Load(opts.SpecPath)
	if err != nil {
		return err
	}
	warnPlaceholders(opts.IO.Err, spec)
	doc, err := generator.Build(spec, generator.Options{Created: created})
	if err != nil {
		return err
	}
	data := export.Marshal(doc.Root, !opts.Compact)
	if err := lintOwnOutput(opts.SpecPath, data); err != nil {
		return err
	}

	if opts.Check != "" {
		return checkExport(opts, doc, data)
	}
	if opts.Output == "-" {
		_, err := opts.IO.Out.Write(data)
		return err
	}
	if err := writeFileAtomic(out, data, true); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Err, "wrote %s (flow %q, %d bytes)\n", out, spec.Flow.Name, len(data))
	return nil
}

// sameFile reports whether two paths name one file, so that a build never overwrites its
// own spec (a spec saved as x.flopack builds to x.flopack by default).
func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// starterIDs are the example ids `flopack init` writes, which no real org has.
var starterIDs = map[string]string{
	"okta.app_instance_id": "0oa1b2c3d4E5F6g7H8i9",
	"twilio.workspace_sid": "WS0123456789abcdef0123456789abcdef",
}

// warnPlaceholders warns when a spec still holds init's example ids: the export would
// build and import, but never fire or find a worker.
func warnPlaceholders(w io.Writer, spec *flowspec.Spec) {
	values := map[string]string{
		"okta.app_instance_id": spec.Okta.AppInstanceID,
		"twilio.workspace_sid": spec.Twilio.WorkspaceSID,
	}
	for _, field := range []string{"okta.app_instance_id", "twilio.workspace_sid"} {
		if values[field] == starterIDs[field] {
			fmt.Fprintf(w, "flopack: warning: %s: %s: still the example from flopack init; "+
				"replace it with your own\n", spec.Path, field)
		}
	}
}

// lintOwnOutput holds the generator to the rules any export must pass, so that a
// generator bug is caught here rather than by Okta's importer.
func lintOwnOutput(specPath string, data []byte) error {
	findings := lint.Bytes("(export built from "+specPath+")", data)
	if errs, _ := diag.Count(findings); errs == 0 {
		return nil
	}
	var b strings.Builder
	diag.Print(&b, diag.Text, findings)
	return fmt.Errorf("internal error: the export built from %s fails lint; nothing was "+
		"written. Please report this with the spec:\n%s", specPath, strings.TrimSpace(b.String()))
}

// createdTime reads --created, else SOURCE_DATE_EPOCH (reproducible-builds.org), else the
// zero time, which the generator turns into its fixed default.
func createdTime(flag string) (time.Time, error) {
	if flag != "" {
		t, err := time.Parse(time.RFC3339Nano, flag)
		if err != nil {
			return time.Time{}, usageErrorf("--created %q: want an RFC 3339 time such as "+
				"2026-12-04T15:04:05Z", flag)
		}
		return t, nil
	}
	if epoch, ok := os.LookupEnv("SOURCE_DATE_EPOCH"); ok && epoch != "" {
		secs, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil || secs < 0 {
			return time.Time{}, usageErrorf("SOURCE_DATE_EPOCH %q: want a whole number of "+
				"seconds since 1970-01-01", epoch)
		}
		return time.Unix(secs, 0).UTC(), nil
	}
	return time.Time{}, nil
}

// checkExport compares the committed export with what the spec builds to.
func checkExport(opts *buildOptions, built *export.Document, data []byte) error {
	have, err := os.ReadFile(opts.Check)
	if err != nil {
		return err
	}
	if bytes.Equal(have, data) {
		fmt.Fprintf(opts.IO.Err, "%s is up to date with %s\n", opts.Check, opts.SpecPath)
		return nil
	}
	where := "its envelope (created time, connections or folder)"
	if root, err := export.Decode(have); err != nil {
		where = "its JSON (" + err.Error() + ")"
	} else if w := firstDifference(built, &export.Document{Root: root}); w != "" {
		where = w
	} else {
		where = "its formatting only (was it built with a different --compact?)"
	}
	fmt.Fprintf(opts.IO.Err, "%s is not what %s builds to: it differs in %s\n"+
		"Run: flopack build %s -o %s\n", opts.Check, opts.SpecPath, where, opts.SpecPath, opts.Check)
	return errFindings
}

// firstDifference names the first flow, and card within it, where have differs from want,
// or "" when the documents hold the same JSON.
func firstDifference(want, have *export.Document) string {
	if export.Equal(want.Root, have.Root) {
		return ""
	}
	haveFlows := map[string]export.Flow{}
	for _, f := range have.Flows() {
		haveFlows[f.ID()] = f
	}
	for _, f := range want.Flows() {
		h, ok := haveFlows[f.ID()]
		if !ok {
			return fmt.Sprintf("flow %q, which it does not hold", f.Name())
		}
		if export.Equal(f.Entry, h.Entry) {
			continue
		}
		if card := firstCardDifference(f, h); card != "" {
			return fmt.Sprintf("flow %q › %s", f.Name(), card)
		}
		return fmt.Sprintf("flow %q (its name, settings or layout)", f.Name())
	}
	if len(have.Flows()) != len(want.Flows()) {
		return "its flows: it holds flows the spec does not build"
	}
	return "its envelope (created time, connections or folder)"
}

// firstCardDifference compares the cards of two versions of a flow, embedded bodies
// included, and names the first that differs.
func firstCardDifference(want, have export.Flow) string {
	for _, c := range want.Cards() {
		h, ok := have.Card(c.ID())
		if !ok {
			return fmt.Sprintf("card %q, which it does not hold", c.Name())
		}
		if export.Equal(c.V, h.V) {
			continue
		}
		wantBodies, haveBodies := c.Embedded(), h.Embedded()
		if len(wantBodies) == 1 && len(haveBodies) == 1 {
			if inner := firstCardDifference(wantBodies[0], haveBodies[0]); inner != "" {
				return inner
			}
		}
		return fmt.Sprintf("card %q", c.Name())
	}
	if len(have.Cards()) != len(want.Cards()) {
		return "cards: it holds cards the spec does not build"
	}
	return ""
}
