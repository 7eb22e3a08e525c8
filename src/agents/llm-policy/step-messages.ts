import type { AppTool } from "../../core/app-tool.js";
import { type Message, MessageType, renderTimedLine } from "../../core/notifications.js";
import { DEFAULT_OBSERVATION_CHAR_LIMIT, renderObservation } from "../observation.js";
import type { StepObservation } from "../types.js";
import { renderToolDescriptions } from "./tool-descriptions.js";

/*
 * The blocks of the messages an agent receives between its own outputs. Labels follow the trace
 * format of the reference (`[TASK]:`, `[OUTPUT OF STEP i] Observation:` …) so that traces read alike;
 * the sentences are ours.
 */

function block(label: string, content: string): string {
  return `${label}\n***\n${content}\n***`;
}

export function renderTask(task: string): string {
  return `[TASK]: \n${task}`;
}

/**
 * The result of the agent's previous tool call; `step` counts results and errors over the conversation. The
 * output is cut at `limit` characters (null: never).
 */
export function renderStepResult(
  step: number,
  observation: StepObservation,
  limit: number | null = DEFAULT_OBSERVATION_CHAR_LIMIT,
): string {
  if (observation.error !== undefined) return renderStepError(step, observation.error);
  return block(`[OUTPUT OF STEP ${step}] Observation:`, renderObservation(observation.output, limit));
}

export function renderStepError(step: number, error: string): string {
  return `${block(`[OUTPUT OF STEP ${step}] ERROR:`, error)}\n\nTry again without repeating the mistake. If the same approach keeps failing, change approach.`;
}

/** User actions and environment notifications, each a list of `[YYYY-MM-DD HH:MM:SS] text` lines. */
export function renderNotifications(messages: readonly Message[]): string[] {
  const actions = messages.filter((m) => m.type === MessageType.USER_ACTION);
  const others = messages.filter((m) => m.type !== MessageType.USER_ACTION);
  const out: string[] = [];
  if (others.length > 0)
    out.push(block("Environment notifications updates:", others.map(renderTimedLine).join("\n")));
  if (actions.length > 0) out.push(block("[User Actions]:", actions.map(renderTimedLine).join("\n")));
  return out;
}

/** The user's actions on the current screen (sent every step, never kept in the history). */
export function renderAvailableActions(tools: readonly AppTool[]): string {
  return block("Available Actions from current state:", renderToolDescriptions(tools));
}

/** Where the user is (sent every step, never kept in the history). */
export function renderLocation(location: { app: string; screen: string }): string {
  return block(
    "Current app state:",
    `Current active app: ${location.app}\nCurrent active screen: ${location.screen || "(main)"}`,
  );
}

/** Sent when a step brings nothing new, so that every request ends with a user message. */
export const NOTHING_NEW = "Nothing new has happened since your previous step.";
