import { describe, expect, it } from "vitest";
import {
  composedReason,
  factArguments,
  SeenText,
  textShows,
} from "../../../src/agents/reference/visible-facts.js";

const fact = (value: string | number) => {
  const [f] = factArguments({ x: value });
  if (!f) throw new Error(`no fact for ${value}`);
  return f;
};
const shows = (text: string, value: string | number) => textShows(text, fact(value));

describe("which arguments are facts", () => {
  it("keeps ids, addresses, names, codes and prices, and leaves out what the agent composes", () => {
    const facts = factArguments({
      item_id: "itm-1",
      quantity: 2,
      content: "Hi Bob, see item itm-2",
      start_datetime: "2025-11-20 14:00:00",
      folder_name: "INBOX",
      pinned: true,
      attendees: ["Ana Ruiz", "Bo"],
      updates: { phone: "+1 (415) 555-0187", job: "Analyst", address: "4 Elm St, Bend" },
      price: 12.5,
      discount_code: "SAVE10",
      empty: "  ",
      missing: null,
    });
    expect(facts.map((f) => [f.path, f.kind])).toEqual([
      ["item_id", "exact"],
      ["attendees[0]", "words"],
      ["attendees[1]", "exact"],
      ["updates.phone", "digits"],
      ["updates.address", "words"],
      ["price", "number"],
      ["discount_code", "exact"],
    ]);
    expect(["content", "start_datetime", "quantity", "folder_name", "ride_time"].map(composedReason)).toEqual(
      ["free text", "time", "count", "choice", "time"],
    );
    expect(composedReason("user_id")).toBeNull();
    // "updates" holds a date's letters but is no time.
    expect(composedReason("updates")).toBeNull();
  });

  it("survives hostile and huge arguments", () => {
    expect(factArguments({})).toEqual([]);
    expect(factArguments({ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: undefined, d: [[], {}] })).toEqual(
      [],
    );
    const huge = "x".repeat(100_000);
    expect(factArguments({ id: huge })[0]?.value).toBe(huge);
    expect(shows(`id ${huge} end`, huge)).toBe(true);
    expect(shows("regex (.*) chars", "(.*)")).toBe(true);
    expect(shows("anything at all", "(.*)")).toBe(false);
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 50; i++) at = at.n = {} as Record<string, unknown>;
    at.user_id = "u-1";
    expect(factArguments(deep).map((f) => f.value)).toEqual(["u-1"]);
  });
});

describe("when a fact counts as seen", () => {
  it("does not find an id inside a longer id", () => {
    expect(shows("order ord-123 shipped", "ord-12")).toBe(false);
    expect(shows("see ord-12.5", "ord-12")).toBe(false);
    expect(shows("xord-12", "ord-12")).toBe(false);
    expect(shows("order (ord-12) shipped", "ord-12")).toBe(true);
    expect(shows("your order ord-12.", "ord-12")).toBe(true);
    expect(shows('{"order_id":"ORD-12"}', "ord-12")).toBe(true);
  });

  it("tells email addresses apart by every character", () => {
    expect(shows("to r.quinterro@lumen.com", "r.quintero@lumen.com")).toBe(false);
    expect(shows("from obo@x.io", "bo@x.io")).toBe(false);
    expect(shows("from bo@x.io.uk", "bo@x.io")).toBe(false);
    expect(shows("from <bo@x.io>.", "bo@x.io")).toBe(true);
  });

  it("reads numbers however they are formatted, but never out of ids, dates or times", () => {
    expect(shows("now $2,350/month", 2350)).toBe(true);
    expect(shows("total $1,299.00", 1299)).toBe(true);
    expect(shows("34.50 each", 34.5)).toBe(true);
    expect(shows("total $1,299", 129.9)).toBe(false);
    expect(shows("ord-2350 on 2025-11-23 at 08:23", 23)).toBe(false);
    expect(shows("ord-2350 on 2025-11-23", 2350)).toBe(false);
    expect(shows('{"price": 49.99}', "49.99")).toBe(true);
  });

  it("reads phone numbers by their digits, with any separators", () => {
    expect(shows("call (206) 555-0111", "206-555-0111")).toBe(true);
    expect(shows("phone: +1 (415) 555-0187", "+1 (415) 555-0187")).toBe(true);
    expect(shows('{"sender_id":"2065550111"}', "(206) 555 0111")).toBe(true);
    expect(shows("call 12065550111", "2065550111")).toBe(false);
    expect(shows("call 2065550111 2", "2065550111")).toBe(true);
    expect(shows("call 206555011", "2065550111")).toBe(false);
  });

  it("matches names and places word by word, each comma-separated part on its own", () => {
    expect(shows("Priyanka said hi", "Priyanka Desai")).toBe(false);
    expect(shows("sender: priyanka  DESAI,", "Priyanka Desai")).toBe(true);
    expect(shows("Locked in: Eagle Ridge Trailhead north lot.", "Eagle Ridge Trailhead, north lot")).toBe(
      true,
    );
    expect(shows("Little Saigon Kitchen on Grove St?", "Little Saigon Kitchen, Grove St")).toBe(true);
    expect(shows("Little Saigon Kitchen", "Little Saigon Kitchen, Grove St")).toBe(false);
    expect(shows("Anabel", "Ana")).toBe(false);
    expect(shows("Tomas says", "Tomás")).toBe(true);
    expect(shows("Tomás says", "Tomas")).toBe(true);
  });

  it("reads JSON escapes as what they stand for", () => {
    expect(shows('{"content":"Hi\\nconv-x"}', "conv-x")).toBe(true);
    expect(shows('{"content":"Hi\\nBob Stone"}', "Bob Stone")).toBe(true);
    expect(shows('{"content":"say \\"ord-9\\""}', "ord-9")).toBe(true);
  });

  it("puts a comma-separated fact together from several texts", () => {
    const seen = new SeenText();
    expect(seen.has(fact("Juniper Cafe, 58 Orchard Ave"))).toBe(false);
    seen.add("meet at Juniper Cafe");
    expect(seen.has(fact("Juniper Cafe, 58 Orchard Ave"))).toBe(false);
    seen.add("address: 58 Orchard Ave");
    expect(seen.has(fact("Juniper Cafe, 58 Orchard Ave"))).toBe(true);
    seen.add("   ");
    expect(seen.size).toBe(2);
  });
});
