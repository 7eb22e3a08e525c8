import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";

/** Where the run store lives: an SQLite file (the default) or a PostgreSQL database. */
export type StoreLocation =
  | { kind: "sqlite"; path: string; source: StoreLocationSource }
  | { kind: "postgres"; url: string; source: StoreLocationSource };

export type StoreLocationSource = "explicit" | "PARE_STORE_URL" | "PARE_HOME" | "XDG_DATA_HOME" | "default";

export const STORE_FILE_NAME = "pare.db";

export class StoreLocationError extends Error {
  override readonly name = "StoreLocationError";
}

/** `PARE_HOME`, else `$XDG_DATA_HOME/pare`, else `~/.local/share/pare`: pare's data directory. */
export function pareHome(
  env: Record<string, string | undefined> = process.env,
  home: string = homedir(),
): { dir: string; source: "PARE_HOME" | "XDG_DATA_HOME" | "default" } {
  if (env.PARE_HOME) return { dir: resolve(env.PARE_HOME), source: "PARE_HOME" };
  if (env.XDG_DATA_HOME) return { dir: join(env.XDG_DATA_HOME, "pare"), source: "XDG_DATA_HOME" };
  return { dir: join(home, ".local", "share", "pare"), source: "default" };
}

/** A `--store` value or `PARE_STORE_URL`: `postgres://…` / `postgresql://…`, `sqlite:PATH`, or a file path. */
export function parseStoreUrl(text: string, source: StoreLocationSource): StoreLocation {
  const value = text.trim();
  if (value === "") throw new StoreLocationError("the store location is empty");
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new StoreLocationError(`not a valid PostgreSQL URL: ${redactStoreUrl(value)}`);
    }
    return { kind: "postgres", url: value, source };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith("sqlite:") && !value.startsWith("file:"))
    throw new StoreLocationError(
      `unsupported store URL ${redactStoreUrl(value)}: use postgres://…, sqlite:PATH or a file path`,
    );
  const path = value.replace(/^sqlite:(\/\/)?/, "").replace(/^file:(\/\/)?/, "");
  if (path === "") throw new StoreLocationError(`no file path in store location '${value}'`);
  return { kind: "sqlite", path: isAbsolute(path) ? path : resolve(path), source };
}

/** `explicit` (`--store`), else `PARE_STORE_URL`, else `<pare home>/pare.db`. */
export function resolveStoreLocation(
  explicit?: string | null,
  env: Record<string, string | undefined> = process.env,
  home: string = homedir(),
): StoreLocation {
  if (explicit !== undefined && explicit !== null) return parseStoreUrl(explicit, "explicit");
  if (env.PARE_STORE_URL) return parseStoreUrl(env.PARE_STORE_URL, "PARE_STORE_URL");
  const data = pareHome(env, home);
  return { kind: "sqlite", path: join(data.dir, STORE_FILE_NAME), source: data.source };
}

/** A URL fit to print: the password replaced. */
export function redactStoreUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, "$1***@");
}

/** How a location is shown to people. */
export function describeStoreLocation(location: StoreLocation): string {
  return location.kind === "sqlite" ? location.path : redactStoreUrl(location.url);
}
