package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/flopack/flopack/diag"
	"github.com/flopack/flopack/lint"
)

// lintOptions are the lint command's arguments and flags.
type lintOptions struct {
	IO     *streams
	Paths  []string
	Format diag.Format
	Strict bool
}

func newLintCmd(ios *streams, runF func(*lintOptions) error) *cobra.Command {
	opts := &lintOptions{IO: ios}
	var format string
	cmd := &cobra.Command{
		Use:   "lint FILE|DIR...",
		Short: "Check Okta Workflows exports for internal consistency",
		Long: `Check Okta Workflows exports (.flopack, .folder, .flow) offline for what makes Okta
reject them at import or import a flow that breaks: orderings and pins naming cards
of another flow, orderings that form a cycle or leave a card unrun, expand cards cut
off from their source, operators that are not one of their card's choices,
connections and folders missing from the file, ids malformed or repeated. Directories
are searched for .flopack, .folder and .flow files.

Findings go to stdout, a summary to stderr. Exit status is 1 when there are errors
(or warnings with --strict) or when a path cannot be read or a directory holds no
exports, 0 otherwise, and 2 for a bad flag. The rules are listed in the README.`,
		Example: `  flopack lint flex-deprovision.flopack
  flopack lint --format github exports/`,
		Args: minimumArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := diag.ParseFormat(format)
			if err != nil {
				return usageError{fmt.Errorf("--format: %w", err)}
			}
			opts.Format = f
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return lintRun(opts)
		},
	}
	cmd.Flags().StringVar(&format, "format", string(diag.Text),
		"output format: "+strings.Join(diag.Formats, ", "))
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "exit 1 on warnings too")
	return cmd
}

func lintRun(opts *lintOptions) error {
	files, readErrs := exportFiles(opts.Paths)

	var all []diag.Diagnostic
	for _, path := range files {
		ds, err := lint.File(path)
		if err != nil {
			readErrs = append(readErrs, err)
			continue
		}
		all = append(all, ds...)
	}

	shown := all
	if opts.Format == diag.Text {
		shown = textPositions(all)
	}
	if err := diag.Print(opts.IO.Out, opts.Format, shown); err != nil {
		return fmt.Errorf("lint: write findings: %w", err)
	}
	errs, warns := diag.Count(all)
	fmt.Fprintf(opts.IO.Err, "flopack lint: %s, %s, %s\n", plural(len(files), "file"),
		plural(errs, "error"), plural(warns, "warning"))

	switch {
	case len(readErrs) > 0:
		return errors.Join(readErrs...)
	case errs > 0, opts.Strict && warns > 0:
		return errFindings
	}
	return nil
}

// exportFiles expands the arguments: a file is taken as it is, a directory is searched for
// exports (hidden directories such as .git skipped). A path that cannot be read or a
// directory without exports is invalid input (exit 1), as a missing file is for build, verify
// and run: linting nothing must not pass in CI. The other paths are still linted.
func exportFiles(paths []string) (files []string, errs []error) {
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("lint: %w", err))
			continue
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}

		before := len(files)
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && isExportFile(path) {
				files = append(files, path)
			}
			return nil
		})
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("lint: %w", err))
		case len(files) == before:
			errs = append(errs, fmt.Errorf("lint: no .flopack, .folder or .flow files under %s",
				p))
		}
	}
	return files, errs
}

func isExportFile(path string) bool {
	switch filepath.Ext(path) {
	case ".flopack", ".folder", ".flow":
		return true
	}
	return false
}

// textPositions drops line and column on line 1 for text output. Okta writes an export on
// one line, where a "column" is a byte offset in the hundreds of thousands that helps no
// reader; the flow and card names locate the finding instead. Indented exports (as kept in
// Git) keep their line:col. JSON and GitHub output always carry both.
func textPositions(ds []diag.Diagnostic) []diag.Diagnostic {
	out := make([]diag.Diagnostic, len(ds))
	for i, d := range ds {
		if d.Line == 1 {
			d.Line, d.Column = 0, 0
		}
		out[i] = d
	}
	return out
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
