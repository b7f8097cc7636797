package lint

import (
	"bytes"
	"sort"
)

// lineIndex holds the offsets at which the lines of a file start, so that a position costs a
// binary search rather than a scan of the file (export.Position scans; a one-line export of
// megabytes with many findings would make that quadratic).
type lineIndex struct {
	starts []int
	size   int
}

func newLineIndex(data []byte) *lineIndex {
	l := &lineIndex{starts: []int{0}, size: len(data)}
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		l.starts = append(l.starts, i)
	}
	return l
}

// position returns the 1-based line and byte column of offset, as export.Position does.
func (l *lineIndex) position(offset int) (line, col int) {
	if offset < 0 {
		return 0, 0
	}
	offset = min(offset, l.size)
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	return i + 1, offset - l.starts[i] + 1
}
