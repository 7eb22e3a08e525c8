import { describe, expect, it } from "vitest";
import { calculateStatistics, passAtKUnbiased, splitByConfig } from "../../src/report/statistics.js";
import {
  emptyResultFrame,
  MultiScenarioValidationResult,
  ScenarioValidationResult,
} from "../../src/scenarios/validation-result.js";
import { RUN_COLUMNS, verifiedExample } from "./fixtures.js";

const result = (init: ConstructorParameters<typeof ScenarioValidationResult>[0]) =>
  new ScenarioValidationResult(init);

describe("calculateStatistics on the verified example (2 scenarios x 2 runs)", () => {
  const stats = calculateStatistics(verifiedExample().toPolars());
  const g = stats.global;
  const p = stats.pas_metrics;

  it("counts runs and statuses", () => {
    expect(g.total_runs).toBe(4);
    expect(g.validated_runs).toBe(4);
    expect(g.success_runs).toBe(3);
    expect(g.failed_runs).toBe(1);
    expect(g.exception_runs).toBe(0);
    expect(g.no_validation_runs).toBe(0);
    expect(g.total_scenarios).toBe(2);
    expect(g.k).toBe(2);
  });

  it("computes the success rate with STD/SEM over run-level rates", () => {
    // run 1: 100 %, run 2: 50 % -> sample std sqrt(2 * 25^2) = 35.355..., SEM = std / sqrt(2) = 25
    expect(g.success_rate).toBeCloseTo(75, 10);
    expect(g.success_rate_std).toBeCloseTo(35.35533905932738, 10);
    expect(g.success_rate_sem).toBeCloseTo(25, 10);
  });

  it("computes pass@k, pass^k and the unbiased estimator", () => {
    expect(g.pass_at_k).toBe(2);
    expect(g.pass_at_k_percent).toBe(100);
    expect(g.pass_k).toBe(1);
    expect(g.pass_k_percent).toBe(50);
    // n = k = 2 for both scenarios: the estimator equals the any-success indicator.
    expect(g.pass_at_k_unbiased_k).toBe(2);
    expect(g.pass_at_k_unbiased_scenarios).toBe(2);
    expect(g.pass_at_k_unbiased_percent).toBeCloseTo(100, 10);
  });

  it("computes durations", () => {
    expect(g.avg_run_duration).toBeCloseTo(25, 10);
    expect(g.avg_run_duration_std).toBeCloseTo(12.909944487358056, 10);
    expect(g.job_duration).toBe(100);
  });

  it("computes totals and aggregate rates with run-level spread", () => {
    expect(p.total_proposals).toBe(4);
    expect(p.total_acceptances).toBe(3);
    expect(p.total_turns).toBe(40);
    expect(p.total_read_only_actions).toBe(22);
    expect(p.total_write_actions).toBe(0);
    // run-level proposal rates 3/20 and 1/20
    expect(p.aggregate_proposal_rate).toBeCloseTo(0.1, 12);
    expect(p.aggregate_proposal_rate_std).toBeCloseTo(Math.SQRT2 * 0.05, 12);
    expect(p.aggregate_proposal_rate_sem).toBeCloseTo(0.05, 12);
    // run-level acceptance rates 2/3 and 1/1
    expect(p.aggregate_acceptance_rate).toBeCloseTo(0.75, 12);
    expect(p.aggregate_acceptance_rate_std).toBeCloseTo(0.23570226039551587, 12);
    expect(p.aggregate_acceptance_rate_sem).toBeCloseTo(1 / 6, 12);
    // run-level read-only averages 10/2 and 12/2
    expect(p.avg_read_only_actions).toBeCloseTo(5.5, 12);
    expect(p.avg_read_only_actions_std).toBeCloseTo(Math.SQRT1_2, 12);
    expect(p.avg_read_only_actions_sem).toBeCloseTo(0.5, 12);
    expect(p.avg_write_actions).toBe(0);
    expect(p.avg_write_actions_std).toBe(0);
    expect(p.avg_write_actions_sem).toBe(0);
  });

  it("uses a caller-chosen k for the unbiased estimator", () => {
    const s = calculateStatistics(verifiedExample().toPolars(), { unbiasedK: 1 });
    // pass@1 = mean of c/n over scenarios = (2/2 + 1/2) / 2
    expect(s.global.pass_at_k_unbiased_percent).toBeCloseTo(75, 10);
    expect(s.global.pass_at_k_unbiased_k).toBe(1);
    expect(s.global.k).toBe(2);
  });
});

describe("calculateStatistics edge cases", () => {
  it("returns zeros and k = 1 for an empty frame", () => {
    const stats = calculateStatistics(emptyResultFrame());
    expect(stats.global.k).toBe(1);
    const { k: _k, pass_at_k_unbiased_k: _uk, errors_counted_as_failures: counted, ...rest } = stats.global;
    expect(counted).toBe(false);
    for (const value of Object.values(rest)) expect(value).toBe(0);
    for (const value of Object.values(stats.pas_metrics)) expect(value).toBe(0);
  });

  it("reports no spread when run numbers are null (single run)", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS, 5);
    multi.addResult(
      result({ success: true, proposalCount: 2, numberOfTurns: 10, readOnlyActions: 3 }),
      "a",
      null,
    );
    multi.addResult(
      result({ success: false, proposalCount: 1, numberOfTurns: 10, readOnlyActions: 1 }),
      "b",
      null,
    );
    const stats = calculateStatistics(multi.toPolars());
    expect(stats.global.success_rate).toBe(50);
    expect(stats.global.success_rate_std).toBe(0);
    expect(stats.global.success_rate_sem).toBe(0);
    expect(stats.global.k).toBe(1);
    expect(stats.pas_metrics.aggregate_proposal_rate).toBeCloseTo(0.15, 12);
    expect(stats.pas_metrics.aggregate_proposal_rate_std).toBe(0);
    expect(stats.pas_metrics.avg_read_only_actions).toBe(2);
    expect(stats.pas_metrics.avg_read_only_actions_sem).toBe(0);
  });

  it("keeps unvalidated runs out of the success rate but in the scenario count", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS);
    multi.addResult(result({ success: true }), "a", 1);
    multi.addResult(result({ success: false }), "a", 2);
    multi.addResult(result({ success: null }), "b", 1);
    multi.addResult(
      result({ success: null, exception: { type: "OSError", message: "EMFILE", kind: "infrastructure" } }),
      "b",
      2,
    );
    multi.addResult(result({ success: false }), "c", 1);
    multi.addResult(result({ success: false }), "c", 2);
    const g = calculateStatistics(multi.toPolars()).global;
    expect(g.total_runs).toBe(6);
    expect(g.validated_runs).toBe(4);
    expect(g.no_validation_runs).toBe(1);
    expect(g.exception_runs).toBe(1);
    expect(g.success_rate).toBe(25);
    // run 1: a ok, c failed -> 50 %; run 2: a, c failed -> 0 %
    expect(g.success_rate_std).toBeCloseTo(Math.sqrt(2) * 25, 10);
    expect(g.pass_at_k).toBe(1);
    expect(g.pass_at_k_percent).toBeCloseTo(100 / 3, 10);
    expect(g.pass_k).toBe(0);
    expect(g.total_scenarios).toBe(3);
    // b has no validated run, so only a and c enter the estimator: (1 + 0) / 2
    expect(g.pass_at_k_unbiased_scenarios).toBe(2);
    expect(g.pass_at_k_unbiased_percent).toBe(50);
  });

  it("takes k as the maximum when scenarios have different run counts", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS);
    for (const run of [1, 2, 3]) multi.addResult(result({ success: true }), "a", run);
    multi.addResult(result({ success: true }), "b", 1);
    const g = calculateStatistics(multi.toPolars()).global;
    expect(g.k).toBe(3);
    expect(g.pass_k).toBe(2);
    expect(g.pass_at_k_unbiased_scenarios).toBe(1);
  });

  it("skips runs with no turns or no proposals in the run-level rates", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS);
    multi.addResult(
      result({ success: true, proposalCount: 2, acceptanceCount: 1, numberOfTurns: 10 }),
      "a",
      1,
    );
    multi.addResult(
      result({ success: true, proposalCount: 4, acceptanceCount: 4, numberOfTurns: 10 }),
      "a",
      2,
    );
    multi.addResult(result({ success: true, proposalCount: 0, numberOfTurns: 0 }), "a", 3);
    const p = calculateStatistics(multi.toPolars()).pas_metrics;
    expect(p.aggregate_proposal_rate).toBeCloseTo(0.3, 12);
    // run-level proposal rates 0.2 and 0.4 (run 3 has no turns)
    expect(p.aggregate_proposal_rate_std).toBeCloseTo(Math.SQRT2 * 0.1, 12);
    expect(p.aggregate_proposal_rate_sem).toBeCloseTo(0.1, 12);
    // run-level acceptance rates 0.5 and 1.0 (run 3 has no proposals)
    expect(p.aggregate_acceptance_rate).toBeCloseTo(5 / 6, 12);
    expect(p.aggregate_acceptance_rate_std).toBeCloseTo(Math.SQRT2 * 0.25, 12);
  });

  it("gives a zero duration STD for a single row", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS, 7);
    multi.addResult(result({ success: true, duration: 3 }), "a");
    const g = calculateStatistics(multi.toPolars()).global;
    expect(g.avg_run_duration).toBe(3);
    expect(g.avg_run_duration_std).toBe(0);
    expect(g.job_duration).toBe(7);
  });
});

describe("passAtKUnbiased", () => {
  it("matches 1 - C(n-c,k)/C(n,k) on hand-computed cases", () => {
    expect(passAtKUnbiased(5, 2, 2)).toBeCloseTo(1 - 3 / 10, 12);
    expect(passAtKUnbiased(10, 3, 5)).toBeCloseTo(1 - 21 / 252, 12);
    expect(passAtKUnbiased(4, 1, 1)).toBeCloseTo(0.25, 12);
    expect(passAtKUnbiased(3, 0, 2)).toBe(0);
    expect(passAtKUnbiased(3, 2, 2)).toBe(1);
  });

  it("stays finite where binomial coefficients would overflow", () => {
    // C(199,100)/C(200,100) = 100/200
    expect(passAtKUnbiased(200, 1, 100)).toBeCloseTo(0.5, 10);
    expect(passAtKUnbiased(2000, 1000, 1000)).toBeLessThanOrEqual(1);
    expect(Number.isFinite(passAtKUnbiased(2000, 3, 1000))).toBe(true);
  });

  it("rejects k > n and non-integers", () => {
    expect(() => passAtKUnbiased(2, 1, 3)).toThrow();
    expect(() => passAtKUnbiased(2.5, 1, 1)).toThrow();
  });
});

describe("splitByConfig", () => {
  it("orders configs by their keys", () => {
    const a = new MultiScenarioValidationResult({
      ...RUN_COLUMNS,
      observeModel: "zeta",
      toolFailureProbability: 0.1,
    });
    a.addResult(result({ success: true }), "x");
    const b = new MultiScenarioValidationResult({ ...RUN_COLUMNS, observeModel: "alpha" });
    b.addResult(result({ success: true }), "x");
    b.addResult(result({ success: false }), "y");
    const c = new MultiScenarioValidationResult({ ...RUN_COLUMNS, observeModel: "zeta" });
    c.addResult(result({ success: true }), "x");
    const frame = a.toPolars().vstack(b.toPolars()).vstack(c.toPolars());
    const groups = splitByConfig(frame);
    expect(
      groups.map((g) => [g.key.proactive_model, g.key.tool_failure_probability, g.frame.height]),
    ).toEqual([
      ["observe-execute_alpha_gpt-5", 0, 2],
      ["observe-execute_zeta_gpt-5", 0, 1],
      ["observe-execute_zeta_gpt-5", 0.1, 1],
    ]);
  });
});
