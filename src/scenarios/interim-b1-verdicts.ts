/**
 * INTERIM: three verdict helpers batch B1 adds to scenario-verdict.ts (branch `scen1`), with the same names
 * and behaviour, so batch B2 can run before B1 lands on main. When B1 is merged, delete this file and import
 * `assistantWrites`, `mentionsAmount` and `timeBetween` from scenario-verdict.js instead.
 */
import { parseDateTime } from "../core/clock.js";
import type { EventFilter, EventLog } from "../core/event-log.js";
import type { CompletedEvent } from "../core/events.js";
import { agentCalls } from "./scenario-verdict.js";

/** Successful, top-level writes of the assistant to the domain apps (its messages to the user left out). */
export function assistantWrites(log: EventLog, filter: Omit<EventFilter, "type"> = {}): CompletedEvent[] {
  return agentCalls(log, filter).filter(
    (e) => e.action?.operation === "write" && e.action.className !== "PAREAgentUserInterface",
  );
}

/**
 * Does the text state this amount of money? "12.9" matches "$12.90", "12.90 each" and "12,90"; a whole amount
 * also matches without decimals, and thousands may be grouped ("1,200"). Digits around the number must not
 * continue it ("112.90" is not 12.90).
 */
export function mentionsAmount(text: string, amount: number): boolean {
  const plain = text.replace(/(\d)[,\s](?=\d{3}(?!\d))/g, "$1");
  const [whole, cents = "00"] = amount.toFixed(2).split(".");
  const decimals = cents === "00" ? "(?:[.,]00?)?" : `[.,]${cents.endsWith("0") ? `${cents[0]}0?` : cents}`;
  return new RegExp(`(?<![\\d.,])${whole}${decimals}(?![\\d])`).test(plain);
}

/**
 * Is a 'YYYY-MM-DD HH:MM:SS' time argument within [earliest, latest]? An empty argument means "now" for tools
 * that default to the current time; pass `emptyIs` (the time of the call) to judge it as that.
 */
export function timeBetween(text: string, earliest: string, latest: string, emptyIs?: number): boolean {
  const t = text.trim() === "" ? (emptyIs ?? null) : parseDateTime(text.trim());
  const lo = parseDateTime(earliest);
  const hi = parseDateTime(latest);
  if (lo === null || hi === null) throw new Error(`timeBetween: bad bounds ${earliest} / ${latest}`);
  return t !== null && t >= lo && t <= hi;
}
