import { z } from "zod";
import { formatDateTime, weekdayName } from "../../core/clock.js";
import { ToolError } from "../../core/errors.js";
import { Timestamp } from "../stateful-app.js";

export const SECONDS_PER_DAY = 86_400;
export const DEFAULT_EVENT_SECONDS = 3_600;

/** A calendar entry; times are POSIX seconds on the scenario clock (UTC). */
export const CalendarEvent = z.object({
  event_id: z.string().min(1),
  title: z.string(),
  start_datetime: Timestamp,
  end_datetime: Timestamp,
  tag: z.string().nullable(),
  description: z.string().nullable(),
  location: z.string().nullable(),
  attendees: z.array(z.string()),
});
export type CalendarEvent = z.infer<typeof CalendarEvent>;

export const CalendarState = z.object({ events: z.array(CalendarEvent) });
export type CalendarState = z.infer<typeof CalendarState>;

/** What tools return for an event: datetimes as `YYYY-MM-DD HH:MM:SS` strings plus the weekday. */
export interface CalendarEventView {
  event_id: string;
  title: string;
  start_datetime: string;
  end_datetime: string;
  start_strftime: string;
  end_strftime: string;
  tag: string | null;
  description: string | null;
  location: string | null;
  attendees: string[];
}

/** A page of events in a time window. `range` is [first index, index after the last shown]. */
export interface CalendarEventsPage {
  events: CalendarEventView[];
  range: [number, number];
  total: number;
}

const withWeekday = (t: number): string => `${weekdayName(t)}, ${formatDateTime(t)}`;

export function eventView(event: CalendarEvent): CalendarEventView {
  return {
    event_id: event.event_id,
    title: event.title,
    start_datetime: formatDateTime(event.start_datetime),
    end_datetime: formatDateTime(event.end_datetime),
    start_strftime: withWeekday(event.start_datetime),
    end_strftime: withWeekday(event.end_datetime),
    tag: event.tag,
    description: event.description,
    location: event.location,
    attendees: [...event.attendees],
  };
}

/** Display order everywhere: by start, then end, then title; the id keeps it total. */
export function compareEvents(a: CalendarEvent, b: CalendarEvent): number {
  return (
    a.start_datetime - b.start_datetime ||
    a.end_datetime - b.end_datetime ||
    a.title.localeCompare(b.title) ||
    (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0)
  );
}

/**
 * Whether an event overlaps the window [start, end). Touching edges do not overlap (a meeting ending
 * at midnight is not on the next day); a zero-length event counts when its instant is inside.
 */
export function overlaps(event: CalendarEvent, start: number, end: number): boolean {
  if (event.start_datetime === event.end_datetime)
    return event.start_datetime >= start && event.start_datetime < end;
  return event.start_datetime < end && event.end_datetime > start;
}

export function dayStart(t: number): number {
  return Math.floor(t / SECONDS_PER_DAY) * SECONDS_PER_DAY;
}

export { DateTimeArg, parseDateTimeArg } from "../datetime-args.js";

export function checkOrder(start: number, end: number): void {
  if (end < start)
    throw new ToolError(
      "invalid_arguments",
      `end_datetime (${formatDateTime(end)}) is before start_datetime (${formatDateTime(start)})`,
      "end_datetime",
    );
}

/** Trimmed, non-empty, first occurrence kept. */
export function cleanAttendees(attendees: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of attendees) {
    const name = raw.trim();
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Optional text fields: blank means absent. */
export function optionalText(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** The event being composed or edited on the EditEvent screen (datetimes as argument strings). */
export const EventDraft = z.object({
  event_id: z.string().nullable(),
  title: z.string(),
  start_datetime: z.string().nullable(),
  end_datetime: z.string().nullable(),
  tag: z.string().nullable(),
  description: z.string().nullable(),
  location: z.string().nullable(),
  attendees: z.array(z.string()),
});
export type EventDraft = z.infer<typeof EventDraft>;

export function emptyDraft(): EventDraft {
  return {
    event_id: null,
    title: "Event",
    start_datetime: null,
    end_datetime: null,
    tag: null,
    description: null,
    location: null,
    attendees: [],
  };
}

export function draftFrom(view: CalendarEventView): EventDraft {
  return {
    event_id: view.event_id,
    title: view.title,
    start_datetime: view.start_datetime,
    end_datetime: view.end_datetime,
    tag: view.tag,
    description: view.description,
    location: view.location,
    attendees: [...view.attendees],
  };
}
