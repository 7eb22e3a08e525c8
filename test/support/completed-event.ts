import { EventType } from "../../src/core/event-types.js";
import type { ActionRecord, CompletedEvent } from "../../src/core/events.js";

/** A completed event as the event log holds it: no exception, no turn, not injected, not oracle. */
export function completedEvent(init: {
  eventId: string;
  eventType?: EventType;
  eventTime?: number;
  action?: ActionRecord | null;
  returnValue?: unknown;
}): CompletedEvent {
  return {
    eventId: init.eventId,
    eventType: init.eventType ?? EventType.ENV,
    eventTime: init.eventTime ?? 1,
    action: init.action ?? null,
    metadata: {
      returnValue: init.returnValue ?? null,
      exception: null,
      exceptionType: null,
      proactiveMode: null,
      turn: null,
      parentEventId: null,
      injectedFailure: false,
      oracle: false,
    },
    dependencies: [],
  };
}
