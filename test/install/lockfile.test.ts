import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
}

/** Where Node would find `name` from the package at `from` (node_modules lookup up the tree). */
function locate(packages: Record<string, LockEntry>, from: string, name: string): string | null {
  let base = from;
  for (;;) {
    const candidate = base === "" ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === "") return null;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut === -1 ? "" : base.slice(0, cut);
  }
}

describe("the committed lockfile", () => {
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
    lockfileVersion: number;
    packages: Record<string, LockEntry>;
  };
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it("matches package.json (npm ci refuses a lockfile that does not)", () => {
    const root = lock.packages[""] as LockEntry & { devDependencies?: Record<string, string> };
    expect(root.dependencies).toEqual(pkg.dependencies);
    expect(root.devDependencies).toEqual(pkg.devDependencies);
  });

  it("holds every dependency of every locked package, optional ones for other platforms included", () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const [kind, deps] of [
        ["dependency", entry.dependencies],
        ["optional dependency", entry.optionalDependencies],
      ] as const) {
        for (const name of Object.keys(deps ?? {}))
          if (locate(lock.packages, path, name) === null)
            missing.push(`${kind} ${name} of ${path || "(root)"}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
