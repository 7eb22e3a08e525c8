import type { AgentRunContext } from "../agents/agent-context.js";
import { NoopPolicy } from "../agents/baselines/noop-policy.js";
import { RandomPolicy } from "../agents/baselines/random-policy.js";
import { ScriptedUserPolicy } from "../agents/baselines/scripted-user-policy.js";
import { type DeliberationSink, MemoryDeliberationSink } from "../agents/deliberation-log.js";
import { ProactiveAgent } from "../agents/proactive/proactive-agent.js";
import type { Policy } from "../agents/types.js";
import { UserAgent } from "../agents/user/user-agent.js";
import { Environment } from "../core/environment.js";
import { EventType } from "../core/event-types.js";
import { isNavigableApp } from "../core/navigation.js";
import { AGENT_UI_CLASS } from "../core/notifications.js";
import type { PAREScenario } from "../scenarios/pare-scenario.js";
import {
  type ExceptionKind,
  exceptionFromError,
  ScenarioValidationResult,
} from "../scenarios/validation-result.js";
import type { ScenarioRunnerConfig } from "./config.js";
import { computeRunMetrics } from "./run-metrics.js";

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
  /** Called when the run is over (trace export), with the environment as it ended. */
  onFinished?: (run: FinishedRun) => void;
}

export interface FinishedRun {
  scenario: PAREScenario;
  env: Environment | null;
  result: ScenarioValidationResult;
  config: ScenarioRunnerConfig;
  runNumber: number | null;
  deliberations: DeliberationSink;
}

/** The effective seed of one run: runs of the same scenario differ, the same run is reproducible. */
export function runSeed(config: ScenarioRunnerConfig, runNumber: number | null): number {
  return config.seed + Math.max(0, (runNumber ?? 1) - 1);
}

/** Offline policies: the baselines and a scripted user. */
export function offlinePolicies(
  scenario: PAREScenario,
  config: ScenarioRunnerConfig,
  runNumber: number | null,
): AgentPolicies {
  const appNames = scenario.apps.filter((a) => isNavigableApp(a)).map((a) => a.name);
  const seed = runSeed(config, runNumber);
  const assistant = (): Policy =>
    config.agentType === "random"
      ? new RandomPolicy({ seed: `${seed}:${scenario.scenarioId}` })
      : new NoopPolicy();
  return { user: new ScriptedUserPolicy(appNames), observe: assistant(), execute: assistant() };
}

function faultKind(error: unknown): ExceptionKind {
  if (error && typeof error === "object") {
    const e = error as { infrastructure?: unknown; name?: unknown; kind?: unknown };
    if (e.name === "AbortError" || e.name === "ScenarioTimeoutError" || e.kind === "timeout")
      return "timeout";
    if (e.infrastructure === true) return "infrastructure";
  }
  return "agent";
}

/** Tracks the assistant's mode from the oracle's own actions, so oracle runs are measured like agent runs. */
function trackOracleMode(env: Environment): void {
  env.context.proactiveMode = "observe";
  env.onEvent((event) => {
    if (event.action?.className !== AGENT_UI_CLASS || event.metadata.exception !== null) return;
    if (event.action.function === "accept_proposal") env.context.proactiveMode = "execute";
    else if (event.action.function === "reject_proposal") env.context.proactiveMode = "observe";
    else if (event.action.function === "send_message_to_user" && event.eventType === EventType.AGENT) {
      env.context.proactiveMode =
        env.context.proactiveMode === "execute" ? "observe" : "awaiting_confirmation";
    }
  });
}

/**
 * Runs one scenario once: oracle mode (the scripted reference solution, no agents) or the turn loop of
 * a user turn then an assistant turn, up to max turns; then the scenario's validator. Never throws:
 * failures become results with an exception.
 */
export async function runScenario(
  scenario: PAREScenario,
  options: RunScenarioOptions,
): Promise<ScenarioValidationResult> {
  const { config } = options;
  const runNumber = options.runNumber ?? null;
  const deliberations = options.deliberations ?? new MemoryDeliberationSink();
  let env: Environment | null = null;
  let turns = 0;
  let result: ScenarioValidationResult;
  try {
    if (!scenario.isInitialized) {
      scenario.runNumber = runNumber;
      scenario.seed = runSeed(config, runNumber);
      // The runner's noise settings apply to the scenario (PARE recorded them but never applied them).
      if (config.toolAugmentation) scenario.toolAugmentation = config.toolAugmentation;
      if (config.envEvents) scenario.envEvents = config.envEvents;
    }
    scenario.initialize();
    env = new Environment({
      startTime: scenario.startTime,
      duration: scenario.duration ?? config.maxScenarioDuration,
      timeIncrement: scenario.timeIncrement,
      oracleMode: config.oracle,
    });
    env.registerApps(scenario.apps);
    env.schedule(scenario.events);
    if (config.oracle) {
      trackOracleMode(env);
      env.start();
      env.runUntilIdle();
    } else {
      const policies = (options.policies ?? offlinePolicies)(scenario, config, runNumber);
      const user = new UserAgent(policies.user, config.userMaxIterations);
      const assistant = new ProactiveAgent(policies.observe, policies.execute, {
        observeMaxIterations: config.observeMaxIterations,
        executeMaxIterations: config.executeMaxIterations,
      });
      const ctx: AgentRunContext = {
        env,
        scenarioId: scenario.scenarioId,
        runNumber,
        generationSeconds: config.simulatedGenerationSeconds,
        deliberations,
        signal: options.signal,
      };
      env.context.proactiveMode = assistant.mode;
      env.start();
      while (turns < config.maxTurns && env.state === "RUNNING") {
        if (options.signal?.aborted) throw options.signal.reason ?? new Error("aborted");
        env.context.turn = turns;
        await user.turn(ctx, turns);
        await assistant.turn(ctx, turns);
        turns += 1;
      }
    }
    const events = env.eventLog.listView();
    const metrics = computeRunMetrics(events);
    let success: boolean | null = null;
    let rationale: string | null = null;
    let exception = null;
    try {
      const verdict = scenario.validate(env);
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
      ...metrics,
    });
  } catch (error) {
    result = new ScenarioValidationResult({
      success: false,
      exception: exceptionFromError(error, faultKind(error)),
      duration: env ? env.now() - scenario.startTime : 0,
      numberOfTurns: turns,
      ...(env ? computeRunMetrics(env.eventLog.listView()) : {}),
    });
  }
  if (env && env.state === "RUNNING") env.stop("run finished");
  options.onFinished?.({ scenario, env, result, config, runNumber, deliberations });
  return result;
}
