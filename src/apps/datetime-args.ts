import { z } from "zod";
import { parseDateTime } from "../core/clock.js";
import { ToolError } from "../core/errors.js";

const DATETIME_HINT = "a UTC datetime formatted YYYY-MM-DD HH:MM:SS";

/** A datetime tool argument: checked when the call is validated, so a bad value is an error naming the field. */
export const DateTimeArg = (description: string) =>
  z
    .string()
    .refine((s) => parseDateTime(s) !== null, { message: `expected ${DATETIME_HINT}` })
    .describe(`${description} (${DATETIME_HINT})`);

/** Parses a datetime argument; the error names the field. */
export function parseDateTimeArg(value: string, field: string): number {
  const t = parseDateTime(value);
  if (t === null)
    throw new ToolError("invalid_arguments", `${field}: '${value}' is not ${DATETIME_HINT}`, field);
  return t;
}

/** `YYYY-MM-DD HH:MM:SS` (UTC); kept a string so captured arguments re-validate unchanged. */
export const DateTimeText = z
  .string()
  .refine((s) => parseDateTime(s) !== null, "expected a valid date 'YYYY-MM-DD HH:MM:SS'");

/** A time for seeding: POSIX seconds or a `YYYY-MM-DD HH:MM:SS` string. */
export const TimeInput = z.union([z.number().finite(), DateTimeText]);

export function timeValue(t: number | string): number {
  return typeof t === "number" ? t : (parseDateTime(t) as number);
}
