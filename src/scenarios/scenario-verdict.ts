import { parseDateTime } from "../core/clock.js";
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

/**
 * The assistant's proposals: its messages to the user sent while observing. A message sent while executing
 * an accepted proposal is a report (the run metrics' rule), so it never passes for a proposal.
 */
export function proposals(log: EventLog): CompletedEvent[] {
  return agentCalls(log, { className: "PAREAgentUserInterface", function: "send_message_to_user" }).filter(
    (e) => e.metadata.proactiveMode !== "execute",
  );
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

/** Successful, top-level writes of the assistant to the domain apps (its messages to the user left out). */
export function assistantWrites(log: EventLog, filter: Omit<EventFilter, "type"> = {}): CompletedEvent[] {
  return agentCalls(log, filter).filter(
    (e) => e.action?.operation === "write" && e.action.className !== "PAREAgentUserInterface",
  );
}

/**
 * Does the text state this amount of money? "12.9" matches "$12.90", "12.90 each" and "12,90"; a whole
 * amount also matches without decimals, and thousands may be grouped ("1,200"). Digits around the number must not
 * continue it ("112.90" is not 12.90).
 */
export function mentionsAmount(text: string, amount: number): boolean {
  const plain = text.replace(/(\d)[,\s](?=\d{3}(?!\d))/g, "$1");
  const [whole, cents = "00"] = amount.toFixed(2).split(".");
  const decimals = cents === "00" ? "(?:[.,]00?)?" : `[.,]${cents.endsWith("0") ? `${cents[0]}0?` : cents}`;
  return new RegExp(`(?<![\\d.,])${whole}${decimals}(?![\\d])`).test(plain);
}

/**
 * Is a 'YYYY-MM-DD HH:MM:SS' time argument within [earliest, latest]? An empty argument means "now" for
 * tools that default to the current time; pass `emptyIs` (the time of the call) to judge it as that.
 */
export function timeBetween(text: string, earliest: string, latest: string, emptyIs?: number): boolean {
  const t = text.trim() === "" ? (emptyIs ?? null) : parseDateTime(text.trim());
  const lo = parseDateTime(earliest);
  const hi = parseDateTime(latest);
  if (lo === null || hi === null) throw new Error(`timeBetween: bad bounds ${earliest} / ${latest}`);
  return t !== null && t >= lo && t <= hi;
}
