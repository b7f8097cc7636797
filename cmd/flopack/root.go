package main

import (
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// streams are the standard streams a command reads and writes. Results go to Out, progress
// and errors to Err, so `flopack build spec.yaml -o - > x.flopack` always yields clean JSON.
type streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// run executes the command line and returns the process exit code. Tests call it directly.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ios := &streams{In: stdin, Out: stdout, Err: stderr}
	root := newRootCmd(ios)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	_, err := root.ExecuteC()
	return exitCode(err, stderr)
}

func newRootCmd(ios *streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "flopack",
		Short: "Compile, lint and verify Okta Workflows exports for Twilio Flex de-provisioning",
		Long: `flopack compiles a small YAML spec into an Okta Workflows export (.flopack) that
deletes a Twilio Flex (TaskRouter) worker when its agent is unassigned from the Flex
app in Okta, checks any export for internal consistency, and checks the flow against
the live TaskRouter workspace.

Exit codes: 0 success; 1 invalid input or findings; 2 usage error;
3 an external system could not be reached or refused the credentials.`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unknown command %q", strings.Join(args, " "))
			}
			return cmd.Help()
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usageError{err}
	})

	root.AddCommand(
		newBuildCmd(ios, nil),
		newInitCmd(ios, nil),
		newSchemaCmd(ios),
		newLintCmd(ios, nil),
		newVerifyCmd(ios, nil),
		newRunCmd(ios, nil),
		newDemoCmd(ios, nil),
	)
	return root
}

// exactArgs is cobra.ExactArgs whose error is a usage error (exit 2).
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// minimumArgs is cobra.MinimumNArgs whose error is a usage error (exit 2).
func minimumArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MinimumNArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
