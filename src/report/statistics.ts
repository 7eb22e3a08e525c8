import pl from "nodejs-polars";
import { ERROR_CLASSES, type ErrorClass, StopReason } from "../scenarios/validation-result.js";

/**
 * Statistics over a result frame (spec §12.5). Keys are snake_case because they are written verbatim into the JSON
 * stats report, whose field names follow PARE's.
 */
export interface GlobalStatistics {
  total_runs: number;
  validated_runs: number;
  success_runs: number;
  failed_runs: number;
  exception_runs: number;
  no_validation_runs: number;
  /** Percent (0–100) over validated rows. */
  success_rate: number;
  success_rate_std: number;
  success_rate_sem: number;
  /** Scenarios with at least one success among their validated runs. */
  pass_at_k: number;
  pass_at_k_percent: number;
  /** Scenarios whose validated runs all succeeded. */
  pass_k: number;
  pass_k_percent: number;
  /**
   * Chen et al.'s unbiased pass@k estimator, in percent, averaged over the scenarios with at least
   * `pass_at_k_unbiased_k` validated runs. Not PARE's; reported beside, never instead of, `pass_at_k`.
   */
  pass_at_k_unbiased_percent: number;
  pass_at_k_unbiased_k: number;
  pass_at_k_unbiased_scenarios: number;
  total_scenarios: number;
  k: number;
  avg_run_duration: number;
  avg_run_duration_std: number;
  job_duration: number;
  /** Runs that ended in an error (an exception), whatever their status. */
  error_runs: number;
  /** Errors by who is at fault (`error_class`); rows without a class (PARE's files) are in none of them. */
  configuration_error_runs: number;
  scenario_error_runs: number;
  model_error_runs: number;
  infrastructure_error_runs: number;
  /**
   * Runs left out of every rate and average (infrastructure errors, unless counted as failures): they say
   * nothing about the model. `total_runs` still counts them.
   */
  excluded_runs: number;
  /** Whether infrastructure errors were counted as failures (`--count-errors-as-failures`). */
  errors_counted_as_failures: boolean;
}

export interface PasMetrics {
  total_proposals: number;
  total_acceptances: number;
  total_turns: number;
  total_read_only_actions: number;
  total_write_actions: number;
  aggregate_proposal_rate: number;
  aggregate_proposal_rate_std: number;
  aggregate_proposal_rate_sem: number;
  aggregate_acceptance_rate: number;
  aggregate_acceptance_rate_std: number;
  aggregate_acceptance_rate_sem: number;
  avg_read_only_actions: number;
  avg_read_only_actions_std: number;
  avg_read_only_actions_sem: number;
  avg_write_actions: number;
  avg_write_actions_std: number;
  avg_write_actions_sem: number;
}

/**
 * Runs per stop reason (`StopReason` values in their declared order, then `unrecorded` for rows written before
 * stop reasons were). Only reasons that occur are present.
 */
export type StopReasonCounts = Record<string, number>;

export interface Statistics {
  global: GlobalStatistics;
  pas_metrics: PasMetrics;
  stop_reasons: StopReasonCounts;
}

export const UNRECORDED_STOP_REASON = "unrecorded";

function stopReasonCounts(df: pl.DataFrame): StopReasonCounts {
  const counts = new Map<string, number>();
  const values = df.columns.includes("stop_reason")
    ? (df.getColumn("stop_reason").toArray() as (string | null)[])
    : new Array<null>(df.height).fill(null);
  for (const value of values) {
    const key = value ?? UNRECORDED_STOP_REASON;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const order = [...StopReason.options, UNRECORDED_STOP_REASON] as string[];
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.fromEntries(
    [...counts].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)),
  );
}

export interface StatisticsOptions {
  /** k for the unbiased estimator; defaults to the frame's `k` (runs per scenario). */
  unbiasedK?: number;
  /**
   * Count runs that ended in an infrastructure error as failures (PARE's behaviour). By default they are left
   * out of the rates and averages and reported on their own.
   */
  countErrorsAsFailures?: boolean;
}

interface ErrorCounts {
  error_runs: number;
  configuration_error_runs: number;
  scenario_error_runs: number;
  model_error_runs: number;
  infrastructure_error_runs: number;
}

function errorCounts(df: pl.DataFrame): ErrorCounts {
  const classes = df.columns.includes("error_class")
    ? (df.getColumn("error_class").toArray() as (string | null)[])
    : [];
  const byClass = Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as Record<ErrorClass, number>;
  for (const value of classes) if (value !== null && value in byClass) byClass[value as ErrorClass] += 1;
  const errors =
    df.height === 0 ? 0 : scalar(df.select(pl.col("has_exception").cast(pl.Int64).sum().alias("n")), "n");
  return {
    error_runs: errors,
    configuration_error_runs: byClass.configuration,
    scenario_error_runs: byClass.scenario,
    model_error_runs: byClass.model,
    infrastructure_error_runs: byClass.infrastructure,
  };
}

function statusCounts(df: pl.DataFrame) {
  const count = (status: string) =>
    df.height === 0 ? 0 : scalar(df.select(pl.col("status").eq(pl.lit(status)).sum().alias("n")), "n");
  return {
    success_runs: count("success"),
    failed_runs: count("failed"),
    exception_runs: count("exception"),
    no_validation_runs: count("no_validation"),
  };
}

/** The rows that count in rates and averages: all, or all but those that ended in an infrastructure error. */
export function scoredRows(df: pl.DataFrame, countErrorsAsFailures = false): pl.DataFrame {
  if (countErrorsAsFailures || !df.columns.includes("error_class")) return df;
  return df.filter(
    pl
      .col("error_class")
      .isNull()
      .or(pl.col("error_class").neq(pl.lit("infrastructure"))),
  );
}

/**
 * Unbiased pass@k for one scenario with n runs of which c succeeded: 1 - C(n-c, k) / C(n, k), evaluated as
 * 1 - Π_{i=n-c+1..n} (1 - k/i) so that no binomial coefficient is ever formed (they overflow for modest n).
 */
export function passAtKUnbiased(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k)) {
    throw new Error(`passAtKUnbiased needs integers, got n=${n}, c=${c}, k=${k}`);
  }
  if (k < 1 || n < k || c < 0 || c > n) throw new Error(`passAtKUnbiased needs 1 <= k <= n and 0 <= c <= n`);
  if (n - c < k) return 1;
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}

function emptyStatistics(): Statistics {
  return {
    global: {
      total_runs: 0,
      validated_runs: 0,
      success_runs: 0,
      failed_runs: 0,
      exception_runs: 0,
      no_validation_runs: 0,
      success_rate: 0,
      success_rate_std: 0,
      success_rate_sem: 0,
      pass_at_k: 0,
      pass_at_k_percent: 0,
      pass_k: 0,
      pass_k_percent: 0,
      pass_at_k_unbiased_percent: 0,
      pass_at_k_unbiased_k: 1,
      pass_at_k_unbiased_scenarios: 0,
      total_scenarios: 0,
      k: 1,
      avg_run_duration: 0,
      avg_run_duration_std: 0,
      job_duration: 0,
      error_runs: 0,
      configuration_error_runs: 0,
      scenario_error_runs: 0,
      model_error_runs: 0,
      infrastructure_error_runs: 0,
      excluded_runs: 0,
      errors_counted_as_failures: false,
    },
    pas_metrics: {
      total_proposals: 0,
      total_acceptances: 0,
      total_turns: 0,
      total_read_only_actions: 0,
      total_write_actions: 0,
      aggregate_proposal_rate: 0,
      aggregate_proposal_rate_std: 0,
      aggregate_proposal_rate_sem: 0,
      aggregate_acceptance_rate: 0,
      aggregate_acceptance_rate_std: 0,
      aggregate_acceptance_rate_sem: 0,
      avg_read_only_actions: 0,
      avg_read_only_actions_std: 0,
      avg_read_only_actions_sem: 0,
      avg_write_actions: 0,
      avg_write_actions_std: 0,
      avg_write_actions_sem: 0,
    },
    stop_reasons: {},
  };
}

/** First-row value of a one-row frame's column as a number; null/NaN-free callers get 0 for null. */
function scalar(frame: pl.DataFrame, column: string): number {
  const value: unknown = frame.getColumn(column).get(0);
  return typeof value === "number" ? value : value == null ? 0 : Number(value);
}

const f64 = (name: string): pl.Expr => pl.col(name).cast(pl.Float64);

/**
 * Sample STD (ddof 1) and SEM of the non-null values of `expr` over the run-level frame. Fewer than two values give 0,
 * so a single run (or no run numbers at all) reports no spread, as PARE does.
 */
function runLevelSpread(runs: pl.DataFrame, expr: pl.Expr): { std: number; sem: number } {
  const values = runs.select(expr.alias("v")).filter(pl.col("v").isNotNull());
  if (values.height < 2) return { std: 0, sem: 0 };
  const std = scalar(values.select(pl.col("v").std()), "v");
  return { std, sem: std / Math.sqrt(values.height) };
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/** The global statistics and proactive-assistant metrics of spec §12.5, computed from a result frame. */
export function calculateStatistics(all: pl.DataFrame, options: StatisticsOptions = {}): Statistics {
  const countAsFailures = options.countErrorsAsFailures === true;
  const errors = errorCounts(all);
  const df = scoredRows(all, countAsFailures);
  const accounting = {
    ...errors,
    excluded_runs: all.height - df.height,
    errors_counted_as_failures: countAsFailures,
  };
  if (df.height === 0) {
    const empty = emptyStatistics();
    const jobDuration =
      all.height > 0 ? scalar(all.select(pl.col("job_duration").mean().alias("j")), "j") : 0;
    return {
      ...empty,
      global: {
        ...empty.global,
        ...accounting,
        ...statusCounts(all),
        total_runs: all.height,
        total_scenarios:
          all.height > 0 ? scalar(all.select(pl.col("base_scenario_id").nUnique().alias("n")), "n") : 0,
        job_duration: jobDuration,
      },
      stop_reasons: stopReasonCounts(all),
    };
  }

  const totals = df.select(
    pl.len().alias("total_runs"),
    pl.col("success_numeric").isNotNull().sum().alias("validated_runs"),
    pl.col("status").eq(pl.lit("success")).sum().alias("success_runs"),
    pl.col("status").eq(pl.lit("failed")).sum().alias("failed_runs"),
    pl.col("status").eq(pl.lit("exception")).sum().alias("exception_runs"),
    pl.col("status").eq(pl.lit("no_validation")).sum().alias("no_validation_runs"),
    pl.col("success_numeric").mean().alias("success_mean"),
    pl.col("base_scenario_id").nUnique().alias("total_scenarios"),
    pl.col("run_duration").mean().alias("avg_run_duration"),
    pl.col("run_duration").std().alias("avg_run_duration_std"),
    pl.col("job_duration").mean().alias("job_duration"),
    pl.col("proposal_count").sum().alias("total_proposals"),
    pl.col("acceptance_count").sum().alias("total_acceptances"),
    pl.col("number_of_turns").sum().alias("total_turns"),
    pl.col("read_only_actions").sum().alias("total_read_only_actions"),
    pl.col("write_actions").sum().alias("total_write_actions"),
  );
  const t = (name: string): number => scalar(totals, name);
  const totalRuns = t("total_runs");
  const allRuns = all.height;
  // Pass@k and pass^k are over the scenarios that have a counted run; `total_scenarios` names every scenario.
  const scoredScenarios = t("total_scenarios");
  const totalScenarios =
    allRuns === totalRuns
      ? scoredScenarios
      : scalar(all.select(pl.col("base_scenario_id").nUnique().alias("n")), "n");

  // Per scenario: rows, validated runs (n), successes (c) and mean success. Sorted so float sums are reproducible.
  const perScenario = df
    .groupBy("base_scenario_id")
    .agg(
      pl.len().alias("rows"),
      pl.col("success_numeric").isNotNull().sum().alias("n"),
      pl.col("success_numeric").sum().alias("c"),
      pl.col("success_numeric").mean().alias("mean"),
    )
    .sort("base_scenario_id");
  const passAtK = perScenario.filter(pl.col("mean").gt(0)).height;
  const passK = perScenario.filter(pl.col("mean").eq(1)).height;
  // Spec: rows per scenario if identical for all scenarios, else the maximum — which is the maximum either way.
  const k = scalar(perScenario.select(pl.col("rows").max().alias("max")), "max");

  const unbiasedK = options.unbiasedK ?? k;
  let unbiasedSum = 0;
  let unbiasedScenarios = 0;
  const nColumn = perScenario.getColumn("n").toArray() as number[];
  const cColumn = perScenario.getColumn("c").toArray() as (number | null)[];
  for (let i = 0; i < nColumn.length; i++) {
    const n = nColumn[i]!;
    if (n < unbiasedK || unbiasedK < 1) continue;
    unbiasedSum += passAtKUnbiased(n, Math.round(cColumn[i] ?? 0), unbiasedK);
    unbiasedScenarios += 1;
  }

  // Run-level quantities: one value per distinct non-null run number.
  const runs = df
    .filter(pl.col("run_number").isNotNull())
    .groupBy("run_number")
    .agg(
      pl.len().cast(pl.Float64).alias("rows"),
      pl.col("success_numeric").mean().alias("success_mean"),
      f64("proposal_count").sum().alias("proposals"),
      f64("acceptance_count").sum().alias("acceptances"),
      f64("number_of_turns").sum().alias("turns"),
      f64("read_only_actions").sum().alias("read_only"),
      f64("write_actions").sum().alias("write"),
    )
    .sort("run_number");
  const successSpread = runLevelSpread(runs, pl.col("success_mean").mul(100));
  const proposalSpread = runLevelSpread(
    runs,
    pl
      .when(pl.col("turns").gt(0))
      .then(pl.col("proposals").div(pl.col("turns")))
      .otherwise(pl.lit(null)),
  );
  const acceptanceSpread = runLevelSpread(
    runs,
    pl
      .when(pl.col("proposals").gt(0))
      .then(pl.col("acceptances").div(pl.col("proposals")))
      .otherwise(pl.lit(null)),
  );
  const readOnlySpread = runLevelSpread(runs, pl.col("read_only").div(pl.col("rows")));
  const writeSpread = runLevelSpread(runs, pl.col("write").div(pl.col("rows")));

  const totalProposals = t("total_proposals");
  const totalAcceptances = t("total_acceptances");
  const totalTurns = t("total_turns");
  const totalReadOnly = t("total_read_only_actions");
  const totalWrite = t("total_write_actions");

  return {
    global: {
      total_runs: allRuns,
      validated_runs: t("validated_runs"),
      // Status counts describe every run of the job; validated_runs is the rate's denominator.
      ...statusCounts(all),
      success_rate: t("success_mean") * 100,
      success_rate_std: successSpread.std,
      success_rate_sem: successSpread.sem,
      pass_at_k: passAtK,
      pass_at_k_percent: ratio(passAtK, scoredScenarios) * 100,
      pass_k: passK,
      pass_k_percent: ratio(passK, scoredScenarios) * 100,
      pass_at_k_unbiased_percent: ratio(unbiasedSum, unbiasedScenarios) * 100,
      pass_at_k_unbiased_k: unbiasedK,
      pass_at_k_unbiased_scenarios: unbiasedScenarios,
      total_scenarios: totalScenarios,
      k,
      avg_run_duration: t("avg_run_duration"),
      avg_run_duration_std: t("avg_run_duration_std"),
      job_duration: scalar(all.select(pl.col("job_duration").mean().alias("j")), "j"),
      ...accounting,
    },
    pas_metrics: {
      total_proposals: totalProposals,
      total_acceptances: totalAcceptances,
      total_turns: totalTurns,
      total_read_only_actions: totalReadOnly,
      total_write_actions: totalWrite,
      aggregate_proposal_rate: ratio(totalProposals, totalTurns),
      aggregate_proposal_rate_std: proposalSpread.std,
      aggregate_proposal_rate_sem: proposalSpread.sem,
      aggregate_acceptance_rate: ratio(totalAcceptances, totalProposals),
      aggregate_acceptance_rate_std: acceptanceSpread.std,
      aggregate_acceptance_rate_sem: acceptanceSpread.sem,
      avg_read_only_actions: ratio(totalReadOnly, totalRuns),
      avg_read_only_actions_std: readOnlySpread.std,
      avg_read_only_actions_sem: readOnlySpread.sem,
      avg_write_actions: ratio(totalWrite, totalRuns),
      avg_write_actions_std: writeSpread.std,
      avg_write_actions_sem: writeSpread.sem,
    },
    stop_reasons: stopReasonCounts(all),
  };
}

/** The four columns that identify a config in reports. */
export interface ConfigKey {
  user_model: string | null;
  proactive_model: string | null;
  tool_failure_probability: number | null;
  num_env_events_per_minute: number | null;
}

function compareNullable(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function matches(column: string, value: string | number | null): pl.Expr {
  return value === null ? pl.col(column).isNull() : pl.col(column).eq(pl.lit(value));
}

/**
 * Splits a result frame by config (user model, proactive model, tool failure probability, env event rate), ordered
 * by those keys so that reports do not depend on polars' hash order.
 */
export function splitByConfig(df: pl.DataFrame): { key: ConfigKey; frame: pl.DataFrame }[] {
  if (df.height === 0) return [];
  const keys = df
    .select("user_model", "proactive_model", "tool_failure_probability", "num_env_events_per_minute")
    .unique()
    .toRecords() as unknown as ConfigKey[];
  keys.sort(
    (a, b) =>
      compareNullable(a.user_model, b.user_model) ||
      compareNullable(a.proactive_model, b.proactive_model) ||
      compareNullable(a.tool_failure_probability, b.tool_failure_probability) ||
      compareNullable(a.num_env_events_per_minute, b.num_env_events_per_minute),
  );
  return keys.map((key) => ({
    key: {
      user_model: key.user_model,
      proactive_model: key.proactive_model,
      tool_failure_probability: key.tool_failure_probability,
      num_env_events_per_minute: key.num_env_events_per_minute,
    },
    frame: df.filter(
      matches("user_model", key.user_model)
        .and(matches("proactive_model", key.proactive_model))
        .and(matches("tool_failure_probability", key.tool_failure_probability))
        .and(matches("num_env_events_per_minute", key.num_env_events_per_minute)),
    ),
  }));
}
