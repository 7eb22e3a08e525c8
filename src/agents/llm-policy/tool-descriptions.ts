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

/** A rendered description and everything it was rendered from (the definition is the cache key). */
interface RenderedTool {
  publicName: string;
  appName: string;
  description: string;
  returns: string | undefined;
  params: object;
  text: string;
}

/**
 * Tools are rebuilt at every step (the user's list comes with every step, the assistant's in every system prompt)
 * around the same definitions, so a description is rendered once per definition and reused while the names and
 * description it shows are still the tool's (tool augmentation can rename and re-describe a tool).
 */
const renderedTools = new WeakMap<object, RenderedTool>();

/**
 * One tool as models see it: its public name, `Acts on app <App>: <public description>`, its inputs as
 * JSON Schema properties, the required ones, and the return type when the tool declares one.
 */
export function renderToolDescription(tool: AppTool, publicName: string = tool.publicName): string {
  const appName = tool.app.name;
  const description = tool.publicDescription;
  const { returns, params } = tool;
  const hit = renderedTools.get(tool.definition);
  if (
    hit !== undefined &&
    hit.publicName === publicName &&
    hit.appName === appName &&
    hit.description === description &&
    hit.returns === returns &&
    hit.params === params
  )
    return hit.text;
  const lines = [`- ${publicName}: Acts on app ${appName}: ${description}`, ...inputLines(tool)];
  if (returns) lines.push(`    Returns: ${returns}`);
  const text = lines.join("\n");
  renderedTools.set(tool.definition, { publicName, appName, description, returns, params, text });
  return text;
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
  const texts: string[] = [];
  for (const [name, tool] of byName) texts.push(renderToolDescription(tool, name));
  return texts.join("\n\n");
}
