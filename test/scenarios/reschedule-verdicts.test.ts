import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../src/apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../src/apps/reminder/app.js";
import { withAppConstruction } from "../../src/core/app.js";
import { parseDateTime, SimClock } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import {
  calendarWritesOutside,
  dueBetween,
  eventRunsAt,
  eventUnmoved,
  reminderAtEnd,
  reminderWritesOutside,
  upcomingRemindersAbout,
} from "../../src/scenarios/reschedule-verdicts.js";

const T0 = parseDateTime("2025-11-18 09:00:00") as number;

/**
 * A phone with a calendar (a weekly-looking standup on two Thursdays and a lunch) and reminders (a weekly
 * standup reminder and a one-off); the assistant then writes through agent tools.
 */
function phone(withApps = true) {
  // Built and seeded on the scenario clock (as a scenario's setup is), so the weekly reminder materialises
  // its occurrences and the seeding is not logged as the assistant's calls.
  const seeded = withAppConstruction({ clock: new SimClock(T0), seed: 1 }, () => {
    const calendar = new StatefulCalendarApp();
    const reminders = new StatefulReminderApp();
    const [a, b, lunch] = calendar.add_calendar_events({
      events: [
        { title: "Standup", start_datetime: "2025-11-20 09:30:00", end_datetime: "2025-11-20 09:45:00" },
        { title: "Standup", start_datetime: "2025-11-27 09:30:00", end_datetime: "2025-11-27 09:45:00" },
        { title: "Lunch", start_datetime: "2025-11-20 12:30:00", end_datetime: "2025-11-20 13:30:00" },
      ],
    }) as [string, string, string];
    const weekly = reminders.create_reminder_with_time({
      title: "Write standup update",
      due_datetime: "2025-11-20 09:00:00",
      repetition_unit: "week",
    });
    const oneOff = reminders.create_reminder_with_time({
      title: "Renew passport",
      due_datetime: "2025-11-21 18:00:00",
    });
    const past = reminders.create_reminder_with_time({
      title: "Standup notes (old)",
      due_datetime: "2025-11-17 09:00:00",
      already_notified: true,
    });
    return { calendar, reminders, ids: { a, b, lunch, weekly, oneOff, past } };
  });
  const env = new Environment({ startTime: T0 });
  env.registerApps(
    withApps
      ? [new HomeScreenSystemApp(), new PAREAgentUserInterface(), seeded.calendar, seeded.reminders]
      : [new HomeScreenSystemApp(), new PAREAgentUserInterface()],
  );
  env.start();
  return { env, ...seeded };
}

describe("eventRunsAt / eventUnmoved", () => {
  it("judge the event as it stands at the end, exactly at the start and within the end bounds", () => {
    const { env, calendar, ids } = phone();
    expect(eventUnmoved(env, ids.a, "2025-11-20 09:30:00", "2025-11-20 09:45:00")).toBe(true);
    calendar.edit_calendar_event({ event_id: ids.a, start_datetime: "2025-11-19 09:30:00" });
    // A new start alone keeps the length: 09:30-09:45 on Wednesday.
    expect(eventRunsAt(env, ids.a, "2025-11-19 09:30:00", "2025-11-19 09:45:00")).toBe(true);
    expect(eventRunsAt(env, ids.a, "2025-11-19 09:30:00", "2025-11-19 09:40:00", "2025-11-19 10:00:00")).toBe(
      true,
    );
    expect(eventRunsAt(env, ids.a, "2025-11-19 09:31:00", "2025-11-19 09:45:00")).toBe(false);
    expect(eventRunsAt(env, ids.a, "2025-11-19 09:30:00", "2025-11-19 09:50:00", "2025-11-19 10:00:00")).toBe(
      false,
    );
    expect(eventUnmoved(env, ids.a, "2025-11-20 09:30:00", "2025-11-20 09:45:00")).toBe(false);
  });

  it("are false for a deleted event, an unknown id, or without a calendar", () => {
    const { env, calendar, ids } = phone();
    calendar.delete_calendar_event({ event_id: ids.b });
    expect(eventUnmoved(env, ids.b, "2025-11-27 09:30:00", "2025-11-27 09:45:00")).toBe(false);
    expect(eventRunsAt(env, "no-such-event", "2025-11-27 09:30:00", "2025-11-27 09:45:00")).toBe(false);
    const bare = phone(false);
    expect(eventRunsAt(bare.env, ids.a, "2025-11-20 09:30:00", "2025-11-20 09:45:00")).toBe(false);
  });

  it("throws on a malformed bound (a scenario bug), rather than passing or failing silently", () => {
    const { env, ids } = phone();
    expect(() => eventRunsAt(env, ids.a, "20 Nov 09:30", "2025-11-20 09:45:00")).toThrow(/bad datetime/);
  });
});

describe("calendarWritesOutside", () => {
  it("is empty without assistant writes and ignores reads", () => {
    const { env, calendar } = phone();
    calendar.search_events({ query: "Standup" });
    expect(calendarWritesOutside(env.eventLog, [])).toEqual([]);
  });

  it("lists edits and deletes of other events, and adds unless allowed", () => {
    const { env, calendar, ids } = phone();
    calendar.edit_calendar_event({ event_id: ids.a, start_datetime: "2025-11-19 09:30:00" });
    calendar.delete_calendar_event({ event_id: ids.lunch });
    calendar.add_calendar_event({ title: "Extra", start_datetime: "2025-11-21 10:00:00" });
    const log = env.eventLog;
    expect(calendarWritesOutside(log, [ids.a]).map((e) => e.action?.function)).toEqual([
      "delete_calendar_event",
      "add_calendar_event",
    ]);
    expect(calendarWritesOutside(log, [ids.a, ids.lunch], { allowAdds: true })).toEqual([]);
  });

  it("does not count failed calls", () => {
    const { env, calendar } = phone();
    expect(() => calendar.delete_calendar_event({ event_id: "missing" })).toThrow();
    expect(calendarWritesOutside(env.eventLog, [])).toEqual([]);
  });
});

describe("reminder verdicts", () => {
  it("reminderAtEnd finds a reminder or an occurrence, undefined once deleted", () => {
    const { env, reminders, ids } = phone();
    expect(reminderAtEnd(env, ids.weekly)?.title).toBe("Write standup update");
    expect(reminderAtEnd(env, `${ids.weekly}_rep_1`)?.due_datetime).toBe(
      parseDateTime("2025-11-27 09:00:00"),
    );
    reminders.delete_reminder({ reminder_id: `${ids.weekly}_rep_1` });
    expect(reminderAtEnd(env, `${ids.weekly}_rep_1`)).toBeUndefined();
    expect(reminderAtEnd(env, "nope")).toBeUndefined();
    expect(reminderAtEnd(phone(false).env, ids.weekly)).toBeUndefined();
  });

  it("upcomingRemindersAbout matches titles case-insensitively, occurrences included, past ones left out", () => {
    const { env, ids } = phone();
    const standup = upcomingRemindersAbout(env, "STANDUP");
    expect(standup.length).toBeGreaterThan(1);
    expect(standup.every((r) => r.reminder_id.startsWith(ids.weekly))).toBe(true);
    expect(upcomingRemindersAbout(env, "passport", "nothing").map((r) => r.reminder_id)).toEqual([
      ids.oneOff,
    ]);
    expect(upcomingRemindersAbout(env)).toEqual([]);
    expect(upcomingRemindersAbout(phone(false).env, "standup")).toEqual([]);
  });

  it("dueBetween is inclusive and false for a missing reminder", () => {
    const { env, ids } = phone();
    const r = reminderAtEnd(env, ids.oneOff);
    expect(dueBetween(r, "2025-11-21 18:00:00", "2025-11-21 18:00:00")).toBe(true);
    expect(dueBetween(r, "2025-11-21 18:00:01", "2025-11-22 00:00:00")).toBe(false);
    expect(dueBetween(undefined, "2025-11-01 00:00:00", "2025-12-01 00:00:00")).toBe(false);
  });

  it("reminderWritesOutside lists writes to other reminders, adds unless allowed, and every delete-all", () => {
    const { env, reminders, ids } = phone();
    reminders.update_reminder({ reminder_id: `${ids.weekly}_rep_1`, due_datetime: "2025-11-28 09:00:00" });
    reminders.update_reminder({ reminder_id: ids.oneOff, title: "Renew passport now" });
    reminders.add_reminder({ title: "New", due_datetime: "2025-11-25 10:00:00" });
    const log = env.eventLog;
    expect(reminderWritesOutside(log, [`${ids.weekly}_rep_1`]).map((e) => e.action?.function)).toEqual([
      "update_reminder",
      "add_reminder",
    ]);
    expect(reminderWritesOutside(log, [`${ids.weekly}_rep_1`, ids.oneOff], { allowAdds: true })).toEqual([]);
    // The base id does not cover its occurrences: changing one week is not changing the series.
    expect(reminderWritesOutside(log, [ids.weekly, ids.oneOff], { allowAdds: true })).toHaveLength(1);
    reminders.delete_all_reminders();
    expect(reminderWritesOutside(env.eventLog, [ids.weekly, ids.oneOff], { allowAdds: true })).toHaveLength(
      2,
    );
  });
});
