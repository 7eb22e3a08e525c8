import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/core/event-queue.js";
import { type AbstractEvent, StopEvent } from "../../src/core/events.js";
import { Rng } from "../../src/core/random.js";

interface Entry {
  time: number;
  id: string;
  seq: number;
  event: AbstractEvent;
}

/** The specification: entries in (time, id, insertion) order, by a plain stable sort. */
class SortedReference {
  private entries: Entry[] = [];
  private seq = 0;

  push(time: number, event: AbstractEvent, id: string): void {
    this.seq += 1;
    this.entries.push({ time, id, seq: this.seq, event });
  }

  pop(): Entry | undefined {
    const first = this.snapshot()[0];
    if (first) this.entries.splice(this.entries.indexOf(first), 1);
    return first;
  }

  get size(): number {
    return this.entries.length;
  }

  snapshot(): Entry[] {
    return [...this.entries].sort((a, b) =>
      a.time !== b.time ? a.time - b.time : a.id !== b.id ? (a.id < b.id ? -1 : 1) : a.seq - b.seq,
    );
  }
}

const token = (i: number) => new StopEvent().withId(`token-${i}`);

/** A random schedule: few distinct times and ids, so ties on time and on (time, id) are frequent. */
function randomRun(seed: number) {
  const rng = new Rng(`event-queue-${seed}`);
  const queue = new EventQueue();
  const reference = new SortedReference();
  const times = rng.int(1, 6);
  const ids = ["a", "b", "c", "a-CHECK_1", "b-CHECK_0", "c"].slice(0, rng.int(1, 6));
  const popped: [Entry | undefined, Entry | undefined][] = [];
  let n = 0;
  const steps = rng.int(1, 200);
  for (let s = 0; s < steps; s++) {
    if (rng.next() < 0.6) {
      // Integer and fractional times, in a narrow range.
      const time = 1000 + rng.int(0, times) + (rng.next() < 0.2 ? 0.5 : 0);
      const id = rng.choice(ids);
      const event = token(n++);
      queue.push(time, event, id);
      reference.push(time, event, id);
    } else {
      const expected = reference.pop();
      const time = queue.nextTime();
      const event = queue.popEvent();
      popped.push([
        event === undefined
          ? undefined
          : { time: time as number, id: queue.poppedId, seq: 0, event: event as AbstractEvent },
        expected,
      ]);
    }
    expect(queue.size).toBe(reference.size);
  }
  return { queue, reference, popped };
}

describe("EventQueue against a sorted reference", () => {
  it("pops in (time, id, insertion) order on random schedules with ties", () => {
    for (let seed = 0; seed < 300; seed++) {
      const { queue, reference, popped } = randomRun(seed);
      for (const [got, expected] of popped) {
        if (expected === undefined) {
          expect(got).toBeUndefined();
          continue;
        }
        expect(got?.time).toBe(expected.time);
        expect(got?.id).toBe(expected.id);
        // The event identifies the insertion: equal (time, id) entries come out first-in first-out.
        expect(got?.event).toBe(expected.event);
      }
      // What is left: list() is the sorted view, and draining gives the same order.
      const rest = reference.snapshot();
      expect(queue.list().map((e) => [e.time, e.id, e.event])).toEqual(
        rest.map((e) => [e.time, e.id, e.event]),
      );
      for (const expected of rest) {
        const head = queue.peek();
        expect(head?.event).toBe(expected.event);
        const got = queue.pop();
        expect([got?.time, got?.id, got?.event]).toEqual([expected.time, expected.id, expected.event]);
      }
      expect(queue.size).toBe(0);
      expect(queue.nextTime()).toBeUndefined();
      expect(queue.popEvent()).toBeUndefined();
      expect(queue.pop()).toBeUndefined();
    }
  });

  it("keeps insertion order among many entries with the same time and id", () => {
    const queue = new EventQueue();
    const events = Array.from({ length: 100 }, (_, i) => token(i));
    for (const event of events) queue.push(5, event, "same");
    const out: AbstractEvent[] = [];
    for (let e = queue.popEvent(); e !== undefined; e = queue.popEvent()) out.push(e);
    expect(out).toEqual(events);
  });

  it("orders ids as strings, not as numbers", () => {
    const queue = new EventQueue();
    const [a, b, c] = [token(0), token(1), token(2)];
    queue.push(1, a, "e10");
    queue.push(1, b, "e9");
    queue.push(1, c, "E9");
    expect([queue.popEvent(), queue.popEvent(), queue.popEvent()]).toEqual([c, a, b]);
  });

  it("some/someEvent see every queued entry, and clear empties the queue", () => {
    const queue = new EventQueue();
    const events = [token(0), token(1), token(2)];
    queue.push(3, events[0] as AbstractEvent, "x");
    queue.push(1, events[1] as AbstractEvent, "y");
    queue.push(2, events[2] as AbstractEvent, "z");
    expect(queue.some((e) => e.id === "x" && e.time === 3)).toBe(true);
    expect(queue.some((e) => e.id === "w")).toBe(false);
    expect(queue.someEvent((e) => e === events[2])).toBe(true);
    expect(queue.someEvent((e) => e.id === "nope")).toBe(false);
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.peek()).toBeUndefined();
    queue.push(7, events[0] as AbstractEvent, "x");
    expect(queue.pop()).toMatchObject({ time: 7, id: "x", event: events[0] });
  });
});
