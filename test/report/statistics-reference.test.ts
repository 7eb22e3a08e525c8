import { describe, expect, it } from "vitest";
import { calculateStatistics, passAtKUnbiased, type Statistics } from "../../src/report/statistics.js";
import {
  type ExceptionKind,
  MultiScenarioValidationResult,
  type ResultCell,
  ScenarioValidationResult,
  StopReason,
} from "../../src/scenarios/validation-result.js";
import { seededRandom } from "./golden-results.js";

/**
 * A naive reference of the statistics, in plain JS over the result columns, written from the spec's definitions
 * rather than from the polars code: it checks the polars expressions (built once, merged into fewer selects,
 * read back in bulk) on random result sets.
 */
function naiveStatistics(
  columns: Record<string, ResultCell[]>,
  options: { countErrorsAsFailures?: boolean; unbiasedK?: number },
): {
  counts: Record<string, number | boolean>;
  floats: Record<string, number>;
  stopReasons: Record<string, number>;
} {
  const n = columns.base_scenario_id!.length;
  const rows = Array.from({ length: n }, (_, i) => {
    const row: Record<string, ResultCell> = {};
    for (const [name, values] of Object.entries(columns)) row[name] = values[i] ?? null;
    return row;
  });
  const count = (xs: typeof rows, pred: (r: Record<string, ResultCell>) => boolean) => xs.filter(pred).length;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const mean = (xs: number[]) => (xs.length > 0 ? sum(xs) / xs.length : 0);
  const std = (xs: number[]) => {
    if (xs.length < 2) return 0;
    const m = mean(xs);
    return Math.sqrt(sum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1));
  };
  const spread = (xs: (number | null)[]) => {
    const values = xs.filter((x): x is number => x !== null);
    const s = std(values);
    return { std: s, sem: values.length < 2 ? 0 : s / Math.sqrt(values.length) };
  };
  const byClass = (cls: string) => count(rows, (r) => r.error_class === cls);
  const scored = options.countErrorsAsFailures
    ? rows
    : rows.filter((r) => r.error_class !== "infrastructure");
  const scenarios = (xs: typeof rows) => new Set(xs.map((r) => r.base_scenario_id)).size;
  const validated = scored.filter((r) => r.success_numeric !== null);
  const perScenario = new Map<string, { rows: number; n: number; c: number }>();
  for (const r of scored) {
    const s = perScenario.get(r.base_scenario_id as string) ?? { rows: 0, n: 0, c: 0 };
    s.rows += 1;
    if (r.success_numeric !== null) {
      s.n += 1;
      s.c += r.success_numeric as number;
    }
    perScenario.set(r.base_scenario_id as string, s);
  }
  const k = Math.max(1, ...[...perScenario.values()].map((s) => s.rows));
  const unbiasedK = options.unbiasedK ?? k;
  const eligible = [...perScenario.values()].filter((s) => s.n >= unbiasedK && unbiasedK >= 1);
  const perRun = new Map<number, typeof rows>();
  for (const r of scored) {
    if (r.run_number === null) continue;
    perRun.set(r.run_number as number, [...(perRun.get(r.run_number as number) ?? []), r]);
  }
  const runs = [...perRun.values()];
  const total = (xs: typeof rows, name: string) => sum(xs.map((r) => r[name] as number));
  const runSuccess = runs.map((xs) => {
    const v = xs.filter((r) => r.success_numeric !== null);
    return v.length > 0 ? mean(v.map((r) => r.success_numeric as number)) * 100 : null;
  });
  const runProposal = runs.map((xs) =>
    total(xs, "number_of_turns") > 0 ? total(xs, "proposal_count") / total(xs, "number_of_turns") : null,
  );
  const runAcceptance = runs.map((xs) =>
    total(xs, "proposal_count") > 0 ? total(xs, "acceptance_count") / total(xs, "proposal_count") : null,
  );
  const proposals = total(scored, "proposal_count");
  const turns = total(scored, "number_of_turns");
  const stopReasons: Record<string, number> = {};
  for (const reason of [...StopReason.options, null]) {
    const c = count(rows, (r) => r.stop_reason === reason);
    if (c > 0) stopReasons[reason ?? "unrecorded"] = c;
  }
  const durations = scored.map((r) => r.run_duration as number);
  const hasScored = scored.length > 0;
  return {
    counts: {
      total_runs: n,
      validated_runs: hasScored ? validated.length : 0,
      success_runs: count(rows, (r) => r.status === "success"),
      failed_runs: count(rows, (r) => r.status === "failed"),
      exception_runs: count(rows, (r) => r.status === "exception"),
      no_validation_runs: count(rows, (r) => r.status === "no_validation"),
      pass_at_k: hasScored ? [...perScenario.values()].filter((s) => s.n > 0 && s.c > 0).length : 0,
      pass_k: hasScored ? [...perScenario.values()].filter((s) => s.n > 0 && s.c === s.n).length : 0,
      pass_at_k_unbiased_k: hasScored ? unbiasedK : 1,
      pass_at_k_unbiased_scenarios: hasScored ? eligible.length : 0,
      total_scenarios: scenarios(rows),
      k: hasScored ? k : 1,
      error_runs: count(rows, (r) => r.has_exception === true),
      configuration_error_runs: byClass("configuration"),
      scenario_error_runs: byClass("scenario"),
      model_error_runs: byClass("model"),
      infrastructure_error_runs: byClass("infrastructure"),
      excluded_runs: n - scored.length,
      errors_counted_as_failures: options.countErrorsAsFailures === true,
      total_proposals: hasScored ? proposals : 0,
      total_acceptances: hasScored ? total(scored, "acceptance_count") : 0,
      total_turns: hasScored ? turns : 0,
      total_read_only_actions: hasScored ? total(scored, "read_only_actions") : 0,
      total_write_actions: hasScored ? total(scored, "write_actions") : 0,
    },
    floats: hasScored
      ? {
          success_rate: mean(validated.map((r) => r.success_numeric as number)) * 100,
          success_rate_std: spread(runSuccess).std,
          success_rate_sem: spread(runSuccess).sem,
          pass_at_k_percent:
            ([...perScenario.values()].filter((s) => s.n > 0 && s.c > 0).length / perScenario.size) * 100,
          pass_at_k_unbiased_percent:
            eligible.length > 0
              ? (sum(eligible.map((s) => passAtKUnbiased(s.n, s.c, unbiasedK))) / eligible.length) * 100
              : 0,
          avg_run_duration: mean(durations),
          avg_run_duration_std: std(durations),
          job_duration: mean(rows.map((r) => r.job_duration as number)),
          aggregate_proposal_rate: turns > 0 ? proposals / turns : 0,
          aggregate_proposal_rate_std: spread(runProposal).std,
          aggregate_acceptance_rate: proposals > 0 ? total(scored, "acceptance_count") / proposals : 0,
          aggregate_acceptance_rate_sem: spread(runAcceptance).sem,
          avg_read_only_actions: total(scored, "read_only_actions") / scored.length,
          avg_read_only_actions_std: spread(runs.map((xs) => total(xs, "read_only_actions") / xs.length)).std,
          avg_write_actions_sem: spread(runs.map((xs) => total(xs, "write_actions") / xs.length)).sem,
        }
      : { job_duration: n > 0 ? mean(rows.map((r) => r.job_duration as number)) : 0, success_rate: 0 },
    stopReasons,
  };
}

const KINDS: ExceptionKind[] = ["agent", "infrastructure", "scenario", "timeout", "config"];

function randomResults(rng: () => number): MultiScenarioValidationResult {
  const multi = new MultiScenarioValidationResult({ userModel: "u", observeModel: "o", executeModel: "e" });
  const scenarios = 1 + Math.floor(rng() * 40);
  const runs = 1 + Math.floor(rng() * 6);
  const errorRate = [0, 0.2, 1][Math.floor(rng() * 3)] as number;
  for (let s = 0; s < scenarios; s++) {
    for (let r = 1; r <= runs; r++) {
      if (rng() < 0.1) continue;
      const kind = KINDS[Math.floor(rng() * KINDS.length)] as ExceptionKind;
      const exception = rng() < errorRate ? { type: "E", message: "m", kind } : null;
      const verdict = rng();
      const proposals = Math.floor(rng() * 4);
      multi.addResult(
        new ScenarioValidationResult({
          success: exception && verdict < 0.5 ? null : verdict < 0.1 ? null : verdict < 0.6,
          exception,
          duration: rng() * 100,
          proposalCount: proposals,
          acceptanceCount: Math.floor(rng() * (proposals + 1)),
          readOnlyActions: Math.floor(rng() * 9),
          writeActions: Math.floor(rng() * 3),
          numberOfTurns: Math.floor(rng() * 10),
          stopReason: StopReason.options[Math.floor(rng() * (StopReason.options.length + 1))] ?? null,
        }),
        `s${s}`,
        rng() < 0.1 ? null : r,
      );
    }
  }
  multi.duration = rng() * 1000;
  return multi;
}

function compare(stats: Statistics, expected: ReturnType<typeof naiveStatistics>, label: string): void {
  const actual: Record<string, unknown> = { ...stats.global, ...stats.pas_metrics };
  for (const [name, value] of Object.entries(expected.counts))
    expect(actual[name], `${label} ${name}`).toBe(value);
  for (const [name, value] of Object.entries(expected.floats)) {
    const got = actual[name] as number;
    expect(Math.abs(got - value), `${label} ${name}: ${got} vs ${value}`).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(value)),
    );
  }
  expect(stats.stop_reasons, `${label} stop reasons`).toEqual(expected.stopReasons);
}

describe("calculateStatistics against a naive reference", () => {
  it("agrees on random result sets (errors, missing verdicts and run numbers, one or many runs)", () => {
    const rng = seededRandom(2026);
    for (let round = 0; round < 40; round++) {
      const multi = randomResults(rng);
      const frame = multi.toPolars();
      const columns = multi.toColumns();
      for (const options of [{}, { countErrorsAsFailures: true }, { unbiasedK: 2 }]) {
        const label = `round ${round} ${JSON.stringify(options)} (${multi.size} rows)`;
        if (multi.size === 0) continue;
        compare(calculateStatistics(frame, options), naiveStatistics(columns, options), label);
      }
    }
  });
});
