import type { AbstractEvent } from "./events.js";

export interface QueuedEvent {
  time: number;
  event: AbstractEvent;
  /** The id the event runs under (condition checks get a `-CHECK_n` suffix). */
  id: string;
  seq: number;
}

function before(a: QueuedEvent, b: QueuedEvent): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.id !== b.id) return a.id < b.id;
  return a.seq < b.seq;
}

/** A binary heap of scheduled events ordered by (time, id, insertion): events due together run in a stable order. */
export class EventQueue {
  private heap: QueuedEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, event: AbstractEvent, id: string): void {
    this.seq += 1;
    const item = { time, event, id, seq: this.seq };
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent] as QueuedEvent)) break;
      heap[i] = heap[parent] as QueuedEvent;
      i = parent;
    }
    heap[i] = item;
  }

  /** Does any queued entry satisfy the predicate (in no particular order)? */
  some(predicate: (entry: QueuedEvent) => boolean): boolean {
    return this.heap.some(predicate);
  }

  peek(): QueuedEvent | undefined {
    return this.heap[0];
  }

  pop(): QueuedEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < n && before(heap[l] as QueuedEvent, m === i ? last : (heap[m] as QueuedEvent))) m = l;
        if (r < n && before(heap[r] as QueuedEvent, m === i ? last : (heap[m] as QueuedEvent))) m = r;
        if (m === i) break;
        heap[i] = heap[m] as QueuedEvent;
        i = m;
      }
      heap[i] = last;
    }
    return top;
  }

  /** Sorted copy, for inspection. */
  list(): QueuedEvent[] {
    return [...this.heap].sort((a, b) => (before(a, b) ? -1 : 1));
  }

  clear(): void {
    this.heap = [];
  }
}
