import type { AgentRunContext } from "../agents/agent-context.js";
import { NoopPolicy } from "../agents/baselines/noop-policy.js";
import { RandomPolicy } from "../agents/baselines/random-policy.js";
import { ScriptedUserPolicy } from "../agents/baselines/scripted-user-policy.js";
import { type DeliberationSink, MemoryDeliberationSink } from "../agents/deliberation-log.js";
import { ContentStore } from "../agents/llm/call-record.js";
import type { LoopEvent } from "../agents/loop-events.js";
import { ProactiveAgent } from "../agents/proactive/proactive-agent.js";
import type { Policy } from "../agents/types.js";
import { UserAgent } from "../agents/user/user-agent.js";
import type { Environment } from "../core/environment.js";
import { errorMessage } from "../core/errors.js";
import { isNavigableApp } from "../core/navigation.js";
import type { PAREScenario } from "../scenarios/pare-scenario.js";
import {
  exceptionFromError,
  ScenarioValidationResult,
  type StopReason,
} from "../scenarios/validation-result.js";
import { verdictOf } from "../scenarios/verdict-of.js";
import type { ScenarioRunnerConfig } from "./config.js";
import { faultKindOf } from "./fault-kind.js";
import { IDLE_STOP_REASON, IdleWatch } from "./idle-stop.js";
import { referenceAgent } from "./reference-agent.js";
import { computeRunMetrics } from "./run-metrics.js";
import { runOracle, scenarioEnvironment } from "./scenario-environment.js";
import { plannedRunSpan } from "./simulated-span.js";

/** The three decision makers of an agent run. */
export interface AgentPolicies {
  user: Policy;
  observe: Policy;
  execute: Policy;
}

/** Builds the policies for one run (LLM-backed ones are plugged in by the agents layer). */
export type PolicyFactory = (
  scenario: PAREScenario,
  config: ScenarioRunnerConfig,
  runNumber: number | null,
) => AgentPolicies;

export interface RunScenarioOptions {
  config: ScenarioRunnerConfig;
  runNumber?: number | null;
  signal?: AbortSignal;
  deliberations?: DeliberationSink;
  policies?: PolicyFactory;
  /**
   * Called when the run is over (trace export), with the environment as it ended. If it throws, the
   * result stands and the error goes to `warn`.
   */
  onFinished?: (run: FinishedRun) => void;
  /** Where problems that do not change the result go (default: a `warning:` line on stderr). */
  warn?: (message: string) => void;
}

export interface FinishedRun {
  scenario: PAREScenario;
  env: Environment | null;
  result: ScenarioValidationResult;
  config: ScenarioRunnerConfig;
  runNumber: number | null;
  deliberations: DeliberationSink;
  /** What the agent loop decided on its own (expired proposals, resumed executions, an idle stop). */
  loopEvents: LoopEvent[];
  /** Bodies of the run's model requests and outputs by content hash. */
  contents?: ContentStore;
}

/** The effective seed of one run: runs of the same scenario differ, the same run is reproducible. */
export function runSeed(config: ScenarioRunnerConfig, runNumber: number | null): number {
  return config.seed + Math.max(0, (runNumber ?? 1) - 1);
}

/**
 * Applies a run's settings to a scenario before it is initialised: run number and seed, the runner's noise (PARE
 * recorded it but never applied it) and the span noise is spread over.
 */
export function prepareScenario(
  scenario: PAREScenario,
  config: ScenarioRunnerConfig,
  runNumber: number | null,
): void {
  scenario.runNumber = runNumber;
  scenario.seed = runSeed(config, runNumber);
  if (config.toolAugmentation) scenario.toolAugmentation = config.toolAugmentation;
  if (config.envEvents) scenario.envEvents = config.envEvents;
  scenario.noiseHorizon = plannedRunSpan(config, scenario.duration);
}

/** Offline policies: the baselines or the reference agent, and a scripted user. */
export function offlinePolicies(
  scenario: PAREScenario,
  config: ScenarioRunnerConfig,
  runNumber: number | null,
): AgentPolicies {
  if (config.agentType === "reference") {
    const { user, observe, execute } = referenceAgent(scenario, config);
    return { user, observe, execute };
  }
  const appNames = scenario.apps.filter((a) => isNavigableApp(a)).map((a) => a.name);
  const seed = runSeed(config, runNumber);
  const assistant = (): Policy =>
    config.agentType === "random"
      ? new RandomPolicy({ seed: `${seed}:${scenario.scenarioId}` })
      : new NoopPolicy();
  return { user: new ScriptedUserPolicy(appNames), observe: assistant(), execute: assistant() };
}

/** How a run that got to its end stopped (exceptions are `timeout` or `error`, decided by the caller). */
function stopReasonOf(env: Environment, scenario: PAREScenario, oracle: boolean): StopReason {
  if (env.stopCause === "stop_event") return "stop_event";
  if (env.stopCause === "idle") return "idle";
  if (env.stopCause === "duration")
    return scenario.duration === null && oracle ? "oracle_duration_cap" : "scenario_duration";
  return oracle ? "oracle_finished" : "max_turns";
}

/** Noise arrivals planned for the run, and those that reached the phone before it ended. */
function noiseCounts(env: Environment | null, scenario: PAREScenario) {
  const planned = new Set(scenario.noiseArrivalIds);
  let delivered = 0;
  if (env && planned.size > 0)
    for (const e of env.eventLog.listView())
      if (planned.has(e.eventId) && e.metadata.exception === null) delivered += 1;
  return { noisePlanned: planned.size, noiseDelivered: delivered };
}

/**
 * Runs one scenario once: oracle mode (the scripted reference solution, no agents, until every scheduled event
 * ran or `maxScenarioDuration` passed) or the turn loop of a user turn then an assistant turn, up to max turns
 * (or the scenario's own duration); then the scenario's validator. Never throws: failures become results with an
 * exception. The result says how the run stopped and how much noise was planned and delivered.
 */
export async function runScenario(
  scenario: PAREScenario,
  options: RunScenarioOptions,
): Promise<ScenarioValidationResult> {
  const { config } = options;
  const runNumber = options.runNumber ?? null;
  const deliberations = options.deliberations ?? new MemoryDeliberationSink();
  const loopEvents: LoopEvent[] = [];
  const contents = new ContentStore();
  let env: Environment | null = null;
  let turns = 0;
  let result: ScenarioValidationResult;
  // Who is at fault for an error that says nothing about itself: the scenario while it is set up (and in
  // oracle runs, where no agent plays), the agent code during the turn loop.
  let stage: "scenario" | "agent" = "scenario";
  try {
    if (!scenario.isInitialized) prepareScenario(scenario, config, runNumber);
    env = scenarioEnvironment(scenario, config);
    if (config.oracle) {
      runOracle(env);
    } else {
      const policies = (options.policies ?? offlinePolicies)(scenario, config, runNumber);
      const user = new UserAgent(policies.user, config.userMaxIterations);
      const assistant = new ProactiveAgent(policies.observe, policies.execute, {
        observeMaxIterations: config.observeMaxIterations,
        executeMaxIterations: config.executeMaxIterations,
        proposalTimeoutTurns: config.proposalTimeoutTurns,
        observeSeesAllNotifications: config.observeSeesAllNotifications,
        reportOutcomeToObserve: config.reportOutcomeToObserve,
        executeFollowUps: config.executeFollowUps,
      });
      const ctx: AgentRunContext = {
        env,
        scenarioId: scenario.scenarioId,
        runNumber,
        generationSeconds: config.simulatedGenerationSeconds,
        observationCharLimit: config.observationCharLimit,
        generationTokensPerSecond: config.generationTokensPerSecond,
        deliberations,
        loopEvents,
        contents,
        signal: options.signal,
      };
      const idle = config.idleStopTurns === null ? null : new IdleWatch(config.idleStopTurns);
      env.context.proactiveMode = assistant.mode;
      stage = "agent";
      env.start();
      while (turns < config.maxTurns && env.state === "RUNNING") {
        if (options.signal?.aborted) throw options.signal.reason ?? new Error("aborted");
        env.context.turn = turns;
        const modeBefore = assistant.mode;
        idle?.begin(env);
        await user.turn(ctx, turns);
        await assistant.turn(ctx, turns);
        turns += 1;
        if (idle?.end(env, modeBefore, assistant.mode) && turns < config.maxTurns) {
          loopEvents.push({
            turn: turns - 1,
            simulatedTime: env.now(),
            kind: "idle_stop",
            detail: `nothing happened for ${idle.turns} turn(s); ${config.maxTurns - turns} turn(s) not played`,
          });
          env.stop(IDLE_STOP_REASON, "STOPPED", "idle");
        }
      }
    }
    const stopReason = stopReasonOf(env, scenario, config.oracle);
    const events = env.eventLog.listView();
    const metrics = computeRunMetrics(events);
    let success: boolean | null = null;
    let rationale: string | null = null;
    let exception = null;
    try {
      const verdict = verdictOf(scenario.scenarioId, scenario.validate(env));
      success = verdict.success;
      rationale = verdict.rationale;
    } catch (error) {
      success = false;
      exception = exceptionFromError(error, "scenario");
    }
    result = new ScenarioValidationResult({
      success,
      exception,
      rationale,
      duration: env.now() - scenario.startTime,
      numberOfTurns: turns,
      stopReason,
      ...noiseCounts(env, scenario),
      ...metrics,
    });
  } catch (error) {
    const kind = faultKindOf(error, stage);
    result = new ScenarioValidationResult({
      success: false,
      exception: exceptionFromError(error, kind),
      duration: env ? env.now() - scenario.startTime : 0,
      numberOfTurns: turns,
      stopReason: kind === "timeout" ? "timeout" : "error",
      ...noiseCounts(env, scenario),
      ...(env ? computeRunMetrics(env.eventLog.listView()) : {}),
    });
  }
  if (env && env.state === "RUNNING") env.stop(result.stopReason ?? "run finished");
  try {
    options.onFinished?.({ scenario, env, result, config, runNumber, deliberations, loopEvents, contents });
  } catch (error) {
    // The run is over and validated: a failing hook (a trace that cannot be written) must not undo that.
    const warn = options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
    warn(`the finishing hook of ${scenario.scenarioId} failed: ${errorMessage(error)}`);
  }
  return result;
}
