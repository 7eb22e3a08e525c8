import type { AppTool } from "../../core/app-tool.js";

/** The assistant's message to the user: a proposal while observing, a report (or question) while executing. */
export const SEND_TOOL = "send_message_to_user";
/** The observe agent's "do nothing this turn". */
export const WAIT_TOOL = "PAREAgentUserInterface__wait";

/**
 * What ends an observe or execute run besides its step limit: a call of a tool whose name contains one of
 * these (case-insensitive), as in the original. `System__wait_for_notification` matches too, so it ends the
 * turn (after moving the clock to the next notification). The prompts list the tools this rule matches, so
 * what the model is told and what the loop does agree.
 */
export const TURN_ENDING_SUBSTRINGS = ["wait", SEND_TOOL] as const;

export function endsTurn(toolName: string): boolean {
  const lower = toolName.toLowerCase();
  return TURN_ENDING_SUBSTRINGS.some((s) => lower.includes(s));
}

/** The tools of a tool set whose call ends the run, by the name the agent uses. */
export function turnEndingTools(tools: readonly AppTool[]): string[] {
  return tools.map((t) => t.publicName).filter(endsTurn);
}
