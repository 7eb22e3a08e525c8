/**
 * What a scenario-task thread is doing, in memory it shares with the thread that bounds it: the step it is on
 * (a module it imports, a scenario it builds or checks) and how many it has begun. A step is announced by
 * writing it there, not by a message: hundreds of messages per listing cost more than the listing's own work,
 * and shared memory needs no event loop on either side. The bounding thread polls the count; one that has not
 * moved for the bound names the step that did not end.
 */
export type ScenarioTaskProgress = { type: "importing"; path: string } | { type: "scenario"; id: string };

/** Bytes for the step's path or id (a longer one is cut: it only names the step in a message). */
const TEXT_BYTES = 16 * 1024;
const SEQUENCE = 0;
const TYPE = 1;
const LENGTH = 2;
const HEADER_BYTES = 3 * Int32Array.BYTES_PER_ELEMENT;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class StepProgress {
  readonly buffer: SharedArrayBuffer;
  private readonly header: Int32Array;
  private readonly text: Uint8Array;

  /** A new record (bounding side), or one received with a task (working side). */
  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(HEADER_BYTES + TEXT_BYTES)) {
    this.buffer = buffer;
    this.header = new Int32Array(buffer, 0, 3);
    this.text = new Uint8Array(buffer, HEADER_BYTES);
  }

  /** Working side: the step begins (written before the count moves, so a reader that sees the count sees it). */
  begin(step: ScenarioTaskProgress): void {
    const { written } = encoder.encodeInto(step.type === "importing" ? step.path : step.id, this.text);
    Atomics.store(this.header, TYPE, step.type === "importing" ? 1 : 2);
    Atomics.store(this.header, LENGTH, written);
    Atomics.add(this.header, SEQUENCE, 1);
  }

  /** Steps begun so far. */
  sequence(): number {
    return Atomics.load(this.header, SEQUENCE);
  }

  /** The step begun last; null before the first. Exact while the working thread stays on it (a stuck one). */
  current(): ScenarioTaskProgress | null {
    const type = Atomics.load(this.header, TYPE);
    if (type === 0) return null;
    const value = decoder.decode(this.text.slice(0, Atomics.load(this.header, LENGTH)));
    return type === 1 ? { type: "importing", path: value } : { type: "scenario", id: value };
  }
}
