import { z } from "zod";
import { PareTrace, TRACE_SCHEMA_VERSION } from "./trace-schema.js";

/**
 * The trace format as a JSON Schema (draft 2020-12), generated from the zod schema the reader validates with, so
 * the two cannot drift. `$id` carries the format version; a trace file's `version` field names the same one.
 */
export function traceJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PareTrace, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    $id: `urn:pare-ts:trace:${TRACE_SCHEMA_VERSION}`,
    title: `pare-ts run trace (${TRACE_SCHEMA_VERSION})`,
    description:
      "One scenario run: config, result, the environment's event log, the agents' steps and, in full traces, every model call's request and output by content hash (see docs/trace-schema.md).",
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema")),
  };
}
