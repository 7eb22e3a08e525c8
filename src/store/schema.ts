import { type Kysely, sql } from "kysely";

/**
 * The run store's tables, the same in SQLite and PostgreSQL. Booleans are 0/1 integers and JSON is text in
 * both, so one query layer serves both dialects; wall-clock times are ISO-8601 UTC strings.
 */
/** 2: the annotation tables (`annotation_sets`, `annotation_samples`, `annotations`). */
export const STORE_SCHEMA_VERSION = 2;

export interface MetaTable {
  key: string;
  value: string;
}

/** One row per job (run id): what was asked, under which code, and how its latest execution went. */
export interface JobsTable {
  run_id: string;
  /** The run fingerprint (`config_hash` of its rows). */
  fingerprint: string;
  /** `FingerprintFields` as JSON: what the fingerprint covers, for `runs show` and for explaining a refusal. */
  fingerprint_json: string;
  /** Hash of the fingerprinted config, label and selection without the code: the same benchmark on other code. */
  config_key: string;
  /** The full resolved runner config (base URLs sanitised). */
  config_json: string;
  experiment: string;
  split: string | null;
  /** Selected scenario ids in order (JSON array). */
  scenarios_json: string;
  /** `scenarioSourceHash` per scenario (JSON object). */
  scenario_hashes_json: string;
  seed: number;
  runs_per_scenario: number;
  /** Scenario runs of the whole (unsharded) job. */
  planned_runs: number;
  mode: string;
  agent_type: string;
  user_model: string;
  observe_model: string;
  execute_model: string;
  package_version: string;
  git_revision: string | null;
  /** 1 when the checkout had uncommitted changes, null outside a repository. */
  git_dirty: number | null;
  created_at: string;
  started_at: string;
  finished_at: string | null;
  /** Wall seconds of the latest execution. */
  wall_seconds: number | null;
  status: JobStatus;
  total_runs: number;
  success_runs: number;
  failed_runs: number;
  error_runs: number;
  cache_hits: number;
  executed_runs: number;
  manifest_json: string | null;
}

export type JobStatus = "running" | "finished" | "interrupted" | "failed";
export const JOB_STATUSES: readonly JobStatus[] = ["running", "finished", "interrupted", "failed"];

/** One row per `pare benchmark run` process working on a job (or one shard of it). */
export interface ExecutionsTable {
  execution_id: string;
  run_id: string;
  /** `I/N`, or null for the whole job. */
  shard: string | null;
  host: string;
  pid: number;
  status: JobStatus;
  started_at: string;
  heartbeat_at: string;
  finished_at: string | null;
  executed_runs: number;
  cache_hits: number;
}

/** PARE's 29 result columns (spec §12.4), then ours. Primary key: (run_id, base_scenario_id, run_slot). */
export interface ScenarioRunsTable {
  run_id: string;
  base_scenario_id: string;
  /** `run_number ?? 0`: a key column cannot be null. */
  run_slot: number;
  run_number: number | null;
  success_numeric: number | null;
  success_bool: number | null;
  status: string;
  has_exception: number;
  exception_type: string | null;
  exception_message: string | null;
  rationale: string | null;
  export_path: string | null;
  run_duration: number | null;
  job_duration: number | null;
  user_model: string | null;
  user_provider: string | null;
  observe_model: string | null;
  observe_provider: string | null;
  execute_model: string | null;
  execute_provider: string | null;
  agent_type: string | null;
  proactive_model: string | null;
  tool_failure_probability: number | null;
  num_env_events_per_minute: number | null;
  proposal_count: number | null;
  acceptance_count: number | null;
  read_only_actions: number | null;
  write_actions: number | null;
  number_of_turns: number | null;
  proposal_rate: number | null;
  acceptance_rate: number | null;
  seed: number;
  config_hash: string;
  /** Filled by error accounting (issue 13): configuration, scenario, model, infrastructure. */
  error_class: string | null;
  /** How the run ended (`StopReason`). */
  stop_reason: string | null;
  /** Order of the run in the job plan. */
  position: number;
  /** `ScenarioValidationResult.toJSON()`: what rows are rebuilt from. */
  result_json: string;
  source_hash: string | null;
  content_hash: string | null;
  cache_key: string | null;
  from_cache: number;
  cached_from: string | null;
  trace_hash: string | null;
  deliberations_hash: string | null;
  recorded_at: string;
}

/** The result-cache index: a key → the row holding a reusable result. */
export interface ResultCacheTable {
  cache_key: string;
  config_hash: string;
  scenario_id: string;
  run_number: number | null;
  source_hash: string;
  content_hash: string;
  run_id: string;
  created_at: string;
}

/** Content-addressed, gzip-compressed files (traces, deliberations), shared by every row that has them. */
export interface ArtifactsTable {
  hash: string;
  kind: string;
  bytes: number;
  data: Uint8Array;
}

/** A named set of decision points people annotate (`pare annotate sample`). */
export interface AnnotationSetsTable {
  set_name: string;
  /** Annotations a real sample needs before it is no longer handed out. */
  annotators_per_sample: number;
  created_at: string;
}

/** One decision point of a set (`AnnotationSample` as JSON), in the order it is handed out. */
export interface AnnotationSamplesTable {
  set_name: string;
  sample_id: string;
  position: number;
  tutorial: number;
  sample_json: string;
  created_at: string;
}

/** One person's answer to one sample (tutorial answers included, marked). */
export interface AnnotationsTable {
  annotation_id: string;
  set_name: string;
  sample_id: string;
  annotator_id: string;
  /** accept, reject or gather_context. */
  decision: string;
  /** Required for gather_context ("I need more info"), else null. */
  rationale: string | null;
  tutorial: number;
  created_at: string;
}

export interface StoreDatabase {
  meta: MetaTable;
  jobs: JobsTable;
  executions: ExecutionsTable;
  scenario_runs: ScenarioRunsTable;
  result_cache: ResultCacheTable;
  artifacts: ArtifactsTable;
  annotation_sets: AnnotationSetsTable;
  annotation_samples: AnnotationSamplesTable;
  annotations: AnnotationsTable;
}

export type Dialect = "sqlite" | "postgres";

/** Creates the tables and indexes if they are missing (inside the caller's transaction). */
export async function createSchema(db: Kysely<StoreDatabase>, dialect: Dialect): Promise<void> {
  const blob = dialect === "postgres" ? "bytea" : "blob";
  const text = "text" as const;
  const int = "integer" as const;
  const big = "bigint" as const;
  const real = "double precision" as const;
  await db.schema
    .createTable("meta")
    .ifNotExists()
    .addColumn("key", text, (c) => c.primaryKey())
    .addColumn("value", text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("jobs")
    .ifNotExists()
    .addColumn("run_id", text, (c) => c.primaryKey())
    .addColumn("fingerprint", text, (c) => c.notNull())
    .addColumn("fingerprint_json", text, (c) => c.notNull())
    .addColumn("config_key", text, (c) => c.notNull())
    .addColumn("config_json", text, (c) => c.notNull())
    .addColumn("experiment", text, (c) => c.notNull())
    .addColumn("split", text)
    .addColumn("scenarios_json", text, (c) => c.notNull())
    .addColumn("scenario_hashes_json", text, (c) => c.notNull())
    .addColumn("seed", big, (c) => c.notNull())
    .addColumn("runs_per_scenario", int, (c) => c.notNull())
    .addColumn("planned_runs", int, (c) => c.notNull())
    .addColumn("mode", text, (c) => c.notNull())
    .addColumn("agent_type", text, (c) => c.notNull())
    .addColumn("user_model", text, (c) => c.notNull())
    .addColumn("observe_model", text, (c) => c.notNull())
    .addColumn("execute_model", text, (c) => c.notNull())
    .addColumn("package_version", text, (c) => c.notNull())
    .addColumn("git_revision", text)
    .addColumn("git_dirty", int)
    .addColumn("created_at", text, (c) => c.notNull())
    .addColumn("started_at", text, (c) => c.notNull())
    .addColumn("finished_at", text)
    .addColumn("wall_seconds", real)
    .addColumn("status", text, (c) => c.notNull())
    .addColumn("total_runs", int, (c) => c.notNull().defaultTo(0))
    .addColumn("success_runs", int, (c) => c.notNull().defaultTo(0))
    .addColumn("failed_runs", int, (c) => c.notNull().defaultTo(0))
    .addColumn("error_runs", int, (c) => c.notNull().defaultTo(0))
    .addColumn("cache_hits", int, (c) => c.notNull().defaultTo(0))
    .addColumn("executed_runs", int, (c) => c.notNull().defaultTo(0))
    .addColumn("manifest_json", text)
    .execute();
  await db.schema
    .createTable("executions")
    .ifNotExists()
    .addColumn("execution_id", text, (c) => c.primaryKey())
    .addColumn("run_id", text, (c) => c.notNull())
    .addColumn("shard", text)
    .addColumn("host", text, (c) => c.notNull())
    .addColumn("pid", int, (c) => c.notNull())
    .addColumn("status", text, (c) => c.notNull())
    .addColumn("started_at", text, (c) => c.notNull())
    .addColumn("heartbeat_at", text, (c) => c.notNull())
    .addColumn("finished_at", text)
    .addColumn("executed_runs", int, (c) => c.notNull().defaultTo(0))
    .addColumn("cache_hits", int, (c) => c.notNull().defaultTo(0))
    .execute();
  let runs = db.schema
    .createTable("scenario_runs")
    .ifNotExists()
    .addColumn("run_id", text, (c) => c.notNull())
    .addColumn("base_scenario_id", text, (c) => c.notNull())
    .addColumn("run_slot", int, (c) => c.notNull())
    .addColumn("run_number", int)
    .addColumn("success_numeric", real)
    .addColumn("success_bool", int)
    .addColumn("status", text, (c) => c.notNull())
    .addColumn("has_exception", int, (c) => c.notNull());
  for (const name of ["exception_type", "exception_message", "rationale", "export_path"] as const)
    runs = runs.addColumn(name, text);
  runs = runs.addColumn("run_duration", real).addColumn("job_duration", real);
  for (const name of [
    "user_model",
    "user_provider",
    "observe_model",
    "observe_provider",
    "execute_model",
    "execute_provider",
    "agent_type",
    "proactive_model",
  ] as const)
    runs = runs.addColumn(name, text);
  runs = runs.addColumn("tool_failure_probability", real).addColumn("num_env_events_per_minute", int);
  for (const name of [
    "proposal_count",
    "acceptance_count",
    "read_only_actions",
    "write_actions",
    "number_of_turns",
  ] as const)
    runs = runs.addColumn(name, int);
  await runs
    .addColumn("proposal_rate", real)
    .addColumn("acceptance_rate", real)
    .addColumn("seed", big, (c) => c.notNull())
    .addColumn("config_hash", text, (c) => c.notNull())
    .addColumn("error_class", text)
    .addColumn("stop_reason", text)
    .addColumn("position", int, (c) => c.notNull())
    .addColumn("result_json", text, (c) => c.notNull())
    .addColumn("source_hash", text)
    .addColumn("content_hash", text)
    .addColumn("cache_key", text)
    .addColumn("from_cache", int, (c) => c.notNull())
    .addColumn("cached_from", text)
    .addColumn("trace_hash", text)
    .addColumn("deliberations_hash", text)
    .addColumn("recorded_at", text, (c) => c.notNull())
    .addPrimaryKeyConstraint("scenario_runs_pk", ["run_id", "base_scenario_id", "run_slot"])
    .execute();
  await db.schema
    .createTable("result_cache")
    .ifNotExists()
    .addColumn("cache_key", text, (c) => c.primaryKey())
    .addColumn("config_hash", text, (c) => c.notNull())
    .addColumn("scenario_id", text, (c) => c.notNull())
    .addColumn("run_number", int)
    .addColumn("source_hash", text, (c) => c.notNull())
    .addColumn("content_hash", text, (c) => c.notNull())
    .addColumn("run_id", text, (c) => c.notNull())
    .addColumn("created_at", text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("artifacts")
    .ifNotExists()
    .addColumn("hash", text, (c) => c.primaryKey())
    .addColumn("kind", text, (c) => c.notNull())
    .addColumn("bytes", int, (c) => c.notNull())
    .addColumn("data", sql.raw(blob), (c) => c.notNull())
    .execute();
  await createAnnotationTables(db);
  const index = (name: string, table: keyof StoreDatabase, columns: string[]) =>
    db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  await index("executions_run", "executions", ["run_id"]);
  await index("scenario_runs_cache_key", "scenario_runs", ["cache_key"]);
  await index("scenario_runs_trace", "scenario_runs", ["trace_hash"]);
  await index("scenario_runs_deliberations", "scenario_runs", ["deliberations_hash"]);
  await index("result_cache_config", "result_cache", ["config_hash"]);
  await index("result_cache_scenario", "result_cache", ["scenario_id"]);
  await index("result_cache_run", "result_cache", ["run_id"]);
  await index("jobs_config_key", "jobs", ["config_key"]);
}

/** Schema version 2: the annotation tables, added to older stores when they are opened. */
async function createAnnotationTables(db: Kysely<StoreDatabase>): Promise<void> {
  await db.schema
    .createTable("annotation_sets")
    .ifNotExists()
    .addColumn("set_name", "text", (c) => c.primaryKey())
    .addColumn("annotators_per_sample", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("annotation_samples")
    .ifNotExists()
    .addColumn("set_name", "text", (c) => c.notNull())
    .addColumn("sample_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("tutorial", "integer", (c) => c.notNull())
    .addColumn("sample_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("annotation_samples_pk", ["set_name", "sample_id"])
    .execute();
  await db.schema
    .createTable("annotations")
    .ifNotExists()
    .addColumn("annotation_id", "text", (c) => c.primaryKey())
    .addColumn("set_name", "text", (c) => c.notNull())
    .addColumn("sample_id", "text", (c) => c.notNull())
    .addColumn("annotator_id", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("rationale", "text")
    .addColumn("tutorial", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("annotations_once")
    .ifNotExists()
    .unique()
    .on("annotations")
    .columns(["set_name", "sample_id", "annotator_id"])
    .execute();
}
