import { StatefulReminderApp } from "../apps/reminder/app.js";
import type { Reminder } from "../apps/reminder/model.js";
import { parseDateTime } from "../core/clock.js";
import type { Environment } from "../core/environment.js";
import type { EventLog } from "../core/event-log.js";
import type { CompletedEvent } from "../core/events.js";
import { calendarEvent } from "./calendar-verdicts.js";
import { argText, assistantWrites } from "./scenario-verdict.js";

/**
 * Helpers for validators of reschedules: where calendar events and reminders stand at the end of the run,
 * and which of the assistant's calendar and reminder writes touched something they should not have.
 */

const at = (text: string): number => {
  const t = parseDateTime(text);
  if (t === null) throw new Error(`reschedule verdicts: bad datetime '${text}'`);
  return t;
};

/**
 * Does the calendar event (at the end of the run) start exactly at `start` and end within [endFrom, endTo]
 * (both 'YYYY-MM-DD HH:MM:SS'; `endTo` defaults to `endFrom`)? False once the event is deleted.
 */
export function eventRunsAt(
  env: Environment,
  eventId: string,
  start: string,
  endFrom: string,
  endTo: string = endFrom,
): boolean {
  const e = calendarEvent(env, eventId);
  return (
    e !== undefined &&
    e.start_datetime === at(start) &&
    e.end_datetime >= at(endFrom) &&
    e.end_datetime <= at(endTo)
  );
}

/** Is the calendar event still there, at the time it was seeded with ('YYYY-MM-DD HH:MM:SS')? */
export function eventUnmoved(env: Environment, eventId: string, start: string, end: string): boolean {
  return eventRunsAt(env, eventId, start, end);
}

/**
 * The assistant's successful writes to Calendar events other than these ids: edits and deletes of other
 * events, plus every added event unless `allowAdds`. The harmful extras of a reschedule.
 */
export function calendarWritesOutside(
  log: EventLog,
  eventIds: readonly string[],
  options: { allowAdds?: boolean } = {},
): CompletedEvent[] {
  return assistantWrites(log, { className: "StatefulCalendarApp" }).filter((e) =>
    e.action?.function === "add_calendar_event"
      ? !options.allowAdds
      : !eventIds.includes(argText(e, "event_id")),
  );
}

/**
 * The assistant's successful writes to reminders other than these ids (an occurrence `<id>_rep_<n>` counts
 * as its own id): updates and deletes of other reminders, `delete_all_reminders`, plus every added
 * reminder unless `allowAdds`.
 */
export function reminderWritesOutside(
  log: EventLog,
  reminderIds: readonly string[],
  options: { allowAdds?: boolean } = {},
): CompletedEvent[] {
  return assistantWrites(log, { className: "StatefulReminderApp" }).filter((e) => {
    const fn = e.action?.function;
    if (fn === "add_reminder") return !options.allowAdds;
    if (fn === "delete_all_reminders") return true;
    return !reminderIds.includes(argText(e, "reminder_id"));
  });
}

/** One reminder (or occurrence) at the end of the run; undefined once deleted or without the app. */
export function reminderAtEnd(env: Environment, reminderId: string): Reminder | undefined {
  const app = env.getAppByClass(StatefulReminderApp);
  if (!app) return undefined;
  try {
    return app.getReminder(reminderId);
  } catch {
    return undefined;
  }
}

/**
 * Reminders still due after the end of the run whose title mentions any of the words (case-insensitive),
 * occurrences included, soonest first: how a validator finds a reminder however the assistant made it.
 */
export function upcomingRemindersAbout(env: Environment, ...words: string[]): Reminder[] {
  const app = env.getAppByClass(StatefulReminderApp);
  if (!app) return [];
  const lower = words.map((w) => w.toLowerCase());
  return app
    .upcoming()
    .filter((r) => lower.some((w) => r.title.toLowerCase().includes(w)))
    .map((r) => app.getReminder(r.reminder_id));
}

/** Is the reminder due within [earliest, latest] ('YYYY-MM-DD HH:MM:SS')? */
export function dueBetween(reminder: Reminder | undefined, earliest: string, latest: string): boolean {
  return (
    reminder !== undefined && reminder.due_datetime >= at(earliest) && reminder.due_datetime <= at(latest)
  );
}
