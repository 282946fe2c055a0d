# Reference numbers for concordance/strata's strata and patient-strata
# tests (strata_test.go). The counts of the six-patient fixture are derived
# by hand in strata_test.go; this script computes the statistics on them.
# Run from this folder:  Rscript strata_reference.R > strata_reference.out
cat("#", R.version.string, "\n")
show <- function(label, x) cat(label, paste(sprintf("%.12g", x), collapse = " "), "\n")

# Wilson intervals: prop.test(x, n, correct = FALSE)$conf.int
show("wilson 3/14 (all, shared share)", prop.test(3, 14, correct = FALSE)$conf.int)
show("wilson 3/10 (all, PPA)", prop.test(3, 10, correct = FALSE)$conf.int)
show("wilson 3/7 (all, PPV)", prop.test(3, 7, correct = FALSE)$conf.int)
show("wilson 2/6 (patients, ctDNA detected)", prop.test(2, 6, correct = FALSE)$conf.int)
show("wilson 1/3 (patients, lung)", prop.test(1, 3, correct = FALSE)$conf.int)

# Tests across levels (unknown levels left out).
p <- c(
  cancer_type = fisher.test(rbind(c(2, 2), c(1, 2), c(0, 2), c(0, 1)))$p.value,
  cancer_group = fisher.test(rbind(c(3, 6), c(0, 1)))$p.value,
  stage = prop.trend.test(c(0, 1, 2), c(2, 3, 4), c(2, 3, 4))$p.value,
  class = fisher.test(rbind(c(3, 4), c(0, 1), c(0, 1), c(0, 1)))$p.value,
  gene = fisher.test(rbind(c(1, 1), c(0, 2), c(2, 0)))$p.value,
  tf_tier = fisher.test(rbind(c(0, 2), c(1, 2), c(2, 1)))$p.value,
  tissue_vaf_bin = prop.trend.test(c(0, 0, 1, 2, 0), c(1, 1, 1, 4, 1), 1:5)$p.value,
  days_between = fisher.test(rbind(c(2, 2), c(1, 2), c(0, 1)))$p.value
)
show("trend stage statistic", prop.trend.test(c(0, 1, 2), c(2, 3, 4), c(2, 3, 4))$statistic)
show("trend vaf statistic", prop.trend.test(c(0, 0, 1, 2, 0), c(1, 1, 1, 4, 1), 1:5)$statistic)
for (n in names(p)) show(paste("p", n), p[[n]])
q <- p.adjust(p, "BH")
for (n in names(q)) show(paste("q", n), q[[n]])

# The 40-patient "structure" fixture of TestTestsAndBH (counts by
# construction, see strata_test.go).
p2 <- c(
  cancer_type = chisq.test(rbind(c(50, 30, 20), c(50, 30, 10)), correct = FALSE)$p.value,
  stage = prop.trend.test(c(10, 20, 30, 40), c(40, 40, 40, 40), 1:4)$p.value,
  gene = suppressWarnings(chisq.test(rbind(c(100, 0, 0), c(0, 60, 0), c(0, 0, 30)), correct = FALSE)$p.value),
  tissue_vaf_bin = prop.trend.test(c(0, 100), c(60, 100), c(1, 4))$p.value
)
show("structure chisq cancer_type statistic", chisq.test(rbind(c(50, 30, 20), c(50, 30, 10)), correct = FALSE)$statistic)
show("structure trend stage statistic", prop.trend.test(c(10, 20, 30, 40), c(40, 40, 40, 40), 1:4)$statistic)
for (n in names(p2)) show(paste("structure p", n), p2[[n]])
q2 <- p.adjust(p2, "BH")
for (n in names(q2)) show(paste("structure q", n), q2[[n]])
