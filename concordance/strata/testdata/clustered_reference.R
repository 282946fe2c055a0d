# Reference numbers for the patient-clustered tests of strata.tsv, computed
# from the alterations of testdata/results (the 30-patient fixture that
# internal/fixturegen builds through analysis.Cohort) with R's survey,
# sandwich and lmtest: TestClusteredTestsMatchR (clustered_test.go) checks
# testdata/results/strata.tsv against them at the precision it is printed
# (statistics to 4 decimals, p-values to 4 significant digits).
#
# Run from this folder:  Rscript clustered_reference.R > clustered_reference.out
# (R 4.2.2, survey 4.1-1, sandwich 3.0-2, lmtest 0.9-40; Debian bookworm).
#
# The alterations counted are those of categories shared, tissue_only and
# plasma_only (not not_compared) that are not excluded. Across the levels
# of a dimension (of the second dimension within each level of the first,
# for a two-way stratum), "unknown" left out:
#   rao_scott:   svychisq(~level + category, svydesign(ids = ~patient_id)),
#                the default F statistic with its degrees of freedom (where
#                empty cells stop svychisq, its computation with the cell
#                proportions under independence: rs_by_hand(null = TRUE),
#                stats/testdata/raoscott.R, as stats.RaoScott does);
#   trend_logit: stage I-IV scored 1-4, coeftest(glm(detected ~ score,
#                binomial), vcovCL(fit, cluster = ~patient_id)) on the
#                tissue alterations (detected = shared).
# cancer_type is the OncoTree tissue of each patient's code (OncoTree
# 2021-11-02: BRCA Breast, CHOL Biliary Tract, COADREAD Bowel, ES Bone,
# HNSC Head and Neck, MEL Skin, NSCLC Lung, PRAD Prostate); diagnosis is
# the cancer type as the sheet gives it.
suppressPackageStartupMessages({
  library(survey)
  library(sandwich)
  library(lmtest)
})
cat("#", R.version.string, "survey", as.character(packageVersion("survey")),
    "sandwich", as.character(packageVersion("sandwich")), "lmtest", as.character(packageVersion("lmtest")), "\n")
a <- read.delim("../../../testdata/results/alterations.tsv", na.strings = ".", quote = "",
                colClasses = "character", check.names = FALSE)
a <- a[a$category %in% c("shared", "tissue_only", "plasma_only") & is.na(a$excluded), ]
tissue <- c(BRCA = "Breast", CHOL = "Biliary Tract", COADREAD = "Bowel", ES = "Bone",
            HNSC = "Head and Neck", MEL = "Skin", NSCLC = "Lung", PRAD = "Prostate")
a$diagnosis <- a$cancer_type
a$cancer_type <- unname(tissue[a$oncotree_code])
stopifnot(!anyNA(a$cancer_type))
cat("# alterations", nrow(a), "patients", length(unique(a$patient_id)), "\n")
score <- c(I = 1, II = 2, III = 3, IV = 4)

source("../../../stats/testdata/raoscott.R") # rs_by_hand

# One line per dimension (and level of the first dimension, "." for a
# one-way dimension): the test, its statistic, df1, df2 and p; or "none"
# with the reason when there is no test.
out <- function(dim, level, test, stat = NA, df1 = NA, df2 = NA, p = NA) {
  cat(dim, level, test, sprintf("%.15g", stat), sprintf("%.15g", df1), sprintf("%.15g", df2), sprintf("%.15g", p), sep = "\t")
  cat("\n")
}
test <- function(d, dim, level, by) {
  d <- d[d[[by]] != "unknown", ]
  if (by == "stage") {
    t <- d[d$stage %in% names(score) & d$category != "plasma_only", ]
    t$score <- score[t$stage]
    t$detected <- t$category == "shared"
    if (length(unique(t$score)) < 2 || length(unique(t$detected)) < 2 || length(unique(t$patient_id)) < 2) {
      return(out(dim, level, "none:too_few"))
    }
    # With one covariate the outcome is (quasi-)completely separated when
    # a score splits the detected from the missed alterations (Albert and
    # Anderson 1984): the slope's estimate does not exist, glm returns a
    # number that means nothing, and stats.TrendClustered refuses it.
    if (max(t$score[!t$detected]) <= min(t$score[t$detected]) || max(t$score[t$detected]) <= min(t$score[!t$detected])) {
      return(out(dim, level, "none:separated"))
    }
    fit <- glm(detected ~ score, binomial, data = t)
    ct <- coeftest(fit, vcov = vcovCL(fit, cluster = ~patient_id))["score", ]
    return(out(dim, level, "trend_logit", ct[["z value"]], NA, NA, ct[["Pr(>|z|)"]]))
  }
  if (length(unique(d[[by]])) < 2) return(out(dim, level, "none:one_level"))
  if (length(unique(d$category)) < 2) return(out(dim, level, "none:one_category"))
  d$row <- factor(d[[by]])
  d$col <- factor(d$category)
  d$cluster <- d$patient_id
  r <- tryCatch(svychisq(~row + col, suppressWarnings(svydesign(ids = ~cluster, data = d))), error = function(e) NULL)
  if (is.null(r)) {
    # svychisq stops on empty cells ("system is exactly singular"):
    # its computation with the proportions under independence, as
    # stats.RaoScott does (stats/testdata/raoscott.R).
    h <- unname(rs_by_hand(d, null = TRUE)) # F, ndf, ddf, p, ...
    return(out(dim, level, "rao_scott", h[1], h[2], h[3], h[4]))
  }
  out(dim, level, "rao_scott", r$statistic, r$parameter[["ndf"]], r$parameter[["ddf"]], r$p.value)
}
for (dim in c("cancer_type", "diagnosis", "class", "stage")) test(a, dim, ".", dim)
for (pair in list(c("cancer_type", "stage"), c("class", "cancer_type"), c("class", "stage"))) {
  for (l in sort(unique(a[[pair[1]]]))) {
    test(a[a[[pair[1]]] == l, ], paste(pair[1], "x", pair[2]), l, pair[2])
  }
}
