package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/flopack/flopack/diag"
	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/flexflow"
	"github.com/flopack/flopack/flowspec"
	"github.com/flopack/flopack/generator"
	"github.com/flopack/flopack/preflight"
	"github.com/flopack/flopack/taskrouter"
)

// verifyOptions are the inputs of `flopack verify`.
type verifyOptions struct {
	IO            *streams
	Path          string
	Email         string
	Format        diag.Format
	TaskRouterURL string
	Timeout       time.Duration
	Retries       int
	Verbose       bool
}

const defaultRetries = 4

func newVerifyCmd(ios *streams, runF func(*verifyOptions) error) *cobra.Command {
	opts := &verifyOptions{IO: ios}
	var format string
	cmd := &cobra.Command{
		Use:   "verify SPEC_OR_FLOPACK",
		Short: "Check a flow against the live TaskRouter workspace (read-only)",
		Long: `Verify reads the workspace, the worker query and the delete URL from a built export
(or from a spec), then checks them against TaskRouter: the credentials, the workspace,
the flow's own Get request, and every worker's address (missing, blank, shared,
differing only by case, or holding characters the expression cannot carry). It sends
only GET requests. A check that could not complete is reported as an error.

Credentials come from TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and
TWILIO_API_SECRET. TWILIO_REGION and TWILIO_EDGE pick a regional endpoint.

Exit codes: 0 all checks ok (warnings allowed); 1 a check failed, or the input is not a
Flex de-provisioning flow; 2 usage (bad flag, missing credentials); 3 TaskRouter could not
be reached, refused the credentials, or the run was interrupted.`,
		Example: `  flopack verify flex-deprovision.flopack
  flopack verify flex-deprovision.flopack --email jean-luc@example.com
  flopack verify flex-deprovision.flopack --format json | jq '.checks[] | select(.status != "ok")'`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := diag.ParseFormat(format)
			if err != nil {
				return usageError{err}
			}
			if opts.Timeout <= 0 {
				return usageErrorf("--timeout must be positive")
			}
			if opts.Retries < 0 {
				return usageErrorf("--retries must be 0 or more")
			}
			if cmd.Flags().Changed("email") && strings.TrimSpace(opts.Email) == "" {
				return usageErrorf("--email is empty: give the address to look up, such as " +
					"--email agent@example.com")
			}
			opts.Path, opts.Format = args[0], f
			if runF != nil {
				return runF(opts)
			}

			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return verifyRun(ctx, opts)
		},
	}

	fl := cmd.Flags()
	fl.StringVar(&opts.Email, "email", "", "show which worker(s) the flow would delete for "+
		"this address (nothing is deleted)")
	fl.StringVar(&format, "format", string(diag.Text), "output format: "+
		strings.Join(diag.Formats, ", "))
	fl.StringVar(&opts.TaskRouterURL, "taskrouter-url", "", "send requests to this base URL "+
		"instead of https://taskrouter.twilio.com")
	fl.DurationVar(&opts.Timeout, "timeout", taskrouter.DefaultTimeout, "time limit of each "+
		"request")
	fl.IntVar(&opts.Retries, "retries", defaultRetries, "how many times to retry a request "+
		"answered 429 or 5xx, or timed out")
	fl.BoolVar(&opts.Verbose, "verbose", false, "log each request on stderr")
	return cmd
}

func verifyRun(ctx context.Context, opts *verifyOptions) error {
	params, err := loadFlowParams(opts.Path)
	if err != nil {
		return err
	}

	creds, err := taskrouter.CredentialsFromEnv(os.Getenv)
	if err != nil {
		return usageError{err}
	}

	cfg := taskrouter.Config{
		Credentials: creds,
		BaseURL:     opts.TaskRouterURL,
		Timeout:     opts.Timeout,
		Retries:     opts.Retries,
	}
	if opts.Verbose {
		cfg.Logger = slog.New(slog.NewTextHandler(opts.IO.Err,
			&slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	client, err := taskrouter.New(cfg)
	if err != nil {
		return usageError{err}
	}

	fmt.Fprintf(opts.IO.Err, "flopack verify: checking flow %q against workspace %s at %s "+
		"(GET requests only)\n", params.Flow, params.WorkspaceSID, client.Origin())
	report, runErr := preflight.Run(ctx, client, params, preflight.Options{
		Email:             opts.Email,
		CredentialsSource: creds.Source,
	})
	if err := preflight.Write(opts.IO.Out, opts.Format, opts.Path, report); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}

	switch {
	case runErr != nil:
		return externalError{runErr}
	case report.Failed():
		return errFindings
	}
	return nil
}

// loadFlowParams reads what the flow asks of TaskRouter. A spec is built into an export in
// memory first, so that a spec and the export built from it go through one code path.
func loadFlowParams(path string) (*flexflow.Params, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return specFlowParams(path)
	}

	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the export: %w", err)
	}
	root, err := export.Decode(data)
	if err != nil {
		var se *export.SyntaxError
		if errors.As(err, &se) {
			line, col := export.Position(data, se.Offset)
			return nil, diag.List{{Path: path, Line: line, Column: col, Severity: diag.Error,
				Rule: "EXPORT_SYNTAX", Message: se.Msg}}
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}

	params, err := flexflow.Read(&export.Document{Root: root})
	if err != nil {
		var fe *flexflow.Error
		if !errors.As(err, &fe) {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		d := diag.Diagnostic{Path: path, Flow: fe.Flow, Card: fe.Card, Field: fe.Field,
			Rule: "FLOW_PARAMETERS", Severity: diag.Error, Message: fe.Msg}
		if fe.Offset >= 0 {
			d.Line, d.Column = export.Position(data, fe.Offset)
		}
		return nil, diag.List{d}
	}
	return params, nil
}

func specFlowParams(path string) (*flexflow.Params, error) {
	spec, err := flowspec.Load(path)
	if err != nil {
		return nil, err // a diag.List: every problem of the spec, printed by main
	}

	doc, err := generator.Build(spec, generator.Options{})
	if err != nil {
		return nil, fmt.Errorf("build %s: %w", path, err)
	}

	params, err := flexflow.Read(doc)
	if err != nil {
		return nil, fmt.Errorf("internal error: verify cannot read the export built from %s "+
			"(%v); please report it", path, err)
	}
	return params, nil
}
