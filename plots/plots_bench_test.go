package plots

import (
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/concord-oncology/concord/concordance/results"
)

// bigSet replicates the fixture's alterations into a cohort of about
// 50,000 alterations (the 4,000-patient bench workload has 51,356).
func bigSet(b *testing.B) *results.Set {
	rs, err := results.Read(os.DirFS(fixture), fixture)
	if err != nil {
		b.Fatal(err)
	}
	big := *rs
	big.Alterations = nil
	for k := 0; k < 580; k++ {
		for _, a := range rs.Alterations {
			a.PatientID = fmt.Sprintf("%s-%d", a.PatientID, k)
			big.Alterations = append(big.Alterations, a)
		}
	}
	return &big
}

func BenchmarkRender(b *testing.B) {
	rs := bigSet(b)
	for _, f := range Figures() {
		for _, format := range Formats {
			b.Run(f.Name+"."+string(format), func(b *testing.B) {
				for b.Loop() {
					if _, err := Render(io.Discard, f, rs, Style{}, format); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
