import type { AppTool } from "../../core/app-tool.js";

/** Bounds zod adds to every integer; they say nothing to a model and only cost tokens. */
const NOISE_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

function cleanSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanSchema);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if ((key === "minimum" || key === "maximum") && NOISE_BOUNDS.has(inner as number)) continue;
    if (key === "additionalProperties" && inner === false) continue;
    out[key] = cleanSchema(inner);
  }
  return out;
}

/** The parameters a model sees: JSON Schema properties of the tool, and which of them are required. */
export function toolInputs(tool: AppTool): { properties: Record<string, unknown>; required: string[] } {
  const schema = cleanSchema(tool.jsonSchema) as { properties?: Record<string, unknown>; required?: unknown };
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  return { properties: schema.properties ?? {}, required };
}

/**
 * One tool as models see it: its public name, `Acts on app <App>: <public description>`, its inputs as
 * JSON Schema properties, the required ones, and the return type when the tool declares one.
 */
export function renderToolDescription(tool: AppTool): string {
  const lines = [
    `- ${tool.publicName}: Acts on app ${tool.app.name}: ${tool.publicDescription}`,
    ...inputLines(tool),
  ];
  if (tool.returns) lines.push(`    Returns: ${tool.returns}`);
  return lines.join("\n");
}

/**
 * The inputs part of a description depends only on the parameter schema, so it is rendered once per schema: the
 * user's prompt lists the screen's tools at every step.
 */
const renderedInputs = new WeakMap<object, readonly string[]>();

function inputLines(tool: AppTool): readonly string[] {
  let lines = renderedInputs.get(tool.params);
  if (!lines) {
    const { properties, required } = toolInputs(tool);
    lines = [`    Takes inputs: ${JSON.stringify(properties)}`];
    if (required.length > 0) lines = [...lines, `    Required inputs: ${required.join(", ")}`];
    renderedInputs.set(tool.params, lines);
  }
  return lines;
}

/** Every tool, in the given order, separated by blank lines. */
export function renderToolDescriptions(tools: readonly AppTool[]): string {
  const byName = new Map<string, AppTool>();
  // Like a keyed table: a later duplicate replaces the earlier one in the earlier one's place.
  for (const tool of tools) byName.set(tool.publicName, tool);
  if (byName.size === 0) return "(no tools available)";
  return [...byName.values()].map(renderToolDescription).join("\n\n");
}
