package generator

import (
	"testing"

	"github.com/flopack/flopack/export"
)

// BenchmarkBuild measures compiling the example spec and encoding the export, the work of
// `flopack build` after the spec is loaded.
func BenchmarkBuild(b *testing.B) {
	spec := exampleSpec()
	b.ReportAllocs()
	for b.Loop() {
		doc, err := Build(spec, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(export.Marshal(doc.Root, true))))
	}
}
