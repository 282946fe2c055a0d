package evidence

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// maxBAI is the largest BAM index read: an index holds a few entries per
// 16 kb window of the genome (a human whole-genome BAM's .bai is under
// 10 MB), so anything near this size is not an index.
const maxBAI = 256 << 20

// readBAI reads a .bai index whole and checks its layout (SAM
// specification §5.2: magic, n_ref, and per reference n_bin bins of n_chunk
// chunks, then n_intv linear offsets) before biogo parses it: biogo
// allocates what the counts say, so a corrupt count (a flipped bit) made
// it panic (makeslice: len out of range) or exhaust memory in a worker.
// Checked, every count fits the bytes that follow it.
func readBAI(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxBAI+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxBAI {
		return nil, fmt.Errorf("%w: over %d MiB", ErrBadIndex, maxBAI>>20)
	}
	if err := checkBAI(b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadIndex, err)
	}
	return b, nil
}

// ErrBadIndex is wrapped by OpenBAM's errors about the index.
var ErrBadIndex = errors.New("evidence: not a valid BAM index (remake it with samtools index)")

func checkBAI(b []byte) error {
	if !bytes.HasPrefix(b, []byte("BAI\x01")) {
		return fmt.Errorf("no BAI magic")
	}
	p := 4
	// count reads a non-negative int32 count of items of size bytes each
	// and checks that they fit in what is left.
	count := func(what string, size int) (int, error) {
		if len(b)-p < 4 {
			return 0, fmt.Errorf("cut short at byte %d (%s)", p, what)
		}
		n := int(int32(binary.LittleEndian.Uint32(b[p:])))
		p += 4
		if n < 0 || n > (len(b)-p)/size {
			return 0, fmt.Errorf("%s %d at byte %d does not fit the %d bytes left", what, n, p-4, len(b)-p)
		}
		return n, nil
	}
	refs, err := count("n_ref", 8) // each reference has at least n_bin and n_intv
	if err != nil {
		return err
	}
	for range refs {
		bins, err := count("n_bin", 8) // each bin has at least its number and n_chunk
		if err != nil {
			return err
		}
		for range bins {
			if len(b)-p < 4 {
				return fmt.Errorf("cut short at byte %d (bin)", p)
			}
			p += 4 // bin number
			chunks, err := count("n_chunk", 16)
			if err != nil {
				return err
			}
			p += 16 * chunks
		}
		intervals, err := count("n_intv", 8)
		if err != nil {
			return err
		}
		p += 8 * intervals
	}
	if rest := len(b) - p; rest > 0 && rest < 8 { // n_no_coor (8 bytes) is optional
		return fmt.Errorf("cut short at byte %d (n_no_coor)", p)
	}
	return nil
}
