# rs_by_hand, sourced by reference.R and by
# concordance/strata/testdata/clustered_reference.R (needs library(survey)).
#
# rs_by_hand repeats svychisq's computation (survey 4.1-1,
# svychisq.survey.design: mean2, V, Cmat, Delta, d0), with one option:
# null = TRUE puts the cell proportions expected under independence
# (row share x column share) in D instead of the observed ones.
# stats.RaoScott does that where svychisq stops because empty cells make
# its D^-1 weighting singular ("system is exactly singular"). It is checked
# against svychisq wherever svychisq gives an answer (the "rs_by_hand"
# comments).
rs_by_hand <- function(d, null = FALSE) {
  des <- suppressWarnings(svydesign(ids = ~cluster, data = d))
  nr <- nlevels(d$row); nc <- nlevels(d$col)
  mm <- model.matrix(~interaction(row, col) - 1, d)
  N <- nrow(mm)
  nu <- length(unique(d$cluster)) - 1
  mean2 <- svymean(mm, des)
  V <- attr(mean2, "var")
  p <- as.vector(mean2)
  if (null) p <- as.vector(outer(as.vector(table(d$row)), as.vector(table(d$col)))) / N^2
  mf1 <- expand.grid(rows = 1:nr, cols = 1:nc)
  X1 <- model.matrix(~factor(rows) + factor(cols), mf1)
  X12 <- model.matrix(~factor(rows) * factor(cols), mf1)
  Cmat <- qr.resid(qr(X1), X12[, -(1:(nr + nc - 1)), drop = FALSE])
  iD <- diag(ifelse(p == 0, 0, 1 / p))
  Delta <- solve(t(Cmat) %*% (iD / N) %*% Cmat, t(Cmat) %*% iD %*% V %*% iD %*% Cmat)
  x2 <- suppressWarnings(chisq.test(table(d$row, d$col), correct = FALSE))$statistic
  tr <- sum(diag(Delta)); d0 <- tr^2 / sum(diag(Delta %*% Delta))
  c(F = x2 / tr, ndf = d0, ddf = d0 * nu, p = pf(x2 / tr, d0, d0 * nu, lower.tail = FALSE),
    pchisq = pchisq(x2 / mean(diag(Delta)), ncol(Delta), lower.tail = FALSE), X2 = x2)
}
