import type { AbstractEvent } from "./events.js";

export interface QueuedEvent {
  time: number;
  event: AbstractEvent;
  /** The id the event runs under (condition checks get a `-CHECK_n` suffix). */
  id: string;
  seq: number;
}

/**
 * A binary heap of scheduled events ordered by (time, id, insertion): events due together run in a stable order.
 * The heap is four parallel arrays (time, id, insertion number, event), so queueing an event allocates nothing
 * and the comparisons read numbers and strings without chasing an object per entry.
 */
export class EventQueue {
  private times: number[] = [];
  private ids: string[] = [];
  private seqs: number[] = [];
  private events: AbstractEvent[] = [];
  private seq = 0;
  private lastSeq = 0;
  /** Time and id of the entry `popEvent` removed last. */
  poppedTime = 0;
  poppedId = "";

  get size(): number {
    return this.times.length;
  }

  push(time: number, event: AbstractEvent, id: string): void {
    this.seq += 1;
    const seq = this.seq;
    const { times, ids, seqs, events } = this;
    let i = times.length;
    // Grow every array by one slot, then sift the hole up.
    times.push(time);
    ids.push(id);
    seqs.push(seq);
    events.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      const pid = ids[parent] as string;
      // The new entry has the largest insertion number: it goes up only when strictly earlier by (time, id).
      if (!(time < pt || (time === pt && id < pid))) break;
      times[i] = pt;
      ids[i] = pid;
      seqs[i] = seqs[parent] as number;
      events[i] = events[parent] as AbstractEvent;
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
    seqs[i] = seq;
    events[i] = event;
  }

  /** Does any queued entry satisfy the predicate (in no particular order)? */
  some(predicate: (entry: QueuedEvent) => boolean): boolean {
    for (let i = 0; i < this.times.length; i++) if (predicate(this.entry(i))) return true;
    return false;
  }

  /** Does any queued event satisfy the predicate (in no particular order)? Allocates nothing. */
  someEvent(predicate: (event: AbstractEvent) => boolean): boolean {
    const events = this.events;
    for (let i = 0; i < events.length; i++) if (predicate(events[i] as AbstractEvent)) return true;
    return false;
  }

  /** Time of the first entry, or undefined when the queue is empty. */
  nextTime(): number | undefined {
    return this.times[0];
  }

  peek(): QueuedEvent | undefined {
    return this.times.length > 0 ? this.entry(0) : undefined;
  }

  pop(): QueuedEvent | undefined {
    if (this.times.length === 0) return undefined;
    const event = this.popEvent() as AbstractEvent;
    return { time: this.poppedTime, event, id: this.poppedId, seq: this.lastSeq };
  }

  /** Removes the first entry and returns its event; its time and id are left in `poppedTime` and `poppedId`. */
  popEvent(): AbstractEvent | undefined {
    const { times, ids, seqs, events } = this;
    const n = times.length - 1;
    if (n < 0) return undefined;
    const top = events[0] as AbstractEvent;
    this.poppedTime = times[0] as number;
    this.poppedId = ids[0] as string;
    this.lastSeq = seqs[0] as number;
    const lt = times.pop() as number;
    const lid = ids.pop() as string;
    const lseq = seqs.pop() as number;
    const lev = events.pop() as AbstractEvent;
    if (n === 0) return top;
    // Sift the former last entry down from the root: at each step the earliest of it and the two children wins,
    // a tie keeping it where it is (the comparisons of the object heap this replaced, in the same order).
    let i = 0;
    for (;;) {
      let m = i;
      let mt = lt;
      let mid = lid;
      let mseq = lseq;
      // The left child, then the right one, each against the earliest so far.
      for (let c = 2 * i + 1, end = Math.min(c + 2, n); c < end; c++) {
        const ct = times[c] as number;
        const cid = ids[c] as string;
        const cseq = seqs[c] as number;
        if (ct !== mt ? ct < mt : cid !== mid ? cid < mid : cseq < mseq) {
          m = c;
          mt = ct;
          mid = cid;
          mseq = cseq;
        }
      }
      if (m === i) break;
      times[i] = mt;
      ids[i] = mid;
      seqs[i] = mseq;
      events[i] = events[m] as AbstractEvent;
      i = m;
    }
    times[i] = lt;
    ids[i] = lid;
    seqs[i] = lseq;
    events[i] = lev;
    return top;
  }

  /** Sorted copy, for inspection. */
  list(): QueuedEvent[] {
    const out: QueuedEvent[] = [];
    for (let i = 0; i < this.times.length; i++) out.push(this.entry(i));
    return out.sort((a, b) =>
      a.time !== b.time ? a.time - b.time : a.id !== b.id ? (a.id < b.id ? -1 : 1) : a.seq - b.seq,
    );
  }

  clear(): void {
    this.times = [];
    this.ids = [];
    this.seqs = [];
    this.events = [];
  }

  private entry(i: number): QueuedEvent {
    return {
      time: this.times[i] as number,
      event: this.events[i] as AbstractEvent,
      id: this.ids[i] as string,
      seq: this.seqs[i] as number,
    };
  }
}
