# Golden fixtures for src/core/stats: the answers of R (survival, stats) on public and hand-made
# data, written as JSON to tests/fixtures/stats/*.json. CI has no R; it compares the TypeScript
# results with these committed files (tests/unit/stats/*.test.ts).
#
# Regenerate (from the repository root):
#   apt-get install -y r-base-core r-cran-survival r-cran-cardata
#   Rscript scripts/stats/golden.R
# Produced with R 4.2.2, survival 3.5-3, carData 3.0-5 (the versions are recorded in each file).
#
# Data: survival::aml, survival::lung, carData::Rossi (recidivism of 432 released prisoners,
# Rossi, Berk & Lenihan 1980, as used by Fox & Weisberg), plus small hand-made edge cases.
# Every fixture carries its own input rows, so the tests need nothing but the JSON.
#
# JSON is written by hand (jsonlite is not installed here): numbers with 17 significant digits
# (round-trip exact for doubles); NA, NaN and ±Inf are written as null.
#
# Weights: the TypeScript code treats weights as integer counts (frequency weights). For KM,
# aggregated rows with weights give R's answer directly. survdiff has no weights, and coxph's
# weights under Efron ties treat a weighted row as one death, so for those the expected values
# are computed by R on the EXPANDED rows while the fixture holds the aggregated rows.

suppressPackageStartupMessages({
  library(survival)
  library(carData)
})

out_dir <- "tests/fixtures/stats"
if (!dir.exists(out_dir)) stop("run from the repository root (", out_dir, " not found)")

# ---------------------------------------------------------------- a small JSON writer
json_num <- function(x) {
  if (is.na(x) || is.infinite(x)) return("null")
  if (x == 0) return("0")
  sprintf("%.17g", x)
}
json_str <- function(s) {
  s <- gsub("\\\\", "\\\\\\\\", s)
  s <- gsub("\"", "\\\\\"", s)
  paste0("\"", s, "\"")
}
json_scalar <- function(x) {
  if (is.null(x) || length(x) == 0) return("null")
  if (is.factor(x)) x <- as.character(x)
  if (is.logical(x)) return(if (is.na(x)) "null" else if (x) "true" else "false")
  if (is.character(x)) return(if (is.na(x)) "null" else json_str(x))
  json_num(as.numeric(x))
}
# arr(x): always a JSON array, even of length 1.
arr <- function(x) structure(list(values = x), class = "json_array")
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (inherits(x, "json_array")) {
    v <- x$values
    if (is.factor(v)) v <- as.character(v)
    if (length(v) == 0) return("[]")
    return(paste0("[", paste(vapply(seq_along(v), function(i) json_scalar(v[[i]]), ""), collapse = ","), "]"))
  }
  if (is.matrix(x)) {
    rows <- lapply(seq_len(nrow(x)), function(i) arr(unname(x[i, ])))
    return(to_json(rows, indent))
  }
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    if (is.null(names(x))) {
      items <- vapply(x, function(e) paste0(inner, to_json(e, inner)), "")
      return(paste0("[\n", paste(items, collapse = ",\n"), "\n", indent, "]"))
    }
    items <- vapply(seq_along(x), function(i) paste0(inner, json_str(names(x)[i]), ": ", to_json(x[[i]], inner)), "")
    return(paste0("{\n", paste(items, collapse = ",\n"), "\n", indent, "}"))
  }
  if (length(x) != 1) return(to_json(arr(x), indent))
  json_scalar(x)
}
write_fixture <- function(name, content) {
  content <- c(list(
    generatedBy = "scripts/stats/golden.R",
    R = R.version.string,
    survival = as.character(packageVersion("survival"))
  ), content)
  path <- file.path(out_dir, paste0(name, ".json"))
  writeLines(to_json(content), path)
  cat("wrote", path, "\n")
}

# rows(): a data frame of (time, status[, weight][, group][, stratum][, covariates]) as JSON rows.
rows <- function(time, status, weight = NULL, group = NULL, stratum = NULL, covariates = NULL) {
  lapply(seq_along(time), function(i) {
    r <- list(time = time[i], status = as.integer(status[i]))
    if (!is.null(weight)) r$weight <- weight[i]
    if (!is.null(group)) r$group <- as.character(group[i])
    if (!is.null(stratum)) r$stratum <- as.character(stratum[i])
    if (!is.null(covariates)) r$covariates <- arr(unname(as.numeric(covariates[i, ])))
    r
  })
}
expand <- function(df, w) df[rep(seq_len(nrow(df)), w), , drop = FALSE]

# ---------------------------------------------------------------- data
aml_d <- data.frame(time = aml$time, status = aml$status, x = as.character(aml$x))

lung_d <- data.frame(time = lung$time, status = lung$status - 1L, age = lung$age, sex = lung$sex, ph.ecog = lung$ph.ecog)
lung_cc <- lung_d[complete.cases(lung_d), ]

rossi_d <- with(Rossi, data.frame(
  week = week, arrest = arrest,
  fin = as.integer(fin == "yes"), age = age, race = as.integer(race == "other"),
  wexp = as.integer(wexp == "yes"), mar = as.integer(mar == "not married"),
  paro = as.integer(paro == "yes"), prio = prio
))

# Hand-made edge cases.
edge_all_tied <- data.frame(time = rep(5, 8), status = c(1, 1, 1, 0, 0, 1, 0, 1))
edge_all_tied_dead <- data.frame(time = rep(5, 6), status = rep(1, 6))
edge_all_censored <- data.frame(time = c(3, 5, 5, 8, 13, 21), status = rep(0, 6))
edge_single_event <- data.frame(time = c(2, 4, 4, 6, 9, 12, 15), status = c(0, 0, 1, 0, 0, 0, 0))
edge_half <- data.frame(time = c(1, 2, 3, 4), status = c(1, 1, 1, 1)) # S hits exactly 0.5 at t = 2
edge_time_zero <- data.frame(time = c(0, 0, 0, 1, 2, 2, 3, 5, 8), status = c(1, 1, 0, 1, 0, 1, 1, 0, 1))

# Heavy ties with weights: 3 arms, integer days 0..30, many customers per (day, status, arm).
set.seed(20260512)
heavy <- expand.grid(time = 0:30, status = 0:1, arm = c("holdout", "ten", "twenty"), stringsAsFactors = FALSE)
heavy$weight <- rpois(nrow(heavy), lambda = ifelse(heavy$status == 1, 6, 25) *
  ifelse(heavy$arm == "holdout", 1.3, ifelse(heavy$arm == "ten", 1, 0.8))) + 0L
heavy <- heavy[heavy$weight > 0, ]
heavy$age <- 20 + (heavy$time * 7 + nchar(heavy$arm) * 3) %% 40
heavy_x <- expand(heavy, heavy$weight)

# ---------------------------------------------------------------- Kaplan–Meier
km_case <- function(name, time, status, weight = NULL, times = NULL, taus = NULL) {
  d <- data.frame(time = time, status = status)
  if (!is.null(weight)) d$w <- weight else d$w <- 1
  if (is.null(times)) {
    times <- sort(unique(c(0, quantile(time, c(.1, .25, .5, .75, .9), type = 1, names = FALSE), mean(time), max(time), max(time) * 1.5)))
  }
  # (R refuses tau below the first time; RMST is then tau itself, tested without R.)
  if (is.null(taus)) taus <- unique(c(max(time) / 2, max(time), max(time) * 1.2))
  taus <- taus[taus >= min(time)]
  curves <- list()
  for (ct in c("log", "log-log", "plain")) {
    f <- survfit(Surv(time, status) ~ 1, data = d, weights = w, conf.type = ct)
    s <- summary(f, times = times, extend = TRUE)
    tab <- summary(f)$table
    curves[[ct]] <- list(
      time = arr(f$time), n.risk = arr(f$n.risk), n.event = arr(f$n.event), n.censor = arr(f$n.censor),
      surv = arr(f$surv), std.err = arr(f$std.err), lower = arr(f$lower), upper = arr(f$upper),
      median = list(median = tab[["median"]], lower = tab[["0.95LCL"]], upper = tab[["0.95UCL"]]),
      at = list(time = arr(s$time), surv = arr(s$surv), std.err = arr(s$std.err), lower = arr(s$lower), upper = arr(s$upper),
                n.risk = arr(s$n.risk), n.event = arr(s$n.event), n.censor = arr(s$n.censor))
    )
  }
  f <- survfit(Surv(time, status) ~ 1, data = d, weights = w)
  rmeans <- lapply(taus, function(tau) {
    tab <- summary(f, rmean = tau)$table
    list(tau = tau, rmean = tab[["rmean"]], se = tab[["se(rmean)"]])
  })
  list(name = name, rows = rows(time, status, weight), curves = curves, rmean = rmeans)
}

km_by_group <- function(name, time, status, group) {
  f <- survfit(Surv(time, status) ~ group)
  strata <- rep(names(f$strata), f$strata)
  lev <- unique(as.character(group)) # first-appearance order, as the TypeScript output
  list(name = name, rows = rows(time, status, group = group), groups = lapply(lev, function(g) {
    k <- strata == paste0("group=", g)
    list(group = g, time = arr(f$time[k]), surv = arr(f$surv[k]), std.err = arr(f$std.err[k]),
         lower = arr(f$lower[k]), upper = arr(f$upper[k]), n.risk = arr(f$n.risk[k]))
  }))
}

heavy_holdout <- heavy[heavy$arm == "holdout", ]
write_fixture("km", list(
  tolerance = "1e-6 relative where |expected| >= 1, absolute below (see tests/unit/stats/golden.ts)",
  cases = list(
    km_case("aml", aml_d$time, aml_d$status),
    km_case("lung", lung_d$time, lung_d$status),
    km_case("rossi", rossi_d$week, rossi_d$arrest),
    km_case("all tied times", edge_all_tied$time, edge_all_tied$status),
    km_case("all tied, all events", edge_all_tied_dead$time, edge_all_tied_dead$status),
    km_case("everyone censored", edge_all_censored$time, edge_all_censored$status),
    km_case("a single event", edge_single_event$time, edge_single_event$status),
    km_case("survival exactly one half", edge_half$time, edge_half$status),
    km_case("events at time 0", edge_time_zero$time, edge_time_zero$status),
    km_case("heavy ties with weights (holdout arm)", heavy_holdout$time, heavy_holdout$status, heavy_holdout$weight)
  ),
  byGroup = list(
    km_by_group("aml by x", aml_d$time, aml_d$status, aml_d$x),
    km_by_group("lung by sex", lung_d$time, lung_d$status, ifelse(lung_d$sex == 1, "male", "female"))
  )
))

# ---------------------------------------------------------------- log-rank
lr_case <- function(name, time, status, group, stratum = NULL, weight = NULL) {
  # R has no weights here: expand the rows for R, keep the aggregated rows for the fixture.
  d <- data.frame(time = time, status = status, group = as.character(group), stringsAsFactors = FALSE)
  if (!is.null(stratum)) d$stratum <- as.character(stratum)
  dx <- if (is.null(weight)) d else expand(d, weight)
  lev <- unique(d$group)
  dx$g <- factor(dx$group, levels = lev)
  sd <- if (is.null(stratum)) survdiff(Surv(time, status) ~ g, data = dx) else survdiff(Surv(time, status) ~ g + strata(stratum), data = dx)
  obs <- if (is.matrix(sd$obs)) rowSums(sd$obs) else sd$obs
  ex <- if (is.matrix(sd$exp)) rowSums(sd$exp) else sd$exp
  df <- sum(ex > 0) - 1
  list(name = name, rows = rows(time, status, weight, group = group, stratum = stratum),
       groups = arr(lev), n = arr(as.numeric(table(dx$g))), observed = arr(unname(obs)), expected = arr(unname(ex)),
       variance = unname(sd$var), chisq = sd$chisq, df = df, pvalue = pchisq(sd$chisq, df, lower.tail = FALSE))
}

edge_noevents <- data.frame(
  time = c(2, 3, 3, 5, 7, 8, 1, 4, 6, 9, 11, 2, 2, 5, 6, 10),
  status = c(1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0),
  group = c(rep("A", 6), rep("B", 5), rep("C", 5))
)
edge_zero_expected <- data.frame(
  time = c(1, 2, 2, 4, 5, 3, 3, 6, 7, 0.5, 0.5),
  status = c(1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0),
  group = c(rep("A", 5), rep("B", 4), rep("late", 2))
)
lung_e <- lung_d[!is.na(lung_d$ph.ecog), ]
write_fixture("logrank", list(
  cases = list(
    lr_case("aml by x", aml_d$time, aml_d$status, aml_d$x),
    lr_case("lung by sex", lung_d$time, lung_d$status, ifelse(lung_d$sex == 1, "male", "female")),
    lr_case("lung by ph.ecog (4 groups)", lung_e$time, lung_e$status, paste0("ecog", lung_e$ph.ecog)),
    lr_case("rossi by fin", rossi_d$week, rossi_d$arrest, ifelse(rossi_d$fin == 1, "aid", "no aid")),
    lr_case("rossi by fin, strata race", rossi_d$week, rossi_d$arrest, ifelse(rossi_d$fin == 1, "aid", "no aid"), stratum = ifelse(rossi_d$race == 1, "other", "black")),
    lr_case("a group with no events", edge_noevents$time, edge_noevents$status, edge_noevents$group),
    lr_case("a group never at risk at an event time", edge_zero_expected$time, edge_zero_expected$status, edge_zero_expected$group),
    lr_case("a single event", c(edge_single_event$time, 3, 5), c(edge_single_event$status, 0, 0), c(rep("x", 7), "y", "y")),
    lr_case("heavy ties with weights (3 arms)", heavy$time, heavy$status, heavy$arm, weight = heavy$weight)
  )
))

# ---------------------------------------------------------------- Cox
cox_case <- function(name, formula, data, covs, ties = "efron", weight = NULL, stratum = NULL) {
  # Fit on the expanded rows when weights are counts (see the header).
  dx <- if (is.null(weight)) data else expand(data, weight)
  warn <- character(0)
  fit <- withCallingHandlers(coxph(formula, data = dx, ties = ties),
                             warning = function(w) { warn <<- c(warn, conditionMessage(w)); invokeRestart("muffleWarning") })
  s <- summary(fit)
  ci <- exp(confint(fit))
  list(name = name, ties = ties, names = arr(covs),
       rows = rows(data$time, data$status, weight, stratum = stratum, covariates = as.matrix(data[, covs, drop = FALSE])),
       coef = arr(unname(coef(fit))), se = arr(unname(sqrt(diag(vcov(fit))))), variance = unname(vcov(fit)),
       z = arr(unname(s$coefficients[, "z"])), p = arr(unname(s$coefficients[, "Pr(>|z|)"])),
       hr = arr(unname(exp(coef(fit)))), lower = arr(unname(ci[, 1])), upper = arr(unname(ci[, 2])),
       # (summary(fit)$waldtest is rounded to 2 decimals: take the unrounded values from the fit.)
       loglik = arr(fit$loglik), lrt = 2 * (fit$loglik[2] - fit$loglik[1]), wald = unname(fit$wald.test), score = unname(fit$score),
       df = length(covs), lrtP = pchisq(2 * (fit$loglik[2] - fit$loglik[1]), length(covs), lower.tail = FALSE),
       waldP = pchisq(unname(fit$wald.test), length(covs), lower.tail = FALSE), scoreP = pchisq(unname(fit$score), length(covs), lower.tail = FALSE),
       iter = fit$iter, n = fit$n, nevent = fit$nevent, warnings = arr(warn))
}

lung_cox <- data.frame(time = lung_cc$time, status = lung_cc$status, age = lung_cc$age, sex = lung_cc$sex, ph.ecog = lung_cc$ph.ecog)
rossi_cox <- data.frame(time = rossi_d$week, status = rossi_d$arrest, rossi_d[, c("fin", "age", "race", "wexp", "mar", "paro", "prio")])
aml_cox <- data.frame(time = aml_d$time, status = aml_d$status, nonmaintained = as.integer(aml_d$x == "Nonmaintained"))
heavy_cox <- data.frame(time = heavy$time, status = heavy$status, ten = as.integer(heavy$arm == "ten"), twenty = as.integer(heavy$arm == "twenty"), age = heavy$age)
tied_cox <- data.frame(time = rep(5, 10), status = c(1, 1, 1, 0, 1, 0, 1, 1, 0, 1), x = c(0, 1, 1, 0, 0, 1, 1, 0, 1, 0), z = c(1.5, 0.2, 2.1, 3.3, 0.7, 1.1, 0.4, 2.8, 1.9, 0.6))
# One event whose covariate lies inside its risk set's range, so the estimate is finite.
single_cox <- data.frame(time = c(2, 4, 4, 6, 9, 12, 15, 3), status = c(0, 0, 1, 0, 0, 0, 0, 0), x = c(1, 0.3, 0.5, 0.9, 0.1, 0.7, 0.2, 0.6))
# Separation: the only event has the largest x of its risk set; the MLE is infinite and R runs
# out of iterations. The TypeScript code follows the same path to the same last good beta.
separated_cox <- data.frame(time = c(2, 4, 4, 6, 9, 12, 15, 3), status = c(0, 0, 1, 0, 0, 0, 0, 0), x = c(1, 0, 1, 0, 1, 0, 0, 1))
noev_cox <- data.frame(time = edge_noevents$time, status = edge_noevents$status, B = as.integer(edge_noevents$group == "B"), C = as.integer(edge_noevents$group == "C"))

write_fixture("cox", list(
  cases = list(
    cox_case("lung: age + sex + ph.ecog", Surv(time, status) ~ age + sex + ph.ecog, lung_cox, c("age", "sex", "ph.ecog")),
    cox_case("rossi: fin + age + race + wexp + mar + paro + prio", Surv(time, status) ~ fin + age + race + wexp + mar + paro + prio, rossi_cox,
             c("fin", "age", "race", "wexp", "mar", "paro", "prio")),
    cox_case("rossi: fin + age + prio, strata(race)", Surv(time, status) ~ fin + age + prio + strata(race), rossi_cox, c("fin", "age", "prio"),
             stratum = ifelse(rossi_cox$race == 1, "other", "black")),
    cox_case("aml: x", Surv(time, status) ~ nonmaintained, aml_cox, "nonmaintained"),
    cox_case("aml: x, Breslow ties", Surv(time, status) ~ nonmaintained, aml_cox, "nonmaintained", ties = "breslow"),
    cox_case("lung: Breslow ties", Surv(time, status) ~ age + sex + ph.ecog, lung_cox, c("age", "sex", "ph.ecog"), ties = "breslow"),
    cox_case("heavy ties with weights (R on expanded rows)", Surv(time, status) ~ ten + twenty + age, heavy_cox, c("ten", "twenty", "age"), weight = heavy$weight),
    cox_case("all tied times", Surv(time, status) ~ x + z, tied_cox, c("x", "z")),
    cox_case("a single event", Surv(time, status) ~ x, single_cox, "x"),
    cox_case("separation: R runs out of iterations", Surv(time, status) ~ x, separated_cox, "x"),
    cox_case("a group with no events", Surv(time, status) ~ B + C, noev_cox, c("B", "C"))
  )
))

# ---------------------------------------------------------------- proportions
prop_case <- function(x1, n1, x2, n2, conf = 0.95) {
  t2 <- suppressWarnings(prop.test(c(x1, x2), c(n1, n2), correct = FALSE, conf.level = conf))
  w1 <- suppressWarnings(prop.test(x1, n1, correct = FALSE, conf.level = conf))$conf.int
  w2 <- suppressWarnings(prop.test(x2, n2, correct = FALSE, conf.level = conf))$conf.int
  p1 <- x1 / n1; p2 <- x2 / n2; d <- p1 - p2
  list(x1 = x1, n1 = n1, x2 = x2, n2 = n2, conf = conf,
       statistic = unname(t2$statistic), pvalue = t2$p.value,
       wald = arr(as.numeric(t2$conf.int)), wilson1 = arr(as.numeric(w1)), wilson2 = arr(as.numeric(w2)),
       newcombe = arr(c(d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))))
}
power_case <- function(p1, p2, alpha, power) {
  exact <- power.prop.test(p1 = p1, p2 = p2, sig.level = alpha, power = power, tol = 1e-10)$n
  default <- power.prop.test(p1 = p1, p2 = p2, sig.level = alpha, power = power)$n
  list(p1 = p1, p2 = p2, alpha = alpha, power = power, n = exact, nDefaultTol = default, perArm = ceiling(default))
}
write_fixture("proportions", list(
  note = "newcombe is Newcombe (1998) method 10 computed from R's Wilson intervals; Newcombe's paper gives 0.0524, 0.3339 for 56/70 vs 48/80",
  twoSample = list(
    prop_case(56, 70, 48, 80),
    prop_case(9, 10, 3, 10),
    prop_case(0, 20, 5, 20),
    prop_case(10, 10, 7, 10),
    prop_case(700, 1000, 650, 1000),
    prop_case(1, 1000, 3, 1000),
    prop_case(45000, 60000, 44100, 60000),
    prop_case(0, 10, 0, 12),
    prop_case(56, 70, 48, 80, conf = 0.9)
  ),
  power = list(
    power_case(0.7, 0.73, 0.05, 0.8),
    power_case(0.5, 0.55, 0.05, 0.9),
    power_case(0.1, 0.12, 0.01, 0.8),
    power_case(0.9, 0.85, 0.05, 0.8),
    power_case(0.2, 0.3, 0.1, 0.95)
  )
))

# ---------------------------------------------------------------- p.adjust
set.seed(42)
pvecs <- list(
  runif(10),
  c(runif(6) / 100, runif(4)),
  c(0.01, 0.01, 0.02, 0.02, 0.5, 0.04),
  c(1, 1, 0.9),
  c(0.03),
  c(0, 0.001, 0.04, 0.2, 0.2, 0.7),
  c(0.049, 0.048, 0.047, 0.046, 0.045)
)
write_fixture("padjust", list(cases = lapply(pvecs, function(p) list(
  p = arr(p), holm = arr(p.adjust(p, "holm")), BH = arr(p.adjust(p, "BH"))
))))

# ---------------------------------------------------------------- sample-ratio mismatch
srm_case <- function(x, p) {
  t <- chisq.test(x, p = p, rescale.p = TRUE)
  list(observed = arr(x), shares = arr(p), statistic = unname(t$statistic), df = unname(t$parameter), pvalue = t$p.value, expected = arr(unname(t$expected)))
}
write_fixture("srm", list(cases = list(
  srm_case(c(5050, 4950), c(0.5, 0.5)),
  srm_case(c(9000, 1100), c(0.9, 0.1)),
  srm_case(c(100, 120, 780), c(1, 1, 8)),
  srm_case(c(50000, 51000), c(0.5, 0.5)),
  srm_case(c(821, 1000), c(0.5, 0.5)),
  srm_case(c(250, 260, 240, 2250), c(0.083, 0.083, 0.084, 0.75))
)))

# ---------------------------------------------------------------- funnel limits (Spiegelhalter 2005)
spiegel <- function(theta, n, p) {
  r <- qbinom(p, n, theta)
  fr <- pbinom(r, n, theta)
  fr1 <- pbinom(r - 1, n, theta)
  alpha <- (fr - p) / (fr - fr1)
  pmin(1, pmax(0, (r - alpha) / n))
}
normal_limit <- function(theta, n, p) pmin(1, pmax(0, theta + qnorm(p) * sqrt(theta * (1 - theta) / n)))
ns <- c(1, 2, 3, 5, 10, 20, 37, 50, 100, 200, 500, 1000, 5000, 20000, 100000, 1000000)
write_fixture("funnel", list(
  ns = arr(ns),
  cases = lapply(c(0.02, 0.1, 0.5, 0.73, 0.97), function(theta) list(
    target = theta,
    exact = list(lower95 = arr(spiegel(theta, ns, 0.025)), upper95 = arr(spiegel(theta, ns, 0.975)),
                 lower998 = arr(spiegel(theta, ns, 0.001)), upper998 = arr(spiegel(theta, ns, 0.999))),
    normal = list(lower95 = arr(normal_limit(theta, ns, 0.025)), upper95 = arr(normal_limit(theta, ns, 0.975)),
                  lower998 = arr(normal_limit(theta, ns, 0.001)), upper998 = arr(normal_limit(theta, ns, 0.999)))
  ))
))
