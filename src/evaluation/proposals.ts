import { AGENT_UI_CLASS } from "../core/notifications.js";
import type { Speaker } from "./trajectory.js";

/** The part of a step that decides what it means for the proposal protocol. */
export interface ProtocolStep {
  speaker: Speaker;
  action: { className: string; function: string } | null;
  error: string | null;
  systemState: { proactiveMode: string | null };
}

export type ProtocolRole = "proposal" | "acceptance" | "rejection" | "report" | null;

/**
 * The role of every step in the propose → answer protocol, with the runner's counting rules
 * (`computeRunMetrics`): a proposal is a successful message to the user sent while not executing (a
 * message sent while executing is a report); an answer counts only while a proposal is open, and closes it.
 */
export function protocolRoles(steps: readonly ProtocolStep[]): ProtocolRole[] {
  let open = false;
  return steps.map((step) => {
    const a = step.action;
    if (!a || a.className !== AGENT_UI_CLASS || step.error !== null) return null;
    if (step.speaker === "assistant" && a.function === "send_message_to_user") {
      if (step.systemState.proactiveMode === "execute") return "report";
      open = true;
      return "proposal";
    }
    if (
      step.speaker === "user" &&
      open &&
      (a.function === "accept_proposal" || a.function === "reject_proposal")
    ) {
      open = false;
      return a.function === "accept_proposal" ? "acceptance" : "rejection";
    }
    return null;
  });
}
