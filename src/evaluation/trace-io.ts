import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { writeFileAtomic } from "../util/atomic-write.js";
import { PareTrace, TRACE_FILE_SUFFIX, TRACE_SCHEMA_VERSION } from "./trace-schema.js";

export class TraceParseError extends Error {
  override readonly name = "TraceParseError";
  constructor(
    message: string,
    readonly source: string | null = null,
  ) {
    super(source ? `${source}: ${message}` : message);
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || "(top level)";
  return `${field}: ${issue?.message ?? "invalid"}`;
}

/** Validates a parsed JSON value as a trace; errors name the offending field. */
export function parseTrace(value: unknown, source: string | null = null): PareTrace {
  const version = (value as { version?: unknown } | null)?.version;
  if (value !== null && typeof value === "object" && version !== TRACE_SCHEMA_VERSION)
    throw new TraceParseError(
      `unsupported trace version ${JSON.stringify(version ?? null)} (expected ${TRACE_SCHEMA_VERSION})`,
      source,
    );
  const parsed = PareTrace.safeParse(value);
  if (!parsed.success) throw new TraceParseError(`invalid trace: ${describeIssue(parsed.error)}`, source);
  return parsed.data;
}

/** The file form of a trace (indent 2, trailing newline), the same bytes for the same trace. */
export function serializeTrace(trace: PareTrace): string {
  return `${JSON.stringify(PareTrace.parse(trace), null, 2)}\n`;
}

export function saveTrace(path: string, trace: PareTrace): void {
  writeFileAtomic(path, serializeTrace(trace));
}

export function loadTrace(path: string): PareTrace {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new TraceParseError(`cannot read trace: ${(error as Error).message}`, path);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TraceParseError(`not JSON: ${(error as Error).message}`, path);
  }
  return parseTrace(raw, path);
}

/** Trace files among the given paths: files as given, directories searched recursively (sorted). */
export function findTraceFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new TraceParseError("no such file or directory", p);
    if (!statSync(p).isDirectory()) {
      out.push(p);
      continue;
    }
    const entries = readdirSync(p, { recursive: true, encoding: "utf8" }).sort();
    for (const entry of entries) {
      const full = join(p, entry);
      if (entry.endsWith(TRACE_FILE_SUFFIX) && statSync(full).isFile()) out.push(full);
    }
  }
  return out;
}
