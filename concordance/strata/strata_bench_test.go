package strata

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/concord-oncology/concord/concordance"
)

// benchCohort is a synthetic cohort of n patients shaped like IMPRESS:
// 60 cancer types, stages III/IV/unknown, ~12 alterations per patient over
// 200 genes and four classes.
func benchCohort(n int) []concordance.PatientResult {
	rng := rand.New(rand.NewPCG(1, 2))
	stages := []string{"III", "IV", "IV", "IV", ""}
	classes := []concordance.Class{concordance.SNV, concordance.SNV, concordance.Indel, concordance.Amplification}
	cats := []concordance.Category{concordance.Shared, concordance.Shared, concordance.TissueOnly, concordance.PlasmaOnly}
	out := make([]concordance.PatientResult, n)
	for i := range out {
		var alts []alt
		for j := rng.IntN(24); j > 0; j-- {
			vaf := rng.Float64() * 0.6
			alts = append(alts, alt{cat: cats[rng.IntN(4)], class: classes[rng.IntN(4)], gene: "G" + strconv.Itoa(rng.IntN(200)), vaf: vaf})
		}
		out[i] = patient("P"+strconv.Itoa(i), "type "+strconv.Itoa(rng.IntN(60)), "", stages[rng.IntN(5)],
			rng.Float64()*0.2, rng.IntN(200)-20, alts...)
	}
	return out
}

func BenchmarkCompute(b *testing.B) {
	patients := benchCohort(4000)
	for _, reps := range []int{0, 1000} {
		b.Run("replicates="+strconv.Itoa(reps), func(b *testing.B) {
			for b.Loop() {
				if _, err := Compute(patients, Options{TopGenes: 20, Replicates: reps, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkModels(b *testing.B) {
	patients := benchCohort(4000)
	for b.Loop() {
		Models(patients, 0)
	}
}
