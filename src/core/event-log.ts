import type { EventType } from "./event-types.js";
import type { CompletedEvent } from "./events.js";

export interface EventFilter {
  type?: EventType | readonly EventType[];
  app?: string;
  className?: string;
  function?: string | readonly string[];
  /** Leave out failed calls (an exception, or an injected failure). */
  succeededOnly?: boolean;
  /** Leave out calls nested inside another logged call. */
  topLevelOnly?: boolean;
  where?: (event: CompletedEvent) => boolean;
}

const asList = <T>(x: T | readonly T[] | undefined): readonly T[] | undefined =>
  x === undefined ? undefined : Array.isArray(x) ? (x as readonly T[]) : [x as T];

/** Append-only record of completed events, in time order with insertion order breaking ties. */
export class EventLog {
  private events: CompletedEvent[] = [];
  private sorted = true;
  /**
   * Events by id, so that `byId` (placeholder arguments resolve through it) is not a scan of the whole log.
   * An id logged more than once maps to null and falls back to the scan, which decides which one wins.
   * Built lazily: `put` only appends, and the first `byId` after it indexes what was appended since.
   */
  private readonly ids = new Map<string, CompletedEvent | null>();
  /** How many events of `events`, in put order, are in `ids`. */
  private indexed = 0;

  get length(): number {
    return this.events.length;
  }

  put(event: CompletedEvent): void {
    const events = this.events;
    const last = events[events.length - 1];
    if (last && last.eventTime > event.eventTime) this.sorted = false;
    events.push(event);
  }

  /** Indexes the events put since the last look-up (before any reordering, so put order is kept). */
  private index(): void {
    const events = this.events;
    const ids = this.ids;
    for (let i = this.indexed; i < events.length; i++) {
      const event = events[i] as CompletedEvent;
      const size = ids.size;
      ids.set(event.eventId, event);
      // The size did not grow: the id was there already, so it is ambiguous.
      if (ids.size === size) ids.set(event.eventId, null);
    }
    this.indexed = events.length;
  }

  /** All completed events sorted by time (stable). */
  listView(): readonly CompletedEvent[] {
    if (!this.sorted) {
      this.index();
      this.events = this.events
        .map((e, i) => ({ e, i }))
        .sort((a, b) => a.e.eventTime - b.e.eventTime || a.i - b.i)
        .map((x) => x.e);
      this.sorted = true;
    }
    return this.events;
  }

  find(filter: EventFilter): CompletedEvent[] {
    const types = asList(filter.type);
    const fns = asList(filter.function);
    return this.listView().filter((e) => {
      if (types && !types.includes(e.eventType)) return false;
      if (filter.app !== undefined && e.action?.app !== filter.app) return false;
      if (filter.className !== undefined && e.action?.className !== filter.className) return false;
      if (fns && !(e.action && fns.includes(e.action.function))) return false;
      if (filter.succeededOnly && e.metadata.exception !== null) return false;
      if (filter.topLevelOnly && e.metadata.parentEventId !== null) return false;
      return filter.where ? filter.where(e) : true;
    });
  }

  byId(eventId: string): CompletedEvent | undefined {
    if (this.indexed < this.events.length) this.index();
    const indexed = this.ids.get(eventId);
    if (indexed !== null) return indexed;
    return this.events.find((e) => e.eventId === eventId);
  }

  clear(): void {
    this.events = [];
    this.sorted = true;
    this.ids.clear();
    this.indexed = 0;
  }
}
