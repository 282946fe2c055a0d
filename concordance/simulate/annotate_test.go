package simulate

import (
	"strconv"
	"testing"
)

func testGenome(t testing.TB) *Genome {
	t.Helper()
	gn, err := Reference()
	if err != nil {
		t.Fatal(err)
	}
	return gn
}

// Hotspots must read as their real protein changes, in their real exons
// (exon numbers of the canonical transcripts; protein changes as in
// COSMIC / the publications named in hotspots.go).
func TestHotspotAnnotation(t *testing.T) {
	gn := testGenome(t)
	tests := []struct {
		gene  string
		edit  cdsEdit
		hgvsc string
		hgvsp string
		short string
		exon  string
		csq   string
	}{
		{"BRAF", cdsEdit{1799, 1, "A"}, "c.1799T>A", "p.Val600Glu", "p.V600E", "15/18", "missense_variant"},
		{"BRAF", cdsEdit{1798, 2, "AA"}, "c.1798_1799delinsAA", "p.Val600Lys", "p.V600K", "15/18", "missense_variant"},
		{"KRAS", cdsEdit{34, 1, "T"}, "c.34G>T", "p.Gly12Cys", "p.G12C", "2/5", "missense_variant"},
		{"KRAS", cdsEdit{35, 1, "A"}, "c.35G>A", "p.Gly12Asp", "p.G12D", "2/5", "missense_variant"},
		{"KRAS", cdsEdit{38, 1, "A"}, "c.38G>A", "p.Gly13Asp", "p.G13D", "2/5", "missense_variant"},
		{"EGFR", cdsEdit{2573, 1, "G"}, "c.2573T>G", "p.Leu858Arg", "p.L858R", "21/28", "missense_variant"},
		{"EGFR", cdsEdit{2235, 15, ""}, "c.2235_2249del", "p.Glu746_Ala750del", "p.E746_A750del", "19/28", "inframe_deletion"},
		{"PIK3CA", cdsEdit{1633, 1, "A"}, "c.1633G>A", "p.Glu545Lys", "p.E545K", "10/21", "missense_variant"},
		{"PIK3CA", cdsEdit{3140, 1, "G"}, "c.3140A>G", "p.His1047Arg", "p.H1047R", "21/21", "missense_variant"},
		{"TP53", cdsEdit{524, 1, "A"}, "c.524G>A", "p.Arg175His", "p.R175H", "5/11", "missense_variant"},
		{"TP53", cdsEdit{743, 1, "A"}, "c.743G>A", "p.Arg248Gln", "p.R248Q", "7/11", "missense_variant"},
		{"TP53", cdsEdit{818, 1, "A"}, "c.818G>A", "p.Arg273His", "p.R273H", "8/11", "missense_variant"},
		{"TP53", cdsEdit{637, 1, "T"}, "c.637C>T", "p.Arg213Ter", "p.R213*", "6/11", "stop_gained"},
		{"IDH1", cdsEdit{395, 1, "A"}, "c.395G>A", "p.Arg132His", "p.R132H", "4/10", "missense_variant"},
		{"JAK2", cdsEdit{1849, 1, "T"}, "c.1849G>T", "p.Val617Phe", "p.V617F", "14/25", "missense_variant"},
		{"DNMT3A", cdsEdit{2645, 1, "A"}, "c.2645G>A", "p.Arg882His", "p.R882H", "23/23", "missense_variant"},
		// c.1934dup in the G8 tract c.1927-1934, written at any position of the tract.
		{"ASXL1", cdsEdit{1928, 0, "G"}, "c.1934dup", "", "", "12/12", "frameshift_variant"},
		{"KIT", cdsEdit{1669, 6, ""}, "c.1669_1674del", "p.Trp557_Lys558del", "p.W557_K558del", "11/21", "inframe_deletion"},
		{"RNF43", cdsEdit{1971, 1, ""}, "c.1976del", "", "", "9/10", "frameshift_variant"},
	}
	for _, tt := range tests {
		t.Run(tt.gene+"_"+tt.hgvsc, func(t *testing.T) {
			g := gn.Gene(tt.gene)
			a, err := g.annotate(tt.edit)
			if err != nil {
				t.Fatal(err)
			}
			exon := strconv.Itoa(a.exon) + "/" + strconv.Itoa(g.TotalExons)
			if a.hgvsc != tt.hgvsc || exon != tt.exon || a.consequence != tt.csq {
				t.Errorf("got %s exon %s %s, want %s exon %s %s", a.hgvsc, exon, a.consequence, tt.hgvsc, tt.exon, tt.csq)
			}
			if tt.hgvsp != "" && (a.hgvsp != tt.hgvsp || a.short != tt.short) {
				t.Errorf("got %s %s, want %s %s", a.hgvsp, a.short, tt.hgvsp, tt.short)
			}
			t.Logf("%s %s %s %s", tt.gene, a.hgvsc, a.hgvsp, a.short)
		})
	}
}
