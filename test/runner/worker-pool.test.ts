import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverScenarios } from "../../src/registry/discovery.js";
import { ScenarioRegistry, scenarioRegistry } from "../../src/registry/scenario-registry.js";
import { MultiScenarioRunnerConfig } from "../../src/runner/config.js";
import { runBenchmark } from "../../src/runner/multi-runner.js";
import { offlinePolicies } from "../../src/runner/scenario-runner.js";
import { ScenarioWorkerPool, workerEntry } from "../../src/runner/worker-pool.js";
import type { RunStore } from "../../src/store/run-store.js";
import { QuickTodo } from "../fixtures/scenarios-loop/looping.js";
import { startJob, tempStore } from "../support/temp-store.js";

const LOOP_DIR = resolve(import.meta.dirname, "../fixtures/scenarios-loop");
const config = (over: Record<string, unknown> = {}) =>
  MultiScenarioRunnerConfig.parse({ oracle: true, enableCaching: false, ...over });
const rowsOf = (o: Awaited<ReturnType<typeof runBenchmark>>) =>
  o.results.results.map((r) => ({ id: r.scenarioId, run: r.runNumber, ...r.result.toJSON() }));

beforeAll(async () => {
  await discoverScenarios(LOOP_DIR);
  await discoverScenarios("benchmark");
});

describe("worker threads", () => {
  it("stop a run that loops in validate() or while populating apps at its timeout; the other runs complete", async () => {
    const overruns: Record<string, number> = {};
    const ids = [
      "fixture_loop_quick",
      "fixture_loop_validate",
      "fixture_loop_populate",
      "add_teammate_to_group",
    ];
    const started = performance.now();
    const outcome = await runBenchmark(ids, config({ timeoutSeconds: 1 }), {
      workers: 2,
      onTimeout: (id, seconds) => {
        overruns[id] = seconds;
      },
    });
    const wall = (performance.now() - started) / 1000;
    const byId = new Map(outcome.results.results.map((r) => [r.scenarioId, r.result]));
    expect(byId.get("fixture_loop_quick")?.success).toBe(true);
    expect(byId.get("add_teammate_to_group")?.success).toBe(true);
    for (const id of ["fixture_loop_validate", "fixture_loop_populate"]) {
      const r = byId.get(id);
      expect(r?.stopReason).toBe("timeout");
      expect(r?.exception).toEqual({
        type: "ScenarioTimeoutError",
        message: `Scenario ${id} timed out after 1 seconds`,
        kind: "timeout",
      });
      // Stopped within its timeout plus 2 s (the bound), not whenever the loop would end (never).
      expect(overruns[id]).toBeLessThan(2);
    }
    expect(outcome.results.results.map((r) => r.scenarioId)).toEqual(ids);
    expect(wall).toBeLessThan(60);
  }, 90_000);

  it("record a thread that dies as an infrastructure error and go on", async () => {
    const outcome = await runBenchmark(["fixture_worker_exit", "fixture_loop_quick"], config(), {
      workers: 1,
    });
    const [dead, quick] = outcome.results.results;
    expect(dead?.result.exception?.kind).toBe("infrastructure");
    expect(dead?.result.exception?.type).toBe("WorkerError");
    expect(dead?.result.stopReason).toBe("error");
    expect(quick?.result.success).toBe(true);
    expect(outcome.infrastructureErrors).toBe(1);
  }, 60_000);

  it("give the same results as in-process runs: oracle, noop, random and reference, several runs", async () => {
    const ids = scenarioRegistry()
      .ids()
      .filter((id) => !id.startsWith("fixture_"))
      .slice(0, 6);
    for (const over of [
      { oracle: true },
      { oracle: false, agentType: "noop", userType: "scripted" },
      { oracle: false, agentType: "random", userType: "scripted", runsPerScenario: 2 },
      {
        oracle: false,
        agentType: "reference",
        userType: "scripted",
        toolAugmentation: { toolFailureProbability: 0.3 },
      },
    ]) {
      const c = config(over);
      const inProcess = await runBenchmark(ids, c, { workers: 0 });
      const isolated = await runBenchmark(ids, c, { workers: 2 });
      expect(rowsOf(isolated)).toEqual(rowsOf(inProcess));
      expect(JSON.stringify(isolated.results.toPolars().toRecords())).toBe(
        JSON.stringify(inProcess.results.toPolars().toRecords()),
      );
    }
  }, 120_000);

  describe("with a run store", () => {
    let store: RunStore;
    beforeAll(async () => {
      store = await tempStore();
    });
    afterAll(async () => {
      await store.close();
    });

    it("answer the worker's cache question: a rerun is served from the store, not run again", async () => {
      const ids = ["fixture_loop_quick", "add_teammate_to_group"];
      const c = config({ enableCaching: true });
      const job = async (workers: number) => {
        const handle = await startJob(store, c, ids);
        const outcome = await runBenchmark(ids, c, { workers, store: handle });
        await handle.finish("finished", { wallSeconds: outcome.wallSeconds });
        return outcome;
      };
      const first = await job(2);
      expect(first.executed).toBe(2);
      const second = await job(2);
      expect(second.cacheHits).toBe(2);
      expect(second.executed).toBe(0);
      expect(rowsOf(second)).toEqual(rowsOf(first));
      const inProcess = await job(0);
      expect(inProcess.cacheHits).toBe(2);
      expect(rowsOf(inProcess)).toEqual(rowsOf(first));
    }, 60_000);
  });

  it("refuse policies (functions cannot cross threads) and scenarios without a module", async () => {
    await expect(
      runBenchmark(["fixture_loop_quick"], config({ oracle: false }), {
        workers: 1,
        policies: offlinePolicies,
      }),
    ).rejects.toThrow(/worker threads/);
    const registry = new ScenarioRegistry();
    registry.register("no_module", QuickTodo as never);
    await expect(runBenchmark(["no_module"], config(), { workers: 1, registry })).rejects.toThrow(
      /no_module.*no module file/,
    );
  });

  it("start TypeScript workers through the tsx bootstrap and compiled ones directly", () => {
    const ts = workerEntry("run-worker", "file:///p/src/runner/worker-pool.ts");
    expect(ts.filename).toBe("/p/bin/tsx-worker.mjs");
    expect(ts.workerData?.tsxWorkerTarget).toBe("file:///p/src/runner/run-worker.ts");
    expect(workerEntry("run-worker", "file:///p/dist/runner/worker-pool.js")).toEqual({
      filename: "/p/dist/runner/run-worker.js",
      workerData: undefined,
    });
    expect(workerEntry("run-worker", "file:///p/dist/runner/worker-pool.js", true).filename).toBe(
      "/p/bin/tsx-worker.mjs",
    );
    expect(() => new ScenarioWorkerPool({ workers: 0 })).toThrow(RangeError);
  });
});
