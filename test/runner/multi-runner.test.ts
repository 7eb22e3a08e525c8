import { describe, expect, it } from "vitest";
import type { Policy } from "../../src/agents/types.js";
import { ScenarioRegistry } from "../../src/registry/scenario-registry.js";
import { MultiScenarioRunnerConfig } from "../../src/runner/config.js";
import { planJobs, runBenchmark } from "../../src/runner/multi-runner.js";
import { offlinePolicies } from "../../src/runner/scenario-runner.js";
import { runJob, startJob, tempStore } from "../support/temp-store.js";
import { TodoFollowupScenario } from "../support/todo-scenario.js";

function registry() {
  const r = new ScenarioRegistry();
  for (const id of ["todo_one", "todo_two", "todo_three"]) {
    class S extends TodoFollowupScenario {}
    r.register(id, S as never);
  }
  return r;
}

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
    const store = await tempStore();
    const r = registry();
    const first = (await runJob(store, config({ runsPerScenario: 2 }), r.ids(), { registry: r })).outcome;
    expect(first.executed).toBe(6);
    expect(first.cacheHits).toBe(0);
    const second = (await runJob(store, config({ runsPerScenario: 2 }), r.ids(), { registry: r })).outcome;
    expect(second.executed).toBe(0);
    expect(second.cacheHits).toBe(6);
    expect(rows(second)).toBe(rows(first));
    const noCache = await runJob(store, config({ runsPerScenario: 2, enableCaching: false }), r.ids(), {
      registry: r,
    });
    expect(noCache.outcome.executed).toBe(6);
    await store.close();
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
    const store = await tempStore();
    const r = registry();
    await runJob(store, config(), ["todo_one"], { registry: r });
    const resumed = (await runJob(store, config(), r.ids(), { registry: r })).outcome;
    expect(resumed.cacheHits).toBe(1);
    expect(resumed.executed).toBe(2);
    await store.close();
  });

  it("puts the run id, each run's seed and the fingerprint in every row", async () => {
    const store = await tempStore();
    const r = registry();
    const { job, outcome } = await runJob(store, config({ runsPerScenario: 2, seed: 7 }), ["todo_one"], {
      registry: r,
    });
    const records = outcome.results.toPolars().toRecords();
    expect(records.map((row) => [row.run_id, row.seed, row.config_hash])).toEqual([
      [job.runId, 7, job.spec.fingerprint.hash],
      [job.runId, 8, job.spec.fingerprint.hash],
    ]);
    await store.close();
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
    const store = await tempStore();
    const r = registry();
    const cfg = config({ oracle: false, agentType: "noop", userType: "scripted", timeoutSeconds: 0.2 });
    const job = await startJob(store, cfg, r.ids(), { registry: r });
    const hanging: Policy = {
      reset() {},
      decide: (_input, signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener("abort", () => reject(signal.reason));
        }),
    };
    const outcome = await runBenchmark(r.ids(), cfg, {
      registry: r,
      store: job,
      policies: (scenario, cfg, run) =>
        scenario.scenarioId === "todo_two"
          ? { ...offlinePolicies(scenario, cfg, run), user: hanging }
          : offlinePolicies(scenario, cfg, run),
    });
    const byId = Object.fromEntries(outcome.results.results.map((e) => [e.scenarioId, e.result]));
    expect(byId.todo_two?.exception).toMatchObject({ type: "ScenarioTimeoutError", kind: "timeout" });
    expect(outcome.results.toPolars().getColumn("stop_reason").toArray()).toEqual([
      "max_turns",
      "timeout",
      "max_turns",
    ]);
    expect(byId.todo_one?.exception).toBeNull();
    expect(byId.todo_three?.exception).toBeNull();
    expect((await store.cacheStatus()).entries).toBe(2);
    expect(await store.erroredRuns(job.runId)).toEqual([
      { scenarioId: "todo_two", runNumber: null, errorClass: "infrastructure" },
    ]);
    await job.finish("finished", { wallSeconds: 1 });
    await store.close();
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
