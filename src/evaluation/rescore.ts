import { resolve } from "node:path";
import { Environment, type EnvironmentState } from "../core/environment.js";
import type { CompletedEvent } from "../core/events.js";
import { type ScenarioRegistry, scenarioRegistry } from "../registry/scenario-registry.js";
import { runColumnsFromConfig, ScenarioRunnerConfig } from "../runner/config.js";
import { computeRunMetrics } from "../runner/run-metrics.js";
import { prepareScenario } from "../runner/scenario-runner.js";
import type { PAREScenario } from "../scenarios/pare-scenario.js";
import {
  exceptionFromError,
  MultiScenarioValidationResult,
  type ResultException,
  ScenarioValidationResult,
} from "../scenarios/validation-result.js";
import { verdictOf } from "../scenarios/verdict-of.js";
import { type MetricResult, MetricSuite } from "./metrics.js";
import { loadTrace } from "./trace-io.js";
import type { PareTrace, TraceEvent } from "./trace-schema.js";
import { trajectoryFromTrace } from "./trace-trajectory.js";
import type { Trajectory } from "./trajectory.js";

/** A trace event back in the form the environment logs it. */
export function completedEventFromTrace(event: TraceEvent): CompletedEvent {
  return {
    eventId: event.eventId,
    eventType: event.eventType,
    eventTime: event.eventTime,
    action: event.action ? { ...event.action, args: structuredClone(event.action.args) as never } : null,
    ...(event.condition !== undefined ? { condition: event.condition } : {}),
    metadata: {
      returnValue: event.returnValue ?? null,
      exception: event.exception,
      exceptionType: event.exceptionType,
      proactiveMode: event.proactiveMode,
      turn: event.turn,
      parentEventId: event.parentEventId,
      injectedFailure: event.injectedFailure,
      oracle: event.oracle,
    },
    dependencies: [...event.dependencies],
  };
}

/** The scenario of a trace, set up as the run set it up (same seed, noise and run number) and initialised. */
export function scenarioForTrace(
  trace: PareTrace,
  registry: ScenarioRegistry = scenarioRegistry(),
): PAREScenario {
  const config = ScenarioRunnerConfig.parse(trace.config);
  const scenario = registry.create(trace.scenarioId);
  prepareScenario(scenario, config, trace.runNumber);
  scenario.seed = trace.scenario.seed;
  scenario.initialize();
  return scenario;
}

/**
 * An environment as the run left it, rebuilt from its trace: the scenario's apps (holding their final
 * states when the trace has them — lite traces do not, so apps keep their initial states), the clock at
 * the end time, and an event log holding exactly the trace's events. Nothing is executed.
 */
export function replayEnvironment(
  trace: PareTrace,
  scenario: PAREScenario,
  warn?: (m: string) => void,
): Environment {
  const config = ScenarioRunnerConfig.parse(trace.config);
  const env = new Environment({
    startTime: trace.scenario.startTime,
    timeIncrement: trace.scenario.timeIncrement,
    oracleMode: config.oracle,
  });
  env.registerApps(scenario.apps);
  for (const app of trace.apps ?? []) {
    if (app.finalState === null || app.finalState === undefined) continue;
    const live = env.apps.get(app.name);
    if (!live) {
      warn?.(`${trace.scenarioId}: the scenario no longer has an app named ${app.name}`);
      continue;
    }
    try {
      live.loadState(app.finalState);
    } catch (error) {
      warn?.(`${trace.scenarioId}: cannot restore ${app.name}'s final state: ${(error as Error).message}`);
    }
  }
  for (const event of trace.events) env.eventLog.put(completedEventFromTrace(event));
  const end = trace.environment?.endTime ?? trace.scenario.startTime;
  if (end > env.now()) env.clock.set(end);
  env.state = (trace.environment?.state as EnvironmentState | undefined) ?? "STOPPED";
  env.stopReason = trace.environment?.stopReason ?? null;
  return env;
}

export interface RescoreOptions {
  registry?: ScenarioRegistry;
  /** Written as the result's export path (the live run writes the trace's path there too). */
  tracePath?: string | null;
  warn?: (message: string) => void;
}

/**
 * The result the live run would have reported, recomputed offline from the trace with the scenario's
 * current validator. A run that broke before validation (agent, infrastructure, timeout) keeps its
 * recorded failure: there is nothing to validate.
 */
export function rescoreTrace(trace: PareTrace, options: RescoreOptions = {}): ScenarioValidationResult {
  const warn = options.warn ?? (() => {});
  const recorded = trace.result;
  const base = {
    exportPath: options.tracePath ?? null,
    duration: recorded.duration,
    numberOfTurns: recorded.numberOfTurns,
    // How the run ended and the noise it met are facts of the run, not of the validator.
    stopReason: recorded.stopReason ?? null,
    noisePlanned: recorded.noisePlanned ?? 0,
    noiseDelivered: recorded.noiseDelivered ?? 0,
  };
  let scenario: PAREScenario;
  try {
    scenario = scenarioForTrace(trace, options.registry);
  } catch (error) {
    warn(`${trace.scenarioId}: cannot set the scenario up: ${(error as Error).message}`);
    return new ScenarioValidationResult({
      ...base,
      success: false,
      exception: exceptionFromError(error, "config"),
    });
  }
  if (trace.scenario.contentHash !== null && scenario.contentHash() !== trace.scenario.contentHash)
    warn(`${trace.scenarioId}: the scenario changed since this trace was recorded; verdicts may differ`);
  const env = replayEnvironment(trace, scenario, warn);
  const metrics = computeRunMetrics(env.eventLog.listView());
  const broke = recorded.exception !== null && recorded.exception.kind !== "scenario";
  let success: boolean | null = recorded.success;
  let rationale: string | null = recorded.rationale;
  let exception: ResultException | null = recorded.exception;
  if (!broke) {
    exception = null;
    try {
      const verdict = verdictOf(scenario.scenarioId, scenario.validate(env));
      success = verdict.success;
      rationale = verdict.rationale;
    } catch (error) {
      success = false;
      rationale = null;
      exception = exceptionFromError(error, "scenario");
    }
    if (trace.format === "lite" && success !== recorded.success)
      warn(
        `${trace.scenarioId}: the verdict differs from the recorded one; lite traces keep no app states, so a validator reading them sees the initial states`,
      );
  }
  return new ScenarioValidationResult({ ...base, success, rationale, exception, ...metrics });
}

export interface RescoredRun {
  path: string;
  trace: PareTrace;
  result: ScenarioValidationResult;
  trajectory: Trajectory;
  metrics: MetricResult[];
  /** The rescored verdict differs from the one recorded in the trace. */
  verdictChanged: boolean;
}

/** Runs of one runner config, in the order their traces were given. */
export interface RescoredGroup {
  configHash: string;
  config: ScenarioRunnerConfig;
  results: MultiScenarioValidationResult;
  runs: RescoredRun[];
}

export interface RescoreFilesOptions extends Omit<RescoreOptions, "tracePath"> {
  suite?: MetricSuite;
}

/** Re-scores saved traces, grouped by config as a benchmark job groups its runs. */
export function rescoreTraceFiles(
  paths: readonly string[],
  options: RescoreFilesOptions = {},
): RescoredGroup[] {
  const suite = options.suite ?? MetricSuite.builtIn();
  const groups = new Map<string, RescoredGroup>();
  for (const given of paths) {
    const path = resolve(given);
    const trace = loadTrace(path);
    const config = ScenarioRunnerConfig.parse(trace.config);
    const key = trace.manifest.configHash;
    let group = groups.get(key);
    if (!group) {
      group = {
        configHash: key,
        config,
        results: new MultiScenarioValidationResult(runColumnsFromConfig(config)),
        runs: [],
      };
      group.results.identity = { runId: trace.manifest.runId, configHash: key };
      groups.set(key, group);
    }
    if (group.results.getResult(trace.scenarioId, trace.runNumber))
      options.warn?.(
        `${path}: a second trace of ${trace.scenarioId} run ${trace.runNumber ?? "single"}; it replaces the first`,
      );
    const result = rescoreTrace(trace, { ...options, tracePath: path });
    const trajectory = trajectoryFromTrace(trace);
    const metrics = suite.evaluate({ ...trajectory, success: result.success, rationale: result.rationale });
    group.results.addResult(result, trace.scenarioId, trace.runNumber, trace.scenario.seed);
    group.runs.push({
      path,
      trace,
      result,
      trajectory,
      metrics,
      verdictChanged: result.success !== trace.result.success,
    });
  }
  for (const group of groups.values())
    group.results.duration = group.results.results.reduce((sum, e) => sum + e.result.duration, 0);
  return [...groups.values()];
}
