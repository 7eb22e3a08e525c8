import { redactSecrets } from "./secret-redaction.js";

export type LLMErrorKind =
  | "timeout"
  | "rate_limit"
  | "server"
  | "network"
  | "malformed_response"
  | "request_timeout"
  | "conflict"
  | "fatal"
  | "prompt_too_long"
  | "aborted"
  | "replay_miss"
  | "config"
  | "probe";

/** Why retrying stopped, when it did. */
export type RetryExhaustion = "max_retries" | "budget";

export interface LLMErrorInit {
  message: string;
  model: string;
  provider: string;
  status?: number | null;
  attempts?: number;
  /** Caused by the serving stack (network, quota, auth, server) rather than by what the agent asked. */
  infrastructure: boolean;
  retryable?: boolean;
  exhausted?: RetryExhaustion | null;
}

/** Base of every error the LLM layer throws; the message never contains a registered API key. */
export class LLMError extends Error {
  readonly kind: LLMErrorKind;
  readonly model: string;
  readonly provider: string;
  readonly status: number | null;
  attempts: number;
  readonly infrastructure: boolean;
  readonly retryable: boolean;
  exhausted: RetryExhaustion | null;

  constructor(kind: LLMErrorKind, init: LLMErrorInit) {
    super(redactSecrets(init.message));
    this.name = new.target.name;
    this.kind = kind;
    this.model = init.model;
    this.provider = init.provider;
    this.status = init.status ?? null;
    this.attempts = init.attempts ?? 1;
    this.infrastructure = init.infrastructure;
    this.retryable = init.retryable ?? false;
    this.exhausted = init.exhausted ?? null;
  }

  /** Plain data for traces and run results. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      model: this.model,
      provider: this.provider,
      status: this.status,
      attempts: this.attempts,
      infrastructure: this.infrastructure,
      exhausted: this.exhausted,
    };
  }
}

export class LLMTimeoutError extends LLMError {
  readonly timeoutMs: number;
  constructor(
    init: Omit<LLMErrorInit, "message" | "infrastructure"> & { timeoutMs: number; message?: string },
  ) {
    super("timeout", {
      ...init,
      message: init.message ?? `LLM call to ${init.model} timed out after ${init.timeoutMs} ms`,
      infrastructure: true,
      retryable: true,
    });
    this.timeoutMs = init.timeoutMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeoutMs: this.timeoutMs };
  }
}

/** A retryable failure (429, 5xx, 408, 409, network, unparseable body) that outlived its retries. */
export class LLMServerError extends LLMError {
  constructor(
    kind: "rate_limit" | "server" | "network" | "malformed_response" | "request_timeout" | "conflict",
    init: Omit<LLMErrorInit, "infrastructure">,
  ) {
    super(kind, { ...init, infrastructure: true, retryable: true });
  }
}

/** Not worth retrying: the request or the credentials are wrong (400, 401, 403, 404, 422, ...). */
export class LLMFatalError extends LLMError {
  constructor(init: LLMErrorInit, kind: "fatal" | "prompt_too_long" = "fatal") {
    super(kind, { ...init, retryable: false });
  }
}

/** The request exceeded the model's context window; the agent may shorten its history and try again. */
export class LLMPromptTooLongError extends LLMFatalError {
  constructor(init: Omit<LLMErrorInit, "infrastructure">) {
    super({ ...init, infrastructure: false }, "prompt_too_long");
  }
}

/** The caller's AbortSignal fired; never retried. */
export class LLMAbortedError extends LLMError {
  constructor(init: Omit<LLMErrorInit, "infrastructure" | "message"> & { message?: string }) {
    super("aborted", {
      ...init,
      message: init.message ?? `LLM call to ${init.model} was aborted`,
      infrastructure: false,
    });
  }
}

/** Replay mode found no recorded response for a request, so the run would diverge from its recording. */
export class LLMReplayMissError extends LLMError {
  readonly cacheKey: string;
  constructor(init: { model: string; provider: string; cacheKey: string; detail?: string }) {
    super("replay_miss", {
      model: init.model,
      provider: init.provider,
      attempts: 0,
      infrastructure: true,
      message:
        `no recorded response for ${init.model} (cache key ${init.cacheKey})` +
        (init.detail ? `: ${init.detail}` : "") +
        "; the run diverged from its recording or the cache directory is wrong",
    });
    this.cacheKey = init.cacheKey;
  }
}

/** Engine construction or model resolution failed (unknown provider, missing key variable, ...). */
export class LLMConfigError extends LLMError {
  constructor(message: string, init: { model?: string; provider?: string } = {}) {
    super("config", {
      message,
      model: init.model ?? "",
      provider: init.provider ?? "",
      attempts: 0,
      infrastructure: true,
    });
  }
}

/** The endpoint probe gave up before the benchmark started. */
export class LLMProbeError extends LLMError {
  constructor(init: Omit<LLMErrorInit, "infrastructure">) {
    super("probe", { ...init, infrastructure: true });
  }
}

export function isLLMError(error: unknown): error is LLMError {
  return error instanceof LLMError;
}
