import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Insertable, Kysely, Transaction } from "kysely";
import type { CachedResult, CacheKey, JobWriter, RecordedRun } from "../runner/job-writer.js";
import { formatShard, type Shard } from "../runner/shard.js";
import { ScenarioValidationResult } from "../scenarios/validation-result.js";
import { redactForWriting } from "../util/secrets.js";
import { openStoreConnection, type StoreConnection } from "./connection.js";
import type { JobSpec } from "./job-spec.js";
import type {
  ArtifactsTable,
  ExecutionsTable,
  JobStatus,
  ResultCacheTable,
  ScenarioRunsTable,
  StoreDatabase,
} from "./schema.js";
import { describeStoreLocation, resolveStoreLocation, type StoreLocation } from "./store-location.js";
import {
  cacheKeyString,
  type JobRecord,
  jobRecord,
  packArtifact,
  redactRow,
  runSlot,
  type StoredRun,
  scenarioRunRow,
  storedRun,
  unpackArtifact,
} from "./store-rows.js";

/** A running execution whose heartbeat is older than this is taken to be dead (its machine went away). */
export const STALE_EXECUTION_MS = 90_000;
const HEARTBEAT_MS = 15_000;
/** Rows served from the cache are written in batches of this many. */
const CACHED_BATCH = 100;
/** Rows per INSERT statement of a group commit (SQLite binds at most 32,766 values per statement). */
const ROWS_PER_INSERT = 100;
const ARTIFACTS_PER_INSERT = 200;

/** Another live process is already running this job (or an overlapping shard of it). */
export class JobBusyError extends Error {
  override readonly name = "JobBusyError";
  readonly errorClass = "configuration";
}

export class UnknownRunError extends Error {
  override readonly name = "UnknownRunError";
  readonly errorClass = "configuration";
}

type Db = Kysely<StoreDatabase> | Transaction<StoreDatabase>;

const nowIso = (): string => new Date().toISOString();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether an execution marked running is still going: same host → its process exists; else a fresh heartbeat. */
function executionAlive(execution: Pick<ExecutionsTable, "host" | "pid" | "heartbeat_at">): boolean {
  if (Date.now() - Date.parse(execution.heartbeat_at) > STALE_EXECUTION_MS) return false;
  return execution.host !== hostname() || processAlive(execution.pid);
}

/** Two executions of one job overlap unless both are shards of the same count with different indexes. */
function shardsOverlap(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true;
  if (a === b) return true;
  return a.split("/")[1] !== b.split("/")[1];
}

export interface JobFilter {
  status?: JobStatus;
  fingerprint?: string;
  experiment?: string;
  limit?: number;
}

export interface FinishOptions {
  wallSeconds: number;
  manifest?: unknown;
}

export interface CacheStatus {
  location: string;
  kind: StoreLocation["kind"];
  entries: number;
  scenarios: number;
  bytes: number;
}

/**
 * The run store: jobs, their scenario-run rows, the result-cache index and the runs' files, in SQLite (default)
 * or PostgreSQL. Every write is a transaction, so a crash never loses a committed row and concurrent writers
 * never see each other's half-written state.
 *
 * Read API (for `pare runs`, reports and viewers): `listJobs`, `getJob`, `resolveRunId`, `jobRuns`,
 * `runArtifacts`, `erroredRuns`.
 */
export class RunStore {
  private constructor(private readonly connection: StoreConnection) {}

  static async open(location: StoreLocation | string | null = null): Promise<RunStore> {
    const resolved =
      location === null || typeof location === "string" ? resolveStoreLocation(location) : location;
    return new RunStore(await openStoreConnection(resolved));
  }

  get db(): Kysely<StoreDatabase> {
    return this.connection.db;
  }

  get dialect(): StoreConnection["dialect"] {
    return this.connection.dialect;
  }

  get location(): StoreLocation {
    return this.connection.location;
  }

  /** Where the store is, fit to print (passwords redacted). */
  describe(): string {
    return describeStoreLocation(this.connection.location);
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  /**
   * Registers an execution of a job (or of one shard) and returns its writer. Refuses with `JobBusyError` when a
   * live process runs the same job or an overlapping shard; executions that died are marked interrupted.
   */
  async startJob(spec: JobSpec, options: { shard?: Shard | null } = {}): Promise<JobHandle> {
    const shard = options.shard && options.shard.count > 1 ? formatShard(options.shard) : null;
    const executionId = randomUUID();
    const now = nowIso();
    await this.db.transaction().execute(async (trx) => {
      const running = await trx
        .selectFrom("executions")
        .selectAll()
        .where("run_id", "=", spec.runId)
        .where("status", "=", "running")
        .execute();
      for (const other of running) {
        if (!executionAlive(other)) {
          await trx
            .updateTable("executions")
            .set({ status: "interrupted", finished_at: other.heartbeat_at })
            .where("execution_id", "=", other.execution_id)
            .execute();
        } else if (shardsOverlap(shard, other.shard)) {
          throw new JobBusyError(
            `job ${spec.runId}${other.shard ? ` (shard ${other.shard})` : ""} is already running (pid ${other.pid} on ${other.host}, since ${other.started_at}); wait for it, or give this run another --experiment name`,
          );
        }
      }
      const job = {
        fingerprint: spec.fingerprint.hash,
        fingerprint_json: JSON.stringify(spec.fingerprint.fields),
        config_key: spec.configKey,
        config_json: redactForWriting(JSON.stringify(spec.config)),
        experiment: spec.experiment,
        split: spec.split,
        scenarios_json: JSON.stringify(spec.scenarioIds),
        scenario_hashes_json: JSON.stringify(spec.scenarioHashes),
        seed: spec.seed,
        runs_per_scenario: spec.runsPerScenario,
        planned_runs: spec.plannedRuns,
        mode: spec.mode,
        agent_type: spec.agentType,
        user_model: spec.models.user,
        observe_model: spec.models.observe,
        execute_model: spec.models.execute,
        package_version: spec.packageVersion,
        git_revision: spec.gitRevision,
        git_dirty: spec.gitDirty === null ? null : spec.gitDirty ? 1 : 0,
        started_at: now,
        finished_at: null,
        status: "running" as const,
      };
      await trx
        .insertInto("jobs")
        .values({
          run_id: spec.runId,
          created_at: now,
          ...job,
          total_runs: 0,
          success_runs: 0,
          failed_runs: 0,
          error_runs: 0,
          cache_hits: 0,
          executed_runs: 0,
          wall_seconds: null,
          manifest_json: null,
        })
        .onConflict((oc) => oc.column("run_id").doUpdateSet(job))
        .execute();
      await trx
        .insertInto("executions")
        .values({
          execution_id: executionId,
          run_id: spec.runId,
          shard,
          host: hostname(),
          pid: process.pid,
          status: "running",
          started_at: now,
          heartbeat_at: now,
          finished_at: null,
          executed_runs: 0,
          cache_hits: 0,
        })
        .execute();
    });
    return new JobHandle(this, spec, executionId);
  }

  /** Jobs, most recently started first. */
  async listJobs(filter: JobFilter = {}): Promise<JobRecord[]> {
    let query = this.db.selectFrom("jobs").selectAll().orderBy("started_at", "desc").orderBy("run_id");
    if (filter.status) query = query.where("status", "=", filter.status);
    if (filter.fingerprint) query = query.where("fingerprint", "=", filter.fingerprint);
    if (filter.experiment) query = query.where("experiment", "=", filter.experiment);
    if (filter.limit !== undefined) query = query.limit(filter.limit);
    return Promise.all((await query.execute()).map((row) => this.withLiveStatus(jobRecord(row))));
  }

  async getJob(runId: string): Promise<JobRecord | null> {
    const row = await this.db.selectFrom("jobs").selectAll().where("run_id", "=", runId).executeTakeFirst();
    return row ? this.withLiveStatus(jobRecord(row)) : null;
  }

  /** A job stored as running whose processes all died (killed, machine gone) reads as interrupted. */
  private async withLiveStatus(job: JobRecord): Promise<JobRecord> {
    if (job.status !== "running") return job;
    const running = await this.db
      .selectFrom("executions")
      .select(["host", "pid", "heartbeat_at"])
      .where("run_id", "=", job.runId)
      .where("status", "=", "running")
      .execute();
    return running.some(executionAlive) ? job : { ...job, status: "interrupted" };
  }

  /** A run id from a unique prefix of it (as printed by `pare runs list`). */
  async resolveRunId(prefix: string): Promise<string> {
    const wanted = prefix.trim();
    if (!/^[0-9a-f]{1,64}$/.test(wanted))
      throw new UnknownRunError(`'${prefix}' is not a run id (run ids are hexadecimal; see pare runs list)`);
    const rows = await this.db
      .selectFrom("jobs")
      .select("run_id")
      .where("run_id", "like", `${wanted}%`)
      .orderBy("run_id")
      .limit(6)
      .execute();
    if (rows.length === 1) return (rows[0] as { run_id: string }).run_id;
    if (rows.length === 0) throw new UnknownRunError(`no run ${wanted} in the store ${this.describe()}`);
    throw new UnknownRunError(
      `run id prefix ${wanted} is ambiguous: ${rows.map((r) => r.run_id).join(", ")}${rows.length > 5 ? ", …" : ""}`,
    );
  }

  /** A job's rows in plan order. */
  async jobRuns(runId: string): Promise<StoredRun[]> {
    const rows = await this.db
      .selectFrom("scenario_runs")
      .selectAll()
      .where("run_id", "=", runId)
      .orderBy("position")
      .execute();
    return rows.map(storedRun);
  }

  /** The trace (full format, run id null) and deliberations kept for one scenario run. */
  async runArtifacts(
    runId: string,
    scenarioId: string,
    runNumber: number | null,
  ): Promise<{ trace: string | null; deliberations: string | null } | null> {
    const row = await this.db
      .selectFrom("scenario_runs")
      .select(["trace_hash", "deliberations_hash"])
      .where("run_id", "=", runId)
      .where("base_scenario_id", "=", scenarioId)
      .where("run_slot", "=", runSlot(runNumber))
      .executeTakeFirst();
    if (!row) return null;
    return {
      trace: await this.artifact(row.trace_hash),
      deliberations: await this.artifact(row.deliberations_hash),
    };
  }

  private async artifact(hash: string | null): Promise<string | null> {
    if (hash === null) return null;
    const row = await this.db
      .selectFrom("artifacts")
      .select("data")
      .where("hash", "=", hash)
      .executeTakeFirst();
    return row ? unpackArtifact(row.data) : null;
  }

  /**
   * The runs of a job that ended in an error (an exception, or an error class once error accounting fills it):
   * what `--retry-errors` re-runs. Recording a run again replaces its row.
   */
  async erroredRuns(
    runId: string,
    classes: readonly string[] | null = null,
  ): Promise<{ scenarioId: string; runNumber: number | null; errorClass: string | null }[]> {
    const rows = await this.db
      .selectFrom("scenario_runs")
      .select(["base_scenario_id", "run_number", "error_class"])
      .where("run_id", "=", runId)
      .where((eb) => eb.or([eb("has_exception", "=", 1), eb("error_class", "is not", null)]))
      .orderBy("position")
      .execute();
    return rows
      .filter((r) => classes === null || (r.error_class !== null && classes.includes(r.error_class)))
      .map((r) => ({ scenarioId: r.base_scenario_id, runNumber: r.run_number, errorClass: r.error_class }));
  }

  /** Replaces the manifest a job's latest execution wrote. */
  async saveJobManifest(runId: string, manifest: unknown): Promise<void> {
    await this.db
      .updateTable("jobs")
      .set({ manifest_json: redactForWriting(JSON.stringify(manifest)) })
      .where("run_id", "=", runId)
      .execute();
  }

  /**
   * Deletes a job with its rows and executions. Cache entries that pointed at its rows move to another job's
   * identical row when one exists, else they are dropped; files no row uses any more are deleted.
   */
  async removeJob(runId: string): Promise<{ rows: number; cacheEntriesDropped: number }> {
    return this.db.transaction().execute(async (trx) => {
      const entries = await trx.selectFrom("result_cache").selectAll().where("run_id", "=", runId).execute();
      let dropped = 0;
      for (const entry of entries) {
        const other = await trx
          .selectFrom("scenario_runs")
          .select("run_id")
          .where("cache_key", "=", entry.cache_key)
          .where("run_id", "!=", runId)
          .where("has_exception", "=", 0)
          .orderBy("recorded_at")
          .executeTakeFirst();
        if (other) {
          await trx
            .updateTable("result_cache")
            .set({ run_id: other.run_id })
            .where("cache_key", "=", entry.cache_key)
            .execute();
        } else {
          await trx.deleteFrom("result_cache").where("cache_key", "=", entry.cache_key).execute();
          dropped += 1;
        }
      }
      const deleted = await trx.deleteFrom("scenario_runs").where("run_id", "=", runId).executeTakeFirst();
      await trx.deleteFrom("executions").where("run_id", "=", runId).execute();
      await trx.deleteFrom("jobs").where("run_id", "=", runId).execute();
      await deleteUnusedArtifacts(trx);
      return { rows: Number(deleted.numDeletedRows), cacheEntriesDropped: dropped };
    });
  }

  /** How many reusable results the cache index holds, and where. */
  async cacheStatus(): Promise<CacheStatus> {
    const row = await this.db
      .selectFrom("result_cache")
      .select((eb) => [
        eb.fn.countAll<number>().as("entries"),
        eb.fn.count<number>("scenario_id").distinct().as("scenarios"),
      ])
      .executeTakeFirstOrThrow();
    return {
      location: this.describe(),
      kind: this.connection.location.kind,
      entries: Number(row.entries),
      scenarios: Number(row.scenarios),
      bytes: await this.connection.sizeBytes(),
    };
  }

  /** Scenario ids that have cache entries. */
  async cachedScenarioIds(): Promise<string[]> {
    const rows = await this.db.selectFrom("result_cache").select("scenario_id").distinct().execute();
    return rows.map((r) => r.scenario_id).sort();
  }

  /**
   * Drops cache entries (never results: the jobs keep their rows); returns how many. `scenarioId` must be
   * non-empty; `all` drops every entry.
   */
  async invalidateCache(filter: { scenarioId: string } | { all: true }): Promise<number> {
    let query = this.db.deleteFrom("result_cache");
    if ("scenarioId" in filter) {
      if (filter.scenarioId.trim() === "") throw new Error("invalidateCache: empty scenario id");
      query = query.where("scenario_id", "=", filter.scenarioId);
    }
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Recomputes a job's counts from its rows and its status from its executions (inside `trx`). */
  async refreshJob(trx: Db, runId: string, fallback: JobStatus | null = null): Promise<void> {
    const counts = await trx
      .selectFrom("scenario_runs")
      .select((eb) => [
        eb.fn.countAll<number>().as("total"),
        eb.fn.sum<number>(eb.case().when("status", "=", "success").then(1).else(0).end()).as("success"),
        eb.fn.sum<number>(eb.case().when("status", "=", "failed").then(1).else(0).end()).as("failed"),
        eb.fn.sum<number>("has_exception").as("errors"),
        eb.fn.sum<number>("run_duration").as("duration"),
      ])
      .where("run_id", "=", runId)
      .executeTakeFirstOrThrow();
    const executions = await trx
      .selectFrom("executions")
      .selectAll()
      .where("run_id", "=", runId)
      .orderBy("started_at", "desc")
      .execute();
    const live = executions.some((e) => e.status === "running" && executionAlive(e));
    const latest = executions.find((e) => e.status !== "running") ?? executions[0];
    const status: JobStatus = live ? "running" : (fallback ?? latest?.status ?? "interrupted");
    await trx
      .updateTable("jobs")
      .set({
        status,
        total_runs: Number(counts.total),
        success_runs: Number(counts.success ?? 0),
        failed_runs: Number(counts.failed ?? 0),
        error_runs: Number(counts.errors ?? 0),
      })
      .where("run_id", "=", runId)
      .execute();
    await trx
      .updateTable("scenario_runs")
      .set({ job_duration: Number(counts.duration ?? 0) })
      .where("run_id", "=", runId)
      .execute();
  }
}

/** Deletes artifacts no row refers to. */
export async function deleteUnusedArtifacts(trx: Db): Promise<void> {
  await trx
    .deleteFrom("artifacts")
    .where((eb) =>
      eb.and([
        eb(
          "hash",
          "not in",
          eb.selectFrom("scenario_runs").select("trace_hash").where("trace_hash", "is not", null),
        ),
        eb(
          "hash",
          "not in",
          eb
            .selectFrom("scenario_runs")
            .select("deliberations_hash")
            .where("deliberations_hash", "is not", null),
        ),
      ]),
    )
    .execute();
}

interface CachedRow {
  runId: string;
  resultJson: string;
  trace: string | null;
  deliberations: string | null;
}

/** One execution's writer: records runs, serves the cache index, keeps a heartbeat, and finishes the job. */
export class JobHandle implements JobWriter {
  private cacheIndex: Map<string, CachedRow> | null = null;
  // What the next commit writes: rows (`pendingCached` of them served from the cache), files, cache entries.
  private readonly pending: Insertable<ScenarioRunsTable>[] = [];
  private pendingCached = 0;
  private readonly pendingArtifacts = new Map<string, Insertable<ArtifactsTable>>();
  private readonly pendingCache: ({ upsert: Insertable<ResultCacheTable> } | { drop: string })[] = [];
  /** The commit not started yet (later records join it), and the end of the last one started. */
  private scheduled: Promise<void> | null = null;
  private committed: Promise<void> = Promise.resolve();
  private readonly heartbeat: NodeJS.Timeout;
  private executed = 0;
  private cacheHits = 0;
  private finished = false;

  constructor(
    private readonly store: RunStore,
    readonly spec: JobSpec,
    readonly executionId: string,
  ) {
    this.heartbeat = setInterval(() => {
      this.store.db
        .updateTable("executions")
        .set({ heartbeat_at: nowIso() })
        .where("execution_id", "=", executionId)
        .execute()
        .catch(() => {});
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get runId(): string {
    return this.spec.runId;
  }

  /** The reusable results of this fingerprint, loaded in one query the first time they are asked for. */
  async cached(key: CacheKey): Promise<CachedResult | null> {
    if (this.cacheIndex === null) {
      const rows = await this.store.db
        .selectFrom("result_cache as c")
        .innerJoin("scenario_runs as r", (join) =>
          join.onRef("r.run_id", "=", "c.run_id").onRef("r.cache_key", "=", "c.cache_key"),
        )
        .select([
          "c.cache_key",
          "c.run_id",
          "r.result_json",
          "r.has_exception",
          "r.trace_hash",
          "r.deliberations_hash",
        ])
        .where("c.config_hash", "=", key.configHash)
        .execute();
      this.cacheIndex = new Map(
        rows
          .filter((r) => r.has_exception === 0)
          .map((r) => [
            r.cache_key,
            {
              runId: r.run_id,
              resultJson: r.result_json,
              trace: r.trace_hash,
              deliberations: r.deliberations_hash,
            },
          ]),
      );
    }
    const hit = this.cacheIndex.get(cacheKeyString(key));
    if (!hit) return null;
    const result = ScenarioValidationResult.fromJSON(JSON.parse(hit.resultJson));
    // Results that ended in an exception are never reused.
    if (result.exception !== null) return null;
    return { result, runId: hit.runId, artifactRefs: { trace: hit.trace, deliberations: hit.deliberations } };
  }

  /**
   * Writes (or replaces) the run's row, its files and its cache entry. An executed run is committed before this
   * resolves. Runs recorded together (a batch of outcomes from a worker thread, runs finishing in the same tick)
   * are committed as one group, in one transaction: each `record` resolves when the commit holding its row is
   * done. A run served from the cache is batched with the next write (at most CACHED_BATCH of them, and all at
   * `finish`): its result is already committed in the row it came from, so a crash loses no result.
   */
  async record(run: RecordedRun): Promise<void> {
    const now = nowIso();
    // A cached run shares the files of the row it came from.
    const refs = (run.fromCache ? run.cachedArtifactRefs : null) as {
      trace: string | null;
      deliberations: string | null;
    } | null;
    const trace = !refs && run.artifacts?.trace ? packArtifact("trace", run.artifacts.trace) : null;
    const deliberations =
      !refs && typeof run.artifacts?.deliberations === "string"
        ? packArtifact("deliberations", run.artifacts.deliberations)
        : null;
    const row = scenarioRunRow(
      this.runId,
      this.spec.config,
      this.spec.fingerprint.hash,
      run,
      {
        trace: refs ? refs.trace : (trace?.hash ?? null),
        deliberations: refs ? refs.deliberations : (deliberations?.hash ?? null),
      },
      now,
    );
    if (run.fromCache) this.cacheHits += 1;
    else this.executed += 1;
    this.pending.push(redactRow(row));
    for (const artifact of [trace, deliberations])
      if (artifact) this.pendingArtifacts.set(artifact.hash, artifact);
    if (run.cacheKey && !run.fromCache) {
      const cacheKey = cacheKeyString(run.cacheKey);
      this.pendingCache.push(
        run.result.exception === null
          ? {
              upsert: {
                cache_key: cacheKey,
                config_hash: run.cacheKey.configHash,
                scenario_id: run.scenarioId,
                run_number: run.runNumber,
                source_hash: run.cacheKey.sourceHash,
                content_hash: run.cacheKey.contentHash,
                run_id: this.runId,
                created_at: now,
              },
            }
          : { drop: cacheKey },
      );
    }
    if (run.fromCache) {
      this.pendingCached += 1;
      // Only cached rows pending, fewer than CACHED_BATCH: they wait for the next write (or `finish`).
      if (this.pendingCached === this.pending.length && this.pending.length < CACHED_BATCH) return;
    }
    await this.commit();
  }

  /**
   * The commit that will hold everything pending now: the one scheduled (not started yet), else a new one that
   * starts when the commit in progress is done. One commit at a time, each taking all that is pending.
   */
  private commit(): Promise<void> {
    if (this.scheduled) return this.scheduled;
    const next = this.committed.then(() => {
      this.scheduled = null;
      return this.flush();
    });
    this.scheduled = next;
    this.committed = next.catch(() => {});
    return next;
  }

  /** Commits the pending rows, their files and cache entries in one transaction. */
  private async flush(): Promise<void> {
    const rows = this.pending.splice(0, this.pending.length);
    const artifacts = [...this.pendingArtifacts.values()];
    const cacheOps = this.pendingCache.splice(0, this.pendingCache.length);
    this.pendingArtifacts.clear();
    this.pendingCached = 0;
    if (rows.length === 0 && artifacts.length === 0 && cacheOps.length === 0) return;
    await this.store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < artifacts.length; i += ARTIFACTS_PER_INSERT)
        await trx
          .insertInto("artifacts")
          .values(artifacts.slice(i, i + ARTIFACTS_PER_INSERT))
          .onConflict((oc) => oc.column("hash").doNothing())
          .execute();
      for (const op of cacheOps) {
        if ("upsert" in op) {
          const { cache_key, ...entry } = op.upsert;
          await trx
            .insertInto("result_cache")
            .values(op.upsert)
            .onConflict((oc) => oc.column("cache_key").doUpdateSet(entry))
            .execute();
        } else {
          await trx
            .deleteFrom("result_cache")
            .where("cache_key", "=", op.drop)
            .where("run_id", "=", this.runId)
            .execute();
        }
      }
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0] as object).filter(
        (c) => c !== "run_id" && c !== "base_scenario_id" && c !== "run_slot",
      ) as (keyof ScenarioRunsTable)[];
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
        await trx
          .insertInto("scenario_runs")
          .values(rows.slice(i, i + ROWS_PER_INSERT))
          .onConflict((oc) =>
            oc
              .columns(["run_id", "base_scenario_id", "run_slot"])
              .doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))),
          )
          .execute();
    });
  }

  /**
   * Ends this execution with a status (finished, interrupted, failed) and refreshes the job: its counts come from
   * its rows, and it stays "running" while another live execution (shard) works on it.
   */
  async finish(status: Exclude<JobStatus, "running">, options: FinishOptions): Promise<JobRecord> {
    clearInterval(this.heartbeat);
    if (!this.finished) {
      this.finished = true;
      await this.commit();
      const now = nowIso();
      await this.store.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("executions")
          .set({ status, finished_at: now, executed_runs: this.executed, cache_hits: this.cacheHits })
          .where("execution_id", "=", this.executionId)
          .execute();
        await trx
          .updateTable("jobs")
          .set({
            finished_at: now,
            wall_seconds: options.wallSeconds,
            cache_hits: this.cacheHits,
            executed_runs: this.executed,
            ...(options.manifest !== undefined
              ? { manifest_json: redactForWriting(JSON.stringify(options.manifest)) }
              : {}),
          })
          .where("run_id", "=", this.runId)
          .execute();
        await this.store.refreshJob(trx, this.runId, status);
      });
    }
    const job = await this.store.getJob(this.runId);
    if (!job) throw new UnknownRunError(`job ${this.runId} vanished from the store`);
    return job;
  }

  /** Stops the heartbeat without finishing (for callers that abandon the handle). */
  dispose(): void {
    clearInterval(this.heartbeat);
  }
}

export { describeStoreLocation };
