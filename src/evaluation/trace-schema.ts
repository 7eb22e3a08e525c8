import { z } from "zod";
import { DeliberationRecord } from "../agents/deliberation-log.js";
import { StoredContent } from "../agents/llm/call-record.js";
import { LoopEvent } from "../agents/loop-events.js";
import { EventType } from "../core/event-types.js";
import { TraceFormat } from "../runner/config.js";
import { ResultException, StopReason } from "../scenarios/validation-result.js";

/** Bumped whenever a field changes meaning or a required field is added; see docs/trace-schema.md. */
export const TRACE_SCHEMA_VERSION = "pare_trace_v1";

export { TraceFormat };

const JsonRecord = z.record(z.string(), z.unknown());

export const TraceAction = z.object({
  app: z.string(),
  className: z.string(),
  function: z.string(),
  args: JsonRecord,
  operation: z.enum(["read", "write"]),
});
export type TraceAction = z.infer<typeof TraceAction>;

/** One completed event of the environment's log, in log order. */
export const TraceEvent = z.object({
  eventId: z.string(),
  eventType: z.enum(EventType),
  /** Simulated epoch seconds. */
  eventTime: z.number(),
  /** Simulated seconds since the scenario's start time. */
  relativeTime: z.number(),
  action: TraceAction.nullable(),
  /** For CONDITION events: the condition's description. */
  condition: z.string().optional(),
  /** Absent in lite traces. */
  returnValue: z.unknown().optional(),
  exception: z.string().nullable(),
  exceptionType: z.string().nullable(),
  proactiveMode: z.string().nullable(),
  turn: z.number().int().nullable(),
  parentEventId: z.string().nullable(),
  injectedFailure: z.boolean(),
  oracle: z.boolean(),
  /** Added by the environmental-noise expander (not part of the scenario's own flow). */
  noise: z.boolean(),
  dependencies: z.array(z.string()),
});
export type TraceEvent = z.infer<typeof TraceEvent>;

export const TraceApp = z.object({
  name: z.string(),
  className: z.string(),
  initialState: z.unknown(),
  /** Null when the run never got an environment. */
  finalState: z.unknown(),
});
export type TraceApp = z.infer<typeof TraceApp>;

/** The run's result as the runner produced it (the export path is left out: it depends on where files go). */
export const TraceResult = z.object({
  success: z.boolean().nullable(),
  exception: ResultException.nullable(),
  rationale: z.string().nullable(),
  /** Simulated seconds of the run. */
  duration: z.number().nonnegative(),
  proposalCount: z.number().int().nonnegative(),
  acceptanceCount: z.number().int().nonnegative(),
  readOnlyActions: z.number().int().nonnegative(),
  writeActions: z.number().int().nonnegative(),
  numberOfTurns: z.number().int().nonnegative(),
  /** How the run ended; absent in traces written before stop reasons were recorded. */
  stopReason: StopReason.nullable().optional(),
  /** Noise arrivals planned for the run and delivered before it ended; absent in older traces. */
  noisePlanned: z.number().int().nonnegative().optional(),
  noiseDelivered: z.number().int().nonnegative().optional(),
});
export type TraceResult = z.infer<typeof TraceResult>;

/**
 * The whole record of one scenario run. Contains only values derived from the seed, the config and the
 * simulated clock, so the same run gives the same bytes; the wall-clock side lives in the run manifest,
 * referenced by `manifest.runId`.
 */
export const PareTrace = z.object({
  version: z.literal(TRACE_SCHEMA_VERSION),
  format: TraceFormat,
  scenarioId: z.string().min(1),
  /** Null for a single run per scenario. */
  runNumber: z.number().int().positive().nullable(),
  manifest: z.object({
    /** `run_manifest.json`'s runId; null until the benchmark job has finished. */
    runId: z.string().nullable(),
    configHash: z.string(),
  }),
  scenario: z.object({
    seed: z.number().int(),
    startTime: z.number(),
    duration: z.number().nullable(),
    timeIncrement: z.number(),
    tags: z.array(z.string()),
    description: z.string(),
    additionalSystemPrompt: z.string(),
    noiseEventIds: z.array(z.string()),
    /** The noise events that are arrivals (what `result.noisePlanned` counts); absent in older traces. */
    noiseArrivalIds: z.array(z.string()).optional(),
    /** Simulated seconds the noise was spread over; absent in older traces. */
    noiseHorizon: z.number().nonnegative().optional(),
    /** `PAREScenario.contentHash()`; null when the scenario could not be initialised. */
    contentHash: z.string().nullable(),
  }),
  /** The single-scenario runner config of the run (`ScenarioRunnerConfig`). */
  config: JsonRecord,
  result: TraceResult,
  environment: z
    .object({
      endTime: z.number(),
      state: z.string(),
      stopReason: z.string().nullable(),
    })
    .nullable(),
  /** Every app's initial and final state; absent in lite traces. */
  apps: z.array(TraceApp).optional(),
  events: z.array(TraceEvent),
  /** The agents' steps (empty in oracle mode). Lite traces drop `raw` and `observation`. */
  deliberations: z.array(DeliberationRecord),
  /** What the agent loop decided on its own: expired proposals, resumed executions, an idle stop. */
  loopEvents: z.array(LoopEvent).default([]),
  /**
   * Full traces: the bodies of every model call's request and output, by the content hash the deliberations'
   * `calls` name (each distinct message, tool list and output once). Absent in lite traces and in traces of
   * runs without model calls.
   */
  contents: z.record(z.string(), StoredContent).optional(),
});
export type PareTrace = z.infer<typeof PareTrace>;

/** `<scenario>_<run>` with run = the run number or "single": the stem every per-run file shares. */
export function runFileStem(scenarioId: string, runNumber: number | null): string {
  return `${scenarioId}_${runNumber ?? "single"}`;
}

export function traceFileName(scenarioId: string, runNumber: number | null): string {
  return `${runFileStem(scenarioId, runNumber)}_trace.json`;
}

/**
 * The lite copy written beside the full trace by `--export-format both`; it does not end in `_trace.json`, so
 * readers that collect traces (evaluate, report) do not count a run twice.
 */
export function liteTraceFileName(scenarioId: string, runNumber: number | null): string {
  return `${runFileStem(scenarioId, runNumber)}_trace.lite.json`;
}

export function deliberationsFileName(scenarioId: string, runNumber: number | null): string {
  return `${runFileStem(scenarioId, runNumber)}_deliberations.jsonl`;
}

export const TRACE_FILE_SUFFIX = "_trace.json";
