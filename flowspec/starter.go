package flowspec

import (
	"bytes"
	_ "embed"
)

//go:embed starter.yaml
var starterYAML []byte

// Starter returns the commented starter spec that `flopack init` writes. It loads without
// errors; its two IDs are well-formed placeholders the user replaces.
func Starter() []byte {
	return bytes.Clone(starterYAML)
}
