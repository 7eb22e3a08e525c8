import type { DeliberationRecord } from "../agents/deliberation-log.js";
import { EventType } from "../core/event-types.js";
import { AGENT_UI_CLASS } from "../core/notifications.js";
import { type ProtocolRole, protocolRoles } from "./proposals.js";
import type { PareTrace, TraceEvent } from "./trace-schema.js";
import { type Speaker, type StepInput, type Trajectory, TrajectoryLogger } from "./trajectory.js";

const SPEAKERS: Partial<Record<EventType, Speaker>> = {
  [EventType.USER]: "user",
  [EventType.AGENT]: "assistant",
  [EventType.ENV]: "environment",
};

const MESSAGE_FUNCTIONS = new Set(["send_message_to_user", "accept_proposal", "reject_proposal"]);

function render(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

const roleSpeaker = (role: DeliberationRecord["role"]): Speaker => (role === "user" ? "user" : "assistant");

/** `App__method` → `method` (the name a deliberation's tool call has in the event log). */
const methodOf = (tool: string): string => tool.slice(tool.lastIndexOf("__") + 2);
const appOf = (tool: string): string => (tool.includes("__") ? tool.slice(0, tool.lastIndexOf("__")) : "");

function eventStep(event: TraceEvent, speaker: Speaker): StepInput {
  const a = event.action;
  const content =
    a && a.className === AGENT_UI_CLASS && MESSAGE_FUNCTIONS.has(a.function) ? a.args.content : null;
  return {
    round: event.turn ?? 0,
    speaker,
    observation: event.exception === null ? render(event.returnValue) : null,
    message: typeof content === "string" ? content : null,
    action: a ? { ...a } : null,
    error: event.exception,
    systemState: {
      time: event.eventTime,
      relativeTime: event.relativeTime,
      proactiveMode: event.proactiveMode,
    },
    metadata: {
      source: "event",
      eventId: event.eventId,
      eventType: event.eventType,
      oracle: event.oracle,
      injectedFailure: event.injectedFailure,
      noise: event.noise,
      exceptionType: event.exceptionType,
    },
  };
}

function deliberationStep(d: DeliberationRecord, startTime: number): StepInput {
  return {
    round: Math.max(0, d.turn),
    speaker: roleSpeaker(d.role),
    observation: d.observation,
    action: d.action
      ? {
          app: appOf(d.action.tool),
          className: "",
          function: methodOf(d.action.tool),
          args: d.action.args,
          operation: null,
        }
      : null,
    error: d.error ?? (d.action ? null : (d.parseFailure ?? "no action")),
    systemState: { time: d.simulatedTime, relativeTime: d.simulatedTime - startTime, proactiveMode: d.mode },
    metadata: { source: "deliberation", thought: d.thought, role: d.role, iteration: d.iteration },
  };
}

const utilityOf = (role: ProtocolRole, speaker: Speaker): number | null =>
  speaker === "environment" ? null : role === "acceptance" ? 1 : role === "rejection" ? -1 : 0;

/**
 * A trajectory from a trace: one step per top-level user, assistant or environment event (conditions
 * and nested calls are bookkeeping), with the agents' thoughts attached where a deliberation record
 * matches the call, plus a step for each agent step that never reached an app (unknown tool, no action).
 */
export function trajectoryFromTrace(trace: PareTrace): Trajectory {
  const startTime = trace.scenario.startTime;
  const inputs: StepInput[] = [];
  for (const event of trace.events) {
    const speaker = SPEAKERS[event.eventType];
    if (!speaker || event.parentEventId !== null) continue;
    inputs.push(eventStep(event, speaker));
  }
  // Match deliberations to calls in order: same turn, same actor, same method, not matched before.
  const used = new Set<number>();
  const orphans: StepInput[] = [];
  for (const d of trace.deliberations) {
    const speaker = roleSpeaker(d.role);
    const method = d.action ? methodOf(d.action.tool) : null;
    const candidate = (s: StepInput, k: number) =>
      !used.has(k) && s.speaker === speaker && s.round === d.turn && s.systemState.time >= d.simulatedTime;
    let i =
      method === null ? -1 : inputs.findIndex((s, k) => candidate(s, k) && s.action?.function === method);
    // Renamed tools (tool augmentation) log under their method name: fall back to the call at that moment.
    if (i < 0 && method !== null && d.error === null)
      i = inputs.findIndex((s, k) => candidate(s, k) && s.systemState.time === d.simulatedTime);
    if (i >= 0) {
      used.add(i);
      const step = inputs[i] as StepInput;
      step.metadata = { ...step.metadata, thought: d.thought, role: d.role, iteration: d.iteration };
      if (step.observation === null && step.error === null && d.observation !== null)
        step.observation = d.observation;
    } else if (d.action === null || d.error !== null) {
      orphans.push(deliberationStep(d, startTime));
    }
  }
  // Stable by time: at equal times a step that never reached an app follows the logged calls.
  const ordered = [...inputs, ...orphans]
    .map((s, k) => ({ s, k }))
    .sort((a, b) => a.s.systemState.time - b.s.systemState.time || a.k - b.k)
    .map((x) => x.s);
  const roles = protocolRoles(
    ordered.map((s) => ({
      speaker: s.speaker,
      action: s.action ?? null,
      error: s.error ?? null,
      systemState: s.systemState,
    })),
  );
  const initialState = trace.apps
    ? Object.fromEntries(trace.apps.map((a) => [a.name, a.initialState]))
    : undefined;
  const finalState = trace.apps
    ? Object.fromEntries(trace.apps.map((a) => [a.name, a.finalState]))
    : undefined;
  const logger = new TrajectoryLogger({
    scenarioId: trace.scenarioId,
    runNumber: trace.runNumber,
    initialState,
  });
  ordered.forEach((s, k) => {
    logger.logStep({ ...s, localUtility: utilityOf(roles[k] ?? null, s.speaker) });
  });
  logger.setOutcome({
    success: trace.result.success,
    rationale: trace.result.rationale,
    numberOfTurns: trace.result.numberOfTurns,
    finalState,
  });
  return logger.toTrajectory();
}
