package flowspec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/flopack/flopack/diag"
)

// MaxSize is the largest spec, in bytes, that Load and Parse read. A real spec is under
// 2 KiB; the limit keeps a wrong path (a log, a binary, a generated export) from being
// parsed into memory.
const MaxSize = 1 << 20

// MaxDiagnostics bounds how many problems one spec reports, so that a file full of
// garbage gives a short answer.
const MaxDiagnostics = 50

// Load reads and checks the spec at path. On any problem it returns a diag.List holding
// every problem found, each naming path as given.
func Load(path string) (*Spec, error) {
	data, err := readLimited(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is already in the diagnostic
		}
		return nil, diag.List{{
			Path:     path,
			Severity: diag.Error,
			Message:  fmt.Sprintf("cannot read the spec: %v", err),
		}}
	}
	return Parse(path, data)
}

// readLimited reads at most MaxSize+1 bytes, enough for Parse to tell a spec that is too
// large without reading all of it.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxSize+1))
}

// Parse checks the spec in data, read from path (used in diagnostics only). It returns
// the spec with defaults applied, or a diag.List holding every problem found.
func Parse(path string, data []byte) (spec *Spec, err error) {
	defer func() {
		// A bug in a checker or in yaml.v3 must not take the command down with a trace.
		if r := recover(); r != nil {
			spec, err = nil, diag.List{{
				Path:     path,
				Severity: diag.Error,
				Message: fmt.Sprintf(
					"internal error: %v; please report it to the flopack maintainers", r),
			}}
		}
	}()

	if d, ok := checkBytes(path, data); !ok {
		return nil, diag.List{d}
	}

	c := &checker{path: path, data: data, covered: map[string]bool{}}
	value := c.check()
	if len(c.diags) > 0 {
		return nil, c.result()
	}
	return build(path, value), nil
}

// checkBytes rejects input that must not reach the YAML parser.
func checkBytes(path string, data []byte) (diag.Diagnostic, bool) {
	if len(data) > MaxSize {
		return diag.Diagnostic{
			Path:     path,
			Severity: diag.Error,
			Message: fmt.Sprintf("the file is larger than %d KiB, the limit for a spec; "+
				"a spec is a few lines of YAML, so check the path", MaxSize>>10),
		}, false
	}

	if utf8.Valid(data) {
		return diag.Diagnostic{}, true
	}
	offset := firstInvalidUTF8(data)
	line, col := position(data, offset)
	return diag.Diagnostic{
		Path:     path,
		Line:     line,
		Column:   col,
		Severity: diag.Error,
		Message: fmt.Sprintf("byte 0x%02X is not UTF-8; save the file as UTF-8 text",
			data[offset]),
	}, false
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// position turns a byte offset into a 1-based line and a column counted in characters,
// as yaml.v3 counts its columns. Bytes that are not UTF-8 count one character each.
func position(data []byte, offset int) (line, col int) {
	offset = min(max(offset, 0), len(data))
	starts := lineStarts(data)
	line, _ = slices.BinarySearch(starts, offset+1) // first start after offset
	col = utf8.RuneCount(data[starts[line-1]:offset]) + 1
	if line == 1 && offset > 0 && bytes.HasPrefix(data, []byte("\uFEFF")) {
		col-- // a byte order mark is not a column, to yaml.v3 or to editors
	}
	return line, col
}

// lineStarts returns the byte offset where each line begins. Line breaks are yaml.v3's
// (YAML 1.1): CR LF, CR, LF, NEL, LS and PS, so that line numbers agree with the ones
// yaml.v3 puts on nodes.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch r {
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				size = 2
			}
			starts = append(starts, i+size)
		case '\n', 0x85, 0x2028, 0x2029:
			starts = append(starts, i+size)
		}
		i += size
	}
	return starts
}

// lineText returns line n (1-based) of data without its line break, or "" past the end;
// starts are data's lineStarts.
func lineText(data []byte, starts []int, n int) string {
	if n < 1 || n > len(starts) {
		return ""
	}
	end := len(data)
	if n < len(starts) {
		end = starts[n]
	}
	return strings.TrimRight(string(data[starts[n-1]:end]), lineBreakChars)
}

// lineBreakChars are the characters that make up yaml.v3's line breaks.
const lineBreakChars = "\r\n\u0085\u2028\u2029"
