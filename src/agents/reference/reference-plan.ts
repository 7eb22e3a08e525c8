import { EventType } from "../../core/event-types.js";
import { type AbstractEvent, type CompletedEvent, Event } from "../../core/events.js";
import type { JsonValue } from "../../core/json.js";
import { AGENT_UI_CLASS } from "../../core/notifications.js";

/**
 * An environment event a step of the reference solution waits for. The reference agent acts once it was
 * told about it (a notification carrying its event id) or, for events that announce nothing to the
 * assistant, once the simulated clock has passed the time it happened in the oracle run.
 */
export interface Trigger {
  eventId: string;
  notifiesAgent: boolean;
  /** Simulated time it completed in the oracle run. */
  time: number;
}

/** One assistant call of the reference solution, as the oracle run made it. */
export interface PlannedCall {
  /** App instance name and function; the tool's public name may differ (tool augmentation). */
  app: string;
  function: string;
  args: Record<string, JsonValue>;
  operation: "read" | "write";
  /** What the call returned in the oracle run, as the agent's tool shows it. */
  output: unknown;
  triggers: Trigger[];
}

/** One proposal cycle: look around, propose, and (once the user accepts) carry it out. */
export interface PlanSegment {
  observe: PlannedCall[];
  /** null: the reference solution never proposes here (the right help is to wait). */
  proposal: PlannedCall | null;
  /** Calls after the user accepted (reads and writes), in order. */
  execute: PlannedCall[];
  /** The reference solution's own closing message after the execution, if it has one. */
  closing: PlannedCall | null;
  /** The reference user's answer: accept, reject, or none scripted. */
  answer: "accept" | "reject" | null;
}

export interface ReferencePlan {
  segments: PlanSegment[];
  /** Every read of the reference solution, in order: the look-ups an agent may repeat to find a fact. */
  lookups: PlannedCall[];
  /** What the reference agent cannot play (a write before any acceptance, a user action it leaves to the user). */
  problems: string[];
}

/** What the plan is built from: the scenario's event templates and the log of its oracle run. */
export interface OracleRun {
  templates: readonly AbstractEvent[];
  log: readonly CompletedEvent[];
  /** Ids of the events that produced an assistant-facing notification in the oracle run. */
  agentNotified: ReadonlySet<string>;
  /** What the assistant's tool would have shown for a logged oracle call (its LLM formatter applied). */
  visibleOutput: (event: CompletedEvent) => unknown;
}

/** The non-oracle ancestors of an oracle event, found through its oracle ancestors. */
function environmentAncestors(event: AbstractEvent): AbstractEvent[] {
  const found: AbstractEvent[] = [];
  const seen = new Set<AbstractEvent>();
  const stack = [...event.parents];
  while (stack.length > 0) {
    const parent = stack.pop() as AbstractEvent;
    if (seen.has(parent)) continue;
    seen.add(parent);
    if (parent instanceof Event && parent.isOracle) stack.push(...parent.parents);
    else found.push(parent);
  }
  return found;
}

function completionTime(log: readonly CompletedEvent[], event: AbstractEvent): number | null {
  for (const e of log) {
    if (e.eventId === event.id) return e.eventTime;
    // A condition logs one entry per check; it completed at the first check that held.
    if (
      e.eventType === EventType.CONDITION &&
      e.eventId.startsWith(`${event.id}-CHECK_`) &&
      e.metadata.returnValue === true
    )
      return e.eventTime;
  }
  return null;
}

/**
 * Splits the oracle run's assistant calls into proposal cycles. The user's scripted answers only delimit
 * the cycles: in an agent run the configured user answers for itself.
 */
export function buildReferencePlan(run: OracleRun): ReferencePlan {
  const byId = new Map(run.templates.map((t) => [t.id, t]));
  const problems: string[] = [];
  const segments: PlanSegment[] = [];
  const lookups: PlannedCall[] = [];
  const fresh = (): PlanSegment => ({
    observe: [],
    proposal: null,
    execute: [],
    closing: null,
    answer: null,
  });
  let segment = fresh();
  const close = () => {
    segments.push(segment);
    segment = fresh();
  };
  const triggersOf = (eventId: string): Trigger[] => {
    const template = byId.get(eventId);
    if (!template) return [];
    return environmentAncestors(template).map((t) => ({
      eventId: t.id,
      notifiesAgent: run.agentNotified.has(t.id),
      time: completionTime(run.log, t) ?? Number.POSITIVE_INFINITY,
    }));
  };

  for (const event of run.log) {
    const action = event.action;
    if (!action || !event.metadata.oracle || event.metadata.exception !== null) continue;
    const call = (): PlannedCall => ({
      app: action.app,
      function: action.function,
      args: action.args,
      operation: action.operation,
      output: run.visibleOutput(event),
      triggers: triggersOf(event.eventId),
    });
    const name = `${action.app}__${action.function}`;
    if (event.eventType === EventType.USER) {
      if (action.className === AGENT_UI_CLASS && action.function === "accept_proposal" && segment.proposal) {
        segment.answer = "accept";
      } else if (
        action.className === AGENT_UI_CLASS &&
        action.function === "reject_proposal" &&
        segment.proposal
      ) {
        segment.answer = "reject";
        close();
      } else {
        problems.push(
          `the reference solution has the user call ${name}; the configured user decides for itself`,
        );
      }
      continue;
    }
    if (event.eventType !== EventType.AGENT) continue;
    if (action.className === AGENT_UI_CLASS) {
      if (action.function === "wait") continue;
      if (action.function !== "send_message_to_user") {
        problems.push(`the reference solution calls ${name}, which the assistant does not have`);
        continue;
      }
      if (segment.answer === "accept") {
        segment.closing = call();
        close();
      } else {
        if (segment.proposal) close();
        segment.proposal = call();
      }
      continue;
    }
    const planned = call();
    if (planned.operation === "read") lookups.push(planned);
    if (segment.answer === "accept") {
      segment.execute.push(planned);
    } else if (segment.proposal) {
      problems.push(`the reference solution calls ${name} before the user answered its proposal`);
    } else if (planned.operation === "write") {
      problems.push(
        `the reference solution writes with ${name} before any proposal was accepted (observe mode has read tools only)`,
      );
    } else {
      segment.observe.push(planned);
    }
  }
  if (segment.observe.length > 0 || segment.proposal || segment.execute.length > 0) close();
  return { segments, lookups, problems };
}
