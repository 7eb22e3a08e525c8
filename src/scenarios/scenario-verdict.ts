import type { EventFilter, EventLog } from "../core/event-log.js";
import { EventType } from "../core/event-types.js";
import type { CompletedEvent } from "../core/events.js";

/** What a scenario's `validate(env)` returns. */
export interface ScenarioVerdict {
  success: boolean;
  rationale: string;
}

/**
 * Collects named checks and turns them into a verdict whose rationale lists what was missing,
 * the shape every bundled scenario's validator uses.
 */
export class Checklist {
  private readonly checks: { name: string; ok: boolean }[] = [];

  require(name: string, ok: boolean): this {
    this.checks.push({ name, ok });
    return this;
  }

  get passed(): boolean {
    return this.checks.every((c) => c.ok);
  }

  verdict(): ScenarioVerdict {
    const missing = this.checks.filter((c) => !c.ok).map((c) => c.name);
    return {
      success: missing.length === 0,
      rationale:
        missing.length === 0 ? `All ${this.checks.length} checks passed.` : `Missing: ${missing.join("; ")}`,
    };
  }
}

/** Successful, top-level calls the assistant made (AGENT events), optionally filtered. */
export function agentCalls(log: EventLog, filter: Omit<EventFilter, "type"> = {}): CompletedEvent[] {
  return log.find({ succeededOnly: true, topLevelOnly: true, ...filter, type: EventType.AGENT });
}

/** Successful, top-level actions of the user (USER events). */
export function userCalls(log: EventLog, filter: Omit<EventFilter, "type"> = {}): CompletedEvent[] {
  return log.find({ succeededOnly: true, topLevelOnly: true, ...filter, type: EventType.USER });
}

/** The assistant's messages to the user (proposals and reports). */
export function proposals(log: EventLog): CompletedEvent[] {
  return agentCalls(log, { className: "PAREAgentUserInterface", function: "send_message_to_user" });
}

export function argText(event: CompletedEvent, key: string): string {
  const value = event.action?.args[key];
  return typeof value === "string"
    ? value
    : value === undefined || value === null
      ? ""
      : JSON.stringify(value);
}

/** Case-insensitive: does the text contain every one of the words? */
export function mentionsAll(text: string, ...words: string[]): boolean {
  const lower = text.toLowerCase();
  return words.every((w) => lower.includes(w.toLowerCase()));
}

export function mentionsAny(text: string, ...words: string[]): boolean {
  const lower = text.toLowerCase();
  return words.some((w) => lower.includes(w.toLowerCase()));
}

/**
 * File names of the paths an argument holds (`attachment_paths: ["/Downloads/a.pdf"]` → `["a.pdf"]`),
 * for validators that check which files were attached or saved wherever the assistant put them.
 */
export function fileNamesIn(event: CompletedEvent, key: string): string[] {
  const value = event.action?.args[key];
  const paths = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return paths.map(
    (p) =>
      String(p)
        .split("/")
        .filter((s) => s.length > 0)
        .pop() ?? "",
  );
}
