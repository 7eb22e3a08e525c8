/** JSON-shaped values: what tool arguments, return values and app states are made of. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A detached copy of a JSON-shaped value, so later state changes cannot rewrite what was logged. */
export function cloneJson<T>(value: T): T {
  if (value === undefined || value === null || typeof value !== "object") return value;
  return structuredClone(value);
}
