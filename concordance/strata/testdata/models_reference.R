# Reference numbers for concordance/strata's detection models.
#
# Run from this folder:  Rscript models_reference.R > models_reference.out
# (R 4.2.2, sandwich 3.0-2). It writes detection.tsv, a synthetic cohort of
# tissue alterations (with a patient random effect, so that clustering
# matters), then fits on it, exactly as strata.Models does:
#   detection:     glm(detected ~ log10(vaf) + tf_tier + stage + class + group)
#   detection_vaf: glm(detected ~ log10(vaf))
# with cluster-robust standard errors sandwich::vcovCL(fit, cluster = ~patient)
# (type HC0 with the G/(G-1) adjustment, its defaults for a glm) and Wald
# intervals. Rows that Models leaves out (plasma-only alterations, tissue
# alterations without a VAF) are in the file and filtered here.
suppressPackageStartupMessages(library(sandwich))
cat("#", R.version.string, "sandwich", as.character(packageVersion("sandwich")), "\n")
set.seed(20240607)
n_pat <- 60
pat <- data.frame(patient = sprintf("P%02d", seq_len(n_pat)))
pat$tf_tier <- sample(c("<1%", "1-10%", ">=10%", "unknown"), n_pat, TRUE, prob = c(.25, .3, .3, .15))
pat$stage <- sample(c("III", "IV", "unknown"), n_pat, TRUE, prob = c(.3, .55, .15))
pat$group <- sample(c("thoracic", "lower_gi", "genitourinary"), n_pat, TRUE)
pat$u <- rnorm(n_pat, 0, 0.8)
tf_eff <- c("<1%" = -1.2, "1-10%" = 0, ">=10%" = 1.0, "unknown" = -0.3)
stage_eff <- c("III" = -0.4, "IV" = 0, "unknown" = 0.2)
group_eff <- c("thoracic" = 0, "lower_gi" = 0.4, "genitourinary" = -0.5)
rows <- list()
for (i in seq_len(n_pat)) {
  k <- sample(3:7, 1)
  cls <- sample(c("snv", "indel"), k, TRUE, prob = c(.75, .25))
  vaf <- signif(10^runif(k, -1.7, -0.3), 6)
  eta <- -0.5 + 1.5 * (log10(vaf) + 1) + tf_eff[pat$tf_tier[i]] + stage_eff[pat$stage[i]] +
    ifelse(cls == "indel", -0.3, 0) + group_eff[pat$group[i]] + pat$u[i]
  det <- rbinom(k, 1, plogis(eta))
  rows[[length(rows) + 1]] <- data.frame(patient = pat$patient[i], tf_tier = pat$tf_tier[i],
    stage = pat$stage[i], group = pat$group[i], class = cls, tissue_vaf = vaf,
    category = ifelse(det == 1, "shared", "tissue_only"))
  # Left out by the models: a plasma-only call, an amplification without VAF.
  if (i %% 4 == 0) rows[[length(rows) + 1]] <- data.frame(patient = pat$patient[i], tf_tier = pat$tf_tier[i],
    stage = pat$stage[i], group = pat$group[i], class = "snv", tissue_vaf = NA, category = "plasma_only")
  if (i %% 5 == 0) rows[[length(rows) + 1]] <- data.frame(patient = pat$patient[i], tf_tier = pat$tf_tier[i],
    stage = pat$stage[i], group = pat$group[i], class = "amplification", tissue_vaf = NA, category = "tissue_only")
}
d <- do.call(rbind, rows)
write.table(d, "detection.tsv", sep = "\t", quote = FALSE, row.names = FALSE, na = ".")

d <- read.delim("detection.tsv", na.strings = ".", check.names = FALSE)
m <- d[d$category != "plasma_only" & !is.na(d$tissue_vaf), ]
m$detected <- as.integer(m$category == "shared")
m$log10_tissue_vaf <- log10(m$tissue_vaf)
cat("alterations", nrow(m), "patients", length(unique(m$patient)), "left out (no VAF)",
    sum(d$category != "plasma_only" & is.na(d$tissue_vaf)), "\n")
print(table(m$tf_tier, m$detected)); print(table(m$stage, m$detected))
print(table(m$class, m$detected)); print(table(m$group, m$detected))
# References as strata.Models chooses them: lowest TF tier, most advanced
# stage, snv, the largest organ group.
m$tf_tier <- factor(m$tf_tier, levels = c("<1%", "1-10%", ">=10%", "unknown"))
m$stage <- factor(m$stage, levels = c("IV", "III", "unknown"))
m$class <- factor(m$class, levels = c("snv", "indel"))
gt <- table(m$group)
stopifnot(sum(gt == max(gt)) == 1)
m$group <- relevel(factor(m$group), ref = names(which.max(gt)))
cat("organ group reference", levels(m$group)[1], "\n")

report <- function(name, fit) {
  V <- vcovCL(fit, cluster = ~patient)
  b <- coef(fit); se <- sqrt(diag(V)); z <- b / se; p <- 2 * pnorm(-abs(z))
  q <- qnorm(0.975)
  out <- data.frame(model = name, term = names(b), estimate = sprintf("%.10f", b), se = sprintf("%.10f", se),
    z = sprintf("%.10f", z), p = sprintf("%.10g", p), or_low = sprintf("%.10f", exp(b - q * se)),
    or_high = sprintf("%.10f", exp(b + q * se)))
  write.table(out, stdout(), sep = "\t", quote = FALSE, row.names = FALSE)
}
report("detection", glm(detected ~ log10_tissue_vaf + tf_tier + stage + class + group, binomial, data = m))
report("detection_vaf", glm(detected ~ log10_tissue_vaf, binomial, data = m))
# detection_tf: the tumour fraction as a covariate, log10(max(TF, 0.001)),
# on the patients with one. detection.tsv holds tiers only; the Go test
# gives each patient the tumour fraction below (unknown: none), as here:
# its tier's value times 0.5 + (n mod 10)/10 for patient Pn, so that the
# covariate is continuous within a tier (and stays inside it).
tf_of <- c("<1%" = 0.005, "1-10%" = 0.05, ">=10%" = 0.2)
t <- m[m$tf_tier != "unknown", ]
t$tf <- tf_of[as.character(t$tf_tier)] * (0.5 + (as.integer(sub("P", "", t$patient)) %% 10) / 10)
stopifnot(all(ifelse(t$tf_tier == "<1%", t$tf < 0.01, ifelse(t$tf_tier == "1-10%", t$tf >= 0.01 & t$tf < 0.1, t$tf >= 0.1))))
t$log10_tumor_fraction <- log10(pmax(t$tf, 0.001))
t$group <- relevel(factor(as.character(t$group)), ref = names(which.max(table(t$group))))
cat("detection_tf: alterations", nrow(t), "patients", length(unique(t$patient)), "organ group reference", levels(t$group)[1], "\n")
report("detection_tf", glm(detected ~ log10_tissue_vaf + log10_tumor_fraction + stage + class + group, binomial, data = t))
