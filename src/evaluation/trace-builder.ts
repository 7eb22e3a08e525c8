import type { DeliberationRecord, DeliberationSink } from "../agents/deliberation-log.js";
import type { CompletedEvent } from "../core/events.js";
import { primaryTraceFormat, type ScenarioRunnerConfig, type TraceFormat } from "../runner/config.js";
import { getConfigHash, sanitizeConfig } from "../runner/fingerprint.js";
import type { FinishedRun } from "../runner/scenario-runner.js";
import { noiseHorizon } from "../scenarios/noise/env-events-expander.js";
import type { PAREScenario } from "../scenarios/pare-scenario.js";
import { PareTrace, TRACE_SCHEMA_VERSION, type TraceApp, type TraceEvent } from "./trace-schema.js";

export interface BuildTraceOptions {
  format?: TraceFormat;
  /** The run manifest's id, when known. */
  runId?: string | null;
}

/** The steps a sink has kept, when it keeps them (both bundled sinks do). */
export function sinkEntries(sink: DeliberationSink | null | undefined): DeliberationRecord[] {
  const entries = (sink as { entries?: unknown } | null | undefined)?.entries;
  return Array.isArray(entries) ? (entries as DeliberationRecord[]) : [];
}

function traceEvent(
  event: CompletedEvent,
  startTime: number,
  noise: ReadonlySet<string>,
  full: boolean,
): TraceEvent {
  const m = event.metadata;
  return {
    eventId: event.eventId,
    eventType: event.eventType,
    eventTime: event.eventTime,
    relativeTime: event.eventTime - startTime,
    action: event.action ? { ...event.action } : null,
    ...(event.condition !== undefined ? { condition: event.condition } : {}),
    ...(full ? { returnValue: m.returnValue ?? null } : {}),
    exception: m.exception,
    exceptionType: m.exceptionType,
    proactiveMode: m.proactiveMode,
    turn: m.turn,
    parentEventId: m.parentEventId,
    injectedFailure: m.injectedFailure,
    oracle: m.oracle,
    noise: noise.has(event.eventId),
    dependencies: [...event.dependencies],
  };
}

function contentHashOrNull(scenario: PAREScenario): string | null {
  try {
    return scenario.contentHash();
  } catch {
    return null;
  }
}

function appStates(run: FinishedRun): TraceApp[] {
  const { scenario, env } = run;
  return scenario.apps.map((app) => ({
    name: app.name,
    className: app.className,
    initialState: scenario.initialAppStates[app.name]?.state ?? null,
    finalState: env ? app.getState() : null,
  }));
}

/**
 * The trace of a finished run. The result is passed through JSON and the schema, so what is returned is
 * exactly what a reader of the file gets back (same values, same key order).
 */
export function buildTrace(run: FinishedRun, options: BuildTraceOptions = {}): PareTrace {
  const { scenario, env, result } = run;
  const config = run.config as ScenarioRunnerConfig;
  const format = options.format ?? primaryTraceFormat(config.traceFormat ?? "full");
  const full = format === "full";
  const noise = new Set(scenario.noiseEventIds);
  const events = env
    ? env.eventLog.listView().map((e) => traceEvent(e, scenario.startTime, noise, full))
    : [];
  const deliberations = sinkEntries(run.deliberations).map((d) =>
    full ? d : { ...d, raw: null, truncated: false, observation: null },
  );
  const r = result.toJSON();
  const trace = {
    version: TRACE_SCHEMA_VERSION,
    format,
    scenarioId: scenario.scenarioId,
    runNumber: run.runNumber,
    manifest: { runId: options.runId ?? null, configHash: getConfigHash(config) },
    scenario: {
      seed: scenario.seed,
      startTime: scenario.startTime,
      duration: scenario.duration,
      timeIncrement: scenario.timeIncrement,
      tags: [...scenario.tags],
      description: scenario.description,
      additionalSystemPrompt: scenario.additionalSystemPrompt,
      noiseEventIds: [...scenario.noiseEventIds],
      noiseArrivalIds: [...scenario.noiseArrivalIds],
      noiseHorizon: noiseHorizon(scenario),
      contentHash: contentHashOrNull(scenario),
    },
    config: sanitizeConfig(config),
    result: {
      success: r.success,
      exception: r.exception,
      rationale: r.rationale,
      duration: r.duration,
      proposalCount: r.proposalCount,
      acceptanceCount: r.acceptanceCount,
      readOnlyActions: r.readOnlyActions,
      writeActions: r.writeActions,
      numberOfTurns: r.numberOfTurns,
      stopReason: r.stopReason,
      noisePlanned: r.noisePlanned,
      noiseDelivered: r.noiseDelivered,
    },
    environment: env ? { endTime: env.now(), state: env.state, stopReason: env.stopReason } : null,
    ...(full ? { apps: appStates(run) } : {}),
    events,
    deliberations,
    loopEvents: run.loopEvents,
    ...(full && run.contents && run.contents.size > 0 ? { contents: run.contents.toJSON() } : {}),
  };
  return PareTrace.parse(JSON.parse(JSON.stringify(trace)));
}

/**
 * A full trace in another format, with another run id: what `buildTrace` would have given for that format (lite
 * drops return values, app states and raw model output), so a run served from the cache can be exported as the
 * job asks.
 */
export function convertTrace(trace: PareTrace, format: TraceFormat, runId: string | null): PareTrace {
  const manifest = { ...trace.manifest, runId };
  if (format === trace.format) return PareTrace.parse({ ...trace, manifest });
  if (trace.format === "lite") throw new Error("a lite trace cannot be turned into a full one");
  const { apps: _apps, contents: _contents, ...rest } = trace;
  return PareTrace.parse({
    ...rest,
    format,
    manifest,
    events: trace.events.map(({ returnValue: _value, ...event }) => event),
    deliberations: trace.deliberations.map((d) => ({ ...d, raw: null, truncated: false, observation: null })),
  });
}
