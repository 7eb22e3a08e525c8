import { describe, expect, it } from "vitest";
import { EventLog } from "../../src/core/event-log.js";
import type { CompletedEvent } from "../../src/core/events.js";
import { completedEvent } from "../support/completed-event.js";

function logged(eventId: string, eventTime: number, returnValue: unknown = null): CompletedEvent {
  return completedEvent({ eventId, eventTime, returnValue });
}

describe("EventLog.byId", () => {
  it("finds events put before and after a look-up", () => {
    const log = new EventLog();
    log.put(logged("a", 1, "A"));
    expect(log.byId("a")?.metadata.returnValue).toBe("A");
    expect(log.byId("b")).toBeUndefined();
    log.put(logged("b", 2, "B"));
    log.put(logged("c", 3, "C"));
    expect(log.byId("b")?.metadata.returnValue).toBe("B");
    expect(log.byId("c")?.metadata.returnValue).toBe("C");
    expect(log.length).toBe(3);
  });

  it("returns the first in the log's order of an id logged twice, whenever the second came", () => {
    const log = new EventLog();
    log.put(logged("x", 5, "first"));
    expect(log.byId("x")?.metadata.returnValue).toBe("first");
    log.put(logged("x", 6, "second"));
    expect(log.byId("x")?.metadata.returnValue).toBe("first");

    // Out of order: the later put has the earlier time, so after sorting it comes first.
    const late = new EventLog();
    late.put(logged("y", 9, "put first"));
    late.put(logged("z", 1, "z"));
    late.put(logged("y", 2, "put second"));
    expect(late.listView().map((e) => e.eventId)).toEqual(["z", "y", "y"]);
    expect(late.byId("y")?.metadata.returnValue).toBe("put second");
    expect(late.byId("z")?.metadata.returnValue).toBe("z");
  });

  it("indexes events put before a sort that reorders them", () => {
    const log = new EventLog();
    log.put(logged("p", 10, "P"));
    log.put(logged("q", 3, "Q"));
    log.put(logged("r", 7, "R"));
    // listView sorts first; the look-ups come after, with nothing indexed before the sort.
    expect(log.listView().map((e) => e.eventId)).toEqual(["q", "r", "p"]);
    log.put(logged("s", 11, "S"));
    for (const [id, value] of [
      ["p", "P"],
      ["q", "Q"],
      ["r", "R"],
      ["s", "S"],
    ]) {
      expect(log.byId(id as string)?.metadata.returnValue).toBe(value);
    }
  });

  it("forgets everything on clear", () => {
    const log = new EventLog();
    log.put(logged("a", 1));
    expect(log.byId("a")).toBeDefined();
    log.clear();
    expect(log.byId("a")).toBeUndefined();
    expect(log.length).toBe(0);
    log.put(logged("a", 2, "again"));
    expect(log.byId("a")?.metadata.returnValue).toBe("again");
  });
});
