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

/**
 * Polars expressions used by the statistics, built once: creating an expression from JS is costly (each wraps
 * hundreds of methods), and these depend on no data. Built on first use, not at import.
 */
function makeExpressions() {
  const count = pl.len().alias("n");
  const statusIs = (status: string) => pl.col("status").eq(pl.lit(status)).sum();
  return {
    count,
    notInfrastructure: pl
      .col("error_class")
      .isNull()
      .or(pl.col("error_class").neq(pl.lit("infrastructure"))),
    /** Over every row of a config (errors included). */
    allRows: [
      statusIs("success").alias("success_runs"),
      statusIs("failed").alias("failed_runs"),
      statusIs("exception").alias("exception_runs"),
      statusIs("no_validation").alias("no_validation_runs"),
      pl.col("has_exception").cast(pl.Int64).sum().alias("error_runs"),
      pl.col("base_scenario_id").nUnique().alias("total_scenarios"),
      pl.col("job_duration").mean().alias("job_duration"),
    ],
    /** Over the scored rows. */
    totals: [
      pl.len().alias("total_runs"),
      pl.col("success_numeric").isNotNull().sum().alias("validated_runs"),
      pl.col("success_numeric").mean().alias("success_mean"),
      pl.col("base_scenario_id").nUnique().alias("total_scenarios"),
      pl.col("run_duration").mean().alias("avg_run_duration"),
      pl.col("run_duration").std().alias("avg_run_duration_std"),
      pl.col("proposal_count").sum().alias("total_proposals"),
      pl.col("acceptance_count").sum().alias("total_acceptances"),
      pl.col("number_of_turns").sum().alias("total_turns"),
      pl.col("read_only_actions").sum().alias("total_read_only_actions"),
      pl.col("write_actions").sum().alias("total_write_actions"),
      pl.col("run_number").nullCount().alias("null_run_numbers"),
    ],
    perScenario: [
      pl.len().alias("rows"),
      pl.col("success_numeric").isNotNull().sum().alias("n"),
      pl.col("success_numeric").sum().alias("c"),
      pl.col("success_numeric").mean().alias("mean"),
    ],
    passCounts: [
      pl.col("mean").gt(0).sum().alias("pass_at_k"),
      pl.col("mean").eq(1).sum().alias("pass_k"),
      pl.col("rows").max().alias("k"),
    ],
    runNumberSet: pl.col("run_number").isNotNull(),
    perRun: [
      pl.len().cast(pl.Float64).alias("rows"),
      pl.col("success_numeric").mean().alias("success_mean"),
      f64("proposal_count").sum().alias("proposals"),
      f64("acceptance_count").sum().alias("acceptances"),
      f64("number_of_turns").sum().alias("turns"),
      f64("read_only_actions").sum().alias("read_only"),
      f64("write_actions").sum().alias("write"),
    ],
    /** Run-level quantities whose spread is reported, each as column "v". */
    runLevel: {
      success: pl.col("success_mean").mul(100).alias("v"),
      proposal: pl
        .when(pl.col("turns").gt(0))
        .then(pl.col("proposals").div(pl.col("turns")))
        .otherwise(pl.lit(null))
        .alias("v"),
      acceptance: pl
        .when(pl.col("proposals").gt(0))
        .then(pl.col("acceptances").div(pl.col("proposals")))
        .otherwise(pl.lit(null))
        .alias("v"),
      readOnly: pl.col("read_only").div(pl.col("rows")).alias("v"),
      write: pl.col("write").div(pl.col("rows")).alias("v"),
    },
    valueSet: pl.col("v").isNotNull(),
    valueStd: pl.col("v").std(),
  };
}

let expressions: ReturnType<typeof makeExpressions> | null = null;
const exprs = () => {
  expressions ??= makeExpressions();
  return expressions;
};

/** Rows per value of `column` (null included), read from a grouped frame: a few rows, not one JS value per row. */
function countsBy(df: pl.DataFrame, column: string): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  if (!df.columns.includes(column) || df.height === 0) return counts;
  for (const record of df.groupBy(column).agg(exprs().count).toRecords()) {
    counts.set(record[column] as string | null, numberOf(record.n));
  }
  return counts;
}

function stopReasonCounts(df: pl.DataFrame): StopReasonCounts {
  const counts = new Map<string, number>();
  if (df.columns.includes("stop_reason")) {
    for (const [value, n] of countsBy(df, "stop_reason")) {
      const key = value ?? UNRECORDED_STOP_REASON;
      counts.set(key, (counts.get(key) ?? 0) + n);
    }
  } else if (df.height > 0) {
    counts.set(UNRECORDED_STOP_REASON, df.height);
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

function errorClassCounts(df: pl.DataFrame): Record<ErrorClass, number> {
  const byClass = Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as Record<ErrorClass, number>;
  for (const [value, n] of countsBy(df, "error_class"))
    if (value !== null && value in byClass) byClass[value as ErrorClass] += n;
  return byClass;
}

/**
 * The rows that count in rates and averages: all, or all but those that ended in an infrastructure error; in one
 * chunk (see `oneChunk`).
 */
export function scoredRows(df: pl.DataFrame, countErrorsAsFailures = false): pl.DataFrame {
  if (countErrorsAsFailures || !df.columns.includes("error_class")) return df;
  return oneChunk(df.filter(exprs().notInfrastructure));
}

/**
 * `df` with every column in one chunk. Polars sums floats chunk by chunk (pairwise within a chunk, then the chunk
 * sums in order), and a filter splits its output into one chunk per thread when the frame has at least as many
 * columns as polars has threads: without this, float means and spreads (run durations, job duration, run-level
 * rates) would change in their last digits with the machine's thread count (POLARS_MAX_THREADS) or with how the
 * rows were read. In one chunk they depend only on the rows and their order. A column already in one chunk is not
 * copied.
 */
function oneChunk(df: pl.DataFrame): pl.DataFrame {
  return df.rechunk();
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

/** A polars cell as a number (integers may come back as bigint); null gives 0. */
function numberOf(value: unknown): number {
  return typeof value === "number" ? value : value == null ? 0 : Number(value);
}

/** The first row of a (one-row) frame, as numbers by column; null cells give 0. */
function firstRow(frame: pl.DataFrame): (name: string) => number {
  const record = frame.toRecords()[0] ?? {};
  return (name) => numberOf(record[name]);
}

const f64 = (name: string): pl.Expr => pl.col(name).cast(pl.Float64);

/**
 * Sample STD (ddof 1) and SEM of the non-null values of a run-level quantity. Fewer than two values give 0,
 * so a single run (or no run numbers at all) reports no spread, as PARE does.
 */
function runLevelSpread(runs: pl.DataFrame, value: pl.Expr): { std: number; sem: number } {
  const e = exprs();
  const values = oneChunk(runs.select(value).filter(e.valueSet));
  if (values.height < 2) return { std: 0, sem: 0 };
  const std = firstRow(values.select(e.valueStd))("v");
  return { std, sem: std / Math.sqrt(values.height) };
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/** The global statistics and proactive-assistant metrics of spec §12.5, computed from a result frame. */
export function calculateStatistics(frame: pl.DataFrame, options: StatisticsOptions = {}): Statistics {
  const e = exprs();
  const countAsFailures = options.countErrorsAsFailures === true;
  const all = statisticsColumns(frame);
  const byClass = errorClassCounts(all);
  // Every row of the config, errors included: status counts, errors, scenarios and the job duration.
  const overAll = all.height > 0 ? firstRow(all.select(...e.allRows)) : () => 0;
  const errors: ErrorCounts = {
    error_runs: overAll("error_runs"),
    configuration_error_runs: byClass.configuration,
    scenario_error_runs: byClass.scenario,
    model_error_runs: byClass.model,
    infrastructure_error_runs: byClass.infrastructure,
  };
  const statuses = {
    success_runs: overAll("success_runs"),
    failed_runs: overAll("failed_runs"),
    exception_runs: overAll("exception_runs"),
    no_validation_runs: overAll("no_validation_runs"),
  };
  const df = scoredRows(all, countAsFailures);
  const accounting = {
    ...errors,
    excluded_runs: all.height - df.height,
    errors_counted_as_failures: countAsFailures,
  };
  const jobDuration = overAll("job_duration");
  if (df.height === 0) {
    const empty = emptyStatistics();
    return {
      ...empty,
      global: {
        ...empty.global,
        ...accounting,
        ...statuses,
        total_runs: all.height,
        total_scenarios: overAll("total_scenarios"),
        job_duration: jobDuration,
      },
      stop_reasons: stopReasonCounts(all),
    };
  }

  const t = firstRow(df.select(...e.totals));
  const totalRuns = t("total_runs");
  const allRuns = all.height;
  // Pass@k and pass^k are over the scenarios that have a counted run; `total_scenarios` names every scenario.
  const scoredScenarios = t("total_scenarios");
  const totalScenarios = allRuns === totalRuns ? scoredScenarios : overAll("total_scenarios");

  // Per scenario: rows, validated runs (n), successes (c) and mean success. Sorted so float sums are reproducible.
  const perScenario = df
    .groupBy("base_scenario_id")
    .agg(...e.perScenario)
    .sort("base_scenario_id");
  const pass = firstRow(perScenario.select(...e.passCounts));
  const passAtK = pass("pass_at_k");
  const passK = pass("pass_k");
  // Spec: rows per scenario if identical for all scenarios, else the maximum — which is the maximum either way.
  const k = pass("k");

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
  // Only integer sums and 0/1 means per run, exact in any chunking and row order: no need to filter (or rechunk)
  // when every run is numbered.
  const numbered = t("null_run_numbers") === 0 ? df : df.filter(e.runNumberSet);
  const runs = numbered
    .groupBy("run_number")
    .agg(...e.perRun)
    .sort("run_number");
  const successSpread = runLevelSpread(runs, e.runLevel.success);
  const proposalSpread = runLevelSpread(runs, e.runLevel.proposal);
  const acceptanceSpread = runLevelSpread(runs, e.runLevel.acceptance);
  const readOnlySpread = runLevelSpread(runs, e.runLevel.readOnly);
  const writeSpread = runLevelSpread(runs, e.runLevel.write);

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
      ...statuses,
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
      job_duration: jobDuration,
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

const CONFIG_KEY_COLUMNS = [
  "user_model",
  "proactive_model",
  "tool_failure_probability",
  "num_env_events_per_minute",
];

/**
 * Splits a result frame by config (user model, proactive model, tool failure probability, env event rate), ordered
 * by those keys so that reports do not depend on polars' hash order.
 */
export function splitByConfig(df: pl.DataFrame): { key: ConfigKey; frame: pl.DataFrame }[] {
  if (df.height === 0) return [];
  const keys = df
    .select(...CONFIG_KEY_COLUMNS)
    .unique()
    .toRecords() as unknown as ConfigKey[];
  keys.sort(
    (a, b) =>
      compareNullable(a.user_model, b.user_model) ||
      compareNullable(a.proactive_model, b.proactive_model) ||
      compareNullable(a.tool_failure_probability, b.tool_failure_probability) ||
      compareNullable(a.num_env_events_per_minute, b.num_env_events_per_minute),
  );
  const keyOf = (key: ConfigKey): ConfigKey => ({
    user_model: key.user_model,
    proactive_model: key.proactive_model,
    tool_failure_probability: key.tool_failure_probability,
    num_env_events_per_minute: key.num_env_events_per_minute,
  });
  return keys.map((key) => ({
    key: keyOf(key),
    frame: df.filter(
      matches("user_model", key.user_model)
        .and(matches("proactive_model", key.proactive_model))
        .and(matches("tool_failure_probability", key.tool_failure_probability))
        .and(matches("num_env_events_per_minute", key.num_env_events_per_minute)),
    ),
  }));
}

/** The columns `calculateStatistics` reads. */
const STATISTICS_COLUMNS = [
  "base_scenario_id",
  "run_number",
  "success_numeric",
  "status",
  "has_exception",
  "run_duration",
  "job_duration",
  "proposal_count",
  "acceptance_count",
  "read_only_actions",
  "write_actions",
  "number_of_turns",
  "error_class",
  "stop_reason",
];

/** `df` with only the columns in `keep` (and in `df`): filtering then copies no text the statistics never read. */
function narrow(df: pl.DataFrame, keep: ReadonlySet<string>): pl.DataFrame {
  const names = df.columns.filter((name) => keep.has(name));
  return names.length === df.width ? df : df.select(...names);
}

const STATISTICS_COLUMN_SET = new Set(STATISTICS_COLUMNS);
const REPORT_COLUMN_SET = new Set([...CONFIG_KEY_COLUMNS, ...STATISTICS_COLUMNS]);

/** The columns the statistics read, each in one chunk (the frame may come from a filter or from several files). */
function statisticsColumns(df: pl.DataFrame): pl.DataFrame {
  return oneChunk(narrow(df, STATISTICS_COLUMN_SET));
}

/** The statistics of every config of a result frame, in `splitByConfig` order. */
export function statisticsByConfig(
  df: pl.DataFrame,
  options: StatisticsOptions = {},
): { key: ConfigKey; statistics: Statistics }[] {
  return splitByConfig(narrow(df, REPORT_COLUMN_SET)).map(({ key, frame }) => ({
    key,
    statistics: calculateStatistics(frame, options),
  }));
}
