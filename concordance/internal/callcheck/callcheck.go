// Package callcheck holds the invariants every format reader's output
// keeps, for the readers' tests and fuzz targets: each returned call's
// quantities are in range, and an error is an input error (a problem with
// the file, named with its line), never a bug's.
package callcheck

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// Calls returns the first call that breaks an invariant: a VAF outside
// [0, 1] (NaN, unknown, is fine; Inf is not), a depth or alt reads below
// -1 (unknown), alt reads above the depth, or a source line below 1.
func Calls(calls []concordance.Call) error {
	for i := range calls {
		c := &calls[i]
		switch {
		case !math.IsNaN(c.VAF) && (c.VAF < 0 || c.VAF > 1):
			return fmt.Errorf("call %d (%s, line %d): VAF %v outside [0, 1]", i, c.Key(), c.Source.Line, c.VAF)
		case c.Depth < -1 || c.AltReads < -1:
			return fmt.Errorf("call %d (%s, line %d): depth %d, alt reads %d", i, c.Key(), c.Source.Line, c.Depth, c.AltReads)
		case c.Depth >= 0 && c.AltReads > c.Depth:
			return fmt.Errorf("call %d (%s, line %d): alt reads %d above depth %d", i, c.Key(), c.Source.Line, c.AltReads, c.Depth)
		case c.Source.Line < 1:
			return fmt.Errorf("call %d (%s): source line %d", i, c.Key(), c.Source.Line)
		case math.IsInf(c.FoldChange, 0) || c.FoldChange < 0:
			return fmt.Errorf("call %d (%s, line %d): fold change %v", i, c.Key(), c.Source.Line, c.FoldChange)
		case math.IsInf(c.CopyNumber, 0) || c.CopyNumber < 0:
			return fmt.Errorf("call %d (%s, line %d): copy number %v", i, c.Key(), c.Source.Line, c.CopyNumber)
		}
	}
	return nil
}

// Error returns a problem with err when it is not nil and not an input
// error (concordance.IsInputError) naming a line of at least 1 or no line.
func Error(err error) error {
	if err == nil {
		return nil
	}
	if !concordance.IsInputError(err) {
		return fmt.Errorf("not an input error (a bug's?): %v", err)
	}
	return nil
}

// Balanced returns a problem when the ledger and the calls do not account
// for exactly records input records: calls sharing a Source are one record
// (Ledger.CountCalls).
func Balanced(led *concordance.Ledger, calls []concordance.Call, records int64) error {
	var l concordance.Ledger
	l.Merge(led)
	l.CountCalls("", concordance.Tissue, calls)
	if read, _, _ := l.Totals(); read != records {
		return fmt.Errorf("ledger and calls account for %d records, the input has %d", read, records)
	}
	return nil
}

// TableRows counts the data rows of a tabular file (MAF, PCGR, report
// table): the lines after the header that are rows by table.Skip's rule,
// the one every tabular reader finds its header and rows by.
func TableRows(data []byte) int64 {
	lines := table.NewLines(bytes.NewReader(data))
	var n int64 = -1 // the header
	for lines.NextRow() {
		n++
	}
	return max(n, 0)
}

// VCFRecords counts a VCF's records: the non-empty lines after #CHROM.
func VCFRecords(data []byte) int64 {
	var n int64
	body := false
	for _, l := range bytes.Split(data, []byte("\n")) {
		l = bytes.TrimSuffix(l, []byte("\r"))
		switch {
		case !body:
			body = bytes.HasPrefix(l, []byte("#CHROM"))
		case len(l) > 0:
			n++
		}
	}
	return n
}

// Uncounted tells Read not to check the ledger's balance.
const Uncounted int64 = math.MinInt64

// Read checks what a CallReader returned and fails t: an error must be an
// input error; otherwise the calls must be in range and, unless records is
// Uncounted, account with the ledger for exactly records input records.
func Read(t testing.TB, d *concordance.SampleData, err error, led *concordance.Ledger, records int64) {
	t.Helper()
	if err != nil {
		if e := Error(err); e != nil {
			t.Fatal(e)
		}
		return
	}
	if e := Calls(d.Calls); e != nil {
		t.Fatal(e)
	}
	if records == Uncounted {
		return
	}
	if e := Balanced(led, d.Calls, records); e != nil {
		t.Fatal(e)
	}
}
