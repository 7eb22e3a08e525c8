import pl from "nodejs-polars";
import { z } from "zod";
import { generateValidationReport } from "../report/text-report.js";

/**
 * Why a run raised. Infrastructure problems (rate limits, sockets, disk) are kept apart from agent failures so that
 * reports and retries can tell "the model did badly" from "the harness broke".
 */
export const ExceptionKind = z.enum(["agent", "infrastructure", "scenario", "timeout", "config"]);
export type ExceptionKind = z.infer<typeof ExceptionKind>;

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
    return { type, message: error.message, kind };
  }
  return { type: typeof error === "string" ? "Error" : typeof error, message: String(error), kind };
}

export type ResultStatus = "success" | "failed" | "exception" | "no_validation";

export function resultStatus(success: boolean | null, exception: ResultException | null): ResultStatus {
  if (success === true) return "success";
  if (success === false) return "failed";
  return exception ? "exception" : "no_validation";
}

const Count = z.number().int().nonnegative();

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
  /** Wall seconds of the run. */
  duration: number;
  proposalCount: number;
  acceptanceCount: number;
  readOnlyActions: number;
  writeActions: number;
  numberOfTurns: number;

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
export const RESULT_SCHEMA = {
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
  execute_model: pl.String,
  observe_provider: pl.String,
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
export type ResultColumn = keyof typeof RESULT_SCHEMA;
export const RESULT_COLUMNS = Object.keys(RESULT_SCHEMA) as ResultColumn[];

export type ResultCell = string | number | boolean | null;
export type ResultColumnArrays = Record<string, ResultCell[]>;

/**
 * Builds a frame from column arrays in RESULT_SCHEMA order (plus extra Utf8 columns). Series are typed one by one
 * because a column dict plus `schema` is matched by position in nodejs-polars, which silently nulls a misordered column.
 */
export function resultFrameFromColumns(
  columns: ResultColumnArrays,
  extraColumnNames: string[] = [],
): pl.DataFrame {
  const series = RESULT_COLUMNS.map((name) => pl.Series(name, columns[name] ?? [], RESULT_SCHEMA[name]));
  for (const name of extraColumnNames) series.push(pl.Series(name, columns[name] ?? [], pl.String));
  return pl.DataFrame(series);
}

/** A frame with the result schema and no rows. */
export function emptyResultFrame(): pl.DataFrame {
  return resultFrameFromColumns({});
}

export interface ResultEntry {
  scenarioId: string;
  runNumber: number | null;
  result: ScenarioValidationResult;
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

  addResult(result: ScenarioValidationResult, scenarioId: string, runNumber: number | null = null): void {
    const key = entryKey(scenarioId, runNumber);
    const previous = this.entries.get(key);
    if (previous) this.counts[previous.result.status] -= 1;
    // Map.set on an existing key keeps its insertion position, like a Python dict.
    this.entries.set(key, { scenarioId, runNumber, result });
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
   * left out, exceptions count as failures.
   */
  get successRate(): number {
    const denominator = this.counts.success + this.counts.failed + this.counts.exception;
    return denominator > 0 ? this.counts.success / denominator : 0;
  }

  /** Column arrays in RESULT_SCHEMA order, one row per entry. */
  toColumns(extraColumns: Record<string, string> = {}): ResultColumnArrays {
    const cols: ResultColumnArrays = {};
    for (const name of RESULT_COLUMNS) cols[name] = [];
    const extraNames = Object.keys(extraColumns);
    for (const name of extraNames) {
      if (name in RESULT_SCHEMA)
        throw new Error(`extra column "${name}" clashes with a result schema column`);
      cols[name] = [];
    }
    const rc = this.runConfig;
    const proactiveModel = `${rc.agentType}_${rc.observeModel}_${rc.executeModel}`;
    const push = (name: string, value: ResultCell): void => {
      cols[name]!.push(value);
    };
    for (const { scenarioId, runNumber, result } of this.entries.values()) {
      push("base_scenario_id", scenarioId);
      push("run_number", runNumber);
      push("success_numeric", result.success === null ? null : result.success ? 1 : 0);
      push("success_bool", result.success);
      push("status", result.status);
      push("has_exception", result.exception !== null);
      push("exception_type", result.exception?.type ?? null);
      push("exception_message", result.exception?.message ?? null);
      push("rationale", result.rationale);
      push("export_path", result.exportPath);
      push("run_duration", result.duration);
      push("job_duration", this.duration);
      push("user_model", rc.userModel);
      push("user_provider", rc.userProvider);
      push("observe_model", rc.observeModel);
      push("execute_model", rc.executeModel);
      push("observe_provider", rc.observeProvider);
      push("execute_provider", rc.executeProvider);
      push("agent_type", rc.agentType);
      push("proactive_model", proactiveModel);
      push("tool_failure_probability", rc.toolFailureProbability);
      push("num_env_events_per_minute", rc.numEnvEventsPerMinute);
      push("proposal_count", result.proposalCount);
      push("acceptance_count", result.acceptanceCount);
      push("read_only_actions", result.readOnlyActions);
      push("write_actions", result.writeActions);
      push("number_of_turns", result.numberOfTurns);
      push("proposal_rate", result.proposalRate);
      push("acceptance_rate", result.acceptanceRate);
      for (const name of extraNames) push(name, extraColumns[name]!);
    }
    return cols;
  }

  /** One row per entry with exactly RESULT_SCHEMA, then `extraColumns` as constant Utf8 columns. */
  toPolars(extraColumns: Record<string, string> = {}): pl.DataFrame {
    return resultFrameFromColumns(this.toColumns(extraColumns), Object.keys(extraColumns));
  }

  /** The text report of spec §12.5 for this job. The timestamp is the caller's, so reports are reproducible. */
  description(split: string, generatedAt: string, weights?: Record<string, number>): string {
    return generateValidationReport(this.toPolars(), split, generatedAt, weights);
  }
}
