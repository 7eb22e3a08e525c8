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
   * Events by id, so that `byId` (placeholder arguments resolve through it at every scheduled event) is not a
   * scan of the whole log. An id logged more than once falls back to the scan, which decides which one wins.
   */
  private readonly ids = new Map<string, CompletedEvent | null>();

  get length(): number {
    return this.events.length;
  }

  put(event: CompletedEvent): void {
    const last = this.events[this.events.length - 1];
    if (last && last.eventTime > event.eventTime) this.sorted = false;
    this.events.push(event);
    this.ids.set(event.eventId, this.ids.has(event.eventId) ? null : event);
  }

  /** All completed events sorted by time (stable). */
  listView(): readonly CompletedEvent[] {
    if (!this.sorted) {
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
    const indexed = this.ids.get(eventId);
    if (indexed !== null) return indexed;
    return this.events.find((e) => e.eventId === eventId);
  }

  clear(): void {
    this.events = [];
    this.sorted = true;
    this.ids.clear();
  }
}
