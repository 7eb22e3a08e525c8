import { EventType } from "../core/event-types.js";
import type { CompletedEvent } from "../core/events.js";
import { AGENT_UI_CLASS } from "../core/notifications.js";

export interface RunMetrics {
  proposalCount: number;
  acceptanceCount: number;
  readOnlyActions: number;
  writeActions: number;
}

/**
 * Counts from the event log (intended semantics, not PARE's as-is counters): every top-level tool call of
 * the user and the assistant is an action, classified by the tool's read/write flag; a proposal is a
 * message to the user sent while not executing; an acceptance counts once per proposal, only when it
 * follows a proposal.
 */
export function computeRunMetrics(events: readonly CompletedEvent[]): RunMetrics {
  const metrics: RunMetrics = { proposalCount: 0, acceptanceCount: 0, readOnlyActions: 0, writeActions: 0 };
  let openProposal = false;
  for (const event of events) {
    const action = event.action;
    if (!action) continue;
    if (event.eventType !== EventType.AGENT && event.eventType !== EventType.USER) continue;
    if (event.metadata.parentEventId !== null) continue;
    if (action.operation === "write") metrics.writeActions += 1;
    else metrics.readOnlyActions += 1;
    if (action.className !== AGENT_UI_CLASS || event.metadata.exception !== null) continue;
    if (action.function === "send_message_to_user") {
      if (event.metadata.proactiveMode !== "execute") {
        metrics.proposalCount += 1;
        openProposal = true;
      }
    } else if (action.function === "accept_proposal" && openProposal) {
      metrics.acceptanceCount += 1;
      openProposal = false;
    }
  }
  return metrics;
}
