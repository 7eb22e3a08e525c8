import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../src/apps/calendar/index.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { withAppConstruction } from "../../src/core/app.js";
import { parseDateTime, SimClock } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import { NotFoundError } from "../../src/core/errors.js";
import { withCaptureMode } from "../../src/core/event-context.js";
import type { Event } from "../../src/core/events.js";
import {
  toolErrorFrom as failure,
  currentScreen as screen,
  callUserTool as userCall,
} from "../support/phone.js";

const at = (s: string): number => parseDateTime(s) as number;
const T0 = at("2025-03-10 09:00:00"); // a Monday

function standalone(now = T0): StatefulCalendarApp {
  return withAppConstruction({ clock: new SimClock(now), seed: 1 }, () => new StatefulCalendarApp());
}

function setup() {
  const env = new Environment({ startTime: T0 });
  const cal = withAppConstruction({ clock: env.clock, seed: 3 }, () => new StatefulCalendarApp());
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), cal]);
  env.start();
  return { env, cal };
}

/** Seeds a small week of events around T0. */
function seed(cal: StatefulCalendarApp) {
  const standup = cal.add_calendar_event({
    title: "Standup",
    start_datetime: "2025-03-10 09:30:00",
    end_datetime: "2025-03-10 09:45:00",
    tag: "Work",
    attendees: ["Ana Lopez", "Raj Patel"],
  });
  const lunch = cal.add_calendar_event({
    title: "Lunch with Mia",
    start_datetime: "2025-03-10 12:00:00",
    end_datetime: "2025-03-10 13:00:00",
    tag: "Personal",
    location: "Café Rosa",
    attendees: ["Mia Chen"],
  });
  const dentist = cal.add_calendar_event({
    title: "Dentist",
    start_datetime: "2025-03-11 08:00:00",
    end_datetime: "2025-03-11 08:30:00",
    description: "Annual check-up",
    tag: "Health",
  });
  const review = cal.add_calendar_event({
    title: "Quarterly review",
    start_datetime: "2025-03-10 15:00:00",
    end_datetime: "2025-03-10 16:00:00",
    tag: "Work",
    attendees: ["Raj Patel"],
  });
  return { standup, lunch, dentist, review };
}

describe("Calendar data operations", () => {
  it("adds an event with defaults on the scenario clock and reads it back", () => {
    const cal = standalone();
    const id = cal.add_calendar_event({});
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(cal.get_calendar_event({ event_id: id })).toEqual({
      event_id: id,
      title: "Event",
      start_datetime: "2025-03-10 09:00:00",
      end_datetime: "2025-03-10 10:00:00",
      start_strftime: "Monday, 2025-03-10 09:00:00",
      end_strftime: "Monday, 2025-03-10 10:00:00",
      tag: null,
      description: null,
      location: null,
      attendees: [],
    });
  });

  it("derives a missing end (start + 1 h) or start (end - 1 h)", () => {
    const cal = standalone();
    const a = cal.get_calendar_event({
      event_id: cal.add_calendar_event({ start_datetime: "2025-03-12 14:00:00" }),
    });
    expect([a.start_datetime, a.end_datetime]).toEqual(["2025-03-12 14:00:00", "2025-03-12 15:00:00"]);
    const b = cal.get_calendar_event({
      event_id: cal.add_calendar_event({ end_datetime: "2025-03-12 14:00:00" }),
    });
    expect([b.start_datetime, b.end_datetime]).toEqual(["2025-03-12 13:00:00", "2025-03-12 14:00:00"]);
  });

  it("cleans text fields and attendees", () => {
    const cal = standalone();
    const id = cal.add_calendar_event({
      title: "  ",
      tag: " ",
      location: "  Room 4 ",
      attendees: [" Ana ", "Ana", "", "Bo"],
    });
    const e = cal.get_calendar_event({ event_id: id });
    expect([e.title, e.tag, e.location, e.attendees]).toEqual(["Event", null, "Room 4", ["Ana", "Bo"]]);
  });

  it("rejects an end before the start and invalid dates, naming the field, changing nothing", () => {
    const cal = standalone();
    const before = cal.getState();
    const order = failure(() =>
      cal.add_calendar_event({ start_datetime: "2025-03-10 10:00:00", end_datetime: "2025-03-10 09:00:00" }),
    );
    expect(order.code).toBe("invalid_arguments");
    expect(order.field).toBe("end_datetime");
    const bad = failure(() => cal.add_calendar_event({ start_datetime: "2025-02-30 10:00:00" }));
    expect(bad.code).toBe("invalid_arguments");
    expect(bad.field).toBe("start_datetime");
    expect(bad.message).toMatch(/YYYY-MM-DD HH:MM:SS/);
    expect(failure(() => cal.add_calendar_event({ end_datetime: "tomorrow" })).field).toBe("end_datetime");
    expect(failure(() => cal.add_calendar_event({ title: 5 } as never)).field).toBe("title");
    expect(cal.getState()).toEqual(before);
  });

  it("accepts a zero-length event", () => {
    const cal = standalone();
    const id = cal.add_calendar_event({
      start_datetime: "2025-03-10 18:00:00",
      end_datetime: "2025-03-10 18:00:00",
    });
    expect(cal.get_calendar_event({ event_id: id }).end_datetime).toBe("2025-03-10 18:00:00");
  });

  it("reports unknown ids as NotFoundError", () => {
    const cal = standalone();
    expect(() => cal.get_calendar_event({ event_id: "nope" })).toThrow(NotFoundError);
    expect(() => cal.delete_calendar_event({ event_id: "nope" })).toThrow(/does not exist/);
    expect(() => cal.edit_calendar_event({ event_id: "nope", title: "x" })).toThrow(NotFoundError);
    expect(() => cal.delete_calendar_event_by_attendee({ event_id: "nope", who_delete: "Ana" })).toThrow(
      NotFoundError,
    );
  });

  it("deletes an event", () => {
    const cal = standalone();
    const { standup, lunch } = seed(cal);
    expect(cal.delete_calendar_event({ event_id: standup })).toBe(`Event ${standup} successfully deleted.`);
    expect(() => cal.get_calendar_event({ event_id: standup })).toThrow(NotFoundError);
    expect(cal.get_calendar_event({ event_id: lunch }).title).toBe("Lunch with Mia");
  });

  it("pages the events overlapping a window, ordered by start", () => {
    const cal = standalone();
    seed(cal);
    const day = cal.get_calendar_events_from_to({
      start_datetime: "2025-03-10 00:00:00",
      end_datetime: "2025-03-11 00:00:00",
    });
    expect(day.events.map((e) => e.title)).toEqual(["Standup", "Lunch with Mia", "Quarterly review"]);
    expect(day.total).toBe(3);
    expect(day.range).toEqual([0, 3]);
    const page = cal.get_calendar_events_from_to({
      start_datetime: "2025-03-10 00:00:00",
      end_datetime: "2025-03-12 00:00:00",
      offset: 1,
      limit: 2,
    });
    expect(page.events.map((e) => e.title)).toEqual(["Lunch with Mia", "Quarterly review"]);
    expect([page.range, page.total]).toEqual([[1, 3], 4]);
    // Touching edges do not overlap; a partial overlap does.
    const edges = cal.get_calendar_events_from_to({
      start_datetime: "2025-03-10 09:45:00",
      end_datetime: "2025-03-10 12:00:00",
    });
    expect(edges.events).toEqual([]);
    const partial = cal.get_calendar_events_from_to({
      start_datetime: "2025-03-10 09:40:00",
      end_datetime: "2025-03-10 12:30:00",
    });
    expect(partial.events.map((e) => e.title)).toEqual(["Standup", "Lunch with Mia"]);
    const order = failure(() =>
      cal.get_calendar_events_from_to({
        start_datetime: "2025-03-11 00:00:00",
        end_datetime: "2025-03-10 00:00:00",
      }),
    );
    expect(order.field).toBe("end_datetime");
    expect(
      failure(() => cal.get_calendar_events_from_to({ start_datetime: "x", end_datetime: "y" })).field,
    ).toBe("start_datetime");
    expect(
      failure(() =>
        cal.get_calendar_events_from_to({
          start_datetime: "2025-03-10 00:00:00",
          end_datetime: "2025-03-11 00:00:00",
          limit: 0,
        }),
      ).field,
    ).toBe("limit");
  });

  it("reads today's events on the scenario clock, including one spanning midnight", () => {
    const cal = standalone();
    seed(cal);
    cal.add_calendar_event({
      title: "Night flight",
      start_datetime: "2025-03-09 23:00:00",
      end_datetime: "2025-03-10 02:00:00",
    });
    const today = cal.read_today_calendar_events();
    expect(today.events.map((e) => e.title)).toEqual([
      "Night flight",
      "Standup",
      "Lunch with Mia",
      "Quarterly review",
    ]);
    expect(today.total).toBe(4);
    cal.clock.set(at("2025-03-11 07:00:00"));
    expect(cal.read_today_calendar_events().events.map((e) => e.title)).toEqual(["Dentist"]);
  });

  it("lists tags and events by tag", () => {
    const cal = standalone();
    seed(cal);
    expect(cal.get_all_tags()).toEqual(["Health", "Personal", "Work"]);
    expect(cal.get_calendar_events_by_tag({ tag: "Work" }).map((e) => e.title)).toEqual([
      "Standup",
      "Quarterly review",
    ]);
    expect(cal.get_calendar_events_by_tag({ tag: "work" })).toEqual([]);
  });

  it("searches titles, descriptions, locations, tags and attendees case-insensitively", () => {
    const cal = standalone();
    seed(cal);
    const titles = (query: string) => cal.search_events({ query }).map((e) => e.title);
    expect(titles("lunch")).toEqual(["Lunch with Mia"]);
    expect(titles("check-up")).toEqual(["Dentist"]);
    expect(titles("rosa")).toEqual(["Lunch with Mia"]);
    expect(titles("raj")).toEqual(["Standup", "Quarterly review"]);
    expect(titles("health")).toEqual(["Dentist"]);
    expect(titles("zebra")).toEqual([]);
    expect(failure(() => cal.search_events({ query: "  " })).field).toBe("query");
  });

  it("edits only the given fields; null clears, empty keeps", () => {
    const cal = standalone();
    const { lunch } = seed(cal);
    const edited = cal.edit_calendar_event({
      event_id: lunch,
      title: "Lunch with Mia and Bo",
      start_datetime: "2025-03-10 12:30:00",
      end_datetime: "2025-03-10 13:30:00",
      location: null,
      tag: "",
      attendees: ["Mia Chen", "Bo Kim"],
    });
    expect(edited).toMatchObject({
      title: "Lunch with Mia and Bo",
      start_datetime: "2025-03-10 12:30:00",
      end_datetime: "2025-03-10 13:30:00",
      location: null,
      tag: "Personal",
      attendees: ["Mia Chen", "Bo Kim"],
    });
    expect(cal.get_calendar_event({ event_id: lunch })).toEqual(edited);
    const cleared = cal.edit_calendar_event({
      event_id: lunch,
      attendees: null,
      description: "Bring the book",
    });
    expect([cleared.attendees, cleared.description, cleared.title]).toEqual([
      [],
      "Bring the book",
      "Lunch with Mia and Bo",
    ]);
    expect(cal.edit_calendar_event({ event_id: lunch, attendees: [] }).attendees).toEqual([]);
  });

  it("refuses an edit that would put the end before the start, changing nothing", () => {
    const cal = standalone();
    const { lunch } = seed(cal);
    const before = cal.getState();
    expect(
      failure(() =>
        cal.edit_calendar_event({
          event_id: lunch,
          start_datetime: "2025-03-10 14:00:00",
          end_datetime: "2025-03-10 13:00:00",
        }),
      ).field,
    ).toBe("end_datetime");
    expect(
      failure(() => cal.edit_calendar_event({ event_id: lunch, end_datetime: "2025-03-10 25:00:00" })).field,
    ).toBe("end_datetime");
    expect(cal.getState()).toEqual(before);
  });

  it("moves an event by its start alone, keeping its length", () => {
    const cal = standalone();
    const { lunch } = seed(cal);
    const length = cal.get_calendar_event({ event_id: lunch });
    const moved = cal.edit_calendar_event({ event_id: lunch, start_datetime: "2025-03-12 12:30:00" });
    expect(moved.start_datetime).toBe("2025-03-12 12:30:00");
    expect(parseDateTime(moved.end_datetime)! - parseDateTime(moved.start_datetime)!).toBe(
      parseDateTime(length.end_datetime)! - parseDateTime(length.start_datetime)!,
    );
  });

  it("seeds several events at once, all or nothing", () => {
    const cal = standalone();
    const ids = cal.add_calendar_events({
      events: [
        { title: "Yoga", start_datetime: "2025-03-12 07:00:00" },
        { title: "Book club", start_datetime: "2025-03-13 19:00:00", location: "Library" },
      ],
    });
    expect(ids).toHaveLength(2);
    expect(cal.search_events({ query: "library" }).map((e) => e.event_id)).toEqual([ids[1]]);
    const before = cal.getState();
    const error = failure(() =>
      cal.add_calendar_events({
        events: [
          { title: "Fine", start_datetime: "2025-03-14 07:00:00" },
          { title: "Broken", start_datetime: "2025-03-14 09:00:00", end_datetime: "2025-03-14 08:00:00" },
        ],
      }),
    );
    expect(error.field).toBe("events.1.end_datetime");
    expect(cal.getState()).toEqual(before);
  });

  it("lets an attendee add and delete events (they join the attendees)", () => {
    const cal = standalone();
    const id = cal.add_calendar_event_by_attendee({
      who_add: "Mia Chen",
      title: "Movie night",
      start_datetime: "2025-03-14 20:00:00",
      attendees: ["Bo Kim"],
    });
    expect(cal.get_calendar_event({ event_id: id }).attendees).toEqual(["Bo Kim", "Mia Chen"]);
    expect(cal.delete_calendar_event_by_attendee({ event_id: id, who_delete: "Mia Chen" })).toMatchObject({
      event_id: id,
      deleted_by: "Mia Chen",
    });
    expect(() => cal.get_calendar_event({ event_id: id })).toThrow(NotFoundError);
  });

  it("stamps who added an attendee's event into its title and description", () => {
    const cal = standalone();
    const bare = cal.add_calendar_event_by_attendee({
      who_add: " Mia Chen ",
      title: "Movie night",
      start_datetime: "2025-03-14 20:00:00",
    });
    expect(cal.get_calendar_event({ event_id: bare })).toMatchObject({
      title: "Event created by Mia Chen: Movie night",
      description: "Event created by Mia Chen",
    });
    const described = cal.add_calendar_event_by_attendee({
      who_add: "Bo Kim",
      start_datetime: "2025-03-15 20:00:00",
      description: "Bring snacks",
    });
    expect(cal.get_calendar_event({ event_id: described })).toMatchObject({
      title: "Event created by Bo Kim: Event",
      description: "Event created by Bo Kim: Bring snacks",
    });
    // An owner's own entry carries no such stamp.
    const own = cal.add_calendar_event({ title: "Movie night", start_datetime: "2025-03-16 20:00:00" });
    expect(cal.get_calendar_event({ event_id: own })).toMatchObject({
      title: "Movie night",
      description: null,
    });
    // Searching by the stamp finds exactly the attendees' events.
    expect(
      cal
        .search_events({ query: "created by" })
        .map((e) => e.event_id)
        .sort(),
    ).toEqual([bare, described].sort());
  });

  it("round-trips its state through a fresh app", () => {
    const cal = standalone();
    seed(cal);
    const state = cal.getState();
    const fresh = new StatefulCalendarApp();
    fresh.loadState(state);
    expect(fresh.getState()).toEqual(state);
    expect(fresh.search_events({ query: "dentist" })).toEqual(cal.search_events({ query: "dentist" }));
    expect(() => fresh.loadState({ events: [{ event_id: "x" }] })).toThrow(/events\.0/);
  });

  it("marks tools truthfully and exposes the environment tools", () => {
    const cal = standalone();
    const ops = Object.fromEntries(cal.getAgentTools().map((t) => [t.methodName, t.operation]));
    expect(ops).toEqual({
      add_calendar_event: "write",
      get_calendar_event: "read",
      delete_calendar_event: "write",
      get_calendar_events_from_to: "read",
      read_today_calendar_events: "read",
      get_all_tags: "read",
      get_calendar_events_by_tag: "read",
      search_events: "read",
      edit_calendar_event: "write",
    });
    expect(cal.getTools("env").map((t) => t.methodName)).toEqual([
      "add_calendar_event_by_attendee",
      "delete_calendar_event_by_attendee",
    ]);
    expect(cal.getTools("data").map((t) => t.methodName)).toContain("add_calendar_event");
    expect(cal.name).toBe("Calendar");
    expect(new StatefulCalendarApp({ name: "Cal2" }).name).toBe("Cal2");
  });
});

describe("Calendar notifications", () => {
  it("announces events added and deleted by attendees, to the user briefly and to the agent in full", () => {
    const { env, cal } = setup();
    const add = (
      withCaptureMode(() =>
        cal.add_calendar_event_by_attendee({
          who_add: "Mia Chen",
          title: "Dinner",
          start_datetime: "2025-03-10 19:00:00",
          end_datetime: "2025-03-10 21:00:00",
          location: "Bistro 9",
        }),
      ) as unknown as Event
    )
      .withId("add")
      .delayed(60);
    const del = (
      withCaptureMode(() =>
        cal.delete_calendar_event_by_attendee({ event_id: "{{add}}", who_delete: "Mia Chen" }),
      ) as unknown as Event
    )
      .withId("del")
      .dependsOn(add, { delaySeconds: 60 });
    env.schedule([add, del]);
    env.advanceTo(T0 + 60);
    const id = env.eventLog.byId("add")?.metadata.returnValue as string;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const [user] = env.notifications.takeFor("user", env.now());
    expect(user?.text).toBe("Mia Chen added an event to your calendar: Dinner at 2025-03-10 19:00:00");
    const [agent] = env.notifications.takeFor("agent", env.now());
    expect(agent?.text).toBe(
      [
        "Calendar: Mia Chen added an event to the user's calendar",
        `Event ID: ${id}`,
        "Title: Dinner",
        "Start: 2025-03-10 19:00:00",
        "End: 2025-03-10 21:00:00",
        "Location: Bistro 9",
        "Attendees: Mia Chen",
      ].join("\n"),
    );
    env.advanceTo(T0 + 120);
    expect(env.notifications.takeFor("user", env.now()).map((m) => m.text)).toEqual([
      `Mia Chen deleted calendar event "Event created by Mia Chen: Dinner" (2025-03-10 19:00:00)`,
    ]);
    expect(env.notifications.takeFor("agent", env.now()).map((m) => m.text)).toEqual([
      `Calendar: Mia Chen deleted the event ${id} from the user's calendar\nTitle: Event created by Mia Chen: Dinner\nStart: 2025-03-10 19:00:00\nEnd: 2025-03-10 21:00:00`,
    ]);
    expect(cal.getState().events).toEqual([]);
  });
});

describe("Calendar screens", () => {
  it("opens on the agenda of the scenario clock's day and logs nested reads as the user's", () => {
    const { env, cal } = setup();
    seed(cal);
    userCall(env, "System__open_app", { app_name: "Calendar" });
    expect(screen(env)).toBe("AgendaView");
    const page = userCall(env, "Calendar__list_events") as { events: { title: string }[]; total: number };
    expect(page.events.map((e) => e.title)).toEqual(["Standup", "Lunch with Mia", "Quarterly review"]);
    const log = env.eventLog.listView().filter((e) => e.action?.app === "Calendar");
    const outer = log.find((e) => e.action?.function === "list_events");
    const nested = log.find((e) => e.action?.function === "get_calendar_events_from_to");
    expect(outer?.eventType).toBe("USER");
    expect(nested?.eventType).toBe("USER");
    expect(nested?.metadata.parentEventId).toBe(outer?.eventId);
    expect(nested?.action?.args).toMatchObject({
      start_datetime: "2025-03-10 00:00:00",
      end_datetime: "2025-03-11 00:00:00",
    });
  });

  it("follows the scenario clock when the app is opened again on another day", () => {
    const { env, cal } = setup();
    seed(cal);
    env.advanceTo(at("2025-03-11 07:30:00"));
    userCall(env, "System__open_app", { app_name: "Calendar" });
    const page = userCall(env, "Calendar__list_events") as { events: { title: string }[] };
    expect(page.events.map((e) => e.title)).toEqual(["Dentist"]);
  });

  it("filters by tag and attendee, pages the filtered list, and goes back", () => {
    const { env, cal } = setup();
    seed(cal);
    env.openApp("Calendar");
    expect(userCall(env, "Calendar__filter_by_tag", { tag: "Work" })).toMatchObject({ tag_filter: "Work" });
    const work = userCall(env, "Calendar__list_events", { limit: 1 }) as {
      events: { title: string }[];
      total: number;
      range: number[];
    };
    expect([work.events.map((e) => e.title), work.total, work.range]).toEqual([["Standup"], 2, [0, 1]]);
    userCall(env, "Calendar__filter_by_attendee", { attendee: "raj patel" });
    const both = userCall(env, "Calendar__list_events") as { events: { title: string }[] };
    expect(both.events.map((e) => e.title)).toEqual(["Standup", "Quarterly review"]);
    expect(userCall(env, "Calendar__go_back")).toBe("Navigated back to the screen AgendaView.");
    userCall(env, "Calendar__go_back");
    const all = userCall(env, "Calendar__list_events") as { total: number };
    expect(all.total).toBe(3);
    expect(env.getUserTools().some((t) => t.name === "Calendar__go_back")).toBe(false);
    expect(cal.go_back()).toBe("Already at the initial screen.");
  });

  it("moves to another day and rejects bad dates", () => {
    const { env, cal } = setup();
    seed(cal);
    env.openApp("Calendar");
    expect(userCall(env, "Calendar__set_day", { date: "2025-03-11" })).toEqual({
      start_datetime: "2025-03-11 00:00:00",
      end_datetime: "2025-03-12 00:00:00",
      tag_filter: null,
      attendee_filter: null,
    });
    const page = userCall(env, "Calendar__list_events") as { events: { title: string }[] };
    expect(page.events.map((e) => e.title)).toEqual(["Dentist"]);
    expect(() => userCall(env, "Calendar__set_day", { date: "2025-02-30" })).toThrow(/date/);
    expect(() => userCall(env, "Calendar__set_day", { date: "2025-03-11 10:00:00" })).toThrow(/YYYY-MM-DD/);
    expect(cal.navigationStack).toHaveLength(1);
  });

  it("searches within the agenda's window and filters", () => {
    const { env, cal } = setup();
    seed(cal);
    env.openApp("Calendar");
    const hits = userCall(env, "Calendar__search_events", { query: "e" }) as { title: string }[];
    expect(hits.map((e) => e.title)).toEqual(["Standup", "Lunch with Mia", "Quarterly review"]);
    userCall(env, "Calendar__filter_by_tag", { tag: "Personal" });
    expect(
      (userCall(env, "Calendar__search_events", { query: "e" }) as { title: string }[]).map((e) => e.title),
    ).toEqual(["Lunch with Mia"]);
  });

  it("opens events by id and by index; bad ones leave the user on the agenda", () => {
    const { env, cal } = setup();
    const { lunch, review } = seed(cal);
    env.openApp("Calendar");
    expect(() => userCall(env, "Calendar__open_event_by_id", { event_id: "nope" })).toThrow(NotFoundError);
    expect(screen(env)).toBe("AgendaView");
    expect(cal.navigationStack).toHaveLength(0);
    const err = failure(() => userCall(env, "Calendar__open_event_by_index", { index: 3 }));
    expect([err.field, screen(env)]).toEqual(["index", "AgendaView"]);
    expect(userCall(env, "Calendar__open_event_by_index", { index: 2 })).toMatchObject({ event_id: review });
    expect(screen(env)).toBe("EventDetail");
    userCall(env, "Calendar__go_back");
    expect(userCall(env, "Calendar__open_event_by_id", { event_id: lunch })).toMatchObject({
      title: "Lunch with Mia",
    });
    expect(userCall(env, "Calendar__list_attendees")).toEqual(["Mia Chen"]);
    expect(userCall(env, "Calendar__refresh")).toMatchObject({ location: "Café Rosa" });
  });

  it("creates an event from a draft; the nested add is the user's", () => {
    const { env, cal } = setup();
    env.openApp("Calendar");
    expect(userCall(env, "Calendar__start_create_event")).toMatchObject({ event_id: null, title: "Event" });
    expect(screen(env)).toBe("EditEvent");
    expect(userCall(env, "Calendar__set_title", { title: "Team dinner" })).toEqual({ title: "Team dinner" });
    expect(
      userCall(env, "Calendar__set_time_range", {
        start_datetime: "2025-03-10 19:00:00",
        end_datetime: "2025-03-10 21:00:00",
      }),
    ).toEqual({ start_datetime: "2025-03-10 19:00:00", end_datetime: "2025-03-10 21:00:00" });
    const badRange = failure(() =>
      userCall(env, "Calendar__set_time_range", {
        start_datetime: "2025-03-10 22:00:00",
        end_datetime: "2025-03-10 21:00:00",
      }),
    );
    expect(badRange.field).toBe("end_datetime");
    expect(userCall(env, "Calendar__set_tag", { tag: "Work" })).toEqual({ tag: "Work" });
    expect(userCall(env, "Calendar__set_description", { description: "Celebrate the launch" })).toEqual({
      description: "Celebrate the launch",
    });
    expect(userCall(env, "Calendar__set_location", { location: "Bistro 9" })).toEqual({
      location: "Bistro 9",
    });
    expect(userCall(env, "Calendar__set_attendees", { attendees: ["Ana", "Raj", "Ana"] })).toEqual({
      attendees: ["Ana", "Raj"],
    });
    expect(userCall(env, "Calendar__add_attendee", { attendee: "Mia" })).toEqual({
      attendees: ["Ana", "Raj", "Mia"],
    });
    expect(() => userCall(env, "Calendar__add_attendee", { attendee: "Mia" })).toThrow(/already/);
    expect(userCall(env, "Calendar__remove_attendee", { attendee: "Raj" })).toEqual({
      attendees: ["Ana", "Mia"],
    });
    expect(() => userCall(env, "Calendar__remove_attendee", { attendee: "Zed" })).toThrow(/not an attendee/);
    const id = userCall(env, "Calendar__save") as string;
    expect(screen(env)).toBe("AgendaView");
    expect(cal.get_calendar_event({ event_id: id })).toMatchObject({
      title: "Team dinner",
      start_datetime: "2025-03-10 19:00:00",
      end_datetime: "2025-03-10 21:00:00",
      tag: "Work",
      description: "Celebrate the launch",
      location: "Bistro 9",
      attendees: ["Ana", "Mia"],
    });
    const save = env.eventLog.listView().find((e) => e.action?.function === "save");
    const add = env.eventLog.listView().find((e) => e.action?.function === "add_calendar_event");
    expect([add?.eventType, add?.metadata.parentEventId]).toEqual(["USER", save?.eventId]);
    expect(save?.action?.operation).toBe("write");
  });

  it("discards a draft without saving", () => {
    const { env, cal } = setup();
    env.openApp("Calendar");
    userCall(env, "Calendar__start_create_event");
    userCall(env, "Calendar__set_title", { title: "Never" });
    expect(userCall(env, "Calendar__discard")).toBe("draft_discarded");
    expect(screen(env)).toBe("AgendaView");
    expect(cal.getState().events).toEqual([]);
  });

  it("edits an event from its detail screen and can clear fields", () => {
    const { env, cal } = setup();
    const { lunch } = seed(cal);
    env.openApp("Calendar");
    userCall(env, "Calendar__open_event_by_id", { event_id: lunch });
    const { draft } = userCall(env, "Calendar__edit_event") as { draft: Record<string, unknown> };
    expect(draft).toMatchObject({
      event_id: lunch,
      title: "Lunch with Mia",
      tag: "Personal",
      attendees: ["Mia Chen"],
    });
    expect(screen(env)).toBe("EditEvent");
    userCall(env, "Calendar__set_tag", { tag: null });
    userCall(env, "Calendar__set_location", { location: "" });
    userCall(env, "Calendar__remove_attendee", { attendee: "Mia Chen" });
    userCall(env, "Calendar__set_title", { title: "Lunch alone" });
    expect(userCall(env, "Calendar__save")).toBe(lunch);
    expect(screen(env)).toBe("EventDetail");
    expect(userCall(env, "Calendar__refresh")).toMatchObject({
      title: "Lunch alone",
      tag: null,
      location: null,
      attendees: [],
      start_datetime: "2025-03-10 12:00:00",
    });
    const edit = env.eventLog.listView().find((e) => e.action?.function === "edit_calendar_event");
    expect([edit?.eventType, edit?.action?.operation]).toEqual(["USER", "write"]);
  });

  it("deletes from the detail screen and goes back", () => {
    const { env, cal } = setup();
    const { lunch, review } = seed(cal);
    env.openApp("Calendar");
    userCall(env, "Calendar__open_event_by_id", { event_id: lunch });
    expect(userCall(env, "Calendar__delete")).toMatch(/deleted/);
    expect(screen(env)).toBe("AgendaView");
    expect(() => cal.get_calendar_event({ event_id: lunch })).toThrow(NotFoundError);
    userCall(env, "Calendar__open_event_by_id", { event_id: review });
    userCall(env, "Calendar__delete_by_attendee", { who_delete: "Raj Patel" });
    expect(screen(env)).toBe("AgendaView");
    expect(cal.getState().events.map((e) => e.title)).toEqual(["Standup", "Dentist"]);
  });

  it("offers today's events, tags and attendee-added events on the agenda", () => {
    const { env, cal } = setup();
    seed(cal);
    env.openApp("Calendar");
    expect((userCall(env, "Calendar__read_today_calendar_events") as { total: number }).total).toBe(3);
    expect(userCall(env, "Calendar__get_all_tags")).toEqual(["Health", "Personal", "Work"]);
    expect(
      (userCall(env, "Calendar__get_calendar_events_by_tag", { tag: "Health" }) as unknown[]).length,
    ).toBe(1);
    const id = userCall(env, "Calendar__add_calendar_event_by_attendee", {
      who_add: "Ana Lopez",
      title: "Coffee",
      start_datetime: "2025-03-10 16:30:00",
    }) as string;
    expect(cal.get_calendar_event({ event_id: id }).attendees).toEqual(["Ana Lopez"]);
    // A user's action is never announced back as an environment notification.
    expect(env.notifications.takeFor("user", env.now()).map((m) => m.type)).toEqual([]);
  });

  it("lists screen tools alphabetically", () => {
    const { env, cal } = setup();
    const { lunch } = seed(cal);
    env.openApp("Calendar");
    userCall(env, "Calendar__open_event_by_id", { event_id: lunch });
    const names = env
      .getUserTools()
      .filter((t) => t.app === cal)
      .map((t) => t.methodName);
    expect(names).toEqual([
      "delete",
      "delete_by_attendee",
      "edit_event",
      "list_attendees",
      "refresh",
      "go_back",
    ]);
  });
});
