import type { AbstractEvent } from "./events.js";

let runs = 0;
const QUEUED = 1;
const COMPLETED = 2;

/**
 * One environment's bookkeeping of its scheduled events: whether each was queued, when it completed and how
 * often a condition was polled. Events get a dense slot number on first sight, stamped on the event itself,
 * so a look-up is two field reads and an array read instead of a hash of the event in a Map (this runs
 * several times per event). An event already stamped by another environment (a template shared between two
 * runs) is numbered through a Map instead; the stamps are numbers, so no run keeps another alive.
 */
export class RunMarks {
  private readonly run = ++runs;
  private count = 0;
  private readonly foreign = new Map<AbstractEvent, number>();
  /** Per slot: QUEUED and COMPLETED bits. */
  private flags = new Uint8Array(64);
  private completed = new Float64Array(64);
  private polls = new Uint32Array(64);

  private slot(event: AbstractEvent): number {
    if (event.runMark === this.run) return event.runSlot;
    if (event.runMark === 0) {
      const slot = this.newSlot();
      event.runMark = this.run;
      event.runSlot = slot;
      return slot;
    }
    let slot = this.foreign.get(event);
    if (slot === undefined) {
      slot = this.newSlot();
      this.foreign.set(event, slot);
    }
    return slot;
  }

  private newSlot(): number {
    const slot = this.count++;
    if (slot === this.flags.length) this.grow();
    return slot;
  }

  private grow(): void {
    const size = this.flags.length * 2;
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.flags = flags;
    const completed = new Float64Array(size);
    completed.set(this.completed);
    this.completed = completed;
    const polls = new Uint32Array(size);
    polls.set(this.polls);
    this.polls = polls;
  }

  /** Marks the event queued; false when it already was (an event is queued at most once per run). */
  markQueued(event: AbstractEvent): boolean {
    const slot = this.slot(event);
    const flags = this.flags[slot] as number;
    if ((flags & QUEUED) !== 0) return false;
    this.flags[slot] = flags | QUEUED;
    return true;
  }

  markCompleted(event: AbstractEvent, time: number): void {
    const slot = this.slot(event);
    this.flags[slot] = (this.flags[slot] as number) | COMPLETED;
    this.completed[slot] = time;
  }

  /** When the event completed in this run, or undefined. */
  completedAt(event: AbstractEvent): number | undefined {
    const slot = this.slot(event);
    return ((this.flags[slot] as number) & COMPLETED) !== 0 ? (this.completed[slot] as number) : undefined;
  }

  /** Counts one more poll of a condition and returns the count. */
  countPoll(event: AbstractEvent): number {
    const slot = this.slot(event);
    const count = (this.polls[slot] as number) + 1;
    this.polls[slot] = count;
    return count;
  }
}
