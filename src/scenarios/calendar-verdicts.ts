import { StatefulCalendarApp } from "../apps/calendar/app.js";
import type { CalendarEvent } from "../apps/calendar/model.js";
import type { Environment } from "../core/environment.js";

/** A calendar event as it stands at the end of the run; undefined once deleted (or without a calendar). */
export function calendarEvent(env: Environment, eventId: string): CalendarEvent | undefined {
  const calendar = env.getAppByClass(StatefulCalendarApp);
  if (!calendar) return undefined;
  try {
    return calendar.getEvent(eventId);
  } catch {
    return undefined;
  }
}
