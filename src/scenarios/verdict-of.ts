import { ScenarioError } from "../core/errors.js";
import { Checklist, type ScenarioVerdict } from "./scenario-verdict.js";

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return name && name !== "Object"
      ? `a ${name}`
      : `an object with keys ${Object.keys(value).join(", ") || "(none)"}`;
  }
  return `a ${typeof value}`;
}

/**
 * What a scenario's `validate(env)` returned, checked: a verdict (`{ success: boolean, rationale: string }`),
 * or a `Checklist` (its verdict is taken). Anything else (a Promise from an `async validate()`, a bare boolean)
 * is the scenario's fault, reported in one line that names the scenario and what to return instead.
 */
export function verdictOf(scenarioId: string, value: unknown): ScenarioVerdict {
  if (value instanceof Checklist) return value.verdict();
  if (value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function")
    throw new ScenarioError(
      `scenario ${scenarioId}: validate() returned a Promise; validators must be synchronous (remove 'async') and return { success, rationale } or a Checklist`,
    );
  const v = value as Partial<ScenarioVerdict> | null;
  if (v === null || typeof v !== "object" || typeof v.success !== "boolean")
    throw new ScenarioError(
      `scenario ${scenarioId}: validate() returned ${describe(value)}; it must return { success: boolean, rationale: string } or a Checklist`,
    );
  if (v.rationale !== undefined && v.rationale !== null && typeof v.rationale !== "string")
    throw new ScenarioError(`scenario ${scenarioId}: validate() returned a rationale that is not a string`);
  return { success: v.success, rationale: typeof v.rationale === "string" ? v.rationale : "" };
}
