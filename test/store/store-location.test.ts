import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  pareHome,
  parseStoreUrl,
  redactStoreUrl,
  resolveStoreLocation,
  StoreLocationError,
} from "../../src/store/store-location.js";

describe("where the run store lives", () => {
  it("is PARE_HOME, else XDG_DATA_HOME/pare, else ~/.local/share/pare", () => {
    expect(pareHome({ PARE_HOME: "/p", XDG_DATA_HOME: "/x" }, "/home/u")).toEqual({
      dir: "/p",
      source: "PARE_HOME",
    });
    expect(pareHome({ XDG_DATA_HOME: "/x" }, "/home/u")).toEqual({
      dir: join("/x", "pare"),
      source: "XDG_DATA_HOME",
    });
    expect(pareHome({}, "/home/u")).toEqual({
      dir: join("/home/u", ".local", "share", "pare"),
      source: "default",
    });
    expect(resolveStoreLocation(undefined, { PARE_HOME: "/p" }, "/h")).toEqual({
      kind: "sqlite",
      path: join("/p", "pare.db"),
      source: "PARE_HOME",
    });
  });

  it("lets --store win over PARE_STORE_URL, which wins over PARE_HOME", () => {
    const env = { PARE_STORE_URL: "postgres://u:pw@db.test/pare", PARE_HOME: "/p" };
    expect(resolveStoreLocation(undefined, env)).toEqual({
      kind: "postgres",
      url: "postgres://u:pw@db.test/pare",
      source: "PARE_STORE_URL",
    });
    expect(resolveStoreLocation("/tmp/x.db", env)).toEqual({
      kind: "sqlite",
      path: "/tmp/x.db",
      source: "explicit",
    });
    expect(resolveStoreLocation("sqlite:///tmp/y.db", env)).toMatchObject({
      kind: "sqlite",
      path: "/tmp/y.db",
    });
  });

  it.each(["", "   ", "mysql://db/x", "postgres://[bad", "sqlite:", "http://example.test/db"])(
    "refuses %j with one clear line",
    (bad) => {
      expect(() => parseStoreUrl(bad, "explicit")).toThrow(StoreLocationError);
    },
  );

  it("never prints a password", () => {
    expect(redactStoreUrl("postgres://pare:s3cret@127.0.0.1:5432/db")).toBe(
      "postgres://pare:***@127.0.0.1:5432/db",
    );
    expect(redactStoreUrl("postgres://127.0.0.1/db")).toBe("postgres://127.0.0.1/db");
    expect(() => parseStoreUrl("mysql://u:s3cret@h/db", "explicit")).toThrow(/^(?!.*s3cret)/);
  });
});
