import type { AppTool } from "../../core/app-tool.js";
import { sha256Hex } from "../../util/stable-hash.js";
import { type ToolSpec, WIRE_TOOL_NAME } from "../llm/types.js";
import { toolInputs } from "./tool-descriptions.js";

/** Characters kept of a name that must be shortened; the rest of the 64 is `_` and an 8-hex hash of the whole name. */
const KEPT_PREFIX = 55;

/**
 * The name a tool gets on the wire in native mode. A name providers accept already is sent unchanged
 * (every bundled tool's is); any other is rewritten — characters outside `[a-zA-Z0-9_-]` become `_`, the result is
 * cut to 55 characters and `_` plus 8 hex digits of the sha256 of the original name are appended — so two names
 * that differ only in rewritten characters still get different wire names. Pure: the same name always maps the same
 * way, in every process.
 */
export function wireToolName(publicName: string): string {
  if (WIRE_TOOL_NAME.test(publicName)) return publicName;
  const cleaned = publicName.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, KEPT_PREFIX);
  return `${cleaned}_${sha256Hex(publicName).slice(0, 8)}`;
}

/** The tools of one native request, and the way back from a wire name to the tool's public name. */
export interface NativeToolSet {
  specs: ToolSpec[];
  /** Wire name → public name (the name the react loop resolves). */
  toPublic: ReadonlyMap<string, string>;
}

export class ToolNameCollisionError extends Error {
  override name = "ToolNameCollisionError";
}

/** One tool as a native function: wire name, `Acts on app <App>: <description>` (and its return type), JSON Schema. */
export function toolSpec(tool: AppTool): ToolSpec {
  // Built once per tool while its public name and description stay the same: the user's tools come every step.
  const memo = specs.get(tool);
  if (memo && memo.name === tool.publicName && memo.description === tool.publicDescription) return memo.spec;
  const spec = buildSpec(tool);
  specs.set(tool, { name: tool.publicName, description: tool.publicDescription, spec });
  return spec;
}

const specs = new WeakMap<AppTool, { name: string; description: string; spec: ToolSpec }>();

function buildSpec(tool: AppTool): ToolSpec {
  const { properties, required } = toolInputs(tool);
  const description = `Acts on app ${tool.app.name}: ${tool.publicDescription}${tool.returns ? `\nReturns: ${tool.returns}` : ""}`;
  const parameters: Record<string, unknown> = { type: "object", properties };
  if (required.length > 0) parameters.required = required;
  return { name: wireToolName(tool.publicName), description, parameters };
}

/**
 * The role's current tools as native functions, in the given order; a later tool with the same public name
 * replaces the earlier one in its place (as in the text tool list). Two different public names that map to one
 * wire name are a scenario defect and throw.
 */
export function nativeToolSet(tools: readonly AppTool[]): NativeToolSet {
  const byName = new Map<string, AppTool>();
  for (const tool of tools) byName.set(tool.publicName, tool);
  const toPublic = new Map<string, string>();
  const specs: ToolSpec[] = [];
  for (const [publicName, tool] of byName) {
    const spec = toolSpec(tool);
    const clash = toPublic.get(spec.name);
    if (clash !== undefined)
      throw new ToolNameCollisionError(
        `tools ${clash} and ${publicName} map to the same native tool name ${spec.name}`,
      );
    toPublic.set(spec.name, publicName);
    specs.push(spec);
  }
  return { specs, toPublic };
}
