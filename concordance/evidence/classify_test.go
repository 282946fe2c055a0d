package evidence

import (
	"strconv"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

func tissueCall(v concordance.Variant) concordance.Call {
	return concordance.NewCall(concordance.Tissue, concordance.Alteration{Class: v.SmallClass(), Variant: v}, concordance.Source{File: "t.vcf", Line: 1})
}

// The plasma BAM is testdata/bam/reads.bam: its counts are those of
// samtools mpileup in testdata/bam/expected.tsv.
func TestClassifyFromBAM(t *testing.T) {
	vs := []concordance.Variant{
		{Chrom: "chr1", Pos: 300, Ref: "C", Alt: "T"},    // 10 alt of 44: below_threshold
		{Chrom: "chr1", Pos: 600, Ref: "A", Alt: "ATG"},  // 4 of 26: below_threshold
		{Chrom: "chr1", Pos: 1000, Ref: "T", Alt: "G"},   // 0 of 40: not_detected
		{Chrom: "chr1", Pos: 1100, Ref: "A", Alt: "C"},   // 1 of 5: not_detected, low coverage
		{Chrom: "chr1", Pos: 400, Ref: "GA", Alt: "TC"},  // 3 of 24: below_threshold
		{Chrom: "chr1", Pos: 900, Ref: "GTCA", Alt: "G"}, // 3 of 29: below_threshold
	}
	type want struct {
		status     string
		alt, depth int
		low        bool
	}
	for _, tc := range []struct {
		name  string
		opt   Options
		wants []want
	}{
		{"min depth 30", Options{MinAltReads: 2, MinDepth: [2]int{0, 30}, Filter: ReadFilter{20, 20}},
			[]want{{"below_threshold", 10, 44, false}, {"below_threshold", 4, 26, false}, {"not_detected", 0, 40, false}, {"not_detected", 1, 5, true}, {"below_threshold", 3, 24, false}, {"below_threshold", 3, 29, false}}},
		{"defaults (plasma 1000)", DefaultOptions(),
			[]want{{"below_threshold", 10, 44, false}, {"below_threshold", 4, 26, false}, {"not_detected", 0, 40, true}, {"not_detected", 1, 5, true}, {"below_threshold", 3, 24, false}, {"below_threshold", 3, 29, false}}},
		{"min alt 4", Options{MinAltReads: 4, MinDepth: [2]int{0, 30}, Filter: ReadFilter{20, 20}},
			[]want{{"below_threshold", 10, 44, false}, {"below_threshold", 4, 26, false}, {"not_detected", 0, 40, false}, {"not_detected", 1, 5, true}, {"not_detected", 3, 24, true}, {"not_detected", 3, 29, true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls []concordance.Call
			for _, v := range vs {
				calls = append(calls, tissueCall(v))
			}
			p := &concordance.Patient{ID: "P1", Plasma: concordance.SampleRef{BAM: "testdata/bam/reads.bam"}}
			pr := &concordance.PatientResult{Patient: p, Rows: concordance.Match(calls, nil, concordance.MatchOptions{})}
			c := &Classifier{Options: tc.opt}
			if err := c.Classify(pr); err != nil {
				t.Fatal(err)
			}
			for _, r := range pr.Rows {
				k := -1
				for i, v := range vs {
					if v == r.Variant {
						k = i
					}
				}
				w := tc.wants[k]
				o := r.Plasma
				got := want{o.Status.String(), o.AltReads(), o.Depth(), r.Flags.Has(concordance.FlagLowCoverage)}
				if got != w || o.Evidence.Source != "bam" || r.Tissue.Status != concordance.Called || r.Category != concordance.TissueOnly {
					t.Errorf("%s: %+v (source %q, tissue %s, %s), want %+v", r.Variant, got, o.Evidence.Source, r.Tissue.Status, r.Category, w)
				}
			}
		})
	}
}

func TestClassifyFromGVCFAndSkips(t *testing.T) {
	p := &concordance.Patient{ID: "P2", Plasma: concordance.SampleRef{ID: "P_T", GVCF: "testdata/gvcf/P_T.genome.vcf"}}
	calls := []concordance.Call{
		tissueCall(concordance.Variant{Chrom: "chr1", Pos: 300, Ref: "C", Alt: "T"}),   // AD 816,4: below_threshold
		tissueCall(concordance.Variant{Chrom: "chr1", Pos: 1000, Ref: "T", Alt: "G"}),  // DP 1500: not_detected
		tissueCall(concordance.Variant{Chrom: "chr1", Pos: 905, Ref: "C", Alt: "A"}),   // DP 45: low coverage
		tissueCall(concordance.Variant{Chrom: "chr1", Pos: 1100, Ref: "A", Alt: "C"}),  // no record: depth unknown, low coverage
		tissueCall(concordance.Variant{Chrom: "chr1", Pos: 600, Ref: "A", Alt: "ATG"}), // 1 read at DP 901 < 1000: not_detected, low coverage
	}
	amp := concordance.NewCall(concordance.Tissue, concordance.Alteration{Class: concordance.Amplification, Gene: "ERBB2"}, concordance.Source{})
	calls = append(calls, amp)
	pr := &concordance.PatientResult{Patient: p, Rows: concordance.Match(calls, nil, concordance.MatchOptions{})}
	c := &Classifier{Options: DefaultOptions()}
	if err := c.Classify(pr); err != nil {
		t.Fatal(err)
	}
	want := map[int]string{300: "below_threshold 4/820 .", 1000: "not_detected -1/1500 .", 905: "not_detected -1/45 low_coverage", 1100: "not_detected -1/-1 low_coverage", 600: "not_detected 1/901 low_coverage"}
	for _, r := range pr.Rows {
		if r.Class == concordance.Amplification {
			if r.Plasma.Evidence.Looked() || r.Plasma.Status != concordance.NotDetected {
				t.Errorf("amplification looked up: %+v", r.Plasma)
			}
			continue
		}
		o := r.Plasma
		flag := "."
		if r.Flags.Has(concordance.FlagLowCoverage) {
			flag = "low_coverage"
		}
		got := strings.Join([]string{o.Status.String(), strconv.Itoa(o.Evidence.AltReads) + "/" + strconv.Itoa(o.Evidence.Depth), flag}, " ")
		if got != want[r.Pos] || o.Evidence.Source != "gvcf" {
			t.Errorf("%s: %s (%s), want %s", r.Variant, got, o.Evidence.Source, want[r.Pos])
		}
	}
}

func TestClassifyErrorsAndFailedSamples(t *testing.T) {
	call := tissueCall(concordance.Variant{Chrom: "chr1", Pos: 300, Ref: "C", Alt: "T"})
	for _, tc := range []struct {
		name, bam, want string
	}{
		{"missing BAM", "testdata/bam/none.bam", "none.bam: no such file"},
		{"BAM without index", "testdata/gvcf/P_T.genome.vcf", "no .bai index"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &concordance.Patient{ID: "P3", Plasma: concordance.SampleRef{BAM: tc.bam}}
			pr := &concordance.PatientResult{Patient: p, Rows: concordance.Match([]concordance.Call{call}, nil, concordance.MatchOptions{})}
			err := (&Classifier{Options: DefaultOptions()}).Classify(pr)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !concordance.IsInputError(err) {
				t.Errorf("err = %v, want an input error with %q", err, tc.want)
			}
		})
	}
	// A failed sample is never looked at (the universe made it sample_failed;
	// even if not, its files are not trusted).
	p := &concordance.Patient{ID: "P4", Plasma: concordance.SampleRef{BAM: "testdata/bam/none.bam", Failed: "failed"}}
	pr := &concordance.PatientResult{Patient: p, Rows: concordance.Match([]concordance.Call{call}, nil, concordance.MatchOptions{})}
	if err := (&Classifier{Options: DefaultOptions()}).Classify(pr); err != nil {
		t.Errorf("failed sample read: %v", err)
	}
}

func plasmaCall(v concordance.Variant) concordance.Call {
	return concordance.NewCall(concordance.Plasma, concordance.Alteration{Class: v.SmallClass(), Variant: v}, concordance.Source{File: "p.vcf", Line: 1})
}

// The matched white-blood-cell sample's BAM or genome VCF is counted at
// every small variant the plasma called (shared ones too), never at a
// tissue-only one; the counts are those the same files give the tissue and
// plasma sides (samtools mpileup for the BAM: testdata/bam/expected.tsv).
func TestClassifyWBCCounts(t *testing.T) {
	shared := concordance.Variant{Chrom: "chr1", Pos: 300, Ref: "C", Alt: "T"}
	plasmaOnly := concordance.Variant{Chrom: "chr1", Pos: 1000, Ref: "T", Alt: "G"}
	tissueOnly := concordance.Variant{Chrom: "chr1", Pos: 600, Ref: "A", Alt: "ATG"}
	for _, tc := range []struct {
		name   string
		wbc    concordance.SampleRef
		source string
		want   map[int][2]int // pos: alt, depth
	}{
		{"BAM", concordance.SampleRef{BAM: "testdata/bam/reads.bam"}, "bam", map[int][2]int{300: {10, 44}, 1000: {0, 40}}},
		// The genome VCF: AD 816,4 at 300; a reference block of DP 1500 at
		// 1000, which gives no alt count (unknown, -1).
		{"genome VCF", concordance.SampleRef{ID: "P_T", GVCF: "testdata/gvcf/P_T.genome.vcf"}, "gvcf", map[int][2]int{300: {4, 820}, 1000: {-1, 1500}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &concordance.Patient{ID: "P5", WBC: tc.wbc}
			tissue := []concordance.Call{tissueCall(shared), tissueCall(tissueOnly)}
			plasma := []concordance.Call{plasmaCall(shared), plasmaCall(plasmaOnly)}
			pr := &concordance.PatientResult{Patient: p, Rows: concordance.Match(tissue, plasma, concordance.MatchOptions{})}
			if err := (&Classifier{Options: DefaultOptions()}).Classify(pr); err != nil {
				t.Fatal(err)
			}
			for _, r := range pr.Rows {
				w, ok := tc.want[r.Pos]
				switch {
				case !ok && r.WBC.Looked():
					t.Errorf("%s (tissue only) looked up in the WBC sample: %+v", r.Variant, r.WBC)
				case ok && (r.WBC.Source != tc.source || r.WBC.AltReads != w[0] || r.WBC.Depth != w[1]):
					t.Errorf("%s: WBC %+v, want %s %d/%d", r.Variant, r.WBC, tc.source, w[0], w[1])
				}
			}
		})
	}
}
