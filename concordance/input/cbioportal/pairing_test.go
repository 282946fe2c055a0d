package cbioportal

import (
	"os"
	"strings"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// TestPairing (issue 11 §6): --pairing first|latest|union on the study's
// patients with several samples of a kind. P-02 has tissue at days 0 and
// 300 and plasma at 20, 290 and 500; P-03 has tissue at day 10 and one
// without a time, and plasma at 15.
func TestPairing(t *testing.T) {
	for _, tc := range []struct {
		pairing       string
		p02T, p02P    string
		p02Rule       string
		p03T, p03Rule string
		unpairedP02   int
	}{
		{PairNearest, "P-02-T2", "P-02-L2", "nearest in time (10 days apart)", "P-03-T1", "first in file (not every sample has a collection time)", 3},
		{PairFirst, "P-02-T1", "P-02-L1", "earliest collected", "P-03-T1", "tissue first in file (not every sample has a collection time), plasma only", 3},
		{PairLatest, "P-02-T2", "P-02-L3", "latest collected", "P-03-T2", "tissue last in file (not every sample has a collection time), plasma only", 3},
		{PairUnion, "P-02-T1;P-02-T2", "P-02-L1;P-02-L2;P-02-L3", "union (2 tissue and 3 plasma samples pooled)", "P-03-T1;P-03-T2", "union (2 tissue and 1 plasma samples pooled)", 0},
	} {
		t.Run(tc.pairing, func(t *testing.T) {
			st, err := Load(os.DirFS("testdata/study"), LoadOptions{Pairing: tc.pairing})
			if err != nil {
				t.Fatal(err)
			}
			c2, c3 := st.Choices[1], st.Choices[2]
			if c2.Tissue != tc.p02T || c2.Plasma != tc.p02P || c2.Rule != tc.p02Rule {
				t.Errorf("P-02: %s / %s (%s), want %s / %s (%s)", c2.Tissue, c2.Plasma, c2.Rule, tc.p02T, tc.p02P, tc.p02Rule)
			}
			if c3.Tissue != tc.p03T || c3.Rule != tc.p03Rule {
				t.Errorf("P-03: %s (%s), want %s (%s)", c3.Tissue, c3.Rule, tc.p03T, tc.p03Rule)
			}
			n := 0
			for _, u := range st.Unpaired {
				if u.Patient == "P-02" {
					n++
				}
			}
			if n != tc.unpairedP02 {
				t.Errorf("P-02: %d samples unpaired, want %d", n, tc.unpairedP02)
			}
			if st.Pairing != tc.pairing {
				t.Errorf("pairing %q", st.Pairing)
			}
		})
	}
}

// TestPairingUnionPools: the union of P-02's plasma samples holds the
// calls of all three (MAF: APC R1450* in L1, ATM E1978K in L2; CNA: MYC
// amplification and CDKN2A deletion in L2), and the ledger counts every
// row once.
func TestPairingUnionPools(t *testing.T) {
	st, err := Load(os.DirFS("testdata/study"), LoadOptions{Pairing: PairUnion})
	if err != nil {
		t.Fatal(err)
	}
	p := st.Patients[1]
	var led concordance.Ledger
	sd, err := st.Use(p.Plasma.ID, p.ID, concordance.Plasma, &led)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(sd), "11:108175462:G:A 5:112175639:C:T amplification:MYC deletion:CDKN2A"; got != want {
		t.Errorf("pooled plasma calls\n got %s\nwant %s", got, want)
	}
	if p.Plasma.ID != "P-02-L1" || !strings.HasPrefix(st.Choices[1].Plasma, p.Plasma.ID+";") {
		t.Errorf("patient names %s for %s", p.Plasma.ID, st.Choices[1].Plasma)
	}
}
