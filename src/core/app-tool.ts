import { z } from "zod";
import type { App } from "./app.js";
import { ToolError } from "./errors.js";
import type { Operation, ToolKind } from "./event-types.js";
import type { ToolDefinition, ToolHost } from "./tool-decorators.js";

export const TOOL_FAILURE_MESSAGE = "Internal error - Retry again later";

/**
 * JSON Schemas by parameter schema. Tools are rebuilt at every agent step (the screen decides which
 * exist), and converting zod to JSON Schema each time was most of the harness's CPU per model call.
 * The schemas never change after decoration; readers must not mutate the shared result.
 */
const jsonSchemas = new WeakMap<z.ZodObject, Record<string, unknown>>();

/** A callable tool bound to its receiver (an app or one of its screens), as agents see it. */
export class AppTool {
  /** Internal name `AppName__method`; events and logs use it. */
  readonly name: string;
  private jsonSchemaCache: Record<string, unknown> | undefined;

  constructor(
    readonly app: App,
    readonly receiver: ToolHost,
    readonly definition: ToolDefinition,
    readonly kind: ToolKind,
    /** Probability that a call fails before running (agent tools only). */
    readonly failureProbability = 0,
  ) {
    this.name = `${app.name}__${definition.methodName}`;
  }

  get methodName(): string {
    return this.definition.methodName;
  }

  get operation(): Operation {
    return this.definition.op;
  }

  get isWrite(): boolean {
    return this.definition.op === "write";
  }

  /** The name a model sees; tool augmentation may rename it. */
  get publicName(): string {
    return this.app.publicToolName(this.definition.methodName) ?? this.name;
  }

  get description(): string {
    return this.definition.description;
  }

  /** The description a model sees; tool augmentation may rewrite it. */
  get publicDescription(): string {
    return this.app.publicToolDescription(this.definition.methodName) ?? this.definition.description;
  }

  get returns(): string | undefined {
    return this.definition.returns;
  }

  get params(): z.ZodObject {
    return this.definition.params;
  }

  /** JSON Schema of the parameters, derived from the zod schema. */
  get jsonSchema(): Record<string, unknown> {
    if (!this.jsonSchemaCache) {
      const params = this.definition.params;
      let schema = jsonSchemas.get(params);
      if (!schema) {
        schema = z.toJSONSchema(params, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
        delete schema.$schema;
        jsonSchemas.set(params, schema);
      }
      this.jsonSchemaCache = schema;
    }
    return this.jsonSchemaCache;
  }

  /**
   * Calls the tool. For agent tools a seeded draw first decides whether the call fails; an injected
   * failure never runs the method, is logged, and reaches the caller as a ToolError.
   */
  call(args: unknown): unknown {
    if (this.failureProbability > 0 && this.app.drawToolFailure(this.name) < this.failureProbability) {
      const error = new ToolError(
        "injected_failure",
        `Calling ${this.name} failed with error: ${TOOL_FAILURE_MESSAGE}`,
      );
      this.app.logInjectedFailure(this.definition, args, error);
      throw error;
    }
    const method = (this.receiver as unknown as Record<string, unknown>)[this.definition.methodName];
    if (typeof method !== "function")
      throw new ToolError("unknown_tool", `Tool ${this.name} has no implementation`);
    const result = (method as (a: unknown) => unknown).call(this.receiver, args ?? {});
    return this.kind === "agent" && this.definition.llmFormatter
      ? this.definition.llmFormatter(result)
      : result;
  }
}
