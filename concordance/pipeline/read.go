package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/input"
	"github.com/concord-oncology/concord/internal/infile"
)

// readFile reads, hashes, decompresses and parses one call file. A
// multi-sample file is read once for the whole run; its Input is returned
// only by the read that parsed it (Path "" otherwise).
//
// Only regular files are read (infile.OpenFile: a FIFO, a device or a folder
// is refused unread). A file up to wholeFile bytes is read whole into the
// worker's buffer, the fast path (the inflater reads memory directly); a
// larger one is streamed, so that memory stays bounded by the line cap
// whatever the file's size.
func (w *worker) readFile(path, format string, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, Input, error) {
	if sf, ok := w.shared.known(path); ok {
		return w.useShared(sf, path, opt, led)
	}
	in := Input{Path: path}
	f, size, err := infile.OpenFile(path)
	if err != nil {
		return nil, in, concordance.FileError(path, err)
	}
	defer f.Close()
	var (
		r   io.Reader
		sum func() error // sets in.SHA256 and in.Bytes once the file is read
	)
	if size <= wholeFile {
		if w.buf, err = readInto(f, size, w.buf[:0]); err != nil {
			return nil, in, concordance.FileError(path, err)
		}
		in.SHA256, in.Bytes = infile.SumBytes(w.buf)
		sum = func() error { return nil }
		r, _, err = w.dec.OpenBytes(w.buf)
	} else {
		var stream *infile.File
		if stream, err = infile.NewFile(f, w.cfg.Limits); err == nil {
			r = stream
			sum = func() (err error) {
				if in.SHA256, in.Bytes, err = stream.Sum(); err != nil {
					return concordance.FileError(path, err)
				}
				return nil
			}
		}
	}
	if err != nil {
		return nil, in, &concordance.InputError{File: path, Err: err}
	}
	// Peek at the start for sniffing without losing the fast WriteTo path.
	head, err := input.ReadHead(r, w.head[:])
	if err != nil {
		return nil, in, &concordance.InputError{File: path, Line: 1 + bytes.Count(head, []byte("\n")), Err: err}
	}
	src := &prefixed{head: head, rest: r}
	fm, err := w.format(format, path, head)
	if err != nil {
		return nil, in, err
	}
	in.Format = fm.String()
	if input.MultiSample(fm) {
		sf, _ := w.shared.get(path)
		sf.once.Do(func() {
			sf.src, sf.err = input.ReadMultiSample(fm, src, path, w.cfg.AllFilters)
			if sf.err == nil {
				sf.err = sum()
			}
			sf.input = in
		})
		data, _, err := w.useShared(sf, path, opt, led)
		return data, Input{}, err
	}
	reader := w.vcf.Read
	if fm != input.VCF {
		var ok bool
		if reader, ok = input.Reader(fm); !ok {
			return nil, in, &concordance.InputError{File: path, Err: fmt.Errorf("%s files are recognised but cannot be read as calls", fm)}
		}
	}
	data, err := reader(src, opt, led)
	if err != nil {
		return nil, in, concordance.AtFile(path, err)
	}
	if err := sum(); err != nil {
		return nil, in, err
	}
	return data, in, nil
}

// wholeFile is the largest call file read whole into memory (TSO500 VCFs
// are a few megabytes); larger ones are streamed.
const wholeFile = 16 << 20

// format names a file's format: the sheet's override, else sniffed.
func (w *worker) format(override, path string, head []byte) (input.Format, error) {
	if override != "" {
		f, err := input.ParseFormat(override)
		if err != nil {
			return 0, &concordance.InputError{File: path, Err: err}
		}
		return f, nil
	}
	f, err := input.Sniff(path, head)
	if err != nil {
		return 0, &concordance.InputError{File: path, Line: 1, Err: err}
	}
	return f, nil
}

func (w *worker) useShared(sf *sharedFile, path string, opt concordance.ReadOptions, led *concordance.Ledger) (*concordance.SampleData, Input, error) {
	sf.once.Do(func() {}) // wait for the read that parses it
	if sf.err != nil {
		return nil, Input{}, concordance.AtFile(path, sf.err)
	}
	sf.mu.Lock()
	data, err := sf.src.Use(opt.SampleID, opt.Patient, opt.Side, led)
	sf.mu.Unlock()
	if err != nil {
		if errors.Is(err, input.ErrNoRows) {
			return nil, Input{}, err
		}
		return nil, Input{}, concordance.AtFile(path, err)
	}
	return data, Input{}, nil
}

// prefixed replays bytes already read, then the rest of the stream,
// keeping the rest's WriteTo fast path.
type prefixed struct {
	head []byte
	rest io.Reader
}

func (p *prefixed) Read(b []byte) (int, error) {
	if len(p.head) > 0 {
		n := copy(b, p.head)
		p.head = p.head[n:]
		return n, nil
	}
	return p.rest.Read(b)
}

func (p *prefixed) WriteTo(w io.Writer) (int64, error) {
	var total int64
	if len(p.head) > 0 {
		n, err := w.Write(p.head)
		total += int64(n)
		p.head = nil
		if err != nil {
			return total, err
		}
	}
	n, err := io.Copy(w, p.rest)
	return total + n, err
}

// readInto reads a whole file of the given size into buf (grown as
// needed).
func readInto(f *os.File, size int64, buf []byte) ([]byte, error) {
	n := int(size)
	if cap(buf) < n+1 {
		buf = make([]byte, 0, n+n/8+512)
	}
	buf = buf[:n]
	k, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF {
		return buf[:k], err
	}
	return buf[:k], nil
}
