import pl from "nodejs-polars";
import { z } from "zod";
import type { StatisticsOptions } from "../report/statistics.js";
import { generateValidationReport } from "../report/text-report.js";
import { redactForWriting } from "../util/secrets.js";
import {
  type BuilderColumn,
  type BuilderDtype,
  builderDtype,
  type DictColumn,
  FrameBuilder,
  type NumberColumn,
} from "./result-frame.js";

/**
 * Why a run raised. Infrastructure problems (rate limits, sockets, disk) are kept apart from agent failures so that
 * reports and retries can tell "the model did badly" from "the harness broke".
 */
export const ExceptionKind = z.enum(["agent", "infrastructure", "scenario", "timeout", "config"]);
export type ExceptionKind = z.infer<typeof ExceptionKind>;

/**
 * Who is at fault for a run that ended in an error (the `error_class` result column):
 * - `configuration`: the user's setup (bad credentials, unknown model, a config the scenario cannot run under);
 * - `scenario`: the scenario's own code (its build, initialisation or validator threw);
 * - `model`: the model or agent (it made a request the server refused, or agent code failed on its output);
 * - `infrastructure`: the serving stack or machine (network, HTTP 5xx/429 after retries, LLM and run timeouts,
 *   disk errors). Infrastructure errors say nothing about the model, so success rates leave them out by default.
 */
export const ErrorClass = z.enum(["configuration", "scenario", "model", "infrastructure"]);
export type ErrorClass = z.infer<typeof ErrorClass>;
export const ERROR_CLASSES: readonly ErrorClass[] = ErrorClass.options;

const CLASS_OF_KIND: Record<ExceptionKind, ErrorClass> = {
  agent: "model",
  infrastructure: "infrastructure",
  timeout: "infrastructure",
  scenario: "scenario",
  config: "configuration",
};

/** The error class of a run's exception; null when the run ended without one. */
export function errorClassOf(exception: Pick<ResultException, "kind"> | null): ErrorClass | null {
  return exception ? CLASS_OF_KIND[exception.kind] : null;
}

/** A serialisable stand-in for a raised error: results cross process and file boundaries, Error objects do not. */
export const ResultException = z.strictObject({
  type: z.string().min(1),
  message: z.string(),
  kind: ExceptionKind,
});
export type ResultException = z.infer<typeof ResultException>;

/** Turns anything thrown into a `ResultException`; the type is the error's class name, as PARE reports it. */
export function exceptionFromError(error: unknown, kind: ExceptionKind): ResultException {
  if (error instanceof Error) {
    const ctorName = error.constructor?.name;
    const type = error.name && error.name !== "Error" ? error.name : ctorName || "Error";
    return { type, message: redactForWriting(error.message), kind };
  }
  return {
    type: typeof error === "string" ? "Error" : typeof error,
    message: redactForWriting(String(error)),
    kind,
  };
}

export type ResultStatus = "success" | "failed" | "exception" | "no_validation";

export function resultStatus(success: boolean | null, exception: ResultException | null): ResultStatus {
  if (success === true) return "success";
  if (success === false) return "failed";
  return exception ? "exception" : "no_validation";
}

const Count = z.number().int().nonnegative();

/**
 * How a run ended. Agent runs: `max_turns` (the turn limit), `idle` (`idleStopTurns` quiet turns in a row),
 * `scenario_duration` (the scenario's own duration passed) or `stop_event` (the scenario's flow stopped it). Oracle runs: `oracle_finished` (every scheduled event
 * ran), `scenario_duration`, `stop_event`, or `oracle_duration_cap` (the oracle-only `maxScenarioDuration` cut it
 * off). Any run: `timeout` (its wall-clock limit) or `error` (an exception ended it).
 */
export const StopReason = z.enum([
  "max_turns",
  "idle",
  "scenario_duration",
  "stop_event",
  "oracle_finished",
  "oracle_duration_cap",
  "timeout",
  "error",
]);
export type StopReason = z.infer<typeof StopReason>;

/** JSON form of a single run's result. Derived rates are written for readers but recomputed when parsed. */
export const ScenarioValidationResultJson = z.object({
  success: z.boolean().nullable(),
  exception: ResultException.nullable().default(null),
  exportPath: z.string().nullable().default(null),
  rationale: z.string().nullable().default(null),
  duration: z.number().nonnegative().default(0),
  proposalCount: Count.default(0),
  acceptanceCount: Count.default(0),
  readOnlyActions: Count.default(0),
  writeActions: Count.default(0),
  numberOfTurns: Count.default(0),
  /** Null for results recorded before stop reasons were. */
  stopReason: StopReason.nullable().default(null),
  /** Noise events planned for the run (the expander's arrivals) and those that reached the phone before it ended. */
  noisePlanned: Count.default(0),
  noiseDelivered: Count.default(0),
  proposalRate: z.number().optional(),
  acceptanceRate: z.number().optional(),
});
export type ScenarioValidationResultJson = z.output<typeof ScenarioValidationResultJson>;
export type ScenarioValidationResultInit = z.input<typeof ScenarioValidationResultJson>;

/** Outcome and metrics of one scenario run (PARE's `PAREScenarioValidationResult`; metrics per spec §12.1). */
export class ScenarioValidationResult {
  success: boolean | null;
  exception: ResultException | null;
  exportPath: string | null;
  rationale: string | null;
  /** Simulated seconds the run covered. */
  duration: number;
  proposalCount: number;
  acceptanceCount: number;
  readOnlyActions: number;
  writeActions: number;
  numberOfTurns: number;
  stopReason: StopReason | null;
  noisePlanned: number;
  noiseDelivered: number;

  constructor(init: ScenarioValidationResultInit) {
    const data = ScenarioValidationResultJson.parse(init);
    this.success = data.success;
    this.exception = data.exception;
    this.exportPath = data.exportPath;
    this.rationale = data.rationale;
    this.duration = data.duration;
    this.proposalCount = data.proposalCount;
    this.acceptanceCount = data.acceptanceCount;
    this.readOnlyActions = data.readOnlyActions;
    this.writeActions = data.writeActions;
    this.numberOfTurns = data.numberOfTurns;
    this.stopReason = data.stopReason;
    this.noisePlanned = data.noisePlanned;
    this.noiseDelivered = data.noiseDelivered;
  }

  get status(): ResultStatus {
    return resultStatus(this.success, this.exception);
  }

  get proposalRate(): number {
    return this.numberOfTurns > 0 ? this.proposalCount / this.numberOfTurns : 0;
  }

  get acceptanceRate(): number {
    return this.proposalCount > 0 ? this.acceptanceCount / this.proposalCount : 0;
  }

  toJSON(): ScenarioValidationResultJson {
    return {
      success: this.success,
      exception: this.exception ? { ...this.exception } : null,
      exportPath: this.exportPath,
      rationale: this.rationale,
      duration: this.duration,
      proposalCount: this.proposalCount,
      acceptanceCount: this.acceptanceCount,
      readOnlyActions: this.readOnlyActions,
      writeActions: this.writeActions,
      numberOfTurns: this.numberOfTurns,
      stopReason: this.stopReason,
      noisePlanned: this.noisePlanned,
      noiseDelivered: this.noiseDelivered,
      proposalRate: this.proposalRate,
      acceptanceRate: this.acceptanceRate,
    };
  }

  /** Parses (and validates) the JSON form; throws a ZodError naming the bad field. */
  static fromJSON(value: unknown): ScenarioValidationResult {
    return new ScenarioValidationResult(ScenarioValidationResultJson.parse(value));
  }
}

/** The config columns every result row carries (spec §12.4); models are aliases. */
export const ResultRunColumns = z.strictObject({
  userModel: z.string(),
  userProvider: z.string().nullable().default(null),
  observeModel: z.string(),
  observeProvider: z.string().nullable().default(null),
  executeModel: z.string(),
  executeProvider: z.string().nullable().default(null),
  agentType: z.string().default("observe-execute"),
  toolFailureProbability: z.number().min(0).max(1).default(0),
  numEnvEventsPerMinute: z.number().int().nonnegative().default(0),
});
export type ResultRunColumns = z.output<typeof ResultRunColumns>;

/**
 * PARE's result schema, column order included (spec §12.4). Polars' `Utf8` is spelled `String` here because that is
 * the dtype frames report back, so `df.schema` compares equal to this object.
 */
export const PARE_RESULT_SCHEMA = {
  base_scenario_id: pl.String,
  run_number: pl.Int64,
  success_numeric: pl.Float64,
  success_bool: pl.Bool,
  status: pl.String,
  has_exception: pl.Bool,
  exception_type: pl.String,
  exception_message: pl.String,
  rationale: pl.String,
  export_path: pl.String,
  run_duration: pl.Float64,
  job_duration: pl.Float64,
  user_model: pl.String,
  user_provider: pl.String,
  observe_model: pl.String,
  observe_provider: pl.String,
  execute_model: pl.String,
  execute_provider: pl.String,
  agent_type: pl.String,
  proactive_model: pl.String,
  tool_failure_probability: pl.Float64,
  num_env_events_per_minute: pl.Int64,
  proposal_count: pl.Int64,
  acceptance_count: pl.Int64,
  read_only_actions: pl.Int64,
  write_actions: pl.Int64,
  number_of_turns: pl.Int64,
  proposal_rate: pl.Float64,
  acceptance_rate: pl.Float64,
} as const;

/**
 * Columns pare-ts appends after PARE's 29, in this order (team convention: `run_id`, `seed`, `config_hash`, then
 * `error_class`, `stop_reason`). Each is null when unknown (rows read from PARE's own files).
 */
export const APPENDED_RESULT_SCHEMA = {
  /** The job (run id) the row belongs to. */
  run_id: pl.String,
  /** The run's effective seed. */
  seed: pl.Int64,
  /** The run fingerprint. */
  config_hash: pl.String,
  /** Who is at fault when the run ended in an error (`ErrorClass`); null for runs without one. */
  error_class: pl.String,
  /** How the run ended (`StopReason`); null for results recorded before stop reasons were. */
  stop_reason: pl.String,
} as const;

/** Every result frame's schema: PARE's 29 columns, then the appended ones. */
export const RESULT_SCHEMA = { ...PARE_RESULT_SCHEMA, ...APPENDED_RESULT_SCHEMA } as const;
export type ResultColumn = keyof typeof RESULT_SCHEMA;
export const RESULT_COLUMNS = Object.keys(RESULT_SCHEMA) as ResultColumn[];

export type ResultCell = string | number | boolean | null;
export type ResultColumnArrays = Record<string, ResultCell[]>;

/** The builder dtype of every result column (all are String, Bool, Float64 or Int64). */
const RESULT_DTYPES = Object.fromEntries(
  RESULT_COLUMNS.map((name) => {
    const dtype = builderDtype(RESULT_SCHEMA[name]);
    if (dtype === null) throw new Error(`result column ${name} has no builder dtype`);
    return [name, dtype];
  }),
) as Record<ResultColumn, BuilderDtype>;

/**
 * Builds a frame from column arrays in RESULT_SCHEMA order (plus extra Utf8 columns); a missing column is all
 * null. Columns are typed one by one (a column dict plus `schema` is matched by position in nodejs-polars, which
 * silently nulls a misordered column), through the columnar builder (converting JS arrays cell by cell dominated
 * reports over many rows).
 */
export function resultFrameFromColumns(
  columns: ResultColumnArrays,
  extraColumnNames: string[] = [],
): pl.DataFrame {
  const height = Math.max(0, ...Object.values(columns).map((c) => c.length));
  const builder = new FrameBuilder(height);
  for (const name of RESULT_COLUMNS) {
    const cells = columns[name];
    if (cells === undefined) builder.constant(name, RESULT_DTYPES[name], null);
    else builder.cells(name, RESULT_DTYPES[name], cells);
  }
  for (const name of extraColumnNames) builder.cells(name, "String", columns[name] ?? []);
  return builder.build();
}

/** A frame with the result schema and no rows. */
export function emptyResultFrame(): pl.DataFrame {
  return resultFrameFromColumns({});
}

export interface ResultEntry {
  scenarioId: string;
  runNumber: number | null;
  result: ScenarioValidationResult;
  /** The run's effective seed, when known. */
  seed: number | null;
}

/** The job a set of results belongs to: its run id and fingerprint (`config_hash`). */
export interface ResultIdentity {
  runId: string | null;
  configHash: string | null;
}

function entryKey(scenarioId: string, runNumber: number | null): string {
  return `${scenarioId}\u0000${runNumber ?? ""}`;
}

/**
 * All results of one job under one config (PARE's `PAREMultiScenarioValidationResult`). Unlike PARE, adding a result
 * under an existing (scenario, run) key replaces it and moves the status counters with it (spec §19.2 #22).
 */
export class MultiScenarioValidationResult {
  readonly runConfig: ResultRunColumns;
  /** Wall seconds of the whole job; every row carries it as `job_duration`. */
  duration: number;
  /** Written into every row's `run_id` and `config_hash`. */
  identity: ResultIdentity = { runId: null, configHash: null };
  private readonly entries = new Map<string, ResultEntry>();
  private readonly counts: Record<ResultStatus, number> = {
    success: 0,
    failed: 0,
    exception: 0,
    no_validation: 0,
  };

  constructor(runConfig: z.input<typeof ResultRunColumns>, duration = 0) {
    this.runConfig = ResultRunColumns.parse(runConfig);
    this.duration = duration;
  }

  addResult(
    result: ScenarioValidationResult,
    scenarioId: string,
    runNumber: number | null = null,
    seed: number | null = null,
  ): void {
    const key = entryKey(scenarioId, runNumber);
    const previous = this.entries.get(key);
    if (previous) this.counts[previous.result.status] -= 1;
    // Map.set on an existing key keeps its insertion position, like a Python dict.
    this.entries.set(key, { scenarioId, runNumber, result, seed });
    this.counts[result.status] += 1;
  }

  getResult(scenarioId: string, runNumber: number | null = null): ScenarioValidationResult | undefined {
    return this.entries.get(entryKey(scenarioId, runNumber))?.result;
  }

  /** Entries in insertion order. */
  get results(): ResultEntry[] {
    return [...this.entries.values()];
  }

  get size(): number {
    return this.entries.size;
  }

  get successfulCount(): number {
    return this.counts.success;
  }
  get failedCount(): number {
    return this.counts.failed;
  }
  get exceptionCount(): number {
    return this.counts.exception;
  }
  get noValidationCount(): number {
    return this.counts.no_validation;
  }

  private sum(pick: (r: ScenarioValidationResult) => number): number {
    let total = 0;
    for (const entry of this.entries.values()) total += pick(entry.result);
    return total;
  }

  get totalProposals(): number {
    return this.sum((r) => r.proposalCount);
  }
  get totalAcceptances(): number {
    return this.sum((r) => r.acceptanceCount);
  }
  get totalTurns(): number {
    return this.sum((r) => r.numberOfTurns);
  }
  get totalReadOnlyActions(): number {
    return this.sum((r) => r.readOnlyActions);
  }
  get totalWriteActions(): number {
    return this.sum((r) => r.writeActions);
  }

  get aggregateProposalRate(): number {
    const turns = this.totalTurns;
    return turns > 0 ? this.totalProposals / turns : 0;
  }

  get aggregateAcceptanceRate(): number {
    const proposals = this.totalProposals;
    return proposals > 0 ? this.totalAcceptances / proposals : 0;
  }

  /**
   * Fraction (0–1) of successes among runs that ended with a verdict or an exception; runs without validation are
   * left out, and so are runs that ended in an infrastructure error (they say nothing about the model); other
   * errors count as failures. 0 when no run counts (see `countedRuns`).
   */
  get successRate(): number {
    return this.successRateOf();
  }

  /** `successRate`, or with infrastructure errors counted as failures (PARE's way). */
  successRateOf(options: { countErrorsAsFailures?: boolean } = {}): number {
    const counted = this.countedRuns(options);
    return counted > 0 ? this.counts.success / counted : 0;
  }

  /** Runs the success rate is over. */
  countedRuns(options: { countErrorsAsFailures?: boolean } = {}): number {
    const excluded = options.countErrorsAsFailures ? 0 : this.errorsByClass().infrastructure;
    return this.counts.success + this.counts.failed + this.counts.exception - excluded;
  }

  /** Runs that ended in an error (an exception). */
  get errorCount(): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.result.exception !== null) n += 1;
    return n;
  }

  /** Errored runs by who is at fault. */
  errorsByClass(): Record<ErrorClass, number> {
    const counts = Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as Record<ErrorClass, number>;
    for (const entry of this.entries.values()) {
      const cls = errorClassOf(entry.result.exception);
      if (cls) counts[cls] += 1;
    }
    return counts;
  }

  /** Column arrays in RESULT_SCHEMA order, one row per entry. */
  toColumns(extraColumns: Record<string, string> = {}): ResultColumnArrays {
    const extraNames = Object.keys(extraColumns);
    for (const name of extraNames) {
      if (name in RESULT_SCHEMA)
        throw new Error(`extra column "${name}" clashes with a result schema column`);
    }
    const n = this.entries.size;
    // Filled by index into preallocated arrays: a push through a name lookup per cell was most of the time.
    const column = (): ResultCell[] => new Array<ResultCell>(n);
    const constant = (value: ResultCell): ResultCell[] => new Array<ResultCell>(n).fill(value);
    const rc = this.runConfig;
    const proactiveModel = `${rc.agentType}_${rc.observeModel}_${rc.executeModel}`;
    const scenario = column();
    const run = column();
    const successNumeric = column();
    const successBool = column();
    const status = column();
    const hasException = column();
    const exceptionType = column();
    const exceptionMessage = column();
    const rationale = column();
    const exportPath = column();
    const runDuration = column();
    const proposals = column();
    const acceptances = column();
    const readOnly = column();
    const writes = column();
    const turns = column();
    const proposalRate = column();
    const acceptanceRate = column();
    const stopReason = column();
    const errorClass = column();
    const seeds = column();
    let i = 0;
    for (const { scenarioId, runNumber, result, seed } of this.entries.values()) {
      seeds[i] = seed;
      scenario[i] = scenarioId;
      run[i] = runNumber;
      successNumeric[i] = result.success === null ? null : result.success ? 1 : 0;
      successBool[i] = result.success;
      status[i] = result.status;
      hasException[i] = result.exception !== null;
      exceptionType[i] = result.exception?.type ?? null;
      exceptionMessage[i] = result.exception?.message ?? null;
      rationale[i] = result.rationale;
      exportPath[i] = result.exportPath;
      runDuration[i] = result.duration;
      proposals[i] = result.proposalCount;
      acceptances[i] = result.acceptanceCount;
      readOnly[i] = result.readOnlyActions;
      writes[i] = result.writeActions;
      turns[i] = result.numberOfTurns;
      proposalRate[i] = result.proposalRate;
      acceptanceRate[i] = result.acceptanceRate;
      stopReason[i] = result.stopReason;
      errorClass[i] = errorClassOf(result.exception);
      i += 1;
    }
    const cols: Record<ResultColumn, ResultCell[]> = {
      base_scenario_id: scenario,
      run_number: run,
      success_numeric: successNumeric,
      success_bool: successBool,
      status,
      has_exception: hasException,
      exception_type: exceptionType,
      exception_message: exceptionMessage,
      rationale,
      export_path: exportPath,
      run_duration: runDuration,
      job_duration: constant(this.duration),
      user_model: constant(rc.userModel),
      user_provider: constant(rc.userProvider),
      observe_model: constant(rc.observeModel),
      observe_provider: constant(rc.observeProvider),
      execute_model: constant(rc.executeModel),
      execute_provider: constant(rc.executeProvider),
      agent_type: constant(rc.agentType),
      proactive_model: constant(proactiveModel),
      tool_failure_probability: constant(rc.toolFailureProbability),
      num_env_events_per_minute: constant(rc.numEnvEventsPerMinute),
      proposal_count: proposals,
      acceptance_count: acceptances,
      read_only_actions: readOnly,
      write_actions: writes,
      number_of_turns: turns,
      proposal_rate: proposalRate,
      acceptance_rate: acceptanceRate,
      run_id: constant(this.identity.runId),
      seed: seeds,
      config_hash: constant(this.identity.configHash),
      error_class: errorClass,
      stop_reason: stopReason,
    };
    const out: ResultColumnArrays = {};
    for (const name of RESULT_COLUMNS) out[name] = cols[name];
    for (const name of extraNames) out[name] = constant(extraColumns[name]!);
    return out;
  }

  /** One row per entry with exactly RESULT_SCHEMA (PARE's columns, then ours), then `extraColumns` as constant Utf8 columns. */
  toPolars(extraColumns: Record<string, string> = {}): pl.DataFrame {
    const extraNames = Object.keys(extraColumns);
    for (const name of extraNames) {
      if (name in RESULT_SCHEMA)
        throw new Error(`extra column "${name}" clashes with a result schema column`);
    }
    // Cells go straight into typed builder columns (no row objects, no per-cell arrays); the same cells as toColumns.
    const builder = new FrameBuilder(this.entries.size);
    const b = Object.fromEntries(
      RESULT_COLUMNS.map((name) => [name, builder.column(name, RESULT_DTYPES[name])]),
    ) as Record<ResultColumn, BuilderColumn>;
    const str = (name: ResultColumn) => b[name] as DictColumn<string>;
    const bool = (name: ResultColumn) => b[name] as DictColumn<boolean>;
    const num = (name: ResultColumn) => b[name] as NumberColumn;
    const rc = this.runConfig;
    str("user_model").fill(rc.userModel);
    str("user_provider").fill(rc.userProvider);
    str("observe_model").fill(rc.observeModel);
    str("observe_provider").fill(rc.observeProvider);
    str("execute_model").fill(rc.executeModel);
    str("execute_provider").fill(rc.executeProvider);
    str("agent_type").fill(rc.agentType);
    str("proactive_model").fill(`${rc.agentType}_${rc.observeModel}_${rc.executeModel}`);
    num("job_duration").fill(this.duration);
    num("tool_failure_probability").fill(rc.toolFailureProbability);
    num("num_env_events_per_minute").fill(rc.numEnvEventsPerMinute);
    str("run_id").fill(this.identity.runId);
    str("config_hash").fill(this.identity.configHash);
    const scenario = str("base_scenario_id");
    const run = num("run_number");
    const successNumeric = num("success_numeric");
    const successBool = bool("success_bool");
    const status = str("status");
    const hasException = bool("has_exception");
    const exceptionType = str("exception_type");
    const exceptionMessage = str("exception_message");
    const rationale = str("rationale");
    const exportPath = str("export_path");
    const runDuration = num("run_duration");
    const proposals = num("proposal_count");
    const acceptances = num("acceptance_count");
    const readOnly = num("read_only_actions");
    const writes = num("write_actions");
    const turns = num("number_of_turns");
    const proposalRate = num("proposal_rate");
    const acceptanceRate = num("acceptance_rate");
    const seeds = num("seed");
    const errorClass = str("error_class");
    const stopReason = str("stop_reason");
    let i = 0;
    for (const { scenarioId, runNumber, result, seed } of this.entries.values()) {
      scenario.set(i, scenarioId);
      run.set(i, runNumber);
      successNumeric.set(i, result.success === null ? null : result.success ? 1 : 0);
      successBool.set(i, result.success);
      status.set(i, result.status);
      hasException.set(i, result.exception !== null);
      exceptionType.set(i, result.exception?.type ?? null);
      exceptionMessage.set(i, result.exception?.message ?? null);
      rationale.set(i, result.rationale);
      exportPath.set(i, result.exportPath);
      runDuration.set(i, result.duration);
      proposals.set(i, result.proposalCount);
      acceptances.set(i, result.acceptanceCount);
      readOnly.set(i, result.readOnlyActions);
      writes.set(i, result.writeActions);
      turns.set(i, result.numberOfTurns);
      proposalRate.set(i, result.proposalRate);
      acceptanceRate.set(i, result.acceptanceRate);
      seeds.set(i, seed);
      errorClass.set(i, errorClassOf(result.exception));
      stopReason.set(i, result.stopReason);
      i += 1;
    }
    for (const name of extraNames) builder.string(name).fill(extraColumns[name]!);
    return builder.build();
  }

  /** The text report of spec §12.5 for this job. The timestamp is the caller's, so reports are reproducible. */
  description(
    split: string,
    generatedAt: string,
    weights?: Record<string, number>,
    options: StatisticsOptions = {},
  ): string {
    return generateValidationReport(this.toPolars(), split, generatedAt, weights, options);
  }
}
