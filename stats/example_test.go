package stats_test

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/concord-oncology/concord/stats"
)

// cell formats a value for a TSV table: "." when it does not exist.
func cell(x float64, defined bool) string {
	if !defined {
		return "."
	}
	return strconv.FormatFloat(x, 'f', 4, 64)
}

func ExampleWilson() {
	for _, c := range []struct{ x, n int }{{3, 10}, {0, 12}, {0, 0}} {
		iv := stats.Wilson(c.x, c.n, 0.95)
		fmt.Printf("%d/%d\t%s\t%s\t%s\n", c.x, c.n,
			cell(iv.Estimate, iv.Defined()), cell(iv.Low, iv.Defined()), cell(iv.High, iv.Defined()))
	}
	// Output:
	// 3/10	0.3000	0.1078	0.6032
	// 0/12	0.0000	0.0000	0.2425
	// 0/0	.	.	.
}

func ExampleFisher2x2() {
	// Lady tasting tea: fisher.test(matrix(c(3, 1, 1, 3), 2)) in R prints
	// p-value = 0.4857143, odds ratio 6.408309, 95 percent confidence
	// interval 0.2117329 621.9337505.
	r := stats.Fisher2x2(stats.Table2x2{A: 3, B: 1, C: 1, D: 3}, 0.95)
	fmt.Printf("p = %.7f, OR = %.6f (%.7f–%.7f)\n", r.P, r.OddsRatio.Estimate, r.OddsRatio.Low, r.OddsRatio.High)
	// Output:
	// p = 0.4857143, OR = 6.408309 (0.2117329–621.9337505)
}

func ExampleFitLogit() {
	// Plasma detection of twelve tissue alterations in four patients.
	detected := []bool{true, true, false, true, false, false, true, false, true, false, false, true}
	logVAF := []float64{-1.2, -0.7, -3.1, -1.0, -2.4, -2.0, -1.6, -1.3, -2.6, -0.9, -1.8, -2.2}
	tier := []string{"high", "high", "low", "high", "low", "low", "low", "high", "low", "high", "high", "low"}
	patient := []int{1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4}

	d := stats.NewDesign(len(detected))
	if err := d.Numeric("log_vaf", logVAF); err != nil {
		panic(err)
	}
	if err := d.Factor("tf", tier, []string{"low", "high"}, "low"); err != nil {
		panic(err)
	}
	fit, err := stats.FitLogit(d.Matrix(), detected, patient)
	if err != nil {
		fmt.Println("model not estimable:", err)
		return
	}
	for j, c := range fit.Coefficients(true, 0.95) {
		or := c.OddsRatio()
		fmt.Printf("%s\tOR %.2f (%.2f–%.2f)\n", d.Names()[j], or.Estimate, or.Low, or.High)
	}
	// The same in R, which prints the same numbers:
	//   f <- glm(y ~ lv + tf, binomial, data.frame(y, lv, tf = factor(tier, c("low", "high"))))
	//   b <- coef(f); se <- sqrt(diag(sandwich::vcovCL(f, cluster = patient)))
	//   exp(cbind(b, b - qnorm(0.975) * se, b + qnorm(0.975) * se))

	// Output:
	// (Intercept)	OR 410.61 (12.43–13567.88)
	// log_vaf	OR 13.54 (1.60–114.67)
	// tf=high	OR 0.05 (0.01–0.37)
}

func ExampleFitLogit_separation() {
	// Every high-VAF alteration was detected and no low-VAF one: the odds
	// ratio is infinite and R's glm stops with absurd estimates and the
	// warning "fitted probabilities numerically 0 or 1 occurred".
	detected := []bool{false, false, false, true, true, true}
	d := stats.NewDesign(6)
	if err := d.Numeric("log_vaf", []float64{-3, -2.5, -2, -1.5, -1, -0.5}); err != nil {
		panic(err)
	}
	_, err := stats.FitLogit(d.Matrix(), detected, nil)
	fmt.Println(errors.Is(err, stats.ErrSeparation))
	// Output:
	// true
}
