package cbioportal

// The study's own gene panels (issue 11 §5): cBioPortal's gene panel files
// and gene panel matrix (https://docs.cbioportal.org/file-formats/ "Gene
// panel matrix file"; https://docs.cbioportal.org/import-gene-panels/ for
// the panel file), so that a study's calls are compared within the genes
// its assays sequenced rather than within concord's default panel.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/concord-oncology/concord/concordance"
	"github.com/concord-oncology/concord/concordance/internal/table"
)

// isPanelFile matches a gene panel file's name (data_gene_panel_X.txt, not
// the matrix).
func isPanelFile(n string) bool {
	return strings.HasPrefix(n, "data_gene_panel") && strings.HasSuffix(n, ".txt") && !strings.Contains(n, "matrix")
}

// ReadGenePanel reads a gene panel file: "key: value" lines, of which
// stable_id names the panel and gene_list holds its genes, tab-separated
// (symbols; a list of Entrez ids is refused: concord matches by symbol).
func ReadGenePanel(r io.Reader) (id string, genes []string, err error) {
	lines := table.NewLines(r)
	for lines.NextRow() {
		key, val, ok := strings.Cut(lines.Text, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(key) {
		case "stable_id":
			id = strings.TrimSpace(val)
		case "gene_list":
			for _, g := range strings.FieldsFunc(val, func(r rune) bool { return r == '\t' || r == ' ' }) {
				if g = strings.TrimSpace(g); g != "" {
					genes = append(genes, symbol(g))
				}
			}
			if len(genes) > 0 && isNumber(genes[0]) {
				return "", nil, &concordance.LineError{Line: lines.N, Err: errors.New("cbioportal: gene_list holds Entrez ids: give the panel's gene symbols")}
			}
		}
	}
	if err := lines.Err(); err != nil {
		return "", nil, &concordance.LineError{Line: lines.N + 1, Err: fmt.Errorf("cbioportal: %w", err)}
	}
	switch {
	case id == "":
		return "", nil, errors.New("cbioportal: gene panel file without stable_id")
	case len(genes) == 0:
		return "", nil, fmt.Errorf("cbioportal: gene panel %s has no gene_list", concordance.Quote(id))
	}
	return id, genes, nil
}

func isNumber(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// ReadPanelMatrix reads data_gene_panel_matrix.txt: SAMPLE_ID, then one
// column per molecular profile naming the sample's panel there. A sample's
// panel is its mutations column's (the small variants most calls are),
// else the first profile's that names one; NA and empty name none.
func ReadPanelMatrix(r io.Reader) (map[string]string, error) {
	out := map[string]string{}
	err := rows(r, "data_gene_panel_matrix.txt", [][]string{{"SAMPLE_ID"}}, func(h table.Header, header, cells []string, line int) error {
		id := table.Cell(cells, h.Col("SAMPLE_ID"))
		if id == "" {
			return errors.New("cbioportal: empty SAMPLE_ID")
		}
		order := []int{h.Col("mutations")}
		for i := range header {
			order = append(order, i)
		}
		for _, i := range order {
			if i < 0 || i == h.Col("SAMPLE_ID") {
				continue
			}
			if v := strings.TrimSpace(table.Cell(cells, i)); v != "" && !table.Missing(v) {
				out[id] = v
				return nil
			}
		}
		return nil
	})
	return out, err
}

// readPanels reads the study's gene panel files and its panel matrix, and
// names each sample's panel (the matrix, else its GENE_PANEL attribute)
// when the study holds that panel's genes.
func (st *Study) readPanels(fsys fs.FS, names []string, samples []sampleRow) error {
	st.GenePanels = map[string][]string{}
	var matrix map[string]string
	for _, name := range names {
		low := strings.ToLower(name)
		if !isPanelFile(low) && low != "data_gene_panel_matrix.txt" {
			continue
		}
		fh, err := fsys.Open(name)
		if err != nil {
			return fmt.Errorf("cbioportal: %w", err)
		}
		if isPanelFile(low) {
			id, genes, err := ReadGenePanel(fh)
			fh.Close()
			if err != nil {
				return concordance.AtFile(name, err)
			}
			if _, dup := st.GenePanels[id]; dup {
				return &concordance.InputError{File: name, Err: fmt.Errorf("cbioportal: gene panel %s is defined twice", concordance.Quote(id))}
			}
			st.GenePanels[id] = genes
		} else {
			matrix, err = ReadPanelMatrix(fh)
			fh.Close()
			if err != nil {
				return concordance.AtFile(name, err)
			}
		}
		st.Files = append(st.Files, name)
	}
	for i := range samples {
		s := &samples[i]
		p := matrix[s.id]
		if p == "" {
			p = s.attrs["GENE_PANEL"]
		}
		if _, ok := st.GenePanels[p]; ok {
			s.panel = p
		}
	}
	return nil
}
