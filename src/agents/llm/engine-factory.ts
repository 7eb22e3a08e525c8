import { LLMConfigError } from "./errors.js";
import type { ResolvedModel } from "./model-aliases.js";
import { type EngineDeps, OpenAICompatibleEngine } from "./openai-compatible-engine.js";

export interface ProviderDefaults {
  /** OpenAI-compatible base URL; null means the caller must supply an endpoint. */
  baseUrl: string | null;
  apiKeyEnv: string;
  /** Prefix that LiteLLM-style names carry but the provider's own API does not accept. */
  stripModelPrefix?: string;
}

/**
 * OpenAI-compatible routes per provider name. Local providers get their own key variable so that
 * an OPENAI_API_KEY in the environment is never sent to a self-hosted server.
 */
export const PROVIDER_DEFAULTS: Readonly<Record<string, ProviderDefaults>> = {
  openai: { baseUrl: "https://api.openai.com/v1", apiKeyEnv: "OPENAI_API_KEY" },
  anthropic: { baseUrl: "https://api.anthropic.com/v1/", apiKeyEnv: "ANTHROPIC_API_KEY" },
  gemini: {
    baseUrl: "https://generativelanguage.googleapis.com/v1beta/openai/",
    apiKeyEnv: "GEMINI_API_KEY",
    stripModelPrefix: "gemini/",
  },
  fireworks_ai: { baseUrl: "https://api.fireworks.ai/inference/v1", apiKeyEnv: "FIREWORKS_API_KEY" },
  openrouter: {
    baseUrl: "https://openrouter.ai/api/v1",
    apiKeyEnv: "OPENROUTER_API_KEY",
    stripModelPrefix: "openrouter/",
  },
  together_ai: { baseUrl: "https://api.together.xyz/v1", apiKeyEnv: "TOGETHER_API_KEY" },
  deepseek: { baseUrl: "https://api.deepseek.com/v1", apiKeyEnv: "DEEPSEEK_API_KEY" },
  huggingface: { baseUrl: "https://router.huggingface.co/v1", apiKeyEnv: "HF_TOKEN" },
  "llama-api": { baseUrl: "https://api.llama.com/compat/v1", apiKeyEnv: "LLAMA_API_KEY" },
  ollama: { baseUrl: "http://localhost:11434/v1", apiKeyEnv: "OLLAMA_API_KEY" },
  vllm: { baseUrl: null, apiKeyEnv: "VLLM_API_KEY" },
  hosted_vllm: { baseUrl: null, apiKeyEnv: "VLLM_API_KEY" },
  local: { baseUrl: null, apiKeyEnv: "LOCAL_LLM_API_KEY" },
  // No OpenAI-compatible route of its own: reachable only through a gateway given as the endpoint.
  bedrock: { baseUrl: null, apiKeyEnv: "BEDROCK_GATEWAY_API_KEY" },
};

export interface CreateEngineOptions {
  timeoutMs?: number;
  maxRetries?: number;
  retryBudgetMs?: number;
  /** Overrides the provider's key variable name. */
  apiKeyEnv?: string;
  sendStop?: boolean;
  deps?: EngineDeps;
  /** Names the CLI flag in configuration errors. */
  role?: "user" | "observe" | "execute";
}

/** Builds the OpenAI-compatible engine for a resolved model, filling in provider routes. */
export function createEngine(
  resolved: ResolvedModel,
  options: CreateEngineOptions = {},
): OpenAICompatibleEngine {
  const defaults: ProviderDefaults | undefined = Object.hasOwn(PROVIDER_DEFAULTS, resolved.provider)
    ? PROVIDER_DEFAULTS[resolved.provider]
    : undefined;
  const env = options.deps?.env ?? process.env;
  // The OpenAI ecosystem's convention: OPENAI_BASE_URL moves the openai provider's endpoint (a proxy, a gateway).
  const providerBase =
    resolved.provider === "llama-api"
      ? (env.LLAMA_API_BASE ?? defaults?.baseUrl)
      : resolved.provider === "openai"
        ? env.OPENAI_BASE_URL || defaults?.baseUrl
        : defaults?.baseUrl;
  const baseUrl = resolved.baseUrl ?? providerBase ?? null;
  if (!baseUrl) {
    const flag = options.role ? `--${options.role}-base-url` : "the role's --*-base-url flag";
    throw new LLMConfigError(
      `provider '${resolved.provider}' has no default OpenAI-compatible endpoint for model '${resolved.model}'; pass ${flag}`,
      { model: resolved.model, provider: resolved.provider },
    );
  }
  const prefix = defaults?.stripModelPrefix;
  const model =
    prefix && resolved.model.startsWith(prefix) ? resolved.model.slice(prefix.length) : resolved.model;
  return new OpenAICompatibleEngine(
    {
      model,
      provider: resolved.provider,
      baseUrl,
      apiKeyEnv: options.apiKeyEnv ?? defaults?.apiKeyEnv ?? "OPENAI_API_KEY",
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      ...(options.retryBudgetMs !== undefined ? { retryBudgetMs: options.retryBudgetMs } : {}),
      ...(options.sendStop !== undefined ? { sendStop: options.sendStop } : {}),
    },
    options.deps,
  );
}
