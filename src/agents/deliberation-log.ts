import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { redactForWriting } from "../util/secrets.js";
import { ModelCallRecord } from "./llm/call-record.js";

export const RAW_OUTPUT_LIMIT = 4096;

export const DeliberationRecord = z.object({
  scenarioId: z.string(),
  runNumber: z.number().int().nullable(),
  turn: z.number().int(),
  role: z.enum(["user", "observe", "execute"]),
  mode: z.string().nullable(),
  iteration: z.number().int(),
  simulatedTime: z.number(),
  promptTokens: z.number().int().nullable(),
  completionTokens: z.number().int().nullable(),
  cached: z.boolean(),
  modelCalls: z.number().int(),
  action: z.object({ tool: z.string(), args: z.record(z.string(), z.unknown()) }).nullable(),
  thought: z.string().nullable(),
  observation: z.string().nullable(),
  error: z.string().nullable(),
  parseFailure: z.string().nullable(),
  raw: z.string().nullable(),
  truncated: z.boolean(),
  timeout: z.boolean(),
  /**
   * The step's model calls with content hashes of their full requests and outputs (bodies in the trace's
   * `contents`); absent for offline policies and in records written before requests were kept.
   */
  calls: z.array(ModelCallRecord).optional(),
});
export type DeliberationRecord = z.infer<typeof DeliberationRecord>;

export function truncateRaw(raw: string | undefined): { raw: string | null; truncated: boolean } {
  if (raw === undefined) return { raw: null, truncated: false };
  if (raw.length <= RAW_OUTPUT_LIMIT) return { raw, truncated: false };
  return { raw: raw.slice(0, RAW_OUTPUT_LIMIT), truncated: true };
}

/** Where agent steps go. */
export interface DeliberationSink {
  record(entry: DeliberationRecord): void;
}

export class MemoryDeliberationSink implements DeliberationSink {
  readonly entries: DeliberationRecord[] = [];
  record(entry: DeliberationRecord): void {
    this.entries.push(entry);
  }
}

/** Appends one JSON line per step as the run goes, so an interrupted run keeps what it did. */
export class JsonlDeliberationSink implements DeliberationSink {
  readonly entries: DeliberationRecord[] = [];
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
  }
  record(entry: DeliberationRecord): void {
    this.entries.push(entry);
    appendFileSync(this.path, redactForWriting(`${JSON.stringify(entry)}\n`));
  }
}
