import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import pl from "nodejs-polars";
import { z } from "zod";
import {
  ErrorClass,
  emptyResultFrame,
  RESULT_COLUMNS,
  type ResultColumnArrays,
  resultFrameFromColumns,
} from "../scenarios/validation-result.js";

const nullableString = z.string().nullable();
const nullableNumber = z.number().nullable();
const nullableInt = z.number().int().nullable();

/**
 * One row of a `*_result.json` file (spec §12.4). Every PARE column must be present (null allowed where PARE can
 * write null); the columns pare-ts appends may be missing (then null); unknown columns, such as extra columns of
 * the writer, are dropped.
 */
export const ResultRow = z.object({
  base_scenario_id: z.string(),
  run_number: nullableInt,
  success_numeric: nullableNumber,
  success_bool: z.boolean().nullable(),
  status: z.enum(["success", "failed", "exception", "no_validation"]),
  has_exception: z.boolean(),
  exception_type: nullableString,
  exception_message: nullableString,
  rationale: nullableString,
  export_path: nullableString,
  run_duration: nullableNumber,
  job_duration: nullableNumber,
  user_model: nullableString,
  user_provider: nullableString,
  observe_model: nullableString,
  observe_provider: nullableString,
  execute_model: nullableString,
  execute_provider: nullableString,
  agent_type: nullableString,
  proactive_model: nullableString,
  tool_failure_probability: nullableNumber,
  num_env_events_per_minute: nullableInt,
  proposal_count: nullableInt,
  acceptance_count: nullableInt,
  read_only_actions: nullableInt,
  write_actions: nullableInt,
  number_of_turns: nullableInt,
  proposal_rate: nullableNumber,
  acceptance_rate: nullableNumber,
  // Appended by pare-ts; absent from files written by PARE or before they existed.
  run_id: nullableString.default(null),
  seed: nullableInt.default(null),
  config_hash: nullableString.default(null),
  error_class: ErrorClass.nullable().default(null),
  stop_reason: nullableString.default(null),
});
export type ResultRow = z.infer<typeof ResultRow>;

export const ResultRows = z.array(ResultRow);

export class ResultFileError extends Error {
  override name = "ResultFileError";
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => {
      const where = issue.path
        .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
        .join("");
      return `  - row${where || " (root)"}: ${issue.message}`;
    })
    .join("\n");
}

/** Result rows → a frame with the result schema, via column arrays (much faster than rows + schema). */
export function resultFrameFromRows(rows: readonly ResultRow[]): pl.DataFrame {
  const columns: ResultColumnArrays = {};
  for (const name of RESULT_COLUMNS) columns[name] = rows.map((row) => row[name]);
  return resultFrameFromColumns(columns);
}

/** Reads and validates one `*_result.json` file (a JSON array of rows). Errors name the file and the field. */
export function readResultFile(path: string): pl.DataFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ResultFileError(`Cannot read result file ${path}: ${(error as Error).message}`);
  }
  const parsed = ResultRows.safeParse(raw);
  if (!parsed.success) {
    throw new ResultFileError(`Invalid result file ${path}:\n${describeIssues(parsed.error)}`);
  }
  return resultFrameFromRows(parsed.data);
}

/** Concatenates result frames; none (or only empty ones) gives an empty frame with the schema. */
export function combineResultFrames(frames: readonly pl.DataFrame[]): pl.DataFrame {
  const nonEmpty = frames.filter((frame) => frame.height > 0).map((frame) => frame.select(...RESULT_COLUMNS));
  if (nonEmpty.length === 0) return emptyResultFrame();
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  return pl.concat(nonEmpty);
}

export interface CombinedResults {
  frame: pl.DataFrame;
  files: { path: string; rows: number }[];
}

/** Reads several result files (in the given order) into one frame. */
export function combineResultFiles(paths: readonly string[]): CombinedResults {
  const files: { path: string; rows: number }[] = [];
  const frames: pl.DataFrame[] = [];
  for (const path of paths) {
    const frame = readResultFile(path);
    files.push({ path, rows: frame.height });
    frames.push(frame);
  }
  return { frame: combineResultFrames(frames), files };
}

export const COMBINED_RESULT_FILE = "combined_result.json";

/** The `*_result.json` files of a results directory, sorted, without the combined report's own output. */
export function findResultFiles(dir: string, options: { recursive?: boolean } = {}): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { recursive: options.recursive === true, encoding: "utf8" })
    .filter((name) => name.endsWith("_result.json") && basename(name) !== COMBINED_RESULT_FILE)
    .sort()
    .map((name) => join(dir, name));
}
