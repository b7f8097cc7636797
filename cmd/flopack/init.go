package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/flopack/flopack/flowspec"
)

// initOptions are the inputs of `flopack init`.
type initOptions struct {
	IO     *streams
	Output string // file to write; "-" for standard output
	Force  bool   // overwrite an existing file
}

func newInitCmd(ios *streams, runF func(*initOptions) error) *cobra.Command {
	opts := &initOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "init [-o FILE]",
		Short: "Write a commented starter spec",
		Long: `Write a starter spec with a comment on every field saying what it means and
where to find its value in the Okta Admin Console and the Twilio Console.
Replace the two IDs marked REPLACE, then run 'flopack build FILE'.

The file is written whole or not at all, and an existing file is kept unless
--force is given. With -o - the spec goes to standard output.`,
		Example: `  flopack init
  flopack init -o specs/flex.yaml
  flopack init -o - | less`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Output == "" {
				return usageErrorf("-o needs a file name, or - for standard output")
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "flopack.yaml",
		"file to write, or - for standard output")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite the file if it exists")
	return cmd
}

func initRun(opts *initOptions) error {
	starter := flowspec.Starter()
	if opts.Output == "-" {
		if _, err := opts.IO.Out.Write(starter); err != nil {
			return fmt.Errorf("write starter spec: %w", err)
		}
		return nil
	}

	if err := writeFileAtomic(opts.Output, starter, opts.Force); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Err, "wrote %s; replace the two IDs marked REPLACE, then run "+
		"'flopack build %s'\n", opts.Output, opts.Output)
	return nil
}
