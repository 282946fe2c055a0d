//go:build libdeflate && cgo

package infile

import (
	"bytes"
	"compress/flate"
	stdgzip "compress/gzip"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"
)

// TestLibdeflateTaken: well-formed BGZF (in memory and streamed) and plain
// gzip read whole are inflated by libdeflate, member by member, with
// nothing handed to the pure-Go reader; streamed plain gzip stays on the
// pure-Go reader.
func TestLibdeflateTaken(t *testing.T) {
	text := []byte(strings.Repeat("##fileformat=VCFv4.2\nchr1\t1\t.\tA\tC\n", 9000))
	blocks := bgzBlocks(t, text, 60000) // 315,000 bytes: 6 blocks and the EOF block
	for _, tc := range []struct {
		name    string
		in      []byte
		mem     bool
		members int // inflated by libdeflate
	}{
		{"bgzf in memory", blocks, true, 7},
		{"bgzf streamed", blocks, false, 7},
		{"bgzip-written bgzf", bgz(t, string(text)), true, 6}, // blocks of 65,280 bytes (biogo's bgzf.BlockSize)
		{"gzip in memory", gzBytes(text), true, 1},
		{"multi-member gzip in memory", append(gzBytes(text[:1000]), gzBytes(text[1000:])...), true, 2},
		{"gzip with a name, in memory", gzNamed(text, "calls.vcf"), true, 1},
		{"gzip streamed", gzBytes(text), false, 0},
	} {
		var d Decompressor
		out, _, err := readVia(&d, tc.in, tc.mem)
		if err != nil || !bytes.Equal(out, text) {
			t.Fatalf("%s: %v (%d bytes, want %d)", tc.name, err, len(out), len(text))
		}
		if d.fast.members != tc.members || d.fast.handovers != 0 {
			t.Errorf("%s: %d members inflated by libdeflate, %d handed over; want %d and 0", tc.name, d.fast.members, d.fast.handovers, tc.members)
		}
	}
}

// gzNamed is gzip with FNAME set, as gzip(1) writes it.
func gzNamed(text []byte, name string) []byte {
	var b bytes.Buffer
	w := stdgzip.NewWriter(&b)
	w.Name = name
	w.Write(text)
	w.Close()
	return b.Bytes()
}

// TestLibdeflateMatchesPureGo reads a catalogue of damaged and unusual
// gzip and BGZF files with both inflaters, whole and streamed (in chunks
// of several sizes), and requires the same bytes passed on and the same
// error message: truncation at every offset, every byte changed, header
// variants (name, comment, header CRC right and wrong, a 600-byte name,
// extra subfields, reserved flags), lying BSIZE and ISIZE, trailing bytes.
func TestLibdeflateMatchesPureGo(t *testing.T) {
	text := []byte(strings.Repeat("chr1\t100\t.\tA\tC\t.\tPASS\tDP=10\n", 60))
	good := bgzBlocks(t, text, 700) // 3 blocks and the EOF block
	gz := gzBytes(text)
	var inputs [][]byte
	add := func(b []byte) { inputs = append(inputs, b) }
	for _, base := range [][]byte{good, gz} {
		for i := 0; i <= len(base); i++ {
			add(base[:i])
		}
		for i := range base {
			for _, x := range []byte{0xff, 0x01} {
				b := bytes.Clone(base)
				b[i] ^= x
				add(b)
			}
		}
		add(append(bytes.Clone(base), 0))
		add(append(bytes.Clone(base), "garbage"...))
		add(append(bytes.Clone(base), base...))
	}
	member := func(flg byte, extra []byte) []byte {
		z := deflate(text)
		b := []byte{0x1f, 0x8b, 8, flg, 0, 0, 0, 0, 0, 3}
		b = append(b, extra...)
		b = append(b, z...)
		b = binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(text))
		return binary.LittleEndian.AppendUint32(b, uint32(len(text)))
	}
	hcrc := func(flg byte, extra []byte, right bool) []byte {
		h := append([]byte{0x1f, 0x8b, 8, flg | flagHdrCrc, 0, 0, 0, 0, 0, 3}, extra...)
		c := uint16(crc32.ChecksumIEEE(h))
		if !right {
			c++
		}
		return binary.LittleEndian.AppendUint16(extra, c)
	}
	long := append(bytes.Repeat([]byte("n"), 600), 0)
	add(member(flagName, []byte("calls.vcf\x00")))
	add(member(flagName|flagComment, []byte("calls.vcf\x00a comment\x00")))
	add(member(flagName, long))                                      // the pure-Go reader refuses names over 511 bytes
	add(member(flagName, append(bytes.Repeat([]byte("n"), 511), 0))) // its longest
	add(member(flagName, []byte("no terminator")))
	add(member(0, hcrc(0, nil, true)))
	add(member(0, hcrc(0, nil, false)))
	add(member(flagName, hcrc(flagName, []byte("x\x00"), true)))
	add(member(0x20, nil)) // a reserved flag
	add(member(flagText, nil))
	add(member(flagExtra, []byte{4, 0, 'X', 'Y', 0, 0}))
	// BGZF blocks with two extra subfields, a lying BSIZE, a lying ISIZE,
	// an ISIZE over 64 KiB, a BSIZE too small for a block.
	z := deflate(text)
	c := crc32.ChecksumIEEE(text)
	blk := bgzfMember(z, c, uint32(len(text)))
	two := []byte{0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 10, 0, 'X', 'Y', 0, 0, 'B', 'C', 2, 0, 0, 0}
	binary.LittleEndian.PutUint16(two[20:], uint16(len(two)+len(z)+8-1))
	two = append(append(two, z...), blk[len(blk)-8:]...)
	add(append(two, bgzfEOF...))
	for _, bsize := range []int{-1, 1, 25 - len(blk) + 1} {
		b := bytes.Clone(blk)
		binary.LittleEndian.PutUint16(b[16:], uint16(len(blk)-1+bsize))
		add(append(b, bgzfEOF...))
	}
	add(append(bgzfMember(z, c, uint32(len(text))+1), bgzfEOF...))
	add(append(bgzfMember(z, c, 70000), bgzfEOF...))
	add(append(append(bytes.Clone(blk), gz...), bgzfEOF...)) // a plain member inside BGZF
	add(append(bgzfMember(deflate(bytes.Repeat(text, 40)), crc32.ChecksumIEEE(bytes.Repeat(text, 40)), uint32(40*len(text))), bgzfEOF...))

	handovers := 0
	for i, in := range inputs {
		for _, lim := range []Limits{{}, {MaxLine: 30}} {
			for _, chunk := range []int{0, 1, 17, 1 << 20} { // 0: in memory
				pure := Decompressor{Limits: lim, pureGo: true}
				fast := Decompressor{Limits: lim}
				wantOut, wantKind, wantErr := readChunked(&pure, in, chunk)
				out, kind, err := readChunked(&fast, in, chunk)
				if kind != wantKind || !bytes.Equal(out, wantOut) || fmt.Sprint(err) != fmt.Sprint(wantErr) {
					t.Fatalf("input %d (%d bytes), chunk %d, max line %d: libdeflate gave %v, %d bytes, error %v; pure Go %v, %d bytes, error %v",
						i, len(in), chunk, lim.MaxLine, kind, len(out), err, wantKind, len(wantOut), wantErr)
				}
				handovers += fast.fast.handovers
			}
		}
	}
	// The comparison is not vacuous: many inputs go part of the way on
	// libdeflate, then to the pure-Go reader.
	if handovers < len(inputs) {
		t.Errorf("%d handovers for %d inputs", handovers, len(inputs))
	}
}

// readChunked reads in with d whole (chunk 0) or streamed in reads of
// chunk bytes, through Read for a plain reader and WriteTo otherwise.
func readChunked(d *Decompressor, in []byte, chunk int) ([]byte, Kind, error) {
	var r io.Reader
	var k Kind
	var err error
	if chunk == 0 {
		r, k, err = d.OpenBytes(in)
	} else {
		r, k, err = d.Open(&chunky{b: in, n: chunk})
	}
	if err != nil {
		return nil, k, err
	}
	var out bytes.Buffer
	if chunk == 17 {
		// Read in small pieces, the way sniffing reads a file's head.
		buf := make([]byte, 13)
		for {
			n, err := r.Read(buf)
			out.Write(buf[:n])
			if err == io.EOF {
				return out.Bytes(), k, nil
			}
			if err != nil {
				return out.Bytes(), k, err
			}
		}
	}
	_, err = r.(io.WriterTo).WriteTo(&out)
	return out.Bytes(), k, err
}

func deflate(b []byte) []byte {
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestSpeed)
	w.Write(b)
	w.Close()
	return z.Bytes()
}
