// Package stats holds the numerics behind concord's tables: binomial
// intervals, tests for contingency tables, agreement measures, false
// discovery rate control, a patient-clustered bootstrap and logistic
// regression with cluster-robust standard errors. It knows numbers, not
// genes: callers pass counts, vectors and design matrices.
//
// Every function names the paper it follows and the R function it
// reproduces. The tests check each one against numbers computed by R 4.2.2
// (stats, sandwich 3.0-2, epiR 2.0.57, vcd 1.4-11, survey 4.1-1, lmtest
// 0.9-40); the script is testdata/reference.R and its output
// testdata/reference.out.
//
// References:
//
//   - Wilson EB (1927). Probable inference, the law of succession, and
//     statistical inference. JASA 22:209–212. (R prop.test, correct=FALSE)
//   - Clopper CJ, Pearson ES (1934). The use of confidence or fiducial limits
//     illustrated in the case of the binomial. Biometrika 26:404–413.
//     (R binom.test)
//   - Newcombe RG (1998a). Interval estimation for the difference between
//     independent proportions: comparison of eleven methods. Stat Med
//     17:873–890, method 10. (epiR epi.conf, ctype="prop.unpaired")
//   - Newcombe RG (1998b). Improved confidence intervals for the difference
//     between binomial proportions based on paired data. Stat Med
//     17:2635–2650, method 10. (epiR epi.conf, ctype="prop.paired")
//   - Fisher RA (1935), Freeman GH, Halton JH (1951). Note on an exact
//     treatment of contingency, goodness of fit and other problems of
//     significance. Biometrika 38:141–149. (R fisher.test)
//   - Pearson K (1900); Yates F (1934). (R chisq.test)
//   - Cochran WG (1954); Armitage P (1955). Tests for linear trends in
//     proportions and frequencies. Biometrics 11:375–386.
//     (R prop.trend.test)
//   - McNemar Q (1947). Psychometrika 12:153–157. (R mcnemar.test, and
//     binom.test on the discordant pairs for the exact version)
//   - Cohen J (1960); Fleiss JL, Cohen J, Everitt BS (1969). Large sample
//     standard errors of kappa and weighted kappa. Psychol Bull 72:323–327.
//     (vcd::Kappa); Byrt T, Bishop J, Carlin JB (1993). Bias, prevalence
//     and kappa. J Clin Epidemiol 46:423–429 (PABAK).
//   - Benjamini Y, Hochberg Y (1995). Controlling the false discovery rate.
//     JRSS B 57:289–300. (R p.adjust, method="BH")
//   - Efron B, Tibshirani RJ (1993). An Introduction to the Bootstrap,
//     ch. 13 (percentile intervals); Field CA, Welsh AH (2007).
//     Bootstrapping clustered data. JRSS B 69:369–390 (resampling clusters).
//   - McCullagh P, Nelder JA (1989). Generalized Linear Models, 2nd ed.
//     (IRLS; R glm); Zeileis A, Köll S, Graham N (2020). Various versatile
//     variances: an object-oriented implementation of clustered covariances
//     in R. J Stat Softw 95(1) (sandwich::vcovCL with its defaults for a
//     glm: type HC0 and the G/(G−1) cluster adjustment).
//   - Rao JNK, Scott AJ (1984). On chi-squared tests for multiway
//     contingency tables with cell proportions estimated from survey data.
//     Ann Stat 12:46–60; Lumley T (2004). Analysis of complex survey
//     samples. J Stat Softw 9(8). (survey::svychisq, statistic "F": the
//     chi-square test of a table of clustered observations, RaoScott.)
//     The clustered trend test is a logistic regression with vcovCL
//     standard errors (lmtest::coeftest; TrendClustered).
//   - Spearman C (1904) (R cor.test, method="spearman", exact=FALSE);
//     Bland JM, Altman DG (1986). Statistical methods for assessing
//     agreement between two methods of clinical measurement. Lancet
//     327:307–310; Lin LI (1989). A concordance correlation coefficient
//     to evaluate reproducibility. Biometrics 45:255–268, corrected in
//     Biometrics 56:324–325 (2000) (R epiR::epi.ccc, ci = "z-transform").
//
// # Undefined values
//
// A statistic that does not exist for the data (a proportion of 0
// alterations, a test on an empty table, kappa when both raters put every
// item in one category) is NaN, and every result type has a Defined method.
// Callers write "." for an undefined value and never print NaN. Infinite
// values are legitimate where the mathematics gives them (the upper
// confidence limit of an odds ratio when a cell is zero).
//
// # Programmer errors
//
// As in gonum, impossible arguments (a count larger than its total, a
// negative count, a confidence level outside (0, 1), vectors of different
// lengths) panic with a "stats:" message: they are bugs in the caller, not
// bad input. CheckLevel lets a command validate a user-supplied level
// first. Conditions that depend on the data (separation in a regression, a
// singular design) are returned as errors.
//
// # Determinism
//
// Everything random (the bootstrap, the Monte Carlo Fisher test) takes a
// seed and gives bit-for-bit the same result for a seed whatever the number
// of goroutines.
package stats
