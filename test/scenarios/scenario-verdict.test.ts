import { describe, expect, it } from "vitest";
import { EventLog } from "../../src/core/event-log.js";
import { EventType } from "../../src/core/event-types.js";
import { assistantWrites, mentionsAmount, timeBetween } from "../../src/scenarios/scenario-verdict.js";
import { completedEvent } from "../support/completed-event.js";

describe("mentionsAmount", () => {
  it("matches an amount however it is written", () => {
    for (const text of ["$12.90 each", "12.9", "12,90 €", "owe 12.90.", "(12.90)"])
      expect(mentionsAmount(text, 12.9), text).toBe(true);
    for (const text of ["$45", "45.00", "45,00", "45 dollars"])
      expect(mentionsAmount(text, 45), text).toBe(true);
    expect(mentionsAmount("$1,200 deposit", 1200)).toBe(true);
    expect(mentionsAmount("1 200.00", 1200)).toBe(true);
    expect(mentionsAmount("10.5 each", 10.5)).toBe(true);
  });

  it("does not match a longer or different number", () => {
    for (const text of ["112.90", "12.95", "12.905", "$129", "1290", "", "twelve ninety"])
      expect(mentionsAmount(text, 12.9), text).toBe(false);
    expect(mentionsAmount("450", 45)).toBe(false);
    expect(mentionsAmount("4.5", 45)).toBe(false);
  });

  it("survives hostile and huge text", () => {
    expect(mentionsAmount("(.*)+$".repeat(1000), 12.9)).toBe(false);
    expect(mentionsAmount(`${"9".repeat(100_000)} 12.90`, 12.9)).toBe(true);
  });
});

describe("timeBetween", () => {
  it("judges a time against an inclusive window", () => {
    expect(timeBetween("2025-11-18 10:00:00", "2025-11-18 10:00:00", "2025-11-18 11:00:00")).toBe(true);
    expect(timeBetween("2025-11-18 11:00:01", "2025-11-18 10:00:00", "2025-11-18 11:00:00")).toBe(false);
    expect(timeBetween(" 2025-11-18 10:30:00 ", "2025-11-18 10:00:00", "2025-11-18 11:00:00")).toBe(true);
  });

  it("treats an empty argument as the given time, and garbage as outside", () => {
    const now = Date.UTC(2025, 10, 18, 10, 15) / 1000;
    expect(timeBetween("", "2025-11-18 10:00:00", "2025-11-18 11:00:00", now)).toBe(true);
    expect(timeBetween("", "2025-11-18 10:00:00", "2025-11-18 11:00:00")).toBe(false);
    expect(timeBetween("tomorrow-ish", "2025-11-18 10:00:00", "2025-11-18 11:00:00")).toBe(false);
  });

  it("refuses bad bounds (a scenario bug)", () => {
    expect(() => timeBetween("2025-11-18 10:00:00", "soon", "2025-11-18 11:00:00")).toThrow(/bad bounds/);
  });
});

describe("assistantWrites", () => {
  const event = (
    id: string,
    cls: string,
    fn: string,
    operation: "read" | "write",
    type: EventType = EventType.AGENT,
  ) =>
    completedEvent({
      eventId: id,
      eventType: type,
      action: { app: cls, className: cls, function: fn, args: {}, operation },
    });

  it("keeps the assistant's writes to the domain apps only", () => {
    const log = new EventLog();
    log.put(event("a", "StatefulCabApp", "order_ride", "write"));
    log.put(event("b", "StatefulCabApp", "get_quotation", "read"));
    log.put(event("c", "PAREAgentUserInterface", "send_message_to_user", "write"));
    log.put(event("d", "StatefulEmailApp", "send_email_to_user_with_id", "write", EventType.ENV));
    log.put(event("e", "StatefulEmailApp", "send_email", "write"));
    expect(assistantWrites(log).map((e) => e.eventId)).toEqual(["a", "e"]);
    expect(assistantWrites(log, { className: "StatefulEmailApp" }).map((e) => e.eventId)).toEqual(["e"]);
  });
});
