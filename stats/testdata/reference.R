# Reference numbers for the tests of package stats.
#
# Run from stats/testdata:  Rscript reference.R > reference.out
# (R 4.2.2, sandwich 3.0-2, geepack 1.3.9, epiR 2.0.57, vcd 1.4-11,
# survey 4.1-1, lmtest 0.9-40, all from Debian bookworm). It also writes logit.tsv, the data set of the
# logistic regression tests.
#
# Each line printed is a Go composite literal followed by the R call that
# produced its numbers; the Go tests copy these lines verbatim, so every
# reference number sits next to the R call it came from.

suppressMessages({
  library(sandwich)
  library(geepack)
  library(epiR)
  library(vcd)
  library(survey)
  library(lmtest)
})

num <- function(x) {
  if (is.na(x)) return("nan")
  if (is.infinite(x)) return(if (x > 0) "inf" else "-inf")
  sprintf("%.17g", x)
}
row <- function(fields, call) {
  cat("{", paste(fields, collapse = ", "), "}, // ", call, "\n", sep = "")
}
section <- function(name) cat("\n// ==== ", name, " ====\n", sep = "")

section("Wilson: prop.test(x, n, correct = FALSE)$conf.int")
wilson_cases <- list(
  c(0, 10, .95), c(10, 10, .95), c(3, 10, .95), c(1, 1, .95), c(0, 1, .95),
  c(5, 10, .95), c(7, 23, .90), c(45, 50, .99), c(1457, 2932, .95),
  c(320, 640, .95), c(1, 1000, .95), c(999, 1000, .95), c(12, 13, .80),
  c(50, 100, .50), c(2, 3, .999))
for (w in wilson_cases) {
  ci <- prop.test(w[1], w[2], conf.level = w[3], correct = FALSE)$conf.int
  row(c(num(w[1]), num(w[2]), num(w[3]), num(ci[1]), num(ci[2])),
      sprintf("prop.test(%d, %d, conf.level = %g, correct = FALSE)$conf.int", w[1], w[2], w[3]))
}

section("Clopper-Pearson: binom.test(x, n)$conf.int")
for (w in wilson_cases) {
  ci <- binom.test(w[1], w[2], conf.level = w[3])$conf.int
  row(c(num(w[1]), num(w[2]), num(w[3]), num(ci[1]), num(ci[2])),
      sprintf("binom.test(%d, %d, conf.level = %g)$conf.int", w[1], w[2], w[3]))
}

section("Newcombe unpaired: epi.conf(cbind(x1, n1-x1, x2, n2-x2), ctype = 'prop.unpaired')")
unpaired <- list(
  c(56, 70, 48, 80, .95), c(9, 10, 3, 10, .95), c(6, 7, 2, 7, .95),
  c(5, 56, 0, 29, .95), c(0, 10, 0, 20, .95), c(10, 10, 0, 20, .95),
  c(0, 5, 5, 5, .95), c(1457, 2932, 300, 600, .95), c(56, 70, 48, 80, .90),
  c(3, 12, 7, 9, .99))
for (u in unpaired) {
  r <- epi.conf(matrix(c(u[1], u[2] - u[1], u[3], u[4] - u[3]), ncol = 4),
                ctype = "prop.unpaired", conf.level = u[5])
  row(c(num(u[1]), num(u[2]), num(u[3]), num(u[4]), num(u[5]), num(r$est), num(r$lower), num(r$upper)),
      sprintf("epi.conf(matrix(c(%d, %d, %d, %d), ncol = 4), ctype = \"prop.unpaired\", conf.level = %g)",
              u[1], u[2] - u[1], u[3], u[4] - u[3], u[5]))
}

section("Newcombe paired: epi.conf(cbind(A, B, C, D), ctype = 'prop.paired')")
paired <- list(
  c(36, 12, 2, 0, .95), c(1, 1, 7, 12, .95), c(59, 6, 16, 80, .95),
  c(3, 7, 1, 40, .95), c(120, 30, 8, 450, .95), c(5, 0, 0, 5, .95),
  c(0, 5, 5, 0, .95), c(10, 0, 0, 0, .95), c(0, 3, 0, 0, .95),
  c(20, 4, 4, 20, .95), c(36, 12, 2, 0, .90), c(59, 6, 16, 80, .99))
for (p in paired) {
  r <- epi.conf(matrix(p[1:4], ncol = 4), ctype = "prop.paired", conf.level = p[5])
  row(c(sprintf("Table2x2{%d, %d, %d, %d}", p[1], p[2], p[3], p[4]), num(p[5]), num(r$est), num(r$lower), num(r$upper)),
      sprintf("epi.conf(matrix(c(%d, %d, %d, %d), ncol = 4), ctype = \"prop.paired\", conf.level = %g)",
              p[1], p[2], p[3], p[4], p[5]))
}

section("Binomial test: binom.test(x, n, p)$p.value")
btests <- list(c(3, 20, .3), c(13, 20, .3), c(6, 20, .3), c(0, 10, .1), c(50, 100, .37),
               c(10, 10, .5), c(0, 5, .5), c(4, 9, .5), c(1, 1, .5), c(7, 30, .2), c(30, 30, .9))
for (b in btests) {
  row(c(num(b[1]), num(b[2]), num(b[3]), num(binom.test(b[1], b[2], b[3])$p.value)),
      sprintf("binom.test(%d, %d, %g)$p.value", b[1], b[2], b[3]))
}

section("McNemar: binom.test(B, B + C)$p.value and mcnemar.test(matrix(c(A, C, B, D), 2), correct)")
mcn <- list(c(10, 0, 5, 20), c(10, 5, 0, 20), c(30, 3, 12, 40), c(30, 12, 3, 40),
            c(5, 10, 10, 5), c(1, 1, 0, 1), c(50, 45, 30, 100), c(2, 7, 8, 3), c(0, 1, 2, 0))
for (m in mcn) {
  tab <- matrix(c(m[1], m[3], m[2], m[4]), 2)
  ex <- binom.test(m[2], m[2] + m[3])$p.value
  c1 <- mcnemar.test(tab, correct = TRUE)
  c0 <- mcnemar.test(tab, correct = FALSE)
  row(c(sprintf("Table2x2{%d, %d, %d, %d}", m[1], m[2], m[3], m[4]), num(ex),
        num(c1$statistic), num(c1$p.value), num(c0$statistic), num(c0$p.value)),
      sprintf("binom.test(%d, %d)$p.value; mcnemar.test(matrix(c(%d, %d, %d, %d), 2), correct = TRUE / FALSE)",
              m[2], m[2] + m[3], m[1], m[3], m[2], m[4]))
}

section("Fisher 2x2: fisher.test(matrix(c(A, C, B, D), 2), conf.level)")
f22 <- list(c(3, 1, 1, 3, .95), c(10, 2, 3, 15, .95), c(0, 5, 5, 0, .95), c(5, 0, 0, 5, .95),
            c(0, 10, 3, 7, .95), c(1, 9, 11, 3, .95), c(2, 3, 4, 5, .95), c(20, 30, 40, 50, .95),
            c(100, 50, 60, 90, .95), c(7, 0, 3, 5, .95), c(2, 3, 4, 5, .90), c(10, 2, 3, 15, .99),
            c(1, 0, 0, 1, .95), c(12, 5, 5, 12, .95), c(0, 3, 4, 9, .95), c(1457, 1175, 300, 60, .95))
for (f in f22) {
  r <- fisher.test(matrix(c(f[1], f[3], f[2], f[4]), 2), conf.level = f[5])
  row(c(sprintf("Table2x2{%d, %d, %d, %d}", f[1], f[2], f[3], f[4]), num(f[5]), num(r$p.value),
        num(r$estimate), num(r$conf.int[1]), num(r$conf.int[2])),
      sprintf("fisher.test(matrix(c(%d, %d, %d, %d), 2), conf.level = %g)", f[1], f[3], f[2], f[4], f[5]))
}
section("Fisher 2x2 with an empty margin (R prints estimate 0 and [0, Inf]; stats leaves the odds ratio undefined)")
r <- fisher.test(matrix(c(0, 0, 3, 7), 2))
row(c("Table2x2{0, 3, 0, 7}", num(r$p.value), num(r$estimate), num(r$conf.int[1]), num(r$conf.int[2])),
    "fisher.test(matrix(c(0, 0, 3, 7), 2))")

section("Fisher r x 2: fisher.test(rbind(...))$p.value")
frx2 <- list(
  rbind(c(2, 8), c(5, 5), c(9, 1)),
  rbind(c(0, 4), c(3, 3), c(6, 0), c(1, 1)),
  rbind(c(10, 20), c(15, 15), c(20, 10), c(25, 5)),
  rbind(c(3, 5), c(5, 3), c(4, 4)),
  rbind(c(12, 30), c(20, 25), c(8, 40), c(30, 20), c(15, 15)),
  rbind(c(1, 2), c(0, 0), c(4, 1)),
  rbind(c(5, 0), c(3, 0), c(2, 0)),
  rbind(c(1, 1), c(1, 1), c(1, 1)),
  rbind(c(3, 1), c(1, 3)),
  rbind(c(8, 2), c(6, 4), c(4, 6), c(2, 8), c(1, 9), c(0, 10)))
for (t in frx2) {
  lit <- paste0("[][2]int{", paste(sprintf("{%d, %d}", t[, 1], t[, 2]), collapse = ", "), "}")
  rc <- paste0("rbind(", paste(sprintf("c(%d, %d)", t[, 1], t[, 2]), collapse = ", "), ")")
  row(c(lit, num(fisher.test(t)$p.value)), sprintf("fisher.test(%s)$p.value", rc))
}

section("Chi-square: chisq.test(m, correct)")
chi <- list(
  list(rbind(c(10, 20), c(30, 25)), TRUE), list(rbind(c(10, 20), c(30, 25)), FALSE),
  list(rbind(c(3, 7), c(8, 2)), TRUE), list(rbind(c(3, 7), c(8, 2)), FALSE),
  list(rbind(c(12, 30), c(20, 25), c(8, 40)), FALSE),
  list(rbind(c(5, 6, 7), c(20, 10, 3)), FALSE),
  list(rbind(c(12, 30, 5), c(20, 25, 9), c(8, 40, 2), c(30, 20, 11)), FALSE),
  list(rbind(c(20, 20), c(20, 20)), TRUE),
  list(rbind(c(20, 21), c(20, 20)), TRUE),
  list(rbind(c(1457, 1175), c(300, 260)), TRUE))
for (c in chi) {
  m <- c[[1]]
  r <- suppressWarnings(chisq.test(m, correct = c[[2]]))
  lit <- paste0("[][]int{", paste(apply(m, 1, function(v) paste0("{", paste(v, collapse = ", "), "}")), collapse = ", "), "}")
  rc <- paste0("rbind(", paste(apply(m, 1, function(v) paste0("c(", paste(v, collapse = ", "), ")")), collapse = ", "), ")")
  row(c(lit, if (c[[2]]) "true" else "false",
        num(r$statistic), num(r$parameter), num(r$p.value), num(min(r$expected))),
      sprintf("chisq.test(%s, correct = %s); min(expected)", rc, c[[2]]))
}
section("Chi-square with an empty row: R gives NaN; stats drops the row, i.e. the test of the reduced table")
r <- chisq.test(rbind(c(12, 30), c(8, 40)), correct = FALSE)
row(c("[][]int{{12, 30}, {0, 0}, {8, 40}}", num(r$statistic), num(r$parameter), num(r$p.value)),
    "chisq.test(rbind(c(12, 30), c(8, 40)), correct = FALSE)")
cat("// chisq.test(rbind(c(12, 30), c(0, 0), c(8, 40)))$p.value =", num(suppressWarnings(chisq.test(rbind(c(12, 30), c(0, 0), c(8, 40))))$p.value), "\n")

section("Cochran-Armitage: prop.trend.test(x, n, score)")
trend <- list(
  list(c(15, 10, 8, 4), c(30, 30, 30, 30), NULL),
  list(c(47, 55, 69, 82), c(100, 100, 100, 100), NULL),
  list(c(47, 55, 69, 82), c(100, 100, 100, 100), c(0, 1, 2, 4)),
  list(c(3, 9, 7, 16, 20), c(25, 30, 20, 31, 26), NULL),
  list(c(5, 5, 5), c(10, 10, 10), NULL),
  list(c(3, 0, 7), c(10, 0, 10), NULL),
  list(c(1, 2), c(10, 10), c(0.5, 3)))
for (t in trend) {
  sc <- if (is.null(t[[3]])) seq_along(t[[1]]) else t[[3]]
  r <- prop.trend.test(t[[1]], t[[2]], sc)
  scl <- if (is.null(t[[3]])) "nil" else paste0("[]float64{", paste(t[[3]], collapse = ", "), "}")
  row(c(paste0("[]int{", paste(t[[1]], collapse = ", "), "}"), paste0("[]int{", paste(t[[2]], collapse = ", "), "}"),
        scl, num(r$statistic), num(r$p.value)),
      sprintf("prop.trend.test(c(%s), c(%s), score = c(%s))", paste(t[[1]], collapse = ", "),
              paste(t[[2]], collapse = ", "), paste(sc, collapse = ", ")))
}

section("Cohen's kappa: vcd::Kappa(matrix(c(A, C, B, D), 2)); confint(k, level)")
kap <- list(c(20, 5, 10, 15, .95), c(40, 9, 6, 45, .95), c(1, 0, 0, 99, .95), c(50, 0, 0, 50, .95),
            c(0, 10, 10, 0, .95), c(45, 15, 25, 15, .95), c(45, 15, 25, 15, .90), c(3, 1, 2, 300, .95))
for (k in kap) {
  tab <- matrix(c(k[1], k[3], k[2], k[4]), 2)
  kv <- Kappa(tab)
  ci <- confint(kv, level = k[5])
  po <- (k[1] + k[4]) / sum(k[1:4])
  row(c(sprintf("Table2x2{%d, %d, %d, %d}", k[1], k[2], k[3], k[4]), num(k[5]),
        num(kv$Unweighted[["value"]]), num(kv$Unweighted[["ASE"]]), num(ci["Unweighted", 1]), num(ci["Unweighted", 2]),
        num(po), num(2 * po - 1)),
      sprintf("k <- vcd::Kappa(matrix(c(%d, %d, %d, %d), 2)); confint(k, level = %g); po = (A+D)/N; PABAK = 2*po - 1",
              k[1], k[3], k[2], k[4], k[5]))
}

section("Benjamini-Hochberg: p.adjust(p, 'BH')")
bh <- list(c(0.01, 0.02, 0.03, 0.04, 0.05), c(0.04, 0.01, 0.04, 0.03, 0.5, 0.04),
           c(0.01, NA, 0.04, 0.03, NA, 0.2), c(NA, NA), c(0.9), c(0, 1, 0.5))
set.seed(20240604)
bh[[length(bh) + 1]] <- round(runif(15)^3, 6)
for (p in bh) {
  lit <- function(v) paste0("[]float64{", paste(sapply(v, num), collapse = ", "), "}")
  row(c(lit(p), lit(p.adjust(p, "BH"))),
      sprintf("p.adjust(c(%s), \"BH\")", paste(ifelse(is.na(p), "NA", format(p, digits = 17)), collapse = ", ")))
}

section("Spearman: cor.test(x, y, method = 'spearman', exact = FALSE)")
sp <- list(
  list(c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), c(2, 1, 4, 3, 7, 5, 6, 9, 10, 8)),
  list(c(1.5, 2.5, 2.5, 4, 5, 5, 5, 8), c(10, 9, 9, 7, 3, 4, 4, 1)),
  list(c(0.12, 0.5, 0.33, 0.9, 0.05, 0.61, 0.77, 0.28, 0.45, 0.15, 0.83, 0.66),
       c(8.1, 12.3, 10.0, 19.5, 7.7, 11.0, 16.2, 12.3, 9.9, 5.5, 20.1, 12.3)),
  list(c(1, 2, 3, 4), c(4, 3, 2, 1)),
  list(c(3, 1, 4, 1, 5, 9, 2, 6), c(2, 7, 1, 8, 2, 8, 1, 8)))
for (s in sp) {
  r <- suppressWarnings(cor.test(s[[1]], s[[2]], method = "spearman", exact = FALSE))
  lit <- function(v) paste0("[]float64{", paste(v, collapse = ", "), "}")
  row(c(lit(s[[1]]), lit(s[[2]]), num(r$estimate), num(r$statistic), num(r$p.value)),
      sprintf("cor.test(c(%s), c(%s), method = \"spearman\", exact = FALSE)",
              paste(s[[1]], collapse = ", "), paste(s[[2]], collapse = ", ")))
}

section("Bland-Altman: d <- x - y; mean(d); sd(d); t.test(d, conf.level)$conf.int; mean(d) + c(-1, 1) * qnorm((1 + level)/2) * sd(d)")
ba <- list(
  list(c(10.2, 8.1, 15.3, 4.4, 22.0, 7.9, 12.5), c(9.8, 8.5, 13.9, 5.0, 20.1, 8.8, 12.0), .95),
  list(c(1, 2, 3, 4, 5), c(1.1, 1.9, 3.3, 3.8, 5.4), .90),
  list(c(5, 6), c(4, 4), .95))
for (b in ba) {
  d <- b[[1]] - b[[2]]
  tt <- t.test(d, conf.level = b[[3]])$conf.int
  loa <- mean(d) + c(-1, 1) * qnorm((1 + b[[3]]) / 2) * sd(d)
  lit <- function(v) paste0("[]float64{", paste(v, collapse = ", "), "}")
  row(c(lit(b[[1]]), lit(b[[2]]), num(b[[3]]), num(mean(d)), num(sd(d)), num(tt[1]), num(tt[2]), num(loa[1]), num(loa[2])),
      sprintf("d <- c(%s) - c(%s); level = %g", paste(b[[1]], collapse = ", "), paste(b[[2]], collapse = ", "), b[[3]]))
}

section("Lin's concordance correlation: epiR::epi.ccc(x, y, ci = 'z-transform', conf.level)$rho.c")
ccc <- list(
  list(c(1, 2, 3, 4, 5), c(1.1, 2.3, 2.9, 4.2, 4.8), .95),
  list(c(0.21, 0.35, 0.12, 0.48, 0.30, 0.25, 0.41, 0.09, 0.18, 0.55), c(0.020, 0.051, 0.004, 0.210, 0.015, 0.033, 0.120, 0.002, 0.011, 0.300), .95),
  list(c(10.2, 8.1, 15.3, 4.4, 22.0, 7.9, 12.5), c(9.8, 8.5, 13.9, 5.0, 20.1, 8.8, 12.0), .90),
  list(c(1, 2, 3, 4, 5, 6), c(6, 5, 4, 3, 2, 1), .95))
for (k in ccc) {
  r <- epi.ccc(k[[1]], k[[2]], ci = "z-transform", conf.level = k[[3]])$rho.c
  lit <- function(v) paste0("[]float64{", paste(v, collapse = ", "), "}")
  row(c(lit(k[[1]]), lit(k[[2]]), num(k[[3]]), num(r$est), num(r$lower), num(r$upper)),
      sprintf("epi.ccc(c(%s), c(%s), ci = \"z-transform\", conf.level = %g)$rho.c",
              paste(k[[1]], collapse = ", "), paste(k[[2]], collapse = ", "), k[[3]]))
}

section("Percentile: quantile(x, c(0.025, 0.975), type = 7)")
x <- c(0.42, 0.5, 0.47, 0.61, 0.39, 0.55, 0.44, 0.52, 0.58, 0.49, 0.36)
q <- quantile(x, c(0.025, 0.975, 0.05, 0.5), type = 7)
row(c(paste0("[]float64{", paste(x, collapse = ", "), "}"), num(q[1]), num(q[2]), num(q[3]), num(q[4])),
    sprintf("quantile(c(%s), c(0.025, 0.975, 0.05, 0.5), type = 7)", paste(x, collapse = ", ")))

section("Logistic regression: glm(detected ~ ..., binomial, data = logit.tsv), vcovCL(fit, cluster = ~patient)")
set.seed(42)
G <- 150
pat <- data.frame(patient = 1:G,
                  tf = factor(sample(c("low", "mid", "high"), G, TRUE, c(.3, .4, .3)), levels = c("low", "mid", "high")),
                  stage = factor(sample(c("I", "II", "III", "IV"), G, TRUE, c(.15, .2, .3, .35)), levels = c("I", "II", "III", "IV")),
                  u = rnorm(G, 0, 0.8))
nalt <- 1 + rpois(G, 3)
d <- pat[rep(1:G, nalt), ]
d$class <- factor(sample(c("snv", "indel", "cnv"), nrow(d), TRUE, c(.7, .2, .1)), levels = c("snv", "indel", "cnv"))
d$logvaf <- round(log(runif(nrow(d), 0.01, 0.6)), 4)
eta <- -0.2 + 0.9 * (d$logvaf + 2) + c(low = -1, mid = 0, high = 1.2)[as.character(d$tf)] +
  c(I = -0.6, II = -0.2, III = 0, IV = 0.4)[as.character(d$stage)] +
  c(snv = 0, indel = -0.4, cnv = -0.9)[as.character(d$class)] + d$u
d$detected <- as.integer(runif(nrow(d)) < plogis(eta))
out <- d[, c("patient", "tf", "stage", "class", "logvaf", "detected")]
write.table(out, "logit.tsv", sep = "\t", quote = FALSE, row.names = FALSE)

d <- read.delim("logit.tsv")
d$tf <- factor(d$tf, levels = c("low", "mid", "high"))
d$stage <- factor(d$stage, levels = c("I", "II", "III", "IV"))
d$class <- factor(d$class, levels = c("snv", "indel", "cnv"))
fit <- glm(detected ~ logvaf + tf + stage + class, family = binomial, data = d,
           control = glm.control(epsilon = 1e-14, maxit = 100))
cat("// rows", nrow(d), "patients", length(unique(d$patient)), "events", sum(d$detected), "\n")
cat("// glm converged:", fit$converged, "iterations:", fit$iter, "\n")
V <- vcov(fit)
VCL <- vcovCL(fit, cluster = ~patient)
# What vcovCL's defaults are for a glm, checked by hand: HC0 with G/(G-1).
X <- model.matrix(fit)
mu <- fitted(fit)
U <- rowsum(X * (d$detected - mu), d$patient)
Gn <- nrow(U)
manual <- Gn / (Gn - 1) * V %*% crossprod(U) %*% V
cat("// max |vcovCL - G/(G-1) B meat B| =", num(max(abs(VCL - manual))), "\n")
cat("// max |vcovCL(type = 'HC0') - vcovCL()| =", num(max(abs(vcovCL(fit, cluster = ~patient, type = "HC0") - VCL))), "\n")
cat("// max |vcovCL(type = 'HC1') - vcovCL()| =", num(max(abs(vcovCL(fit, cluster = ~patient, type = "HC1") - VCL))), "\n")
gee <- geeglm(detected ~ logvaf + tf + stage + class, family = binomial, data = d, id = patient, corstr = "independence")
cat("// geepack san.se = sqrt((G-1)/G) * vcovCL SE: max rel diff =",
    num(max(abs(sqrt(diag(gee$geese$vbeta)) / (sqrt(diag(VCL)) * sqrt((Gn - 1) / Gn)) - 1))), "\n")
cat("// deviance", num(deviance(fit)), "null deviance", num(fit$null.deviance), "\n")
z <- qnorm(0.975)
for (j in seq_along(coef(fit))) {
  b <- coef(fit)[[j]]
  se <- sqrt(V[j, j]); rse <- sqrt(VCL[j, j])
  row(c(sprintf("\"%s\"", names(coef(fit))[j]), num(b), num(se),
        num(2 * pnorm(-abs(b / se))), num(rse), num(2 * pnorm(-abs(b / rse))), num(b - z * rse), num(b + z * rse)),
      sprintf("coef(fit)[%d]; sqrt(diag(vcov(fit)))[%d]; sqrt(diag(vcovCL(fit, cluster = ~patient)))[%d]; Wald p and 95%% CI", j, j, j))
}
cat("// summary(fit)$coefficients[, 4] (model-based p) =", paste(sapply(summary(fit)$coefficients[, 4], num), collapse = " "), "\n")
cat("// confint.default(fit) lower =", paste(sapply(confint.default(fit)[, 1], num), collapse = " "), "\n")

section("Logistic regression, perfectly separated design")
sep <- data.frame(x = c(1, 2, 3, 4, 5, 6, 7, 8), y = c(0, 0, 0, 0, 1, 1, 1, 1))
w <- tryCatch(glm(y ~ x, binomial, sep), warning = function(w) conditionMessage(w))
cat("// glm(y ~ x, binomial) with x = 1..8, y = 0,0,0,0,1,1,1,1 warns:", w, "\n")

section("Rao-Scott: svychisq(~row + col, svydesign(ids = ~cluster, data = d)), statistic = 'F' (default) and 'Chisq'")
# Clustered tables as concord's strata make them: each observation (an
# alteration) has a row (a stratum level), a column (shared, tissue only,
# plasma only) and a cluster (its patient). The Go literal lists the
# non-zero counts of each cluster and cell; d has one line per observation.
#
source("raoscott.R") # rs_by_hand
set.seed(20240611)
rs_case <- function(name, d) {
  d$row <- factor(d$row); d$col <- factor(d$col)
  des <- suppressWarnings(svydesign(ids = ~cluster, data = d))
  f <- tryCatch(svychisq(~row + col, des), error = function(e) NULL)
  if (is.null(f)) {
    r <- rs_by_hand(d, null = TRUE)
    cat("// ", name, ": svychisq stops (system is exactly singular); with the proportions under independence:\n", sep = "")
    null <- TRUE
  } else {
    ch <- svychisq(~row + col, des, statistic = "Chisq")
    r <- c(f$statistic, f$parameter, f$p.value, ch$p.value,
           suppressWarnings(chisq.test(table(d$row, d$col), correct = FALSE))$statistic)
    h <- rs_by_hand(d)
    cat("// ", name, ": rs_by_hand(d) - svychisq: max relative difference ", num(max(abs(h / r - 1))), "\n", sep = "")
    null <- FALSE
  }
  r <- unname(r)
  agg <- aggregate(list(n = rep(1, nrow(d))), by = list(cluster = d$cluster, row = as.integer(as.character(d$row)),
                                                      col = as.integer(as.character(d$col))), FUN = sum)
  agg <- agg[order(agg$cluster, agg$row, agg$col), ]
  lit <- paste0("[]ClusterCell{", paste(sprintf("{%d, %d, %d, %d}", agg$cluster, agg$row, agg$col, agg$n), collapse = ", "), "}")
  row(c(sprintf("\"%s\"", name), num(nlevels(d$row)), num(nlevels(d$col)), lit,
        num(r[1]), num(r[2]), num(r[3]), num(r[4]), num(r[5]), num(r[6]),
        num(length(unique(d$cluster))), if (null) "true" else "false"),
      sprintf("%s: F, ndf, ddf, p; statistic = \"Chisq\" p; chisq.test X2; clusters; %s", name,
              if (null) "rs_by_hand(d, null = TRUE)" else "svychisq(~row + col, svydesign(ids = ~cluster, data = d))"))
}
# Patients in one row each (a patient-level dimension: cancer type), with
# a patient effect on the category (tumour fraction).
G <- 60
pl <- do.call(rbind, lapply(1:G, function(g) {
  r <- sample(0:2, 1)
  u <- rnorm(1, 0, 1.2)
  n <- 1 + rpois(1, 3)
  pr <- exp(c(0.3 + u + 0.4 * r, 0.4, -1.2)); pr <- pr / sum(pr)
  data.frame(cluster = g, row = r, col = sample(0:2, n, TRUE, pr))
}))
rs_case("patient-level rows", pl)
# Observations of one patient in several rows (an alteration-level
# dimension: class).
G <- 45
al <- do.call(rbind, lapply(1:G, function(g) {
  u <- rnorm(1, 0, 1)
  n <- 1 + rpois(1, 4)
  r <- sample(0:3, n, TRUE, c(.5, .2, .2, .1))
  col <- sapply(r, function(ri) { pr <- exp(c(u + 0.5 * (ri == 0), 0, -1)); sample(0:2, 1, prob = pr / sum(pr)) })
  data.frame(cluster = g, row = r, col = col)
}))
rs_case("alteration-level rows", al)
# A 2x2 table of 12 clusters.
G <- 12
sm <- do.call(rbind, lapply(1:G, function(g) {
  n <- 1 + rpois(1, 2)
  data.frame(cluster = g, row = sample(0:1, 1), col = sample(0:1, n, TRUE, c(.6, .4)))
}))
rs_case("2x2", sm)
# An empty cell (no plasma-only alteration in row 2), cluster ids not
# contiguous.
em <- pl[pl$row != 2 | pl$col != 2, ]
em$cluster <- em$cluster * 3 + 100
rs_case("empty cell", em)
# Classes whose every alteration was shared (copy-number changes, fusions
# in a small cohort): two rows with the same empty cells, where svychisq
# stops.
cl <- al
cl$col[cl$row %in% c(1, 2)] <- 0
rs_case("empty cells in two rows", cl)
section("Clustered trend: glm(y ~ score, binomial); coeftest(fit, vcov = vcovCL(fit, cluster = ~patient)), logit.tsv with score = stage I..IV as 1..4")
d <- read.delim("logit.tsv")
d$score <- as.integer(factor(d$stage, levels = c("I", "II", "III", "IV")))
fit <- glm(detected ~ score, family = binomial, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
ct <- coeftest(fit, vcov = vcovCL(fit, cluster = ~patient))
row(c(num(ct["score", 1]), num(ct["score", 2]), num(ct["score", 3]), num(ct["score", 4])),
    "coeftest(glm(detected ~ score, binomial, logit.tsv), vcov = vcovCL(fit, cluster = ~patient))[\"score\", ]: estimate, SE, z, p")
d$score <- c(low = 0.5, mid = 5, high = 20)[d$tf]
fit <- glm(detected ~ score, family = binomial, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
ct <- coeftest(fit, vcov = vcovCL(fit, cluster = ~patient))
row(c(num(ct["score", 1]), num(ct["score", 2]), num(ct["score", 3]), num(ct["score", 4])),
    "the same with score = tf as 0.5, 5, 20 (low, mid, high)")
