import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverScenarios } from "../../src/registry/discovery.js";
import { ScenarioRegistry, scenarioRegistry } from "../../src/registry/scenario-registry.js";
import { MultiScenarioRunnerConfig } from "../../src/runner/config.js";
import { guidedChunkSize } from "../../src/runner/isolated-run.js";
import { runBenchmark } from "../../src/runner/multi-runner.js";
import { offlinePolicies } from "../../src/runner/scenario-runner.js";
import { ScenarioWorkerPool, workerEntry } from "../../src/runner/worker-pool.js";
import type { RunStore } from "../../src/store/run-store.js";
import { QuickTodo } from "../fixtures/scenarios-loop/looping.js";
import { startJob, tempStore } from "../support/temp-store.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures");
const LOOP_DIR = join(FIXTURES, "scenarios-loop");
const config = (over: Record<string, unknown> = {}) =>
  MultiScenarioRunnerConfig.parse({ oracle: true, enableCaching: false, ...over });
const rowsOf = (o: Awaited<ReturnType<typeof runBenchmark>>) =>
  o.results.results.map((r) => ({ id: r.scenarioId, run: r.runNumber, ...r.result.toJSON() }));
/** The first `n` bundled scenarios (not the loop fixtures). */
const bundledIds = (n: number) =>
  scenarioRegistry()
    .ids()
    .filter((id) => !id.startsWith("fixture_"))
    .slice(0, n);

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

  it("stop a looping run in the middle of a chunk at its timeout: the chunk's other runs are run and recorded", async () => {
    const others = scenarioRegistry()
      .ids()
      .filter((id) => !id.startsWith("fixture_") && id !== "add_teammate_to_group")
      .slice(0, 2);
    const ids = ["fixture_loop_quick", "fixture_loop_validate", "add_teammate_to_group", ...others];
    // One thread, five runs: the first chunk is the first three, the looping run in its middle.
    expect(guidedChunkSize(ids.length, 1)).toBe(3);
    const overruns: Record<string, number> = {};
    const c = config({ timeoutSeconds: 1 });
    const outcome = await runBenchmark(ids, c, {
      workers: 1,
      onTimeout: (id, seconds) => {
        overruns[id] = seconds;
      },
    });
    expect(outcome.results.results.map((r) => r.scenarioId)).toEqual(ids);
    const byId = new Map(outcome.results.results.map((r) => [r.scenarioId, r.result]));
    expect(byId.get("fixture_loop_validate")?.stopReason).toBe("timeout");
    expect(Object.keys(overruns)).toEqual(["fixture_loop_validate"]);
    expect(overruns.fixture_loop_validate).toBeLessThan(2);
    for (const id of ids.filter((i) => i !== "fixture_loop_validate"))
      expect(byId.get(id)?.success).toBe(true);
    // The runs after the looping one are the same as in-process.
    const inProcess = await runBenchmark(["add_teammate_to_group", ...others], c, { workers: 0 });
    expect(rowsOf(outcome).slice(2)).toEqual(rowsOf(inProcess));
  }, 90_000);

  it("say which run of a chunk a stopped thread was in and which runs it finished", async () => {
    const pool = new ScenarioWorkerPool({ workers: 1 });
    try {
      const runs = ["fixture_loop_quick", "fixture_loop_populate", "fixture_loop_quick"].map(
        (scenarioId) => ({
          scenarioId,
          runNumber: null,
          modulePath: scenarioRegistry().sourceFile(scenarioId),
        }),
      );
      const seen: number[] = [];
      const end = await pool.runChunk(
        { jobKey: "chunk-test", runs, scenariosDir: null, config: config(), hooks: null },
        { timeoutSeconds: 1, onOutcomes: (batch) => seen.push(...batch.map((o) => o.index)) },
      );
      expect(end.kind).toBe("timeout");
      expect(end.kind === "timeout" ? end.index : null).toBe(1);
      expect([...end.received]).toEqual([0]);
      expect(seen).toEqual([0]);
      const rest = await pool.runChunk(
        { jobKey: "chunk-test", runs: runs.slice(2), scenariosDir: null, config: config(), hooks: null },
        { timeoutSeconds: 1, onOutcomes: (batch) => seen.push(...batch.map((o) => o.index)) },
      );
      expect(rest.kind).toBe("done");
      expect([...rest.received]).toEqual([0]);
    } finally {
      await pool.destroy();
    }
  }, 90_000);

  it("record a thread that dies in the middle of a chunk as an infrastructure error of that run only", async () => {
    const others = bundledIds(3);
    const ids = ["fixture_loop_quick", "fixture_worker_exit", ...others];
    expect(guidedChunkSize(ids.length, 1)).toBe(3);
    const outcome = await runBenchmark(ids, config(), { workers: 1 });
    expect(outcome.results.results.map((r) => r.scenarioId)).toEqual(ids);
    const [quick, dead, ...rest] = outcome.results.results;
    expect(quick?.result.success).toBe(true);
    expect(dead?.result.exception?.type).toBe("WorkerError");
    expect(dead?.result.exception?.message).toMatch(/fixture_worker_exit died/);
    for (const r of rest) expect(r.result.success).toBe(true);
    expect(outcome.infrastructureErrors).toBe(1);
  }, 60_000);

  it("start no further run of a chunk once interrupted: the looping run is dropped, the runs after it never start", async () => {
    const others = scenarioRegistry()
      .ids()
      .filter((id) => !id.startsWith("fixture_") && id !== "add_teammate_to_group")
      .slice(0, 2);
    const ids = ["fixture_loop_quick", "fixture_loop_validate", "add_teammate_to_group", ...others];
    const pool = new ScenarioWorkerPool({ workers: 1 });
    try {
      // A warm thread (modules loaded) reaches the looping run at once.
      await runBenchmark(ids.slice(2), config(), { pool });
      const controller = new AbortController();
      const timedOut: string[] = [];
      // Ctrl-C while the thread spins in the chunk's second run.
      const timer = setTimeout(() => controller.abort(), 1000);
      const outcome = await runBenchmark(ids, config({ timeoutSeconds: 3 }), {
        pool,
        interrupt: controller.signal,
        onTimeout: (id) => timedOut.push(id),
      }).finally(() => clearTimeout(timer));
      expect(outcome.interrupted).toBe(true);
      expect(timedOut).toEqual(["fixture_loop_validate"]);
      const recorded = outcome.results.results.map((r) => r.scenarioId);
      // Only the run finished before the interrupt may be recorded; the timed-out run says nothing, is dropped.
      expect(recorded.every((id) => id === "fixture_loop_quick")).toBe(true);
      expect(outcome.notRun).toBe(ids.length - recorded.length);
    } finally {
      await pool.destroy();
    }
  }, 60_000);

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
    const ids = bundledIds(6);
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

  it("let threads write files atomically at the same time without sharing a temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-atomic-"));
    const entry = workerEntry("atomic-writes-worker", pathToFileURL(join(FIXTURES, "x.ts")).href);
    const pool = new Piscina({ ...entry, execArgv: [], minThreads: 2, maxThreads: 2 });
    try {
      // Same process, same millisecond, same counter in each thread: names must still differ.
      const barrier = new SharedArrayBuffer(4);
      await Promise.all(["a", "b"].map((tag) => pool.run({ dir, tag, count: 200, barrier, threads: 2 })));
    } finally {
      await pool.destroy();
    }
    for (const tag of ["a", "b"])
      for (let i = 0; i < 200; i++)
        expect(readFileSync(join(dir, `${tag}-${i}.txt`), "utf8")).toBe(`${tag}-${i}`);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 60_000);

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
