import { describe, expect, it } from "vitest";
import { LLMFatalError, LLMServerError, LLMTimeoutError } from "../../src/agents/llm/errors.js";
import type { Environment } from "../../src/core/environment.js";
import { ScenarioRegistry } from "../../src/registry/scenario-registry.js";
import { calculateStatistics } from "../../src/report/statistics.js";
import { generateValidationReport } from "../../src/report/text-report.js";
import { MultiScenarioRunnerConfig, ScenarioRunnerConfig } from "../../src/runner/config.js";
import { faultKindOf } from "../../src/runner/fault-kind.js";
import { MAX_TIMER_MS, runBenchmark } from "../../src/runner/multi-runner.js";
import { runScenario } from "../../src/runner/scenario-runner.js";
import type { PAREScenario } from "../../src/scenarios/pare-scenario.js";
import { Checklist } from "../../src/scenarios/scenario-verdict.js";
import {
  APPENDED_RESULT_SCHEMA,
  errorClassOf,
  MultiScenarioValidationResult,
  ScenarioValidationResult,
} from "../../src/scenarios/validation-result.js";
import { TodoFollowupScenario } from "../support/todo-scenario.js";

const llm = { model: "m", provider: "p" };

describe("error classes", () => {
  it("say who is at fault for each kind of error", () => {
    const kind = (error: unknown, fallback: "agent" | "scenario" = "agent") =>
      errorClassOf({ kind: faultKindOf(error, fallback) });
    expect(kind(new LLMTimeoutError({ ...llm, timeoutMs: 5 }))).toBe("infrastructure");
    expect(kind(new LLMServerError("server", { ...llm, message: "503" }))).toBe("infrastructure");
    expect(kind(new LLMServerError("network", { ...llm, message: "ECONNREFUSED" }))).toBe("infrastructure");
    expect(kind(new LLMFatalError({ ...llm, message: "401", status: 401, infrastructure: true }))).toBe(
      "configuration",
    );
    expect(kind(new LLMFatalError({ ...llm, message: "bad", status: 400, infrastructure: false }))).toBe(
      "model",
    );
    expect(kind(Object.assign(new Error("disk full"), { code: "ENOSPC" }))).toBe("infrastructure");
    expect(kind(new Error("boom"), "scenario")).toBe("scenario");
    expect(kind(new Error("boom"), "agent")).toBe("model");
    expect(kind("a string")).toBe("model");
    expect(errorClassOf(null)).toBeNull();
  });

  it("is a result column before stop_reason", () => {
    const names = Object.keys(APPENDED_RESULT_SCHEMA);
    expect(names).toEqual(["run_id", "seed", "config_hash", "error_class", "stop_reason"]);
  });
});

class AsyncValidate extends TodoFollowupScenario {
  static override scenarioId = "async_validate";
  // A user's mistake: an async validator returning a checklist.
  // @ts-expect-error validate must be synchronous
  override async validate(_env: Environment) {
    return new Checklist().require("never", false);
  }
}
class ChecklistValidate extends TodoFollowupScenario {
  static override scenarioId = "checklist_validate";
  // @ts-expect-error a Checklist is accepted in place of its verdict
  override validate(_env: Environment) {
    return new Checklist().require("always", true);
  }
}
class BrokenBuild extends TodoFollowupScenario {
  protected override initAndPopulateApps(): void {
    throw new Error("the scenario's data file is missing");
  }
}

describe("validators and builds that go wrong", () => {
  const oracle = ScenarioRunnerConfig.parse({ oracle: true });
  it("an async validate() is one line naming the scenario, a scenario error, never a zod dump", async () => {
    const scenario = new AsyncValidate() as unknown as PAREScenario;
    const result = await runScenario(scenario, { config: oracle });
    expect(result.exception?.message).toBe(
      "scenario async_validate: validate() returned a Promise; validators must be synchronous (remove 'async') and return { success, rationale } or a Checklist",
    );
    expect(errorClassOf(result.exception)).toBe("scenario");
    expect(result.exception?.message).not.toMatch(/\n|invalid_type|"code"/);
  });

  it("a Checklist returned by validate() is taken as its verdict", async () => {
    const result = await runScenario(new ChecklistValidate() as unknown as PAREScenario, { config: oracle });
    expect(result.exception).toBeNull();
    expect(result.rationale).toBe("All 1 checks passed.");
    expect(result.success).toBe(true);
    expect(result.exception).toBeNull();
  });

  it("a scenario whose build throws is a scenario error, the others run", async () => {
    const r = new ScenarioRegistry();
    r.register("broken_build", BrokenBuild as never);
    r.register("fine", TodoFollowupScenario as never);
    const outcome = await runBenchmark(
      ["broken_build", "fine"],
      MultiScenarioRunnerConfig.parse({ oracle: true, enableCaching: false }),
      { registry: r },
    );
    const [broken, fine] = outcome.results.results;
    expect(errorClassOf(broken?.result.exception ?? null)).toBe("scenario");
    expect(broken?.result.exception?.message).toBe("the scenario's data file is missing");
    expect(fine?.result.success).toBe(true);
    expect(outcome.errorClasses).toEqual({ configuration: 0, scenario: 1, model: 0, infrastructure: 0 });
    expect(outcome.infrastructureErrors).toBe(0);
  });

  it("a run timeout longer than a Node timer holds never fires at once", async () => {
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
    const r = new ScenarioRegistry();
    r.register("fine", TodoFollowupScenario as never);
    const config = MultiScenarioRunnerConfig.parse({
      oracle: true,
      enableCaching: false,
      timeoutSeconds: 2_147_483,
    });
    const outcome = await runBenchmark(["fine"], config, { registry: r });
    expect(outcome.results.results[0]?.result.success).toBe(true);
    expect(MultiScenarioRunnerConfig.safeParse({ timeoutSeconds: 3_000_000 }).success).toBe(false);
  });
});

describe("success rates without infrastructure errors", () => {
  const multi = () => {
    const m = new MultiScenarioValidationResult({ userModel: "u", observeModel: "o", executeModel: "e" });
    m.addResult(new ScenarioValidationResult({ success: true }), "a");
    m.addResult(new ScenarioValidationResult({ success: false }), "b");
    const infra = { type: "LLMServerError", message: "503", kind: "infrastructure" as const };
    m.addResult(new ScenarioValidationResult({ success: false, exception: infra }), "c");
    m.addResult(
      new ScenarioValidationResult({ success: false, exception: { ...infra, kind: "timeout" } }),
      "d",
    );
    const model = { type: "LLMFatalError", message: "400", kind: "agent" as const };
    m.addResult(new ScenarioValidationResult({ success: false, exception: model }), "e");
    return m;
  };

  it("leaves infrastructure errors (timeouts included) out by default and counts them when asked", () => {
    const m = multi();
    expect(m.errorsByClass()).toEqual({ configuration: 0, scenario: 0, model: 1, infrastructure: 2 });
    expect(m.countedRuns()).toBe(3);
    expect(m.successRate).toBeCloseTo(1 / 3);
    expect(m.successRateOf({ countErrorsAsFailures: true })).toBeCloseTo(1 / 5);
    const g = calculateStatistics(m.toPolars()).global;
    expect(g.total_runs).toBe(5);
    expect(g.error_runs).toBe(3);
    expect(g.infrastructure_error_runs).toBe(2);
    expect(g.model_error_runs).toBe(1);
    expect(g.excluded_runs).toBe(2);
    expect(g.success_rate).toBeCloseTo(100 / 3);
    const pare = calculateStatistics(m.toPolars(), { countErrorsAsFailures: true }).global;
    expect(pare.excluded_runs).toBe(0);
    expect(pare.success_rate).toBeCloseTo(20);
  });

  it("prints the errors by class and what the rate did with them", () => {
    const text = generateValidationReport(multi().toPolars(), "custom", "T");
    expect(text).toContain("    - Error runs: 3 (infrastructure 2, model 1)");
    expect(text).toContain("    - Infrastructure errors (excluded from every rate and average): 2");
    expect(text).toContain("  - Success rate: 33.3%");
    const asFailures = generateValidationReport(multi().toPolars(), "custom", "T", undefined, {
      countErrorsAsFailures: true,
    });
    expect(asFailures).toContain("    - Infrastructure errors (counted as failures): 2");
    expect(asFailures).toContain("  - Success rate: 20.0%");
  });

  it("says n/a when every run broke on the infrastructure", () => {
    const m = new MultiScenarioValidationResult({ userModel: "u", observeModel: "o", executeModel: "e" });
    const infra = { type: "LLMServerError", message: "503", kind: "infrastructure" as const };
    m.addResult(new ScenarioValidationResult({ success: false, exception: infra }), "a");
    expect(generateValidationReport(m.toPolars(), "custom", "T")).toContain(
      "  - Success rate: n/a (no run counted)",
    );
  });
});
