import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Insertable, Selectable } from "kysely";
import type { MultiScenarioRunnerConfig } from "../runner/config.js";
import { runColumnsFromConfig } from "../runner/config.js";
import type { CacheKey, RecordedRun } from "../runner/job-writer.js";
import {
  MultiScenarioValidationResult,
  type ResultCell,
  ScenarioValidationResult,
} from "../scenarios/validation-result.js";
import { canonicalJson } from "../util/canonical-json.js";
import { redactForWriting } from "../util/secrets.js";
import type { ArtifactsTable, JobStatus, JobsTable, ScenarioRunsTable } from "./schema.js";

export type JobRow = Selectable<JobsTable>;
export type ScenarioRunRow = Selectable<ScenarioRunsTable>;

/** The store's key for a cache entry. */
export function cacheKeyString(key: CacheKey): string {
  return createHash("sha256").update(canonicalJson(key)).digest("hex").slice(0, 32);
}

export const runSlot = (runNumber: number | null): number => runNumber ?? 0;

const bit = (value: ResultCell): number | null => (value === null ? null : value ? 1 : 0);
const num = (value: ResultCell): number | null => (value === null ? null : Number(value));
const str = (value: ResultCell): string | null => (value === null ? null : String(value));

/**
 * The row of one recorded run: PARE's columns exactly as the result frame has them (built by the same code), then
 * the store's own. `job_duration` is filled in when the job finishes.
 */
export function scenarioRunRow(
  runId: string,
  config: MultiScenarioRunnerConfig,
  configHash: string,
  run: RecordedRun,
  hashes: { trace: string | null; deliberations: string | null },
  recordedAt: string,
): Insertable<ScenarioRunsTable> {
  const one = new MultiScenarioValidationResult(runColumnsFromConfig(config));
  one.identity = { runId, configHash };
  one.addResult(run.result, run.scenarioId, run.runNumber, run.seed);
  const c = one.toColumns();
  const cell = (name: string): ResultCell => c[name]?.[0] ?? null;
  return {
    run_id: runId,
    base_scenario_id: run.scenarioId,
    run_slot: runSlot(run.runNumber),
    run_number: run.runNumber,
    success_numeric: num(cell("success_numeric")),
    success_bool: bit(cell("success_bool")),
    status: String(cell("status")),
    has_exception: bit(cell("has_exception")) ?? 0,
    exception_type: str(cell("exception_type")),
    exception_message: str(cell("exception_message")),
    rationale: str(cell("rationale")),
    export_path: str(cell("export_path")),
    run_duration: num(cell("run_duration")),
    job_duration: null,
    user_model: str(cell("user_model")),
    user_provider: str(cell("user_provider")),
    observe_model: str(cell("observe_model")),
    observe_provider: str(cell("observe_provider")),
    execute_model: str(cell("execute_model")),
    execute_provider: str(cell("execute_provider")),
    agent_type: str(cell("agent_type")),
    proactive_model: str(cell("proactive_model")),
    tool_failure_probability: num(cell("tool_failure_probability")),
    num_env_events_per_minute: num(cell("num_env_events_per_minute")),
    proposal_count: num(cell("proposal_count")),
    acceptance_count: num(cell("acceptance_count")),
    read_only_actions: num(cell("read_only_actions")),
    write_actions: num(cell("write_actions")),
    number_of_turns: num(cell("number_of_turns")),
    proposal_rate: num(cell("proposal_rate")),
    acceptance_rate: num(cell("acceptance_rate")),
    seed: run.seed,
    config_hash: configHash,
    error_class: str(cell("error_class")),
    stop_reason: str(cell("stop_reason")),
    position: run.position,
    result_json: JSON.stringify(run.result.toJSON()),
    source_hash: run.cacheKey?.sourceHash ?? null,
    content_hash: run.cacheKey?.contentHash ?? null,
    cache_key: run.cacheKey ? cacheKeyString(run.cacheKey) : null,
    from_cache: run.fromCache ? 1 : 0,
    cached_from: run.cachedFrom,
    trace_hash: hashes.trace,
    deliberations_hash: hashes.deliberations,
    recorded_at: recordedAt,
  };
}

/** A stored run as the read API gives it. */
export interface StoredRun {
  runId: string;
  scenarioId: string;
  runNumber: number | null;
  seed: number;
  position: number;
  configHash: string;
  result: ScenarioValidationResult;
  status: string;
  errorClass: string | null;
  stopReason: string | null;
  fromCache: boolean;
  cachedFrom: string | null;
  hasTrace: boolean;
  recordedAt: string;
}

export function storedRun(row: ScenarioRunRow): StoredRun {
  return {
    runId: row.run_id,
    scenarioId: row.base_scenario_id,
    runNumber: row.run_number,
    seed: Number(row.seed),
    position: row.position,
    configHash: row.config_hash,
    result: ScenarioValidationResult.fromJSON(JSON.parse(row.result_json)),
    status: row.status,
    errorClass: row.error_class,
    stopReason: row.stop_reason,
    fromCache: row.from_cache === 1,
    cachedFrom: row.cached_from,
    hasTrace: row.trace_hash !== null,
    recordedAt: row.recorded_at,
  };
}

/** A job as the read API gives it. */
export interface JobRecord {
  runId: string;
  fingerprint: string;
  fingerprintFields: unknown;
  configKey: string;
  config: MultiScenarioRunnerConfig;
  experiment: string;
  split: string | null;
  scenarioIds: string[];
  scenarioHashes: Record<string, string>;
  seed: number;
  runsPerScenario: number;
  plannedRuns: number;
  mode: string;
  agentType: string;
  models: { user: string; observe: string; execute: string };
  packageVersion: string;
  gitRevision: string | null;
  gitDirty: boolean | null;
  createdAt: string;
  startedAt: string;
  finishedAt: string | null;
  /** Wall seconds of the latest execution. */
  wallSeconds: number | null;
  status: JobStatus;
  counts: {
    total: number;
    success: number;
    failed: number;
    errors: number;
    cacheHits: number;
    executed: number;
  };
  manifest: unknown;
}

export function jobRecord(row: JobRow): JobRecord {
  return {
    runId: row.run_id,
    fingerprint: row.fingerprint,
    fingerprintFields: JSON.parse(row.fingerprint_json),
    configKey: row.config_key,
    config: JSON.parse(row.config_json) as MultiScenarioRunnerConfig,
    experiment: row.experiment,
    split: row.split,
    scenarioIds: JSON.parse(row.scenarios_json) as string[],
    scenarioHashes: JSON.parse(row.scenario_hashes_json) as Record<string, string>,
    seed: Number(row.seed),
    runsPerScenario: row.runs_per_scenario,
    plannedRuns: row.planned_runs,
    mode: row.mode,
    agentType: row.agent_type,
    models: { user: row.user_model, observe: row.observe_model, execute: row.execute_model },
    packageVersion: row.package_version,
    gitRevision: row.git_revision,
    gitDirty: row.git_dirty === null ? null : row.git_dirty === 1,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    wallSeconds: row.wall_seconds,
    status: row.status,
    counts: {
      total: row.total_runs,
      success: row.success_runs,
      failed: row.failed_runs,
      errors: row.error_runs,
      cacheHits: row.cache_hits,
      executed: row.executed_runs,
    },
    manifest: row.manifest_json === null ? null : JSON.parse(row.manifest_json),
  };
}

/**
 * A job's results rebuilt from its rows, in plan order: the same frame the live run produced (job duration is
 * the sum of run durations, as the runner computes it).
 */
export function resultsOfRows(job: JobRecord, rows: readonly StoredRun[]): MultiScenarioValidationResult {
  const multi = new MultiScenarioValidationResult(runColumnsFromConfig(job.config));
  multi.identity = { runId: job.runId, configHash: job.fingerprint };
  const ordered = [...rows].sort((a, b) => a.position - b.position);
  for (const row of ordered) multi.addResult(row.result, row.scenarioId, row.runNumber, row.seed);
  multi.duration = ordered.reduce((sum, row) => sum + row.result.duration, 0);
  return multi;
}

export function artifactHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A file to keep in the store, without the process's secrets (the hash is of what is kept). */
/**
 * gzip level of stored artifacts. The fastest: the job's thread packs every executed run's trace, and at the
 * default level (6) that cost more than the run itself (about 1 ms for a 25 kB oracle trace, against 0.2 ms at
 * level 1, whose output is about a fifth larger). Any level reads back the same text; the hash is of the text.
 */
export const ARTIFACT_GZIP_LEVEL = 1;

/** Packed short texts (every oracle run's deliberations are empty): a gzip stream costs its set-up each time. */
const packedShort = new Map<string, Insertable<ArtifactsTable>>();
const SHORT_ARTIFACT_CHARS = 256;
const SHORT_ARTIFACTS_KEPT = 64;

export function packArtifact(kind: string, content: string): Insertable<ArtifactsTable> {
  const text = redactForWriting(content);
  const short = text.length <= SHORT_ARTIFACT_CHARS ? `${kind}\u0000${text}` : null;
  const known = short === null ? undefined : packedShort.get(short);
  if (known) return { ...known };
  const packed = {
    hash: artifactHash(text),
    kind,
    bytes: Buffer.byteLength(text),
    data: gzipSync(text, { level: ARTIFACT_GZIP_LEVEL }),
  };
  if (short !== null) {
    if (packedShort.size >= SHORT_ARTIFACTS_KEPT) packedShort.clear();
    packedShort.set(short, packed);
  }
  return { ...packed };
}

/** A row to write, its text cells without the process's secrets. */
export function redactRow<T extends object>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key] = typeof value === "string" ? redactForWriting(value) : value;
  return out as T;
}

export function unpackArtifact(data: Uint8Array): string {
  return gunzipSync(data).toString("utf8");
}
