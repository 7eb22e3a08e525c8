import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { type ApartmentView, StatefulApartmentApp } from "../../src/apps/apartment/index.js";
import { SCREEN_CLASSES } from "../../src/apps/catalog.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { withAppConstruction } from "../../src/core/app.js";
import { Environment } from "../../src/core/environment.js";
import { InvalidStateError, NotFoundError } from "../../src/core/errors.js";
import { withCaptureMode } from "../../src/core/event-context.js";
import type { Event } from "../../src/core/events.js";
import {
  expectUnchanged,
  currentScreen as screen,
  undescribedParams,
  callUserTool as user,
} from "../support/phone.js";

const START = 1_763_460_000;

function seed(app: StatefulApartmentApp) {
  const loft = app.add_apartment({
    apartment_id: "apt-loft",
    name: "Riverside Loft",
    location: "Downtown, Springfield",
    zip_code: "62701",
    price: 1850,
    number_of_bedrooms: 1,
    number_of_bathrooms: 1,
    square_footage: 780,
    property_type: "Loft",
    furnished_status: "Furnished",
    floor_level: "Upper floors",
    pet_policy: "Cats allowed",
    lease_term: "1 year",
    amenities: ["Gym", "Elevator"],
    saved: true,
  });
  const family = app.add_new_apartment({
    name: "Maple Family Home",
    location: "Maple Heights, Springfield",
    zip_code: "62704",
    price: 2600.5,
    number_of_bedrooms: 3,
    number_of_bathrooms: 2.5,
    square_footage: 1500,
    property_type: "House",
    amenities: ["Parking", "Garden", "gym"],
  });
  const studio = app.add_new_apartment({
    name: "Campus Studio",
    location: "University District",
    zip_code: "62701",
    price: 950,
    number_of_bedrooms: 0,
    number_of_bathrooms: 1,
    square_footage: 400,
    property_type: "Studio",
    furnished_status: "Unfurnished",
    pet_policy: "No pets",
    lease_term: "Month-to-month",
  });
  return { app, loft, family, studio };
}

function setup() {
  const env = new Environment({ startTime: START });
  const seeded = withAppConstruction({ clock: env.clock, seed: 0 }, () => seed(new StatefulApartmentApp()));
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), seeded.app]);
  env.start();
  return { env, ...seeded };
}

const aptTools = (env: Environment) =>
  env
    .getUserTools()
    .filter((t) => t.name.startsWith("Apartment__"))
    .map((t) => t.methodName);
const ids = (list: unknown) => (list as ApartmentView[]).map((a) => a.apartment_id);

function openApp() {
  const ctx = setup();
  user(ctx.env, "System__open_app", { app_name: "Apartment" });
  return ctx;
}

describe("listings", () => {
  it("lists apartments with their saved flag and gets details", () => {
    const { app, loft, family, studio } = setup();
    expect(ids(app.list_all_apartments())).toEqual([loft, family, studio]);
    expect(app.get_apartment_details({ apartment_id: family })).toEqual({
      apartment_id: family,
      name: "Maple Family Home",
      location: "Maple Heights, Springfield",
      zip_code: "62704",
      price: 2600.5,
      bedrooms: 3,
      bathrooms: 2.5,
      property_type: "House",
      square_footage: 1500,
      furnished_status: "",
      floor_level: "",
      pet_policy: "",
      lease_term: "",
      amenities: ["Parking", "Garden", "gym"],
      saved: false,
    });
    expect(app.get_apartment_details({ apartment_id: loft }).saved).toBe(true);
    expect(() => app.get_apartment_details({ apartment_id: "nope" })).toThrow(NotFoundError);
    expect(family).toMatch(/^[0-9a-f]{32}$/);
  });

  it("returns copies, never live state", () => {
    const { app, loft } = setup();
    app.get_apartment_details({ apartment_id: loft }).amenities.push("Pool");
    expect(app.get_apartment_details({ apartment_id: loft }).amenities).toEqual(["Gym", "Elevator"]);
  });

  it("updates prices (integers accepted) and deletes listings, favourites included", () => {
    const { app, loft, studio } = setup();
    expect(app.update_apartment({ apartment_id: studio, new_price: 900 })).toBe(studio);
    expect(app.get_apartment_details({ apartment_id: studio }).price).toBe(900);
    expect(app.delete_apartment({ apartment_id: loft })).toBe(loft);
    expect(app.list_saved_apartments()).toEqual([]);
    expect(ids(app.list_all_apartments())).not.toContain(loft);
    expectUnchanged(app, () => app.update_apartment({ apartment_id: loft, new_price: 1 }), NotFoundError);
    expectUnchanged(app, () => app.update_apartment({ apartment_id: studio, new_price: -5 }), /new_price/);
    expectUnchanged(app, () => app.delete_apartment({ apartment_id: loft }), NotFoundError);
  });

  it("rejects bad listings without changing anything", () => {
    const { app, loft } = setup();
    const base = {
      name: "X",
      location: "Y",
      zip_code: "1",
      price: 1000,
      number_of_bedrooms: 1,
      number_of_bathrooms: 1,
      square_footage: 500,
    };
    expectUnchanged(
      app,
      () => app.add_new_apartment({ ...base, number_of_bedrooms: 1.5 }),
      /number_of_bedrooms/,
    );
    expectUnchanged(app, () => app.add_new_apartment({ ...base, price: "cheap" as never }), /price/);
    expectUnchanged(app, () => app.add_new_apartment({ ...base, name: "" }), /name/);
    expectUnchanged(app, () => app.add_apartment({ ...base, apartment_id: loft }), /already exists/);
  });
});

describe("favourites", () => {
  it("saves and removes favourites with a confirmation", () => {
    const { app, loft, studio } = setup();
    expect(app.save_apartment({ apartment_id: studio })).toBe(
      `Saved apartment ${studio} (Campus Studio) to favourites.`,
    );
    expect(app.save_apartment({ apartment_id: studio })).toMatch(/already in favourites/);
    expect(ids(app.list_saved_apartments())).toEqual([loft, studio]);
    expect(app.list_saved_apartments().every((a) => a.saved)).toBe(true);
    expect(app.remove_saved_apartment({ apartment_id: loft })).toMatch(/Removed apartment apt-loft/);
    expect(ids(app.list_saved_apartments())).toEqual([studio]);
    expectUnchanged(app, () => app.remove_saved_apartment({ apartment_id: loft }), InvalidStateError);
    expectUnchanged(app, () => app.remove_saved_apartment({ apartment_id: "nope" }), NotFoundError);
    expectUnchanged(app, () => app.save_apartment({ apartment_id: "nope" }), NotFoundError);
  });
});

describe("search", () => {
  it("matches names and locations as substrings, case-insensitively", () => {
    const { app, loft, family } = setup();
    expect(ids(app.search_apartments({ name: "LOFT" }))).toEqual([loft]);
    expect(ids(app.search_apartments({ location: "springfield" }))).toEqual([loft, family]);
    expect(ids(app.search_apartments({}))).toHaveLength(3);
  });

  it("filters numbers: inclusive prices, exact rooms (0 = studio), minimum area", () => {
    const { app, loft, family, studio } = setup();
    expect(ids(app.search_apartments({ min_price: 950, max_price: 1850 }))).toEqual([loft, studio]);
    expect(ids(app.search_apartments({ number_of_bedrooms: 0 }))).toEqual([studio]);
    expect(ids(app.search_apartments({ number_of_bathrooms: 2.5 }))).toEqual([family]);
    expect(ids(app.search_apartments({ square_footage: 780 }))).toEqual([loft, family]);
    expect(ids(app.search_apartments({ zip_code: "62701" }))).toEqual([loft, studio]);
  });

  it("matches categories whole, treating unstated furnishing, pets and lease as unknown", () => {
    const { app, loft, family, studio } = setup();
    expect(ids(app.search_apartments({ property_type: "studio" }))).toEqual([studio]);
    expect(ids(app.search_apartments({ floor_level: "upper floors" }))).toEqual([loft]);
    expect(ids(app.search_apartments({ furnished_status: "furnished" }))).toEqual([loft, family]);
    expect(ids(app.search_apartments({ pet_policy: "No pets" }))).toEqual([family, studio]);
    expect(ids(app.search_apartments({ lease_term: "1 year" }))).toEqual([loft, family]);
  });

  it("requires every amenity asked for, and can search favourites only", () => {
    const { app, loft, family } = setup();
    expect(ids(app.search_apartments({ amenities: ["gym"] }))).toEqual([loft, family]);
    expect(ids(app.search_apartments({ amenities: ["Gym", "Parking"] }))).toEqual([family]);
    expect(ids(app.search_apartments({ amenities: ["Gym"], saved_only: true }))).toEqual([loft]);
    expect(ids(app.search_apartments({ name: "", location: null, amenities: [] }))).toHaveLength(3);
  });

  it("rejects malformed filters", () => {
    const { app } = setup();
    expect(() => app.search_apartments({ number_of_bedrooms: -1 })).toThrow(/number_of_bedrooms/);
    expect(() => app.search_apartments({ max_price: "lots" as never })).toThrow(/max_price/);
  });
});

describe("tool registry", () => {
  const app = new StatefulApartmentApp();
  const marks = (kind: "agent" | "env" | "data") =>
    Object.fromEntries(app.getTools(kind).map((t) => [t.methodName, t.operation]));

  it("offers the original's agent tools, each marked truthfully", () => {
    expect(marks("agent")).toEqual({
      list_all_apartments: "read",
      get_apartment_details: "read",
      list_saved_apartments: "read",
      save_apartment: "write",
      remove_saved_apartment: "write",
      search_apartments: "read",
    });
  });

  it("offers environment and seeding tools", () => {
    expect(marks("env")).toEqual({
      add_new_apartment: "write",
      update_apartment: "write",
      delete_apartment: "write",
    });
    expect(Object.keys(marks("data")).sort()).toEqual(
      ["add_apartment", "add_new_apartment", "delete_apartment", "update_apartment"].sort(),
    );
  });

  it("describes every parameter, screens' included", () => {
    expect(undescribedParams(app, SCREEN_CLASSES.StatefulApartmentApp ?? [])).toEqual([]);
  });
});

describe("state", () => {
  it("round-trips through getState / loadState", () => {
    const { app, studio } = setup();
    app.save_apartment({ apartment_id: studio });
    const state = app.getState();
    const fresh = new StatefulApartmentApp();
    fresh.loadState(state);
    expect(fresh.getState()).toEqual(state);
    expect(fresh.list_saved_apartments()).toEqual(app.list_saved_apartments());
    fresh.remove_saved_apartment({ apartment_id: studio });
    expect(app.isSaved(studio)).toBe(true);
  });

  it("refuses an inconsistent state, naming the field", () => {
    const { app } = setup();
    const state = app.getState();
    expect(() => new StatefulApartmentApp().loadState({ ...state, saved_apartments: ["ghost"] })).toThrow(
      /saved_apartments\.0/,
    );
    expect(() =>
      new StatefulApartmentApp().loadState({
        ...state,
        apartments: [...state.apartments, state.apartments[0]],
      }),
    ).toThrow(/apartments/);
    expect(() =>
      new StatefulApartmentApp().loadState({
        ...state,
        apartments: [{ ...state.apartments[0], bedrooms: "two" }],
      }),
    ).toThrow(/apartments\.0\.bedrooms/);
  });

  it("resets to no listings", () => {
    const { app } = setup();
    app.reset();
    expect(app.getState()).toEqual({ apartments: [], saved_apartments: [] });
  });
});

describe("notifications", () => {
  it("tells both sides about new, repriced and removed listings", () => {
    const { env, app, studio, loft } = setup();
    const events = [
      withCaptureMode(() =>
        app.add_new_apartment({
          name: "Harbor View",
          location: "Waterfront",
          zip_code: "62702",
          price: 2100,
          number_of_bedrooms: 2,
          number_of_bathrooms: 1,
          square_footage: 900,
          pet_policy: "Pets allowed",
          amenities: ["Balcony", "Gym"],
        }),
      ),
      withCaptureMode(() => app.update_apartment({ apartment_id: studio, new_price: 899.99 })),
      withCaptureMode(() => app.delete_apartment({ apartment_id: loft })),
    ].map((e, i) => (e as unknown as Event).delayed(i + 1));
    env.schedule(events);
    env.advanceBy(5);
    expect(env.notifications.takeFor("user", env.now()).map((m) => m.text)).toEqual([
      "New listing: Harbor View in Waterfront, $2100/month",
      `Apartment ${studio}: rent is now $899.99`,
      "Apartment apt-loft is no longer listed",
    ]);
    const agent = env.notifications.takeFor("agent", env.now()).map((m) => m.text);
    expect(agent[0]).toMatch(
      /^Apartment listings update: a new apartment is listed\.\nApartment id: [0-9a-f]{32}\nName: Harbor View\nLocation: Waterfront\nZip code: 62702\nRent: 2100 per month\nBedrooms: 2\nBathrooms: 1\nSquare footage: 900\nPet policy: Pets allowed\nAmenities: Balcony, Gym$/,
    );
    expect(agent.slice(1)).toEqual([
      `Apartment listings update: apartment ${studio}\nNew rent: 899.99`,
      "Apartment listings update: apartment apt-loft was taken down",
    ]);
  });
});

describe("screens", () => {
  it("starts at ApartmentHome and lists apartments there", () => {
    const { env } = openApp();
    expect(screen(env)).toBe("ApartmentHome");
    expect(aptTools(env)).toEqual(["list_apartments", "open_favorites", "open_search", "view_apartment"]);
    expect(ids(user(env, "Apartment__list_apartments"))).toHaveLength(3);
    expect(screen(env)).toBe("ApartmentHome");
  });

  it("opens details from home, saves and unsaves there, and goes back", () => {
    const { env, app, studio } = openApp();
    expect(user(env, "Apartment__view_apartment", { apartment_id: studio })).toMatchObject({
      name: "Campus Studio",
    });
    expect(screen(env)).toBe("ApartmentDetail");
    expect(aptTools(env)).toEqual(["save", "unsave", "go_back"]);
    expect(user(env, "Apartment__save")).toMatch(/^Saved apartment/);
    expect(app.isSaved(studio)).toBe(true);
    expect(user(env, "Apartment__unsave")).toMatch(/^Removed apartment/);
    expect(app.isSaved(studio)).toBe(false);
    expect(() => user(env, "Apartment__unsave")).toThrow(InvalidStateError);
    expect(screen(env)).toBe("ApartmentDetail");
    expect(user(env, "Apartment__go_back")).toBe("Navigated back to the screen ApartmentHome.");
    expect(aptTools(env)).not.toContain("go_back");
  });

  it("searches and opens results from the search screen", () => {
    const { env, family } = openApp();
    expect(user(env, "Apartment__open_search")).toBe("Search Apartments view is open.");
    expect(screen(env)).toBe("ApartmentSearch");
    expect(aptTools(env)).toEqual(["search", "view_apartment", "go_back"]);
    expect(ids(user(env, "Apartment__search", { min_price: 2000, amenities: ["garden"] }))).toEqual([family]);
    expect(screen(env)).toBe("ApartmentSearch");
    user(env, "Apartment__view_apartment", { apartment_id: family });
    expect(screen(env)).toBe("ApartmentDetail");
    user(env, "Apartment__go_back");
    expect(screen(env)).toBe("ApartmentSearch");
    user(env, "Apartment__go_back");
    expect(screen(env)).toBe("ApartmentHome");
  });

  it("opens favourites and their details", () => {
    const { env, loft } = openApp();
    expect(ids(user(env, "Apartment__open_favorites"))).toEqual([loft]);
    expect(screen(env)).toBe("ApartmentFavorites");
    expect(aptTools(env)).toEqual(["view_apartment", "go_back"]);
    user(env, "Apartment__view_apartment", { apartment_id: loft });
    expect(screen(env)).toBe("ApartmentDetail");
    user(env, "Apartment__unsave");
    user(env, "Apartment__go_back");
    expect(screen(env)).toBe("ApartmentFavorites");
  });

  it("stays put on unknown ids", () => {
    const { env } = openApp();
    expect(() => user(env, "Apartment__view_apartment", { apartment_id: "nope" })).toThrow(/does not exist/);
    expect(screen(env)).toBe("ApartmentHome");
    user(env, "Apartment__open_search");
    expect(() => user(env, "Apartment__view_apartment", { apartment_id: "nope" })).toThrow(NotFoundError);
    expect(screen(env)).toBe("ApartmentSearch");
    user(env, "Apartment__go_back");
    user(env, "Apartment__open_favorites");
    expect(() => user(env, "Apartment__view_apartment", { apartment_id: "" })).toThrow(/apartment_id/);
    expect(screen(env)).toBe("ApartmentFavorites");
  });

  it("logs a screen action and its backend call as USER events", () => {
    const { env, studio } = openApp();
    user(env, "Apartment__view_apartment", { apartment_id: studio });
    user(env, "Apartment__save");
    const log = env.eventLog
      .listView()
      .filter((e) => e.action?.app === "Apartment")
      .map((e) => [e.eventType, e.action?.function, e.action?.operation, e.metadata.parentEventId !== null]);
    expect(log).toEqual([
      ["USER", "get_apartment_details", "read", true],
      ["USER", "view_apartment", "read", false],
      ["USER", "save_apartment", "write", true],
      ["USER", "save", "write", false],
    ]);
    const nested = env.eventLog.listView().find((e) => e.action?.function === "save_apartment");
    const outer = env.eventLog.listView().find((e) => e.action?.function === "save");
    expect(nested?.metadata.parentEventId).toBe(outer?.eventId);
    expect(env.notifications.takeFor("agent", env.now()).map((m) => m.text)).toEqual([
      "System__open_app(app_name='Apartment')",
      `Apartment__view_apartment(apartment_id='${studio}')`,
      "Apartment__save()",
    ]);
  });
});
