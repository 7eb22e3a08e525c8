import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../src/apps/apartment/app.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { parseDateTime } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import {
  apartmentsSaved,
  apartmentsUnsaved,
  favouritesChangedExactly,
  listingAtEnd,
  savedAtEnd,
} from "../../src/scenarios/apartment-verdicts.js";

const T0 = parseDateTime("2025-11-18 09:00:00") as number;

/** Three listings, A and B saved; the assistant then works through agent tools. */
function phone() {
  const flats = new StatefulApartmentApp();
  const listing = (apartment_id: string, saved: boolean) =>
    flats.add_apartment({
      apartment_id,
      name: `Flat ${apartment_id}`,
      location: "Eastgate",
      zip_code: "10001",
      price: 1500,
      number_of_bedrooms: 1,
      number_of_bathrooms: 1,
      square_footage: 500,
      saved,
    });
  listing("a", true);
  listing("b", true);
  listing("c", false);
  const env = new Environment({ startTime: T0 });
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), flats]);
  env.start();
  return { env, flats };
}

describe("apartment verdicts", () => {
  it("report the seeded state when the assistant did nothing", () => {
    const { env } = phone();
    expect(savedAtEnd(env)).toEqual(["a", "b"]);
    expect(apartmentsSaved(env)).toEqual([]);
    expect(apartmentsUnsaved(env)).toEqual([]);
    expect(favouritesChangedExactly(env, ["a", "b"], {})).toBe(true);
    expect(listingAtEnd(env, "c")?.name).toBe("Flat c");
    expect(listingAtEnd(env, "zz")).toBeUndefined();
  });

  it("are empty without an Apartment app", () => {
    const env = new Environment({ startTime: T0 });
    env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface()]);
    env.start();
    expect(savedAtEnd(env)).toEqual([]);
    expect(apartmentsSaved(env)).toEqual([]);
    expect(listingAtEnd(env, "a")).toBeUndefined();
    expect(favouritesChangedExactly(env, [], {})).toBe(true);
    expect(favouritesChangedExactly(env, ["a"], {})).toBe(false);
  });

  it("accept exactly the intended change of favourites", () => {
    const { env, flats } = phone();
    flats.save_apartment({ apartment_id: "c" });
    flats.remove_saved_apartment({ apartment_id: "a" });
    expect(apartmentsSaved(env)).toEqual(["c"]);
    expect(apartmentsUnsaved(env)).toEqual(["a"]);
    expect(savedAtEnd(env)).toEqual(["b", "c"]);
    expect(favouritesChangedExactly(env, ["a", "b"], { added: ["c"], removed: ["a"] })).toBe(true);
    // Missing the removal, missing the addition, or an extra change all fail.
    expect(favouritesChangedExactly(env, ["a", "b"], { added: ["c"] })).toBe(false);
    expect(favouritesChangedExactly(env, ["a", "b"], { removed: ["a"] })).toBe(false);
    expect(favouritesChangedExactly(env, ["a", "b"], { added: ["c"], removed: ["a", "b"] })).toBe(false);
  });

  it("judge the end state, so a save undone later does not count", () => {
    const { env, flats } = phone();
    flats.save_apartment({ apartment_id: "c" });
    flats.remove_saved_apartment({ apartment_id: "c" });
    expect(apartmentsSaved(env)).toEqual(["c"]);
    expect(favouritesChangedExactly(env, ["a", "b"], { added: ["c"] })).toBe(false);
    expect(favouritesChangedExactly(env, ["a", "b"], {})).toBe(true);
  });

  it("ignore failed calls and listings taken down by the environment", () => {
    const { env, flats } = phone();
    expect(() => flats.save_apartment({ apartment_id: "nope" })).toThrow();
    expect(() => flats.remove_saved_apartment({ apartment_id: "c" })).toThrow();
    expect(apartmentsSaved(env)).toEqual([]);
    expect(apartmentsUnsaved(env)).toEqual([]);
    flats.delete_apartment({ apartment_id: "b" });
    expect(listingAtEnd(env, "b")).toBeUndefined();
    expect(savedAtEnd(env)).toEqual(["a"]);
    expect(favouritesChangedExactly(env, ["a", "b"], { removed: ["b"] })).toBe(true);
  });
});
