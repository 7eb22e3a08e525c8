import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "./project-root.js";
import { sha256Hex } from "./stable-hash.js";

/**
 * Import specifiers of a module's source: static imports and re-exports (`… from "x"`), side-effect imports
 * (`import "x"`) and dynamic imports with a literal (`import("x")`). A specifier inside a comment is picked up
 * too; that can only add a file to a hash, never leave one out.
 */
const IMPORT_PATTERNS = [
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
];

export function importSpecifiers(source: string): string[] {
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of source.matchAll(pattern)) if (match[1]) found.add(match[1]);
  }
  return [...found];
}

/** TypeScript sources import `./x.js`; the file on disk is `x.ts` (or `x.js` once compiled). */
const CANDIDATE_SUFFIXES: [RegExp, string][] = [
  [/\.js$/, ".ts"],
  [/\.mjs$/, ".mts"],
  [/\.cjs$/, ".cts"],
  [/\.jsx$/, ".tsx"],
];

/**
 * The file a relative (or absolute, or `file:`) specifier names, or null for packages, `node:` builtins and
 * anything inside node_modules: those are versioned by the package version and lockfile, not by this hash.
 */
export function resolveProjectImport(fromFile: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("file:")) base = fileURLToPath(specifier);
  else if (specifier.startsWith(".") || isAbsolute(specifier)) base = resolve(dirname(fromFile), specifier);
  else return null;
  const candidates = [base];
  for (const [pattern, replacement] of CANDIDATE_SUFFIXES)
    if (pattern.test(base)) candidates.push(base.replace(pattern, replacement));
  candidates.push(`${base}.ts`, `${base}.js`, resolve(base, "index.ts"), resolve(base, "index.js"));
  for (const candidate of candidates) {
    if (candidate.split(/[\\/]/).includes("node_modules")) return null;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

interface HashedFile {
  mtimeMs: number;
  size: number;
  hash: string;
  imports: string[];
}

/**
 * Hashes modules together with every project module they import, transitively. A file is read again only when
 * its modification time or size changed, so one hasher serves a long-lived process and sees edits.
 */
export class ModuleSourceHasher {
  private readonly files = new Map<string, HashedFile>();

  private file(path: string): HashedFile {
    const stat = statSync(path);
    const cached = this.files.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    const source = readFileSync(path, "utf8");
    const imports: string[] = [];
    for (const specifier of importSpecifiers(source)) {
      const target = resolveProjectImport(path, specifier);
      if (target !== null) imports.push(target);
    }
    const entry = { mtimeMs: stat.mtimeMs, size: stat.size, hash: sha256Hex(source), imports };
    this.files.set(path, entry);
    return entry;
  }

  /** Every project module reachable from `entry` (itself included), sorted. */
  closure(entry: string): string[] {
    const seen = new Set<string>();
    const stack = [resolve(entry)];
    while (stack.length > 0) {
      const path = stack.pop() as string;
      if (seen.has(path)) continue;
      seen.add(path);
      stack.push(...this.file(path).imports);
    }
    return [...seen].sort();
  }

  /**
   * 16 hex chars over the entry's content and the contents of its closure. Paths are left out, so the same
   * sources checked out in another directory (another machine of a sharded run) hash the same.
   */
  hash(entry: string): string {
    const key = resolve(entry);
    const contents = new Set(this.closure(key).map((path) => this.file(path).hash));
    return sha256Hex(JSON.stringify([this.file(key).hash, [...contents].sort()])).slice(0, 16);
  }
}

/**
 * The TypeScript source a compiled module of this package was built from (`<root>/dist/x/y.js` →
 * `<root>/src/x/y.ts`), or the path itself: hashes follow the sources, so compiled and tsx runs of the same
 * checkout hash (and cache, and name their runs) the same.
 */
export function typeScriptSourceOf(path: string): string {
  const root = projectRoot();
  const dist = `${join(root, "dist")}${sep}`;
  if (!path.startsWith(dist) || !/\.js$/.test(path)) return path;
  const source = join(root, "src", path.slice(dist.length).replace(/\.js$/, ".ts"));
  return existsSync(source) ? source : path;
}

/** The process-wide hasher. */
export const moduleSourceHasher = new ModuleSourceHasher();

/** The calling module of a decorator or function: the first stack frame outside this module and `skipFile`. */
export function callerFile(skipFile: string): string | null {
  const own = fileURLToPath(import.meta.url);
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  const skip = skipFile.startsWith("file:") ? fileURLToPath(skipFile) : skipFile;
  for (const line of stack.split("\n").slice(1)) {
    const match = /\(?((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):\d+:\d+\)?\s*$/.exec(line.trim());
    if (!match?.[1]) continue;
    const path = match[1].startsWith("file:") ? fileURLToPath(match[1]) : match[1];
    if (path === skip || path === own || path.includes("node_modules") || path.startsWith("node:")) continue;
    if (existsSync(path)) return path;
  }
  return null;
}
