import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { addMonths, StatefulReminderApp } from "../../src/apps/reminder/index.js";
import { withAppConstruction } from "../../src/core/app.js";
import { parseDateTime, SimClock } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import { InvalidStateError, NotFoundError } from "../../src/core/errors.js";
import { withCaptureMode } from "../../src/core/event-context.js";
import type { Event } from "../../src/core/events.js";
import {
  toolErrorFrom as failure,
  currentScreen as screen,
  callUserTool as userCall,
} from "../support/phone.js";

const at = (s: string): number => parseDateTime(s) as number;
const T0 = at("2025-03-10 09:00:00");

function standalone(now = T0): StatefulReminderApp {
  return withAppConstruction({ clock: new SimClock(now), seed: 1 }, () => new StatefulReminderApp());
}

/** Seeding happens before registration, as scenarios do it, so it is not logged. */
function setup<T>(seed: (rem: StatefulReminderApp) => T = () => undefined as T) {
  const env = new Environment({ startTime: T0 });
  const rem = withAppConstruction({ clock: env.clock, seed: 5 }, () => new StatefulReminderApp());
  const seeded = seed(rem);
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), rem]);
  return { env, rem, seeded };
}

const texts = (env: Environment, who: "user" | "agent") =>
  env.notifications.takeFor(who, env.now()).map((m) => m.text);

describe("Reminder data operations", () => {
  it("adds reminders and lists them by due time", () => {
    const rem = standalone();
    const later = rem.add_reminder({ title: "Call mom", due_datetime: "2025-03-12 18:00:00" });
    const sooner = rem.add_reminder({
      title: "Pay rent",
      due_datetime: "2025-03-11 08:00:00",
      description: "Transfer to landlord",
    });
    expect(rem.get_all_reminders()).toEqual([
      {
        reminder_id: sooner,
        title: "Pay rent",
        description: "Transfer to landlord",
        due_datetime: "2025-03-11 08:00:00",
        repetition_unit: null,
        repetition_value: 1,
      },
      {
        reminder_id: later,
        title: "Call mom",
        description: "",
        due_datetime: "2025-03-12 18:00:00",
        repetition_unit: null,
        repetition_value: 1,
      },
    ]);
  });

  it("rejects bad arguments naming the field, changing nothing", () => {
    const rem = standalone();
    rem.add_reminder({ title: "Keep", due_datetime: "2025-03-11 08:00:00" });
    const before = rem.getState();
    expect(failure(() => rem.add_reminder({ title: "X", due_datetime: "2025-03-32 08:00:00" })).field).toBe(
      "due_datetime",
    );
    expect(failure(() => rem.add_reminder({ title: "X", due_datetime: "next week" })).code).toBe(
      "invalid_arguments",
    );
    expect(failure(() => rem.add_reminder({ title: " ", due_datetime: "2025-03-11 08:00:00" })).field).toBe(
      "title",
    );
    expect(
      failure(() =>
        rem.add_reminder({
          title: "X",
          due_datetime: "2025-03-11 08:00:00",
          repetition_unit: "fortnight" as never,
        }),
      ).field,
    ).toBe("repetition_unit");
    expect(
      failure(() =>
        rem.add_reminder({
          title: "X",
          due_datetime: "2025-03-11 08:00:00",
          repetition_unit: "day",
          repetition_value: 0,
        }),
      ).field,
    ).toBe("repetition_value");
    expect(rem.getState()).toEqual(before);
  });

  it("materialises repetitions up to twelve weeks ahead", () => {
    const rem = standalone();
    const id = rem.add_reminder({
      title: "Vitamins",
      due_datetime: "2025-03-10 10:00:00",
      repetition_unit: "day",
    });
    const all = rem.get_all_reminders();
    // 84 days ahead of 09:00 ends at 09:00, so the 84th daily occurrence (10:00) is past the horizon.
    expect(all).toHaveLength(84);
    expect(all[1]).toMatchObject({
      reminder_id: `${id}_rep_1`,
      title: "Vitamins",
      due_datetime: "2025-03-11 10:00:00",
      repetition_unit: "day",
    });
    expect(all.at(-1)?.reminder_id).toBe(`${id}_rep_83`);
    const biweekly = standalone();
    const b = biweekly.add_reminder({
      title: "Water plants",
      due_datetime: "2025-03-10 18:00:00",
      repetition_unit: "week",
      repetition_value: 2,
    });
    expect(biweekly.get_all_reminders().map((r) => [r.reminder_id, r.due_datetime])).toEqual([
      [b, "2025-03-10 18:00:00"],
      [`${b}_rep_1`, "2025-03-24 18:00:00"],
      [`${b}_rep_2`, "2025-04-07 18:00:00"],
      [`${b}_rep_3`, "2025-04-21 18:00:00"],
      [`${b}_rep_4`, "2025-05-05 18:00:00"],
      [`${b}_rep_5`, "2025-05-19 18:00:00"],
    ]);
  });

  it("caps repetitions and steps months by the calendar", () => {
    const rem = standalone();
    rem.add_reminder({ title: "Stretch", due_datetime: "2025-03-10 09:05:00", repetition_unit: "minute" });
    expect(rem.get_all_reminders()).toHaveLength(101);
    const monthly = standalone(at("2025-01-31 08:00:00"));
    monthly.add_reminder({ title: "Invoice", due_datetime: "2025-01-31 09:00:00", repetition_unit: "month" });
    expect(monthly.get_all_reminders().map((r) => r.due_datetime)).toEqual([
      "2025-01-31 09:00:00",
      "2025-02-28 09:00:00",
      "2025-03-31 09:00:00",
    ]);
    expect(addMonths(at("2024-01-31 00:00:00"), 1)).toBe(at("2024-02-29 00:00:00"));
    expect(addMonths(at("2024-11-15 12:00:00"), 3)).toBe(at("2025-02-15 12:00:00"));
  });

  it("deletes a reminder with its occurrences, or a single occurrence", () => {
    const rem = standalone();
    const daily = rem.add_reminder({
      title: "Walk",
      due_datetime: "2025-03-10 18:00:00",
      repetition_unit: "day",
      repetition_value: 30,
    });
    const other = rem.add_reminder({ title: "Other", due_datetime: "2025-03-15 10:00:00" });
    expect(rem.get_all_reminders()).toHaveLength(4);
    expect(rem.delete_reminder({ reminder_id: `${daily}_rep_1` })).toBe(`Reminder ${daily}_rep_1 deleted.`);
    expect(rem.get_all_reminders().map((r) => r.reminder_id)).toEqual([daily, other, `${daily}_rep_2`]);
    expect(rem.delete_reminder({ reminder_id: daily })).toBe(
      `Reminder ${daily} and its 1 occurrences deleted.`,
    );
    expect(rem.get_all_reminders().map((r) => r.reminder_id)).toEqual([other]);
    expect(() => rem.delete_reminder({ reminder_id: "nope" })).toThrow(NotFoundError);
    expect(rem.delete_all_reminders()).toBe("Deleted 1 reminders.");
    expect(rem.get_all_reminders()).toEqual([]);
  });

  it("lists due reminders on the scenario clock", () => {
    const rem = standalone();
    rem.add_reminder({ title: "Past", due_datetime: "2025-03-10 08:00:00" });
    rem.add_reminder({ title: "Now", due_datetime: "2025-03-10 09:00:00" });
    rem.add_reminder({ title: "Later", due_datetime: "2025-03-10 10:00:00" });
    expect(rem.get_due_reminders().map((r) => r.title)).toEqual(["Past", "Now"]);
    rem.clock.set(at("2025-03-10 10:00:00"));
    expect(rem.get_due_reminders().map((r) => r.title)).toEqual(["Past", "Now", "Later"]);
  });

  it("updates only the given fields and re-creates occurrences", () => {
    const rem = standalone();
    const id = rem.add_reminder({
      title: "Gym",
      due_datetime: "2025-03-10 18:00:00",
      repetition_unit: "week",
      repetition_value: 4,
    });
    expect(rem.get_all_reminders()).toHaveLength(3);
    expect(rem.update_reminder({ reminder_id: id, title: "Gym class" })).toBe(id);
    expect(rem.get_all_reminders().map((r) => r.title)).toEqual(["Gym class", "Gym class", "Gym class"]);
    rem.update_reminder({ reminder_id: id, repetition_value: 1, due_datetime: "2025-03-11 07:00:00" });
    const weekly = rem.get_all_reminders();
    expect(weekly).toHaveLength(12);
    expect(weekly[0]).toMatchObject({ due_datetime: "2025-03-11 07:00:00", repetition_value: 1 });
    rem.update_reminder({ reminder_id: id, repetition_unit: null });
    expect(rem.get_all_reminders()).toEqual([
      {
        reminder_id: id,
        title: "Gym class",
        description: "",
        due_datetime: "2025-03-11 07:00:00",
        repetition_unit: null,
        repetition_value: 1,
      },
    ]);
  });

  it("updates one occurrence alone and refuses to change its repetition", () => {
    const rem = standalone();
    const id = rem.add_reminder({
      title: "Standup notes",
      due_datetime: "2025-03-10 10:00:00",
      repetition_unit: "week",
      repetition_value: 5,
    });
    rem.update_reminder({ reminder_id: `${id}_rep_1`, title: "Standup notes (holiday)" });
    expect(rem.get_all_reminders().map((r) => r.title)).toEqual([
      "Standup notes",
      "Standup notes (holiday)",
      "Standup notes",
    ]);
    expect(() => rem.update_reminder({ reminder_id: `${id}_rep_1`, repetition_unit: "day" })).toThrow(
      InvalidStateError,
    );
  });

  it("rejects bad updates, changing nothing", () => {
    const rem = standalone();
    const id = rem.add_reminder({ title: "Pay rent", due_datetime: "2025-03-11 08:00:00" });
    const before = rem.getState();
    expect(() => rem.update_reminder({ reminder_id: "nope", title: "x" })).toThrow(NotFoundError);
    expect(
      failure(() => rem.update_reminder({ reminder_id: id, due_datetime: "2025-03-11" + "T08:00" })).field,
    ).toBe("due_datetime");
    expect(failure(() => rem.update_reminder({ reminder_id: id, title: "" })).field).toBe("title");
    expect(rem.getState()).toEqual(before);
  });

  it("round-trips its state through a fresh app", () => {
    const rem = standalone();
    rem.add_reminder({ title: "A", due_datetime: "2025-03-11 08:00:00", repetition_unit: "week" });
    rem.create_reminder_with_time({
      title: "B",
      due_datetime: "2025-03-09 08:00:00",
      already_notified: true,
    });
    const state = rem.getState();
    const fresh = new StatefulReminderApp();
    fresh.loadState(state);
    expect(fresh.getState()).toEqual(state);
    expect(() => fresh.loadState({ reminders: [{ reminder_id: "x", title: "t" }] })).toThrow(/reminders\.0/);
  });

  it("marks tools truthfully", () => {
    const rem = standalone();
    expect(Object.fromEntries(rem.getAgentTools().map((t) => [t.methodName, t.operation]))).toEqual({
      add_reminder: "write",
      update_reminder: "write",
      delete_reminder: "write",
      delete_all_reminders: "write",
      get_due_reminders: "read",
      get_all_reminders: "read",
    });
    expect(rem.getTools("env").map((t) => t.methodName)).toEqual(["add_reminder"]);
    expect(rem.getTools("data").map((t) => t.methodName)).toEqual([
      "add_reminder",
      "update_reminder",
      "create_reminder_with_time",
    ]);
    expect(rem.name).toBe("Reminders");
  });
});

describe("Due reminder notifications", () => {
  it("announces each reminder once when it falls due, without logging a tool call", () => {
    const {
      env,
      rem,
      seeded: rent,
    } = setup((r) => {
      const id = r.add_reminder({
        title: "Pay rent",
        due_datetime: "2025-03-10 09:01:00",
        description: "Transfer to landlord",
      });
      r.add_reminder({ title: "Call mom", due_datetime: "2025-03-10 09:05:00" });
      r.add_reminder({ title: "Book flights", due_datetime: "2025-03-10 09:05:00", repetition_unit: "week" });
      return id;
    });
    env.start();
    env.advanceTo(T0 + 30);
    expect(texts(env, "user")).toEqual([]);
    env.advanceTo(T0 + 60);
    expect(texts(env, "user")).toEqual(["Reminders: Reminder due:\n- Pay rent (due 2025-03-10 09:01:00)"]);
    expect(texts(env, "agent")).toEqual([
      `Reminders: New due reminders:\nReminder ID: ${rent}\nTitle: Pay rent\nDescription: Transfer to landlord\nDue: 2025-03-10 09:01:00`,
    ]);
    env.advanceTo(T0 + 400);
    const [user] = texts(env, "user");
    expect(user).toMatch(/^Reminders: 2 reminders due:\n/);
    expect(user).toContain("- Book flights (due 2025-03-10 09:05:00)");
    expect(user).toContain("- Call mom (due 2025-03-10 09:05:00)");
    const [agent] = texts(env, "agent");
    expect(agent).toContain("Repeats: every week");
    env.advanceTo(T0 + 1000);
    expect(texts(env, "user")).toEqual([]);
    expect(texts(env, "agent")).toEqual([]);
    expect(env.eventLog.listView()).toEqual([]);
    expect(rem.getState().reminders.find((r) => r.reminder_id === rent)?.time_notified).toBe(T0 + 60);
  });

  it("announces overdue seeded reminders at the start, unless seeded as already notified", () => {
    const { env } = setup((rem) => {
      rem.add_reminder({ title: "Overdue", due_datetime: "2025-03-09 09:00:00" });
      rem.create_reminder_with_time({
        title: "Seen",
        due_datetime: "2025-03-09 10:00:00",
        already_notified: true,
      });
      rem.create_reminder_with_time({
        title: "Daily pill",
        due_datetime: "2025-03-08 08:00:00",
        repetition_unit: "day",
        already_notified: true,
      });
    });
    env.start();
    expect(texts(env, "user")).toEqual(["Reminders: Reminder due:\n- Overdue (due 2025-03-09 09:00:00)"]);
    env.advanceTo(at("2025-03-11 08:00:00"));
    expect(texts(env, "user")).toEqual(["Reminders: Reminder due:\n- Daily pill (due 2025-03-11 08:00:00)"]);
  });

  it("announces a moved reminder again, but not occurrences that keep their time", () => {
    const { env, rem } = setup();
    const id = rem.add_reminder({
      title: "Meds",
      due_datetime: "2025-03-10 09:00:30",
      repetition_unit: "minute",
    });
    env.start();
    env.advanceTo(T0 + 100);
    const first = texts(env, "user");
    expect(first).toHaveLength(2);
    expect(first[0]).toBe("New reminder: Meds (due 2025-03-10 09:00:30)");
    rem.update_reminder({ reminder_id: id, title: "Take meds" });
    env.advanceTo(T0 + 101);
    expect(texts(env, "user")).toEqual([]);
    rem.update_reminder({ reminder_id: id, due_datetime: "2025-03-10 09:02:00", repetition_unit: null });
    env.advanceTo(T0 + 130);
    expect(texts(env, "user")).toEqual(["Reminders: Reminder due:\n- Take meds (due 2025-03-10 09:02:00)"]);
  });

  it("announces a reminder added by a scheduled environment event", () => {
    const { env, rem } = setup();
    const add = (
      withCaptureMode(() =>
        rem.add_reminder({ title: "Pick up parcel", due_datetime: "2025-03-10 10:00:00" }),
      ) as unknown as Event
    ).delayed(60);
    env.schedule([add]);
    env.start();
    env.advanceTo(T0 + 60);
    expect(env.eventLog.listView().map((e) => [e.eventType, e.action?.function])).toEqual([
      ["ENV", "add_reminder"],
    ]);
    expect(texts(env, "user")).toEqual(["New reminder: Pick up parcel (due 2025-03-10 10:00:00)"]);
    env.advanceTo(at("2025-03-10 10:00:00"));
    expect(texts(env, "user")).toEqual([
      "Reminders: Reminder due:\n- Pick up parcel (due 2025-03-10 10:00:00)",
    ]);
  });

  it("logs the assistant's update_reminder as an AGENT write", () => {
    const { env, seeded: id } = setup((rem) =>
      rem.add_reminder({ title: "x", due_datetime: "2025-03-11 10:00:00" }),
    );
    env.start();
    env
      .getAgentTools()
      .find((t) => t.name === "Reminders__update_reminder")
      ?.call({ reminder_id: id, title: "y" });
    const [event] = env.eventLog.listView();
    expect([event?.eventType, event?.action?.function, event?.action?.operation]).toEqual([
      "AGENT",
      "update_reminder",
      "write",
    ]);
  });
});

describe("Reminder screens", () => {
  function opened() {
    const { env, rem, seeded } = setup((r) => ({
      rent: r.add_reminder({ title: "Pay rent", due_datetime: "2025-03-10 08:00:00" }),
      call: r.add_reminder({ title: "Call mom", due_datetime: "2025-03-12 18:00:00" }),
    }));
    const { rent, call } = seeded;
    env.start();
    env.notifications.clear();
    userCall(env, "System__open_app", { app_name: "Reminders" });
    return { env, rem, rent, call };
  }

  it("lists all, due and upcoming reminders", () => {
    const { env } = opened();
    expect(screen(env)).toBe("ReminderList");
    const titles = (name: string) => (userCall(env, name) as { title: string }[]).map((r) => r.title);
    expect(titles("Reminders__list_all_reminders")).toEqual(["Pay rent", "Call mom"]);
    expect(titles("Reminders__list_due_reminders")).toEqual(["Pay rent"]);
    expect(titles("Reminders__list_upcoming_reminders")).toEqual(["Call mom"]);
    const nested = env.eventLog.listView().filter((e) => e.action?.function === "get_all_reminders");
    expect(nested.map((e) => [e.eventType, e.metadata.parentEventId !== null])).toEqual([
      ["USER", true],
      ["USER", true],
    ]);
  });

  it("opens a reminder; an unknown id leaves the user on the list", () => {
    const { env, rem, call } = opened();
    expect(() => userCall(env, "Reminders__open_reminder", { reminder_id: "nope" })).toThrow(NotFoundError);
    expect(screen(env)).toBe("ReminderList");
    expect(rem.navigationStack).toHaveLength(0);
    expect(userCall(env, "Reminders__open_reminder", { reminder_id: call })).toMatchObject({
      title: "Call mom",
    });
    expect(screen(env)).toBe("ReminderDetail");
    expect(userCall(env, "Reminders__refresh")).toMatchObject({ due_datetime: "2025-03-12 18:00:00" });
    expect(userCall(env, "Reminders__go_back")).toBe("Navigated back to the screen ReminderList.");
  });

  it("edits a reminder and saves it back to its detail screen", () => {
    const { env, rem, call } = opened();
    userCall(env, "Reminders__open_reminder", { reminder_id: call });
    expect(userCall(env, "Reminders__edit")).toMatchObject({ reminder_id: call, title: "Call mom" });
    expect(screen(env)).toBe("EditReminder");
    userCall(env, "Reminders__set_title", { title: "Call mom about Sunday" });
    userCall(env, "Reminders__set_description", { description: "Lunch plans" });
    const bad = failure(() => userCall(env, "Reminders__set_due_datetime", { due_datetime: "Friday" }));
    expect(bad.field).toBe("due_datetime");
    expect(
      userCall(env, "Reminders__set_due_datetime", { due_datetime: "2025-03-13 18:00:00" }),
    ).toMatchObject({
      due_datetime: "2025-03-13 18:00:00",
    });
    expect(userCall(env, "Reminders__set_repetition", { unit: "week", value: 2 })).toMatchObject({
      repetition_unit: "week",
      repetition_value: 2,
    });
    expect(userCall(env, "Reminders__save")).toBe(call);
    expect(screen(env)).toBe("ReminderDetail");
    expect(rem.navigationStack.map((s) => s.name)).toEqual(["ReminderList"]);
    expect(userCall(env, "Reminders__refresh")).toEqual({
      reminder_id: call,
      title: "Call mom about Sunday",
      description: "Lunch plans",
      due_datetime: "2025-03-13 18:00:00",
      repetition_unit: "week",
      repetition_value: 2,
    });
    const save = env.eventLog.listView().find((e) => e.action?.function === "save");
    const update = env.eventLog.listView().find((e) => e.action?.function === "update_reminder");
    expect([update?.eventType, update?.metadata.parentEventId, update?.action?.operation]).toEqual([
      "USER",
      save?.eventId,
      "write",
    ]);
  });

  it("cancels an edit without saving", () => {
    const { env, rem, call } = opened();
    userCall(env, "Reminders__open_reminder", { reminder_id: call });
    userCall(env, "Reminders__edit");
    userCall(env, "Reminders__set_title", { title: "Changed" });
    expect(userCall(env, "Reminders__cancel")).toBe("Reminder editing cancelled.");
    expect(screen(env)).toBe("ReminderDetail");
    expect(rem.getReminder(call).title).toBe("Call mom");
  });

  it("creates a reminder from a draft; the nested add is the user's", () => {
    const { env, rem } = opened();
    expect(userCall(env, "Reminders__create_new")).toMatchObject({ reminder_id: null, title: "" });
    expect(failure(() => userCall(env, "Reminders__save")).field).toBe("title");
    userCall(env, "Reminders__set_title", { title: "Renew passport" });
    expect(failure(() => userCall(env, "Reminders__save")).field).toBe("due_datetime");
    expect(screen(env)).toBe("EditReminder");
    userCall(env, "Reminders__set_due_datetime", { due_datetime: "2025-04-01 09:00:00" });
    userCall(env, "Reminders__set_repetition", { unit: "day" });
    userCall(env, "Reminders__set_repetition", { unit: null });
    const id = userCall(env, "Reminders__save") as string;
    expect(screen(env)).toBe("ReminderDetail");
    expect(rem.navigationStack.map((s) => s.name)).toEqual(["ReminderList"]);
    expect(rem.getReminder(id)).toMatchObject({ title: "Renew passport", repetition_unit: null });
    const add = env.eventLog.listView().filter((e) => e.action?.function === "add_reminder");
    expect(add.map((e) => [e.eventType, e.metadata.exception === null])).toEqual([["USER", true]]);
    expect(env.notifications.takeFor("agent", env.now()).map((m) => m.text)).toEqual([
      "System__open_app(app_name='Reminders')",
      "Reminders__create_new()",
      "Reminders__save()",
      "Reminders__set_title(title='Renew passport')",
      "Reminders__save()",
      "Reminders__set_due_datetime(due_datetime='2025-04-01 09:00:00')",
      "Reminders__set_repetition(unit='day', value=1)",
      "Reminders__set_repetition(unit=null, value=1)",
      "Reminders__save()",
    ]);
  });

  it("cancels a new reminder back to the list", () => {
    const { env, rem } = opened();
    userCall(env, "Reminders__create_new");
    userCall(env, "Reminders__cancel");
    expect(screen(env)).toBe("ReminderList");
    expect(rem.get_all_reminders()).toHaveLength(2);
  });

  it("deletes from the detail screen back to the list", () => {
    const { env, rem, rent } = opened();
    userCall(env, "Reminders__open_reminder", { reminder_id: rent });
    expect(userCall(env, "Reminders__delete")).toBe(`Reminder ${rent} deleted.`);
    expect(screen(env)).toBe("ReminderList");
    expect(rem.navigationStack).toHaveLength(0);
    expect(rem.get_all_reminders().map((r) => r.title)).toEqual(["Call mom"]);
  });

  it("keeps the repetition of an occurrence fixed on its edit screen", () => {
    const { env, rem } = opened();
    const id = rem.add_reminder({
      title: "Yoga",
      due_datetime: "2025-03-11 07:00:00",
      repetition_unit: "week",
    });
    userCall(env, "Reminders__open_reminder", { reminder_id: `${id}_rep_1` });
    userCall(env, "Reminders__edit");
    expect(() => userCall(env, "Reminders__set_repetition", { unit: "day" })).toThrow(InvalidStateError);
    userCall(env, "Reminders__set_title", { title: "Yoga (outdoor)" });
    userCall(env, "Reminders__save");
    expect(rem.getReminder(`${id}_rep_1`).title).toBe("Yoga (outdoor)");
    expect(rem.getReminder(`${id}_rep_2`).title).toBe("Yoga");
  });
});
