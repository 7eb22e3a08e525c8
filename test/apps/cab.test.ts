import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import {
  DEFAULT_CANCEL_MESSAGE,
  type RideView,
  StatefulCabApp,
  USER_CANCEL_MESSAGE,
} from "../../src/apps/cab/index.js";
import { SCREEN_CLASSES } from "../../src/apps/catalog.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { withAppConstruction } from "../../src/core/app.js";
import { parseDateTime } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import { InvalidStateError, NotFoundError, ToolError } from "../../src/core/errors.js";
import { withCaptureMode } from "../../src/core/event-context.js";
import type { Event } from "../../src/core/events.js";
import {
  thrownBy as caught,
  expectUnchanged,
  currentScreen as screen,
  undescribedParams,
  callUserTool as user,
} from "../support/phone.js";

const START = parseDateTime("2025-11-18 10:00:00") as number;
const HOME = "123 Main St";
const OFFICE = "Downtown Office";
const BASE = { Default: 10, Premium: 20, Van: 15 } as const;

function setup(build: (cab: StatefulCabApp) => void = () => {}) {
  const env = new Environment({ startTime: START });
  const cab = withAppConstruction({ clock: env.clock, seed: 0 }, () => {
    const app = new StatefulCabApp();
    build(app);
    return app;
  });
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), cab]);
  env.start();
  return { env, cab };
}

const cabTools = (env: Environment) =>
  env
    .getUserTools()
    .filter((t) => t.name.startsWith("Cab__"))
    .map((t) => t.methodName);

function openCab(build?: (cab: StatefulCabApp) => void) {
  const ctx = setup(build);
  user(ctx.env, "System__open_app", { app_name: "Cab" });
  return ctx;
}

describe("quotations", () => {
  it("prices a route as the service's base price times the route factor", () => {
    const { cab } = setup();
    const quote = cab.get_quotation({ start_location: HOME, end_location: OFFICE, service_type: "Premium" });
    expect(quote.status).toBeNull();
    expect(quote.service_type).toBe("Premium");
    expect(quote.distance_km).toBeGreaterThanOrEqual(5);
    expect(quote.distance_km).toBeLessThan(20);
    expect(quote.price).toBeCloseTo((BASE.Premium * quote.distance_km) / 10, 2);
    expect(quote.delay).toBeGreaterThanOrEqual(3 + 1);
    expect(quote.delay).toBeLessThanOrEqual(3 + 5);
    expect(quote.duration).toBeGreaterThanOrEqual((quote.distance_km / 50) * 60);
    expect(quote.ride_time).toBe("2025-11-18 10:00:00");
    expect(cab.quotationHistory).toHaveLength(1);
  });

  it("quotes the same route and service at the same price every time", () => {
    const { cab } = setup();
    const args = { start_location: HOME, end_location: OFFICE, service_type: "Default" };
    const a = cab.get_quotation(args);
    const b = cab.get_quotation({ ...args, start_location: " 123 main st " });
    expect(b.price).toBe(a.price);
    expect(b.distance_km).toBe(a.distance_km);
    expect(b.ride_id).not.toBe(a.ride_id);
  });

  it("lists one quotation per service type, for the requested time", () => {
    const { cab } = setup();
    const rides = cab.list_rides({
      start_location: HOME,
      end_location: OFFICE,
      ride_time: "2025-11-18 18:30:00",
    });
    expect(rides.map((r) => r.service_type)).toEqual(["Default", "Premium", "Van"]);
    const distance = rides[0]?.distance_km as number;
    for (const r of rides) {
      expect(r.distance_km).toBe(distance);
      expect(r.price).toBeCloseTo((BASE[r.service_type as keyof typeof BASE] * distance) / 10, 2);
      expect(r.ride_time).toBe("2025-11-18 18:30:00");
    }
    expect(cab.quotationHistory).toHaveLength(3);
  });

  it("accepts service types in any case", () => {
    const { cab } = setup();
    expect(
      cab.get_quotation({ start_location: HOME, end_location: OFFICE, service_type: "van" }).service_type,
    ).toBe("Van");
  });

  it("is reproducible for a seed", () => {
    const quote = () => {
      const cab = new StatefulCabApp();
      cab.setSeed(7);
      return cab.list_rides({ start_location: HOME, end_location: OFFICE });
    };
    expect(quote()).toEqual(quote());
  });

  it("rejects bad service types, bad times and missing places without changing state", () => {
    const { cab } = setup();
    const args = { start_location: HOME, end_location: OFFICE, service_type: "Default" };
    expectUnchanged(
      cab,
      () => cab.get_quotation({ ...args, service_type: "Limo" }),
      /Invalid service type 'Limo'/,
    );
    expectUnchanged(cab, () => cab.get_quotation({ ...args, ride_time: "2025-13-01 10:00:00" }), ToolError);
    const error = caught(() =>
      cab.list_rides({ start_location: HOME, end_location: OFFICE, ride_time: "tomorrow" }),
    );
    expect((error as ToolError).field).toBe("ride_time");
    expectUnchanged(cab, () => cab.get_quotation({ ...args, start_location: "  " }), /start_location/);
    expectUnchanged(cab, () => cab.order_ride({ ...args, end_location: "" }), /end_location/);
  });

  it("refuses routes longer than the service allows", () => {
    const { cab } = setup((c) =>
      c.add_new_ride({
        service_type: "Default",
        start_location: "A",
        end_location: "Far",
        price: 80,
        distance_km: 40,
      }),
    );
    expectUnchanged(
      cab,
      () => cab.get_quotation({ start_location: "A", end_location: "Far", service_type: "Default" }),
      /exceeds/,
    );
  });
});

describe("rides", () => {
  it("orders a ride that becomes the on-going ride and enters the history", () => {
    const { cab } = setup();
    const ride = cab.order_ride({
      start_location: HOME,
      end_location: OFFICE,
      service_type: "Default",
      ride_time: "2025-11-18 10:15:00",
    });
    expect(ride.status).toBe("BOOKED");
    expect(ride.ride_time).toBe("2025-11-18 10:15:00");
    expect(cab.onGoingRideId).toBe(ride.ride_id);
    expect(cab.get_ride_history_length()).toBe(1);
    expect(cab.get_ride({ idx: 0 })).toEqual(ride);
    expectUnchanged(
      cab,
      () => cab.order_ride({ start_location: HOME, end_location: OFFICE, service_type: "Van" }),
      /already have an on-going ride/,
    );
  });

  it("counts the pickup delay down as time passes", () => {
    const { cab, env } = setup();
    const booked = cab.order_ride({ start_location: HOME, end_location: OFFICE, service_type: "Default" });
    expect(cab.get_current_ride_status().delay).toBe(booked.delay);
    env.advanceBy(120);
    const later = cab.get_current_ride_status();
    expect(later.delay).toBeLessThan(booked.delay as number);
    expect(later.delay).toBeGreaterThanOrEqual(0);
    env.advanceBy(3600);
    expect(cab.get_current_ride_status().delay).toBe(0);
  });

  it("lets the user cancel the on-going ride", () => {
    const { cab } = setup();
    cab.order_ride({ start_location: HOME, end_location: OFFICE, service_type: "Default" });
    expect(cab.user_cancel_ride()).toBe(USER_CANCEL_MESSAGE);
    expect(cab.onGoingRideId).toBeNull();
    expect(cab.get_ride({ idx: 0 }).status).toBe("CANCELLED");
    expectUnchanged(cab, () => cab.user_cancel_ride(), InvalidStateError);
    expectUnchanged(cab, () => cab.get_current_ride_status(), /No ride ordered/);
  });

  it("lets the driver side update, cancel and end rides", () => {
    const { cab } = setup();
    const args = { start_location: HOME, end_location: OFFICE, service_type: "Default" };
    cab.order_ride(args);
    expect(cab.update_ride_status({ status: "DELAYED", message: "Traffic on 5th" })).toBe(
      "Ride status updated to DELAYED. Message from your driver: Traffic on 5th",
    );
    expect(cab.get_current_ride_status().status).toBe("DELAYED");
    expect(cab.update_ride_status({ status: "ARRIVED_AT_PICKUP" })).toBe(
      "Ride status updated to ARRIVED_AT_PICKUP.",
    );
    expect(cab.get_current_ride_status().delay).toBe(0);
    expectUnchanged(cab, () => cab.update_ride_status({ status: "COMPLETED" as never }), /status/);
    expect(cab.end_ride()).toBe("Ride has been completed.");
    expect(cab.get_ride({ idx: 0 }).status).toBe("COMPLETED");
    cab.order_ride(args);
    expect(cab.cancel_ride()).toBe(DEFAULT_CANCEL_MESSAGE);
    cab.order_ride(args);
    expect(cab.cancel_ride({ who_cancel: "driver", message: "Car broke down" })).toBe("Car broke down");
    expect(cab.get_ride_history().rides.map((r) => r.status)).toEqual([
      "COMPLETED",
      "CANCELLED",
      "CANCELLED",
    ]);
    for (const fn of [
      () => cab.end_ride(),
      () => cab.cancel_ride(),
      () => cab.update_ride_status({ status: "DELAYED" }),
    ])
      expectUnchanged(cab, fn, /no on-going ride/);
    expectUnchanged(cab, () => cab.cancel_ride({ who_cancel: "passenger" as never }), /who_cancel/);
  });

  it("pages the ride history with positions", () => {
    const { cab } = setup((c) => {
      for (let i = 0; i < 3; i++)
        c.add_new_ride({
          service_type: "Default",
          start_location: `S${i}`,
          end_location: `E${i}`,
          price: 10 + i,
          ride_time: START - 86400 * (3 - i),
        });
    });
    const page = cab.get_ride_history({ offset: 1, limit: 5 });
    expect(page.range).toEqual([1, 3]);
    expect(page.total).toBe(3);
    expect(page.rides.map((r) => [r.index, r.start_location])).toEqual([
      [1, "S1"],
      [2, "S2"],
    ]);
    expect(() => cab.get_ride({ idx: 3 })).toThrow(NotFoundError);
    expect(() => cab.get_ride({ idx: -1 })).toThrow(/idx/);
    expect(() => cab.get_ride({ idx: 1.5 })).toThrow(/idx/);
  });
});

describe("seeding", () => {
  it("places seeded finished rides in time order", () => {
    const { cab } = setup((c) => {
      c.add_new_ride({
        service_type: "Premium",
        start_location: "Airport",
        end_location: HOME,
        price: 54.5,
        duration: 35,
        distance_km: 22,
        ride_time: "2025-11-10 19:00:00",
      });
      c.add_new_ride({
        service_type: "default",
        start_location: HOME,
        end_location: "Gym",
        price: 9,
        ride_time: "2025-11-01 07:30:00",
        status: "CANCELLED",
      });
    });
    expect(
      cab.get_ride_history().rides.map((r) => [r.end_location, r.status, r.ride_time, r.service_type]),
    ).toEqual([
      ["Gym", "CANCELLED", "2025-11-01 07:30:00", "Default"],
      [HOME, "COMPLETED", "2025-11-10 19:00:00", "Premium"],
    ]);
    // a seeded route's distance is reused by later quotations
    expect(
      cab.get_quotation({ start_location: "Airport", end_location: HOME, service_type: "Van" }),
    ).toMatchObject({
      distance_km: 22,
      price: 33,
    });
  });

  it("seeds an on-going ride with explicit or rule-based values", () => {
    const { cab } = setup((c) => {
      c.add_on_going_ride({
        service_type: "Van",
        start_location: HOME,
        end_location: "Airport",
        ride_time: "2025-11-18 09:50:00",
        status: "IN_PROGRESS",
        price: 42,
      });
    });
    const ride = cab.get_current_ride_status();
    expect(ride).toMatchObject({
      status: "IN_PROGRESS",
      price: 42,
      delay: 0,
      ride_time: "2025-11-18 09:50:00",
    });
    expect(() =>
      cab.add_on_going_ride({ service_type: "Van", start_location: HOME, end_location: "Airport" }),
    ).toThrow(InvalidStateError);
    cab.end_ride();
    const seeded = cab.add_on_going_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: OFFICE,
    });
    expect(seeded.status).toBe("BOOKED");
    expect(seeded.price).toBeCloseTo((BASE.Default * seeded.distance_km) / 10, 2);
  });

  it("rejects bad seeds without changing state", () => {
    const { cab } = setup();
    const base = { service_type: "Default", start_location: "A", end_location: "B", price: 10 };
    expectUnchanged(cab, () => cab.add_new_ride({ ...base, ride_time: "2025-02-30 10:00:00" }), /ride_time/);
    expectUnchanged(cab, () => cab.add_new_ride({ ...base, status: "BOOKED" as never }), /status/);
    expectUnchanged(cab, () => cab.add_new_ride({ ...base, service_type: "Boat" }), /service type/);
    expectUnchanged(cab, () => cab.add_new_ride({ ...base, price: -3 }), /price/);
    expectUnchanged(cab, () => cab.add_on_going_ride({ ...base, ride_time: "soon" }), /ride_time/);
  });
});

describe("tool registry", () => {
  const cab = new StatefulCabApp();
  const marks = (kind: "agent" | "env" | "data") =>
    Object.fromEntries(cab.getTools(kind).map((t) => [t.methodName, t.operation]));

  it("offers the original's agent tools, each marked truthfully", () => {
    expect(marks("agent")).toEqual({
      get_quotation: "read",
      list_rides: "read",
      order_ride: "write",
      user_cancel_ride: "write",
      get_current_ride_status: "read",
      get_ride: "read",
      get_ride_history: "read",
      get_ride_history_length: "read",
    });
  });

  it("offers the driver-side environment tools and seeding tools", () => {
    expect(marks("env")).toEqual({ cancel_ride: "write", end_ride: "write", update_ride_status: "write" });
    expect(Object.keys(marks("data")).sort()).toEqual(
      [
        "add_new_ride",
        "add_on_going_ride",
        "cancel_ride",
        "end_ride",
        "order_ride",
        "update_ride_status",
      ].sort(),
    );
  });

  it("describes every parameter, screens' included", () => {
    expect(undescribedParams(cab, SCREEN_CLASSES.StatefulCabApp ?? [])).toEqual([]);
  });
});

describe("state", () => {
  it("round-trips, the on-going ride included", () => {
    const { cab } = setup();
    cab.add_new_ride({
      service_type: "Van",
      start_location: "X",
      end_location: "Y",
      price: 20,
      ride_time: START - 999,
    });
    cab.list_rides({ start_location: HOME, end_location: OFFICE });
    const ride = cab.order_ride({ start_location: HOME, end_location: OFFICE, service_type: "Premium" });
    const state = cab.getState();
    expect(state.on_going_ride_id).toBe(ride.ride_id);
    const fresh = new StatefulCabApp();
    fresh.loadState(state);
    expect(fresh.getState()).toEqual(state);
    expect(fresh.get_current_ride_status()).toEqual(cab.get_current_ride_status());
    expect(fresh.user_cancel_ride()).toBe(USER_CANCEL_MESSAGE);
    expect(cab.onGoingRideId).toBe(ride.ride_id);
  });

  it("refuses an inconsistent state, naming the field", () => {
    const { cab } = setup();
    cab.order_ride({ start_location: HOME, end_location: OFFICE, service_type: "Default" });
    const state = cab.getState();
    expect(() => new StatefulCabApp().loadState({ ...state, on_going_ride_id: "ghost" })).toThrow(
      /on_going_ride_id/,
    );
    cab.end_ride();
    const ended = cab.getState();
    expect(() =>
      new StatefulCabApp().loadState({ ...ended, on_going_ride_id: ended.ride_history[0]?.ride_id }),
    ).toThrow(/on_going_ride_id.*COMPLETED/);
    expect(() => new StatefulCabApp().loadState({ ...ended, ride_history: [{ ride_id: "r" }] })).toThrow(
      /ride_history\.0/,
    );
  });

  it("resets to no rides and the default services", () => {
    const { cab } = setup();
    cab.order_ride({ start_location: HOME, end_location: OFFICE, service_type: "Default" });
    cab.reset();
    expect(cab.getState()).toMatchObject({ ride_history: [], quotation_history: [], on_going_ride_id: null });
    expect(Object.keys(cab.getState().service_config)).toEqual(["Default", "Premium", "Van"]);
  });
});

describe("notifications", () => {
  const schedule = (env: Environment, make: () => unknown, delay: number) =>
    env.schedule([(withCaptureMode(make) as Event).delayed(delay)]);

  it("tells both sides about driver-side changes", () => {
    const { env, cab } = setup((c) =>
      c.add_on_going_ride({ service_type: "Default", start_location: HOME, end_location: OFFICE }),
    );
    schedule(env, () => cab.update_ride_status({ status: "DELAYED", message: "Stuck in traffic" }), 2);
    schedule(env, () => cab.end_ride(), 4);
    env.advanceBy(5);
    expect(env.notifications.takeFor("user", env.now()).map((m) => m.text)).toEqual([
      "Your ride is now DELAYED: Stuck in traffic",
      "Your ride has arrived: trip completed",
    ]);
    expect(env.notifications.takeFor("agent", env.now()).map((m) => m.text)).toEqual([
      "Cab update: the on-going ride changed status.\nStatus: DELAYED\nDriver message: Stuck in traffic",
      "Cab update: the on-going ride is completed.",
    ]);
  });

  it("renders driver cancellations and stays silent about failed events", () => {
    const { env, cab } = setup((c) =>
      c.add_on_going_ride({ service_type: "Default", start_location: HOME, end_location: OFFICE }),
    );
    schedule(env, () => cab.cancel_ride({ message: "Driver unavailable" }), 1);
    schedule(env, () => cab.end_ride(), 2);
    env.advanceBy(3);
    expect(env.notifications.takeFor("user", env.now()).map((m) => m.text)).toEqual([
      "Your ride was cancelled by the driver: Driver unavailable",
    ]);
    expect(env.notifications.takeFor("agent", env.now())[0]?.text).toBe(
      "Cab update: the on-going ride was cancelled.\nCancelled by: driver\nMessage: Driver unavailable",
    );
  });
});

describe("screens", () => {
  it("plans, quotes, books and cancels a ride through the screens", () => {
    const { env, cab } = openCab();
    expect(screen(env)).toBe("CabHome");
    expect(cabTools(env)).toEqual(["get_ride_history", "list_rides", "open_current_ride"]);
    const quotes = user(env, "Cab__list_rides", {
      start_location: HOME,
      end_location: OFFICE,
      ride_time: "2025-11-18 11:00:00",
    }) as RideView[];
    expect(quotes).toHaveLength(3);
    expect(screen(env)).toBe("CabServiceOptions");
    expect(user(env, "Cab__list_service_types")).toEqual(["Default", "Premium", "Van"]);
    const quote = user(env, "Cab__get_quotation", { service_type: "Premium" }) as RideView;
    expect(quote.ride_time).toBe("2025-11-18 11:00:00");
    expect(screen(env)).toBe("CabQuotationDetail");
    expect(user(env, "Cab__show_quotation")).toEqual(quote);
    const ride = user(env, "Cab__order_ride") as RideView;
    expect(screen(env)).toBe("CabRideDetail");
    // booking from a quotation keeps its time and price
    expect(ride).toMatchObject({ status: "BOOKED", ride_time: "2025-11-18 11:00:00", price: quote.price });
    expect(cab.onGoingRideId).toBe(ride.ride_id);
    expect(user(env, "Cab__cancel_ride")).toBe(USER_CANCEL_MESSAGE);
    expect(screen(env)).toBe("CabHome");
    expect(cabTools(env)).not.toContain("go_back");
    expect(cab.get_ride({ idx: 0 }).status).toBe("CANCELLED");
  });

  it("goes back through the planning screens", () => {
    const { env } = openCab();
    user(env, "Cab__list_rides", { start_location: HOME, end_location: OFFICE });
    user(env, "Cab__get_quotation", { service_type: "Van" });
    expect(user(env, "Cab__go_back")).toBe("Navigated back to the screen CabServiceOptions.");
    expect(user(env, "Cab__go_back")).toBe("Navigated back to the screen CabHome.");
    expect(cabTools(env)).not.toContain("go_back");
  });

  it("opens the current ride, and stays home when there is none", () => {
    const { env, cab } = openCab();
    expect(() => user(env, "Cab__open_current_ride")).toThrow(/No ride ordered/);
    expect(screen(env)).toBe("CabHome");
    cab.order_ride({ start_location: HOME, end_location: OFFICE, service_type: "Default" });
    expect(user(env, "Cab__open_current_ride")).toMatchObject({ status: "BOOKED" });
    expect(screen(env)).toBe("CabRideDetail");
    expect(user(env, "Cab__go_back")).toMatch(/CabHome/);
    expect(user(env, "Cab__get_ride_history")).toMatchObject({ total: 1 });
  });

  it("stays put when an action fails", () => {
    const { env, cab } = openCab((c) =>
      c.add_on_going_ride({ service_type: "Default", start_location: HOME, end_location: OFFICE }),
    );
    expect(() => user(env, "Cab__list_rides", { start_location: HOME, end_location: "" })).toThrow(
      /end_location/,
    );
    expect(screen(env)).toBe("CabHome");
    user(env, "Cab__list_rides", { start_location: HOME, end_location: "Gym" });
    expect(() => user(env, "Cab__get_quotation", { service_type: "Boat" })).toThrow(/service type/);
    expect(screen(env)).toBe("CabServiceOptions");
    user(env, "Cab__get_quotation", { service_type: "Default" });
    const before = cab.getState();
    expect(() => user(env, "Cab__order_ride")).toThrow(/already have an on-going ride/);
    expect(screen(env)).toBe("CabQuotationDetail");
    expect(cab.getState()).toEqual(before);
  });

  it("refuses to cancel a ride the driver already ended", () => {
    const { env, cab } = openCab((c) =>
      c.add_on_going_ride({ service_type: "Default", start_location: HOME, end_location: OFFICE }),
    );
    user(env, "Cab__open_current_ride");
    cab.end_ride();
    expect(() => user(env, "Cab__cancel_ride")).toThrow(/no longer under way/);
    expect(screen(env)).toBe("CabRideDetail");
    expect(cab.get_ride({ idx: 0 }).status).toBe("COMPLETED");
  });

  it("logs a screen action and its backend call as USER events", () => {
    const { env } = openCab();
    user(env, "Cab__list_rides", { start_location: HOME, end_location: OFFICE });
    user(env, "Cab__get_quotation", { service_type: "Default" });
    user(env, "Cab__order_ride");
    user(env, "Cab__cancel_ride");
    const log = env.eventLog
      .listView()
      .filter((e) => e.action?.app === "Cab")
      .map((e) => [e.eventType, e.action?.function, e.action?.operation, e.metadata.parentEventId !== null]);
    expect(log).toEqual([
      ["USER", "list_rides", "read", true],
      ["USER", "list_rides", "read", false],
      ["USER", "get_quotation", "read", true],
      ["USER", "get_quotation", "read", false],
      ["USER", "order_ride", "write", true],
      ["USER", "order_ride", "write", false],
      ["USER", "user_cancel_ride", "write", true],
      ["USER", "cancel_ride", "write", false],
    ]);
    // the user's own cancel is not an assistant's write
    expect(env.eventLog.listView().some((e) => e.eventType === "AGENT" && e.action?.app === "Cab")).toBe(
      false,
    );
  });
});
