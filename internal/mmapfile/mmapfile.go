package mmapfile

import (
	"errors"
	"io"
)

// ErrClosed is returned by ReadAt after Close.
var ErrClosed = errors.New("mmapfile: file already closed")

// readAt copies from data at off into p following the io.ReaderAt contract:
// a short read returns io.EOF.
func readAt(data []byte, p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("mmapfile: negative offset")
	}
	if off >= int64(len(data)) {
		if len(p) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	n := copy(p, data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
