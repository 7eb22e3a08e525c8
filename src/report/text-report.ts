import type pl from "nodejs-polars";
import {
  type ConfigKey,
  type Statistics,
  type StatisticsOptions,
  type StopReasonCounts,
  statisticsByConfig,
  UNRECORDED_STOP_REASON,
} from "./statistics.js";

const float64View = new DataView(new ArrayBuffer(8));

/** |x| as mantissa × 2^exponent with an integer mantissa: the exact value of a finite double. */
function exactBinary(x: number): { mantissa: bigint; exponent: number } {
  float64View.setFloat64(0, Math.abs(x));
  const bits = float64View.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (biasedExponent === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biasedExponent - 1075 };
}

/**
 * Python's `f"{x:.{digits}f}"`: the exact binary value rounded to `digits` decimals, ties to even. `toFixed` differs
 * only on exact ties, which it rounds away from zero (0.125 → "0.13" where Python gives "0.12").
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0) throw new Error(`formatFixed: bad digit count ${digits}`);
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const negative = x < 0 || Object.is(x, -0);
  const { mantissa, exponent } = exactBinary(x);
  const scale = 10n ** BigInt(digits);
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * scale;
  } else {
    const numerator = mantissa * scale;
    const denominator = 1n << BigInt(-exponent);
    scaled = numerator / denominator;
    const twiceRemainder = (numerator % denominator) * 2n;
    if (twiceRemainder > denominator || (twiceRemainder === denominator && (scaled & 1n) === 1n))
      scaled += 1n;
  }
  let text = scaled.toString();
  if (digits > 0) {
    text = text.padStart(digits + 1, "0");
    text = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  }
  return negative ? `-${text}` : text;
}

/** Python's `repr(float)`: shortest round-trip digits, fixed notation for exponents -4..15, else `1e-05` style. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissaText = "", exponentText = "0"] = Math.abs(x).toExponential().split("e");
  const exponent = Number(exponentText);
  const digits = mantissaText.replace(".", "");
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    const intPart = digits.padEnd(exponent + 1, "0").slice(0, exponent + 1);
    const fracPart = digits.slice(exponent + 1) || "0";
    return `${sign}${intPart}.${fracPart}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exponent < 0 ? "-" : "+";
  return `${sign}${mantissa}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

/** Python's `repr(str)` for ordinary strings (single quotes unless the text contains one and no double quote). */
function pyStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replaceAll("\\", "\\\\").replaceAll(quote, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/** Python's repr of a `dict[str, float]`, in insertion order. */
export function pyDictRepr(weights: Record<string, number>): string {
  const items = Object.entries(weights).map(([key, value]) => `${pyStrRepr(key)}: ${pyFloatRepr(value)}`);
  return `{${items.join(", ")}}`;
}

/** Python f-string rendering of a config cell: floats as repr, integers plain, null as `None`. */
function pyCell(value: string | number | null, float: boolean): string {
  if (value === null) return "None";
  if (typeof value === "string") return value;
  return float ? pyFloatRepr(value) : String(value);
}

/** `max_turns 8, stop_event 2`; "n/a" when no row recorded one (files written before stop reasons were). */
function stopReasonsText(counts: StopReasonCounts): string {
  const entries = Object.entries(counts);
  if (entries.every(([reason]) => reason === UNRECORDED_STOP_REASON)) return "n/a (not recorded)";
  return entries.map(([reason, n]) => `${reason} ${n}`).join(", ");
}

function configBlock(key: ConfigKey, stats: Statistics): string[] {
  const g = stats.global;
  const p = stats.pas_metrics;
  const lines = [
    "",
    `=== Config: ${pyCell(key.user_model, false)} | ${pyCell(key.proactive_model, false)} | tool_fail=${pyCell(
      key.tool_failure_probability,
      true,
    )} | env_events=${pyCell(key.num_env_events_per_minute, false)} ===`,
    "",
    "=== Metadata ===",
    `  - Scenarios: ${g.total_scenarios} unique (${g.total_runs} total runs)`,
  ];
  if (g.no_validation_runs > 0 || g.exception_runs > 0 || g.error_runs > 0) {
    lines.push(`    - Validated runs (counted in success rate): ${g.validated_runs}`);
  }
  if (g.no_validation_runs > 0) lines.push(`    - No validation runs (not counted): ${g.no_validation_runs}`);
  // PARE's "Exception runs" line, replaced by the error lines when the runs carry error classes.
  if (g.exception_runs > 0 && g.error_runs === 0)
    lines.push(`    - Exception runs (counted as failures): ${g.exception_runs}`);
  lines.push(...errorLines(g));
  lines.push(`  - Stop reasons: ${stopReasonsText(stats.stop_reasons)}`);
  const f1 = (x: number): string => formatFixed(x, 1);
  const f3 = (x: number): string => formatFixed(x, 3);
  // A spread needs at least two runs per scenario; with one it is undefined, not zero.
  const spread = g.k >= 2;
  const pctSpread = (sem: number, std: number) =>
    spread ? ` +/- ${f1(sem)}% (STD: ${f1(std)}%)` : " +/- n/a (STD: n/a: one run per scenario)";
  const rawSpread = (sem: number, std: number, f: (x: number) => string) =>
    spread ? ` +/- ${f(sem)} (STD: ${f(std)})` : " +/- n/a (STD: n/a: one run per scenario)";
  const successRate =
    g.validated_runs > 0
      ? `${f1(g.success_rate)}%${pctSpread(g.success_rate_sem, g.success_rate_std)}`
      : "n/a (no run counted)";
  const proposalRate =
    p.total_turns > 0
      ? `${f3(p.aggregate_proposal_rate)}${rawSpread(p.aggregate_proposal_rate_sem, p.aggregate_proposal_rate_std, f3)}`
      : "n/a (no agent turns: proposals per turn is undefined)";
  const acceptanceRate =
    p.total_proposals > 0
      ? `${f1(p.aggregate_acceptance_rate * 100)}%${pctSpread(p.aggregate_acceptance_rate_sem * 100, p.aggregate_acceptance_rate_std * 100)}`
      : "n/a (no proposals)";
  lines.push(
    "",
    "=== Metrics ===",
    `  - Success rate: ${successRate}`,
    `  - Pass@${g.k}: ${g.pass_at_k} scenarios (${f1(g.pass_at_k_percent)}%)`,
    `  - Pass^${g.k}: ${g.pass_k} scenarios (${f1(g.pass_k_percent)}%)`,
    `  - Pass@${g.pass_at_k_unbiased_k} unbiased estimator: ${f1(g.pass_at_k_unbiased_percent)}% ` +
      `(${g.pass_at_k_unbiased_scenarios} scenarios with >= ${g.pass_at_k_unbiased_k} validated runs)`,
    `  - Avg run duration: ${f1(g.avg_run_duration)}s simulated (STD: ${f1(g.avg_run_duration_std)}s)`,
    `  - Job duration: ${f1(g.job_duration)}s simulated (the runs' durations summed; wall time is in run_manifest.json)`,
    `  - Total proposals: ${p.total_proposals}`,
    `  - Total acceptances: ${p.total_acceptances}`,
    `  - Total turns: ${p.total_turns}`,
    `  - Proposal rate: ${proposalRate}`,
    `  - Acceptance rate: ${acceptanceRate}`,
    `  - Avg read-only actions: ${f1(p.avg_read_only_actions)}${rawSpread(p.avg_read_only_actions_sem, p.avg_read_only_actions_std, f1)}`,
    `  - Avg write actions: ${f1(p.avg_write_actions)}${rawSpread(p.avg_write_actions_sem, p.avg_write_actions_std, f1)}`,
  );
  return lines;
}

/**
 * The error lines of a Metadata block: every run that ended in an error, by who is at fault, and what the
 * success rate did with the infrastructure errors (left out by default; counted as failures when asked).
 */
function errorLines(g: Statistics["global"]): string[] {
  if (g.error_runs === 0) return [];
  const classes: [string, number][] = [
    ["infrastructure", g.infrastructure_error_runs],
    ["model", g.model_error_runs],
    ["scenario", g.scenario_error_runs],
    ["configuration", g.configuration_error_runs],
  ];
  const classified = classes.reduce((sum, [, n]) => sum + n, 0);
  if (g.error_runs > classified) classes.push(["unclassified", g.error_runs - classified]);
  const parts = classes.filter(([, n]) => n > 0).map(([name, n]) => `${name} ${n}`);
  const counted = g.errors_counted_as_failures ? g.error_runs : g.error_runs - g.infrastructure_error_runs;
  const lines = [
    `    - Error runs: ${g.error_runs} (${parts.join(", ")})${counted > 0 ? `; ${counted} counted as failures` : ""}`,
  ];
  if (g.infrastructure_error_runs > 0)
    lines.push(
      g.errors_counted_as_failures
        ? `    - Infrastructure errors (counted as failures): ${g.infrastructure_error_runs}`
        : `    - Infrastructure errors (excluded from every rate and average): ${g.excluded_runs}`,
    );
  return lines;
}

/**
 * The text report of spec §12.5, one Config/Metadata/Metrics block per config, plus a stop-reason line at the end of
 * the Metadata block and an unbiased pass@k line after the Pass^k line. `generatedAt` is printed as given; no trailing newline.
 */
export function generateValidationReport(
  df: pl.DataFrame,
  split: string,
  generatedAt: string,
  weights?: Record<string, number>,
  options: StatisticsOptions = {},
): string {
  const lines = ["", "=== PARE Validation Report ===", `Split: ${split}`];
  // An empty mapping prints nothing, as in the original (an empty dict is falsy there).
  if (weights && Object.keys(weights).length > 0) lines.push(`Weight per app class: ${pyDictRepr(weights)}`);
  lines.push(`Generated: ${generatedAt}`);
  for (const { key, statistics } of statisticsByConfig(df, options))
    lines.push(...configBlock(key, statistics));
  return lines.join("\n");
}
