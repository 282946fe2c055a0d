package cbioportal

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/callcheck"
)

// studyWithPanels is the test study plus gene panel files in cBioPortal's
// format (docs.cbioportal.org/import-gene-panels: "stable_id:",
// "description:", "gene_list:" with tab-separated symbols) and a gene panel
// matrix (SAMPLE_ID, then one column per profile). The gene lists are
// short made-up subsets, not the real IMPACT or ACCESS lists.
func studyWithPanels(t *testing.T, extra map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	entries, err := os.ReadDir("testdata/study")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile("testdata/study/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: b}
	}
	for name, text := range extra {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

const (
	panelImpact = "stable_id: IMPACT468\ndescription: a made-up subset for a test\ngene_list:\tKRAS\tTP53\tAPC\tEGFR\tPIK3CA\tERBB2\tCDKN2A\tALK\n"
	panelAccess = "stable_id: MSK-ACCESS_v1\ndescription: a made-up subset for a test\ngene_list:\tKRAS\tATM\tAPC\tALK\n"
	// The matrix gives P-02-T2 the ACCESS panel for mutations (a made-up
	// case: the matrix wins over the sample's GENE_PANEL attribute).
	panelMatrix = "SAMPLE_ID\tmutations\tcna\tstructural_variants\nP-02-T2\tMSK-ACCESS_v1\tNA\tNA\nP-01-T1\tNA\tIMPACT468\tNA\n"
)

// TestStudyGenePanels (issue 11 §5): samples name the study's own panel
// (the matrix's mutations column, else the first profile with a panel,
// else GENE_PANEL) when the study has that panel's genes; a panel without
// a gene panel file is not named (the run's default applies).
func TestStudyGenePanels(t *testing.T) {
	st, err := Load(studyWithPanels(t, map[string]string{
		"data_gene_panel_impact468.txt": panelImpact,
		"data_gene_panel_access.txt":    panelAccess,
		"data_gene_panel_matrix.txt":    panelMatrix,
	}), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(st.GenePanels["MSK-ACCESS_v1"], ","); got != "KRAS,ATM,APC,ALK" {
		t.Errorf("ACCESS genes %s", got)
	}
	want := map[string][2]string{
		"P-01": {"IMPACT468", "MSK-ACCESS_v1"},     // P-01-T1 from the matrix's cna column
		"P-02": {"MSK-ACCESS_v1", "MSK-ACCESS_v1"}, // P-02-T2 from the matrix, not its GENE_PANEL IMPACT468
		"P-03": {"IMPACT468", "MSK-ACCESS_v1"},     // from GENE_PANEL
		"P-05": {"IMPACT468", "MSK-ACCESS_v1"},
	}
	for _, p := range st.Patients {
		if got := [2]string{p.Tissue.Assay, p.Plasma.Assay}; got != want[p.ID] {
			t.Errorf("%s: assays %v, want %v", p.ID, got, want[p.ID])
		}
	}
	// Without the panel files, no sample names a panel.
	st, err = Load(studyWithPanels(t, map[string]string{"data_gene_panel_matrix.txt": panelMatrix}), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range st.Patients {
		if p.Tissue.Assay != "" || p.Plasma.Assay != "" {
			t.Errorf("%s: assays %q %q without panel files", p.ID, p.Tissue.Assay, p.Plasma.Assay)
		}
	}
}

func TestGenePanelErrors(t *testing.T) {
	for _, tc := range []struct{ file, text, want string }{
		{"data_gene_panel_x.txt", "description: no id\ngene_list:\tKRAS\n", "data_gene_panel_x.txt: cbioportal: gene panel file without stable_id"},
		{"data_gene_panel_x.txt", "stable_id: X\ndescription: none\n", `gene panel "X" has no gene_list`},
		{"data_gene_panel_x.txt", "stable_id: X\ngene_list:\t3845\t7157\n", "data_gene_panel_x.txt:2: cbioportal: gene_list holds Entrez ids"},
		{"data_gene_panel_y.txt", panelImpact, `gene panel "IMPACT468" is defined twice`},
		{"data_gene_panel_matrix.txt", "SAMPLE\tmutations\nP-01-T1\tX\n", "data_gene_panel_matrix.txt:1: cbioportal: data_gene_panel_matrix.txt header has no SAMPLE_ID column"},
	} {
		extra := map[string]string{tc.file: tc.text}
		if tc.file == "data_gene_panel_y.txt" {
			extra["data_gene_panel_impact468.txt"] = panelImpact
		}
		_, err := Load(studyWithPanels(t, extra), LoadOptions{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.file, err, tc.want)
		}
	}
}

// FuzzGenePanelFiles feeds any bytes to the gene panel and panel matrix
// readers: an input error or a result, never a panic.
func FuzzGenePanelFiles(f *testing.F) {
	f.Add([]byte(panelImpact))
	f.Add([]byte(panelMatrix))
	f.Add([]byte("stable_id: X\ngene_list:\t3845\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, _, err := ReadGenePanel(bytes.NewReader(data)); err != nil {
			if e := callcheck.Error(concordance.AtFile("p.txt", err)); e != nil {
				t.Fatal(e)
			}
		}
		if _, err := ReadPanelMatrix(bytes.NewReader(data)); err != nil {
			if e := callcheck.Error(err); e != nil {
				t.Fatal(e)
			}
		}
	})
}
