import { ScriptedUserPolicy } from "../agents/baselines/scripted-user-policy.js";
import { buildExecutePrompt } from "../agents/llm-policy/execute-prompt.js";
import { buildObservePrompt } from "../agents/llm-policy/observe-prompt.js";
import { promptContext } from "../agents/llm-policy/policy-factory.js";
import { ReferenceLedger } from "../agents/reference/reference-ledger.js";
import { buildReferencePlan, type ReferencePlan } from "../agents/reference/reference-plan.js";
import { ReferenceExecutePolicy, ReferenceObservePolicy } from "../agents/reference/reference-policy.js";
import type { CompletedEvent } from "../core/events.js";
import { isNavigableApp } from "../core/navigation.js";
import { MessageType } from "../core/notifications.js";
import type { PAREScenario } from "../scenarios/pare-scenario.js";
import type { ScenarioRunnerConfig } from "./config.js";
import { runOracle, scenarioEnvironment } from "./scenario-environment.js";

/**
 * A fresh, identically configured copy of a scenario (same class, seed, run number, noise and noise span), so its
 * reference solution can be played in oracle mode without touching the instance an agent run uses.
 */
export function twinScenario(scenario: PAREScenario): PAREScenario {
  const Cls = scenario.constructor as new () => PAREScenario;
  const twin = new Cls();
  twin.seed = scenario.seed;
  twin.runNumber = scenario.runNumber;
  twin.toolAugmentation = scenario.toolAugmentation;
  twin.envEvents = scenario.envEvents;
  twin.noiseHorizon = scenario.noiseHorizon;
  return twin;
}

/**
 * The reference plan of a scenario: its oracle run (on a twin, in oracle mode), split into proposal
 * cycles, with what each call returned as the assistant's tool would show it and which environment
 * events each step waits for.
 */
export function referencePlanFor(scenario: PAREScenario, config: ScenarioRunnerConfig): ReferencePlan {
  const twin = twinScenario(scenario);
  const env = scenarioEnvironment(twin, { ...config, oracle: true });
  runOracle(env);
  const tools = env.getAgentTools();
  const agentNotified = new Set(
    env.notifications.pending
      .filter((m) => m.type === MessageType.ENVIRONMENT_NOTIFICATION_AGENT && m.eventId !== null)
      .map((m) => m.eventId as string),
  );
  const visibleOutput = (event: CompletedEvent): unknown => {
    const action = event.action;
    const tool = action && tools.find((t) => t.app.name === action.app && t.methodName === action.function);
    const format = tool?.definition.llmFormatter;
    return format ? format(event.metadata.returnValue) : event.metadata.returnValue;
  };
  return buildReferencePlan({
    templates: twin.events,
    log: env.eventLog.listView(),
    agentNotified,
    visibleOutput,
  });
}

/** The reference agent's policies for one run, with the ledger that audits them. */
export interface ReferenceAgent {
  user: ScriptedUserPolicy;
  observe: ReferenceObservePolicy;
  execute: ReferenceExecutePolicy;
  ledger: ReferenceLedger;
}

/**
 * `--agent reference`: observe and execute policies that play the scenario's reference solution through
 * the agent loop, each seeing only what an LLM in its place would be shown (same system prompt, same
 * rendering and cut of tool results), with the scripted user.
 */
export function referenceAgent(
  scenario: PAREScenario,
  config: ScenarioRunnerConfig,
  plan: ReferencePlan = referencePlanFor(scenario, config),
): ReferenceAgent {
  const ledger = new ReferenceLedger(plan);
  const ctx = promptContext(scenario, config);
  const shared = { ledger, observationCharLimit: config.observationCharLimit };
  const appNames = scenario.apps.filter((a) => isNavigableApp(a)).map((a) => a.name);
  return {
    user: new ScriptedUserPolicy(appNames),
    observe: new ReferenceObservePolicy({
      ...shared,
      systemPrompt: (tools) => buildObservePrompt(ctx, tools),
    }),
    execute: new ReferenceExecutePolicy({
      ...shared,
      systemPrompt: (tools) => buildExecutePrompt(ctx, tools),
    }),
    ledger,
  };
}
