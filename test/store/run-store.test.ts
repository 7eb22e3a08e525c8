import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ScenarioRegistry } from "../../src/registry/scenario-registry.js";
import { MultiScenarioRunnerConfig } from "../../src/runner/config.js";
import { runBenchmark } from "../../src/runner/multi-runner.js";
import { ScenarioValidationResult } from "../../src/scenarios/validation-result.js";
import { mergeStores } from "../../src/store/merge.js";
import { JobBusyError, RunStore, UnknownRunError } from "../../src/store/run-store.js";
import { type PostgresServer, postgresUnavailable, startPostgres } from "../support/postgres-server.js";
import { runJob, startJob } from "../support/temp-store.js";
import { TodoFollowupScenario } from "../support/todo-scenario.js";

function registry(ids = ["todo_one", "todo_two", "todo_three", "todo_four"]) {
  const r = new ScenarioRegistry();
  for (const id of ids) {
    class S extends TodoFollowupScenario {}
    r.register(id, S as never);
  }
  return r;
}

const config = (over: Record<string, unknown> = {}) =>
  MultiScenarioRunnerConfig.parse({ oracle: true, ...over });

const skipPostgres = postgresUnavailable();
if (skipPostgres) console.warn(`Skipping the PostgreSQL run-store tests: ${skipPostgres}`);

let server: PostgresServer | null = null;
let databases = 0;
beforeAll(async () => {
  if (!skipPostgres) server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const backends: { name: string; skip: boolean; open: () => Promise<RunStore> }[] = [
  {
    name: "sqlite",
    skip: false,
    open: () => RunStore.open(join(mkdtempSync(join(tmpdir(), "pare-store-")), "pare.db")),
  },
  {
    name: "postgres",
    skip: skipPostgres !== null,
    open: async () =>
      RunStore.open((await (server as PostgresServer).createDatabase(`t${++databases}`)) as string),
  },
];

describe.each(backends)("the run store on $name", ({ skip, open }) => {
  it.skipIf(skip)("records a job's runs, serves them from the cache, and refreshes its counts", async () => {
    const store = await open();
    const r = registry();
    const first = await runJob(store, config({ runsPerScenario: 2 }), r.ids(), { registry: r });
    expect(first.outcome.executed).toBe(8);
    expect(first.record).toMatchObject({
      status: "finished",
      plannedRuns: 8,
      counts: { total: 8, success: 8, failed: 0, errors: 0, executed: 8, cacheHits: 0 },
      mode: "oracle",
      agentType: "oracle",
    });
    const again = await runJob(store, config({ runsPerScenario: 2 }), r.ids(), { registry: r });
    expect(again.outcome.cacheHits).toBe(8);
    expect(again.record.runId).toBe(first.record.runId);
    expect((await store.listJobs()).map((j) => j.runId)).toEqual([first.record.runId]);
    const rows = await store.jobRuns(first.record.runId);
    expect(rows.map((row) => [row.scenarioId, row.runNumber, row.seed])).toEqual(
      r.ids().flatMap((id) => [
        [id, 1, 0],
        [id, 2, 1],
      ]),
    );
    expect(rows.every((row) => row.fromCache && row.cachedFrom === first.record.runId)).toBe(true);
    expect((await store.cacheStatus()).entries).toBe(8);
    await store.close();
  });

  it.skipIf(skip)(
    "keeps different jobs apart and finds them by prefix, refusing hostile prefixes",
    async () => {
      const store = await open();
      const r = registry();
      const a = await runJob(store, config(), ["todo_one"], { registry: r });
      const b = await runJob(store, config({ seed: 3 }), ["todo_one"], { registry: r });
      expect(a.record.runId).not.toBe(b.record.runId);
      expect(await store.resolveRunId(a.record.runId.slice(0, 6))).toBe(a.record.runId);
      for (const bad of ["", "%", "' or 1=1 --", "zz", "x".repeat(10_000)])
        await expect(store.resolveRunId(bad)).rejects.toBeInstanceOf(UnknownRunError);
      await expect(store.resolveRunId("0000000000000")).rejects.toThrow(/no run/);
      expect((await store.listJobs({ fingerprint: b.record.fingerprint })).map((j) => j.runId)).toEqual([
        b.record.runId,
      ]);
      expect(await store.listJobs({ status: "running" })).toEqual([]);
      expect(await store.listJobs({ limit: 1 })).toHaveLength(1);
      await store.close();
    },
  );

  it.skipIf(skip)("refuses a second live execution of the same job but not another shard", async () => {
    const store = await open();
    const r = registry();
    const job = await startJob(store, config(), r.ids(), { registry: r });
    await expect(startJob(store, config(), r.ids(), { registry: r })).rejects.toBeInstanceOf(JobBusyError);
    await expect(
      startJob(store, config(), r.ids(), { registry: r, shard: { index: 1, count: 2 } }),
    ).rejects.toThrow(/already running/);
    await job.finish("interrupted", { wallSeconds: 0 });
    const one = await startJob(store, config(), r.ids(), { registry: r, shard: { index: 1, count: 2 } });
    const two = await startJob(store, config(), r.ids(), { registry: r, shard: { index: 2, count: 2 } });
    await one.finish("finished", { wallSeconds: 0 });
    expect((await store.getJob(one.runId))?.status).toBe("running");
    await two.finish("finished", { wallSeconds: 0 });
    expect((await store.getJob(one.runId))?.status).toBe("finished");
    await store.close();
  });

  it.skipIf(skip)(
    "lists a job's errored runs and replaces their rows when they are recorded again",
    async () => {
      const store = await open();
      const r = registry();
      const cfg = config();
      const job = await startJob(store, cfg, ["todo_one", "todo_two"], { registry: r });
      const crashed = new ScenarioValidationResult({
        success: false,
        exception: { type: "LLMServerError", message: "HTTP 500", kind: "infrastructure" },
      });
      const base = {
        runNumber: null,
        seed: 0,
        cacheKey: null,
        fromCache: false,
        cachedFrom: null,
        artifacts: null,
      };
      await job.record({ ...base, scenarioId: "todo_one", position: 0, result: crashed });
      await job.record({
        ...base,
        scenarioId: "todo_two",
        position: 1,
        result: new ScenarioValidationResult({ success: true }),
      });
      expect(await store.erroredRuns(job.runId)).toEqual([
        { scenarioId: "todo_one", runNumber: null, errorClass: "infrastructure" },
      ]);
      expect(await store.erroredRuns(job.runId, ["infrastructure"])).toHaveLength(1);
      expect(await store.erroredRuns(job.runId, ["model", "scenario"])).toEqual([]);
      expect(await store.erroredRuns(job.runId, [])).toEqual([]);
      await job.record({
        ...base,
        scenarioId: "todo_one",
        position: 0,
        result: new ScenarioValidationResult({ success: false, rationale: "missed it" }),
      });
      expect(await store.erroredRuns(job.runId)).toEqual([]);
      const finished = await job.finish("finished", { wallSeconds: 2 });
      expect(finished.counts).toMatchObject({ total: 2, success: 1, failed: 1, errors: 0 });
      await store.close();
    },
  );

  it.skipIf(skip)(
    "commits runs recorded together as one group (one transaction), their shared files once",
    async () => {
      const store = await open();
      const ids = Array.from({ length: 150 }, (_, i) => `todo_${i}`);
      const r = registry(ids);
      const cfg = config();
      const job = await startJob(store, cfg, ids, { registry: r });
      const transactions = vi.spyOn(store.db, "transaction");
      const run = (i: number) => ({
        scenarioId: `todo_${i}`,
        runNumber: null,
        seed: 0,
        position: i,
        result: new ScenarioValidationResult({ success: i % 2 === 0 }),
        cacheKey: {
          configHash: job.spec.fingerprint.hash,
          scenarioId: `todo_${i}`,
          runNumber: null,
          sourceHash: "s",
          contentHash: `c${i}`,
        },
        fromCache: false,
        cachedFrom: null,
        // Two distinct traces among 150 runs: the store keeps each file once.
        artifacts: { trace: `{"trace":${i % 2}}`, deliberations: "" },
      });
      // 150 rows: more than one INSERT statement holds, still one commit.
      await Promise.all(ids.map((_, i) => job.record(run(i))));
      expect(transactions).toHaveBeenCalledTimes(1);
      // Records issued while a commit is in progress go into the next one, together.
      const first = job.record(run(0));
      await Promise.resolve();
      const later = [job.record(run(1)), job.record(run(2))];
      await Promise.all([first, ...later]);
      expect(transactions).toHaveBeenCalledTimes(3);
      // A failed commit fails every record of its group (the job fails rather than losing rows) and the next
      // group commits.
      transactions.mockImplementationOnce(() => {
        throw new Error("disk full");
      });
      const failed = [job.record(run(3)), job.record(run(4))];
      await expect(failed[0]).rejects.toThrow("disk full");
      await expect(failed[1]).rejects.toThrow("disk full");
      await job.record(run(3));
      transactions.mockRestore();
      const rows = await store.jobRuns(job.runId);
      expect(rows).toHaveLength(150);
      expect(rows.filter((row) => row.result.success === true)).toHaveLength(75);
      expect((await store.runArtifacts(job.runId, "todo_7", null))?.trace).toBe('{"trace":1}');
      expect(await store.runArtifacts(job.runId, "todo_8", null)).toEqual({
        trace: '{"trace":0}',
        deliberations: "",
      });
      const files = await store.db.selectFrom("artifacts").select("hash").execute();
      expect(files).toHaveLength(3);
      await job.finish("finished", { wallSeconds: 1 });
      expect((await store.cacheStatus()).entries).toBe(150);
      await store.close();
    },
  );

  it.skipIf(skip)("never reuses a crashed run and only deletes cache entries it knows", async () => {
    const store = await open();
    const r = registry(["todo_one", "todo_two"]);
    const cfg = config({ oracle: false, agentType: "noop", userType: "scripted" });
    const job = await startJob(store, cfg, r.ids(), { registry: r });
    await runBenchmark(r.ids(), cfg, {
      registry: r,
      store: job,
      policies: () => {
        throw Object.assign(new Error("socket hang up"), { infrastructure: true });
      },
    });
    await job.finish("finished", { wallSeconds: 1 });
    expect((await store.cacheStatus()).entries).toBe(0);
    await runJob(store, config(), r.ids(), { registry: r });
    expect(await store.cachedScenarioIds()).toEqual(["todo_one", "todo_two"]);
    await expect(store.invalidateCache({ scenarioId: "" })).rejects.toThrow(/empty/);
    expect(await store.invalidateCache({ scenarioId: "nope" })).toBe(0);
    expect(await store.invalidateCache({ scenarioId: "todo_one" })).toBe(1);
    expect(await store.invalidateCache({ all: true })).toBe(1);
    // Results stay in their jobs.
    expect((await store.listJobs()).reduce((n, j) => n + j.counts.total, 0)).toBe(4);
    await store.close();
  });

  it.skipIf(skip)("removes a job and moves its cache entries to another job's identical row", async () => {
    const store = await open();
    const r = registry();
    const a = await runJob(store, config(), ["todo_one", "todo_two"], { registry: r });
    const b = await runJob(store, config(), ["todo_one"], { registry: r });
    expect(b.outcome.cacheHits).toBe(1);
    const removed = await store.removeJob(a.record.runId);
    expect(removed).toEqual({ rows: 2, cacheEntriesDropped: 1 });
    expect(await store.getJob(a.record.runId)).toBeNull();
    const again = await runJob(store, config(), ["todo_one"], { registry: r });
    expect(again.outcome.cacheHits).toBe(1);
    await store.close();
  });

  it.skipIf(skip)("merges shards into one job equal to the unsharded run, row for row", async () => {
    const r = registry();
    const cfg = config({ runsPerScenario: 3 });
    const whole = await open();
    const full = await runJob(whole, cfg, r.ids(), { registry: r });
    const [s1, s2, target] = [await open(), await open(), await open()];
    const one = await runJob(s1, cfg, r.ids(), { registry: r, shard: { index: 1, count: 2 } });
    const two = await runJob(s2, cfg, r.ids(), { registry: r, shard: { index: 2, count: 2 } });
    expect(one.outcome.executed + two.outcome.executed).toBe(12);
    expect(Math.abs(one.outcome.executed - two.outcome.executed)).toBeLessThanOrEqual(1);
    expect(one.record.runId).toBe(full.record.runId);
    const report = await mergeStores(target, [s1, s2]);
    expect(report).toMatchObject({ jobsAdded: 1, jobsExtended: 1, rowsAdded: 12, rowsConflicting: 0 });
    const strip = (rows: Awaited<ReturnType<RunStore["jobRuns"]>>) =>
      rows.map(({ recordedAt: _t, fromCache: _f, cachedFrom: _c, result, ...rest }) => ({
        ...rest,
        result: result.toJSON(),
      }));
    expect(strip(await target.jobRuns(full.record.runId))).toEqual(
      strip(await whole.jobRuns(full.record.runId)),
    );
    expect((await target.getJob(full.record.runId))?.counts.total).toBe(12);
    // Merging again adds nothing and changes nothing.
    expect(await mergeStores(target, [s1])).toMatchObject({ rowsAdded: 0, rowsAlreadyPresent: 6 });
    for (const s of [whole, s1, s2, target]) await s.close();
  });

  it.skipIf(skip)(
    "refuses to merge the same benchmark run under another fingerprint, writing nothing",
    async () => {
      const r = registry();
      const [a, b] = [await open(), await open()];
      await runJob(a, config(), ["todo_one"], { registry: r });
      const other = await runJob(b, config(), ["todo_two"], { registry: r });
      // The same job as in `a`, but its code was different (as if another checkout ran it).
      const tampered = await startJob(b, config(), ["todo_one"], { registry: r });
      await tampered.finish("finished", { wallSeconds: 0 });
      await b.db
        .updateTable("jobs")
        .set({ fingerprint: "0000000000000000", run_id: "ffffffffffff" })
        .where("run_id", "=", tampered.runId)
        .execute();
      await expect(mergeStores(a, [b])).rejects.toThrow(/same benchmark .* different fingerprints/);
      expect(await a.getJob(other.record.runId)).toBeNull();
      // A row whose fingerprint is not its job's is refused too.
      await b.db.deleteFrom("jobs").where("run_id", "=", "ffffffffffff").execute();
      await b.db.updateTable("scenario_runs").set({ config_hash: "1111111111111111" }).execute();
      await expect(mergeStores(a, [b])).rejects.toThrow(/fingerprint 1111111111111111, not its job's/);
      await a.close();
      await b.close();
    },
  );
});
