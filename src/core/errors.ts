/** Who is at fault when something goes wrong; the runner uses it to keep infrastructure apart from agents. */
export type FaultKind = "agent" | "infrastructure" | "scenario" | "timeout" | "config";

export type ToolErrorCode =
  | "invalid_arguments"
  | "not_found"
  | "invalid_state"
  | "injected_failure"
  | "unknown_tool"
  | "not_available"
  | "failed";

/** An error a tool call returns to the caller (agent or user); the simulation goes on. */
export class ToolError extends Error {
  override readonly name = "ToolError";
  constructor(
    readonly code: ToolErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends ToolError {
  constructor(message: string) {
    super("not_found", message);
  }
}

export class InvalidStateError extends ToolError {
  constructor(message: string) {
    super("invalid_state", message);
  }
}

export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  readonly kind: FaultKind = "scenario";
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly kind: FaultKind = "config";
}

export function errorTypeName(error: unknown): string {
  if (error instanceof Error)
    return error.name && error.name !== "Error" ? error.name : error.constructor.name;
  return typeof error;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
