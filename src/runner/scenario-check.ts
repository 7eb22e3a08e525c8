import { type DeliberationRecord, MemoryDeliberationSink } from "../agents/deliberation-log.js";
import { describeUnseenFact, type ReferenceLedger } from "../agents/reference/reference-ledger.js";
import { PAREAgentUserInterface } from "../apps/agent-ui/agent-ui-app.js";
import { withCaptureMode } from "../core/event-context.js";
import { EventType } from "../core/event-types.js";
import { type CompletedEvent, Event } from "../core/events.js";
import { AGENT_UI_CLASS } from "../core/notifications.js";
import type { PAREScenario } from "../scenarios/pare-scenario.js";
import type { ScenarioValidationResult } from "../scenarios/validation-result.js";
import { ScenarioRunnerConfig } from "./config.js";
import { referenceAgent } from "./reference-agent.js";
import { runScenario } from "./scenario-runner.js";

/** The proposal `pare scenarios check` injects into an `expectsProposal = false` scenario's oracle run. */
export const INJECTED_PROPOSAL =
  "I noticed something I can take care of for you right now. Shall I go ahead and handle it?";
const INJECTED_ID = "scenario_check_injected_proposal";

/** What `pare scenarios check` found for one scenario. */
export interface ScenarioCheck {
  id: string;
  ok: boolean;
  expectsProposal: boolean;
  /** One line per failed check, saying what failed and why. */
  failures: string[];
  /** The reference agent's run; null if it did not run. */
  reference: ReferenceFigures | null;
}

/** What the reference agent's run cost, in agent steps (each one model call for an LLM agent). */
export interface ReferenceFigures {
  success: boolean | null;
  turns: number;
  /** Model calls per role over the run (the scripted user's steps included). */
  calls: { user: number; observe: number; execute: number };
  /** Steps of the longest single execution (the execute limit bounds it). */
  longestExecution: number;
}

function referenceFigures(
  result: ScenarioValidationResult,
  steps: readonly DeliberationRecord[],
): ReferenceFigures {
  const calls = { user: 0, observe: 0, execute: 0 };
  const executions = new Map<number, number>();
  for (const s of steps) {
    calls[s.role] += s.modelCalls;
    if (s.role === "execute") executions.set(s.turn, (executions.get(s.turn) ?? 0) + 1);
  }
  return {
    success: result.success,
    turns: result.numberOfTurns,
    calls,
    longestExecution: Math.max(0, ...executions.values()),
  };
}

const ORACLE = ScenarioRunnerConfig.parse({ oracle: true });
const NOOP = ScenarioRunnerConfig.parse({ agentType: "noop", userType: "scripted" });
const REFERENCE = ScenarioRunnerConfig.parse({ agentType: "reference", userType: "scripted" });

function why(result: ScenarioValidationResult): string {
  if (result.exception) return `${result.exception.type}: ${result.exception.message}`;
  return result.rationale ?? "no rationale";
}

/**
 * Removes the oracle events `drop` selects from an initialised scenario; their children are re-attached to
 * their parents (the delays added up), so the rest of the reference solution still happens.
 */
export function dropOracleEvents(scenario: PAREScenario, drop: (e: Event) => boolean): number {
  scenario.initialize();
  const dropped = scenario.events.filter((e): e is Event => e instanceof Event && e.isOracle && drop(e));
  for (const e of dropped) {
    for (const parent of e.parents) parent.children.splice(parent.children.indexOf(e), 1);
    for (const child of e.children) {
      child.parents.splice(child.parents.indexOf(e), 1);
      child.dependsOn(e.parents, { delaySeconds: child.delay + e.delay });
    }
  }
  scenario.events = scenario.events.filter((e) => !dropped.includes(e as Event));
  return dropped.length;
}

const isAppWrite = (e: Event) => e.action.operation === "write" && e.action.className !== AGENT_UI_CLASS;
const isProposal = (e: Event) =>
  e.action.className === AGENT_UI_CLASS && e.action.functionName === "send_message_to_user";

/**
 * Adds an assistant proposal (in observe mode) to an initialised scenario's oracle run, one second after
 * the last environment event of the flow (noise excluded), or one second after the start.
 */
export function injectProposal(scenario: PAREScenario, oracleLog: readonly CompletedEvent[]): void {
  scenario.initialize();
  const aui = scenario.apps.find((a): a is PAREAgentUserInterface => a instanceof PAREAgentUserInterface);
  if (!aui) throw new Error(`scenario ${scenario.scenarioId} has no ${AGENT_UI_CLASS} app`);
  const noise = new Set(scenario.noiseEventIds);
  const envTimes = oracleLog
    .filter((e) => e.eventType === EventType.ENV && !noise.has(e.eventId))
    .map((e) => e.eventTime);
  const at = Math.max(scenario.startTime, ...envTimes) + 1;
  const event = withCaptureMode(() =>
    aui.send_message_to_user({ content: INJECTED_PROPOSAL }),
  ) as unknown as Event;
  scenario.events.push(event.withId(INJECTED_ID).oracle().atAbsoluteTime(at));
}

/**
 * Checks that a scenario is winnable through the agent interface and that its validator is strict:
 * - oracle mode passes;
 * - the `noop` assistant fails (passes, for `expectsProposal = false`);
 * - the reference agent passes at the default limits, and none of its calls needs a fact it was never shown;
 * - the validator fails when the reference solution loses its writes, or its proposal (for
 *   `expectsProposal = false`: when an assistant proposal is injected).
 * `make` must return a fresh, uninitialised instance at each call.
 */
export async function checkScenario(id: string, make: () => PAREScenario): Promise<ScenarioCheck> {
  const failures: string[] = [];
  const check: ScenarioCheck = {
    id,
    ok: false,
    expectsProposal: true,
    failures,
    reference: null,
  };
  const step = async (label: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  let oracleLog: readonly CompletedEvent[] = [];
  await step("oracle", async () => {
    const scenario = make();
    check.expectsProposal = scenario.expectsProposal;
    const result = await runScenario(scenario, {
      config: ORACLE,
      onFinished: (run) => {
        oracleLog = run.env?.eventLog.listView() ?? [];
      },
    });
    if (result.success !== true) failures.push(`oracle fails: ${why(result)}`);
  });
  const expects = check.expectsProposal;

  await step("noop", async () => {
    const result = await runScenario(make(), { config: NOOP });
    if (expects && result.success !== false)
      failures.push(
        result.exception
          ? `noop run failed with an error: ${why(result)}`
          : "noop passes: the validator accepts an assistant that only waits",
      );
    if (!expects && result.success !== true)
      failures.push(`noop fails, but waiting is the right help here: ${why(result)}`);
  });

  await step("reference", async () => {
    let ledger: ReferenceLedger | null = null;
    const deliberations = new MemoryDeliberationSink();
    const result = await runScenario(make(), {
      config: REFERENCE,
      deliberations,
      policies: (scenario, config) => {
        const agent = referenceAgent(scenario, config);
        ledger = agent.ledger;
        return agent;
      },
    });
    check.reference = referenceFigures(result, deliberations.entries);
    const audit = ledger as ReferenceLedger | null;
    if (result.success !== true) {
      const shortfalls = audit ? audit.shortfalls(REFERENCE) : [];
      failures.push(
        `reference agent fails at the default limits: ${why(result)}${shortfalls.length ? ` (${shortfalls.join("; ")})` : ""}`,
      );
    }
    for (const fact of audit?.unseen ?? []) failures.push(`unseen fact: ${describeUnseenFact(fact)}`);
    if (!expects && audit?.plan.segments.some((s) => s.proposal))
      failures.push("the reference solution proposes, but the scenario declares expectsProposal = false");
  });

  const passesWith = async (change: (s: PAREScenario) => void): Promise<boolean> => {
    const scenario = make();
    scenario.initialize();
    change(scenario);
    const result = await runScenario(scenario, { config: ORACLE });
    return result.success !== false;
  };
  if (expects) {
    await step("without writes", async () => {
      let count = 0;
      if (await passesWith((s) => (count = dropOracleEvents(s, isAppWrite))))
        failures.push(
          count === 0
            ? "the reference solution makes no write on an app, so the validator cannot be checked against it"
            : "the validator passes when the reference solution loses its writes",
        );
    });
    await step("without proposal", async () => {
      if (await passesWith((s) => dropOracleEvents(s, isProposal)))
        failures.push("the validator passes when the reference solution loses its proposal");
    });
  } else {
    await step("injected proposal", async () => {
      if (await passesWith((s) => injectProposal(s, oracleLog)))
        failures.push(
          "the validator passes when the assistant proposes (expectsProposal = false must fail any proposal)",
        );
    });
  }
  check.ok = failures.length === 0;
  return check;
}
