import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Policy } from "../../src/agents/types.js";
import { ScenarioRegistry } from "../../src/registry/scenario-registry.js";
import { MultiScenarioRunnerConfig } from "../../src/runner/config.js";
import { planJobs, runBenchmark } from "../../src/runner/multi-runner.js";
import { ResultCache } from "../../src/runner/result-cache.js";
import { offlinePolicies } from "../../src/runner/scenario-runner.js";
import { TodoFollowupScenario } from "../support/todo-scenario.js";

function registry() {
  const r = new ScenarioRegistry();
  for (const id of ["todo_one", "todo_two", "todo_three"]) {
    class S extends TodoFollowupScenario {}
    r.register(id, S as never);
  }
  return r;
}

const cacheDir = () => mkdtempSync(join(tmpdir(), "pare-cache-"));
const config = (over: Record<string, unknown> = {}) =>
  MultiScenarioRunnerConfig.parse({ oracle: true, ...over });
const rows = (o: Awaited<ReturnType<typeof runBenchmark>>) =>
  JSON.stringify(o.results.toPolars().toRecords());

describe("runBenchmark", () => {
  it("plans run numbers like PARE: null for one run, 1..k otherwise", () => {
    expect(planJobs(["a"], 1)).toEqual([{ scenarioId: "a", runNumber: null }]);
    expect(planJobs(["a", "b"], 2).map((j) => `${j.scenarioId}${j.runNumber}`)).toEqual([
      "a1",
      "a2",
      "b1",
      "b2",
    ]);
  });

  it("serves a second identical run from the cache and gives the same frame", async () => {
    const cache = new ResultCache({ dir: cacheDir() });
    const r = registry();
    const first = await runBenchmark(r.ids(), config({ runsPerScenario: 2 }), { registry: r, cache });
    expect(first.executed).toBe(6);
    expect(first.cacheHits).toBe(0);
    const second = await runBenchmark(r.ids(), config({ runsPerScenario: 2 }), { registry: r, cache });
    expect(second.executed).toBe(0);
    expect(second.cacheHits).toBe(6);
    expect(rows(second)).toBe(rows(first));
    const noCache = await runBenchmark(r.ids(), config({ runsPerScenario: 2, enableCaching: false }), {
      registry: r,
      cache,
    });
    expect(noCache.executed).toBe(6);
  });

  it("records a validated run as a success when its finishing hook throws", async () => {
    const r = registry();
    const warnings: string[] = [];
    const outcome = await runBenchmark(["todo_one"], config({ enableCaching: false }), {
      registry: r,
      onFinished: () => {
        throw new Error("cannot write trace");
      },
      warn: (m) => warnings.push(m),
    });
    expect(outcome.results.getResult("todo_one")).toMatchObject({ success: true, exception: null });
    expect(outcome.results.successfulCount).toBe(1);
    expect(outcome.infrastructureErrors).toBe(0);
    expect(warnings).toHaveLength(1);
  });

  it("resumes: finished results come back from the cache and are not recomputed", async () => {
    const cache = new ResultCache({ dir: cacheDir() });
    const r = registry();
    await runBenchmark(["todo_one"], config(), { registry: r, cache });
    const resumed = await runBenchmark(r.ids(), config(), { registry: r, cache });
    expect(resumed.cacheHits).toBe(1);
    expect(resumed.executed).toBe(2);
  });

  it("gives the same results at any concurrency", async () => {
    const r = registry();
    const agent = {
      agentType: "random",
      userType: "scripted",
      oracle: false,
      enableCaching: false,
      runsPerScenario: 2,
    };
    const one = await runBenchmark(r.ids(), config({ ...agent, maxConcurrentScenarios: 1 }), { registry: r });
    const four = await runBenchmark(r.ids(), config({ ...agent, maxConcurrentScenarios: 4 }), {
      registry: r,
    });
    expect(rows(four)).toBe(rows(one));
  });

  it("times a hanging run out cleanly, keeps the others, and never caches the failure", async () => {
    const cache = new ResultCache({ dir: cacheDir() });
    const r = registry();
    const hanging: Policy = {
      reset() {},
      decide: (_input, signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener("abort", () => reject(signal.reason));
        }),
    };
    const outcome = await runBenchmark(
      r.ids(),
      config({ oracle: false, agentType: "noop", userType: "scripted", timeoutSeconds: 0.2 }),
      {
        registry: r,
        cache,
        policies: (scenario, cfg, run) =>
          scenario.scenarioId === "todo_two"
            ? { ...offlinePolicies(scenario, cfg, run), user: hanging }
            : offlinePolicies(scenario, cfg, run),
      },
    );
    const byId = Object.fromEntries(outcome.results.results.map((e) => [e.scenarioId, e.result]));
    expect(byId.todo_two?.exception).toMatchObject({ type: "ScenarioTimeoutError", kind: "timeout" });
    expect(outcome.results.toPolars().getColumn("stop_reason").toArray()).toEqual([
      "max_turns",
      "timeout",
      "max_turns",
    ]);
    expect(byId.todo_one?.exception).toBeNull();
    expect(byId.todo_three?.exception).toBeNull();
    expect(cache.status().entries).toBe(2);
  });

  it("keeps a scenario that cannot even be built apart as an infrastructure error", async () => {
    const r = registry();
    class Broken extends TodoFollowupScenario {
      protected override initAndPopulateApps(): void {
        throw new Error("bad seed data");
      }
    }
    r.register("broken", Broken as never);
    const outcome = await runBenchmark(["broken", "todo_one"], config({ enableCaching: false }), {
      registry: r,
    });
    const broken = outcome.results.getResult("broken");
    expect(broken?.success).toBe(false);
    expect(broken?.exception?.message).toMatch(/bad seed data/);
    expect(outcome.results.getResult("todo_one")?.success).toBe(true);
  });
});
