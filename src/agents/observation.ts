/**
 * How a tool result is shown to a model. PARE shows `str(result)` whole; pare-ts shows JSON and, by default,
 * cuts it at this many characters (`observationCharLimit` in the runner config, `--observation-limit`).
 */
export const DEFAULT_OBSERVATION_CHAR_LIMIT = 4000;

/** A tool result as a model sees it: JSON (strings as they are), cut at `limit` characters unless null. */
export function renderObservation(
  value: unknown,
  limit: number | null = DEFAULT_OBSERVATION_CHAR_LIMIT,
): string {
  if (value === undefined || value === null || value === "") return "No observation";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return limit !== null && text.length > limit ? `${text.slice(0, limit)}… (truncated)` : text;
}
