import type { ExceptionKind } from "../scenarios/validation-result.js";

/** Node error codes of the machine's disks and descriptors: the harness's environment, not the model. */
const SYSTEM_CODES = new Set([
  "EACCES",
  "EPERM",
  "ENOSPC",
  "EDQUOT",
  "EROFS",
  "EIO",
  "EMFILE",
  "ENFILE",
  "ENOTDIR",
  "EISDIR",
  "EBUSY",
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
]);

/** HTTP statuses that mean the user's setup is wrong (credentials, model name), not the model's output. */
const CONFIGURATION_STATUSES = new Set([401, 403, 404]);

/**
 * Who is at fault for an error that ended a run (`ExceptionKind`, shown as an `ErrorClass`):
 * - the run's own wall-clock limit → `timeout`;
 * - LLM errors: bad credentials or unknown model (HTTP 401/403/404) and engine setup → `config`; transport,
 *   HTTP 5xx/429 after retries and LLM timeouts → `infrastructure`; a request the server refused (400/422) → `agent`;
 * - errors that say who they are (`kind` of ScenarioError, ConfigError; `infrastructure: true`);
 * - disk, descriptor and socket errors (EACCES, ENOSPC, …) → `infrastructure`;
 * - anything else → `fallback`: the stage that was running decides (scenario code, agent code).
 */
export function faultKindOf(error: unknown, fallback: ExceptionKind): ExceptionKind {
  if (!error || typeof error !== "object") return fallback;
  const e = error as {
    name?: unknown;
    kind?: unknown;
    infrastructure?: unknown;
    status?: unknown;
    code?: unknown;
  };
  if (e.name === "ScenarioTimeoutError") return "timeout";
  const llm = typeof e.infrastructure === "boolean" && typeof e.kind === "string";
  if (llm) {
    if (e.kind === "config") return "config";
    if (typeof e.status === "number" && CONFIGURATION_STATUSES.has(e.status)) return "config";
    if (e.kind === "aborted") return "timeout";
    return e.infrastructure ? "infrastructure" : "agent";
  }
  if (e.name === "AbortError") return "timeout";
  if (e.kind === "timeout") return "timeout";
  if (e.kind === "scenario") return "scenario";
  if (e.kind === "config") return "config";
  if (e.infrastructure === true) return "infrastructure";
  if (typeof e.code === "string" && SYSTEM_CODES.has(e.code)) return "infrastructure";
  return fallback;
}
