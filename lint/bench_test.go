package lint

import (
	"github.com/flopack/flopack/internal/corpustest"

	"os"
	"testing"

	"github.com/flopack/flopack/export"
)

// benchCorpus reads the real exports into memory, so that benchmarks time the linter, not
// the disk.
func benchCorpus(b *testing.B) (files []corpusFile, size int64) {
	b.Helper()
	for _, p := range corpustest.Files(b) {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, corpusFile{p, data})
		size += int64(len(data))
	}
	return files, size
}

// BenchmarkLintCorpus lints every real export once per iteration: decode and all rules.
// scripts/bench_lint_vs_json_tool.sh compares it with python3 -m json.tool.
func BenchmarkLintCorpus(b *testing.B) {
	files, size := benchCorpus(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if ds := Bytes(f.path, f.data); len(ds) > 0 {
				b.Fatal(ds[0])
			}
		}
	}
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkDecodeCorpus decodes only, to tell the reader's share from the rules'.
func BenchmarkDecodeCorpus(b *testing.B) {
	files, size := benchCorpus(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := export.Decode(f.data); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
}
