package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/flopack/flopack/flowspec"
)

func newSchemaCmd(ios *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the spec's JSON Schema, for editors",
		Long: `Print the JSON Schema (draft-07) that specs are checked against, so that
editors can complete and check a spec as you type. For editors that use
yaml-language-server (VS Code's YAML extension, Neovim, Helix), save it next to
the spec and keep the comment 'flopack init' puts on the spec's first line:

  # yaml-language-server: $schema=flopack.schema.json

flopack checks more than the schema says (for example names that are only
Unicode spaces); 'flopack build' reports those.`,
		Example: `  flopack schema > flopack.schema.json`,
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := ios.Out.Write(flowspec.Schema()); err != nil {
				return fmt.Errorf("write schema: %w", err)
			}
			return nil
		},
	}
}
