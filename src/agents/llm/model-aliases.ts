import { z } from "zod";
import { LLMConfigError } from "./errors.js";
import type { AgentRole } from "./types.js";

export const ModelAliasEntry = z.object({
  /** Model name as the provider expects it. */
  model: z.string().min(1),
  provider: z.string().min(1),
  /** Default endpoint; null means the provider's own. */
  baseUrl: z.string().nullable().default(null),
  /** Extra provider settings (the Bedrock region) that a non-OpenAI route would need. */
  region: z.string().optional(),
});
export type ModelAliasEntry = z.infer<typeof ModelAliasEntry>;

const fireworks = (name: string): ModelAliasEntry => ({
  model: `accounts/fireworks/models/${name}`,
  provider: "fireworks_ai",
  baseUrl: null,
});
const bedrock = (model: string): ModelAliasEntry => ({
  model,
  provider: "bedrock",
  baseUrl: null,
  region: "us-east-1",
});
const same = (model: string, provider: string): ModelAliasEntry => ({ model, provider, baseUrl: null });

/** Short names accepted by the CLI model flags (PARE spec §7.4). */
export const MODELS_MAP: Readonly<Record<string, ModelAliasEntry>> = {
  "gpt-4o-mini": same("gpt-4o-mini", "openai"),
  "gpt-4o": same("gpt-4o", "openai"),
  "gpt-5-mini": same("gpt-5-mini", "openai"),
  "gpt-5": same("gpt-5", "openai"),
  "gpt-oss-20b": fireworks("gpt-oss-20b"),
  "gpt-oss-120b": fireworks("gpt-oss-120b"),
  "claude-4.5-sonnet": same("claude-sonnet-4-5-20250929", "anthropic"),
  "claude-4.5-haiku": same("claude-haiku-4-5-20251001", "anthropic"),
  "claude-4.5-opus": same("claude-opus-4-5-20251101", "anthropic"),
  "llama-4-scout": bedrock("us.meta.llama4-scout-17b-instruct-v1:0"),
  "llama-4-maverick": bedrock("us.meta.llama4-maverick-17b-instruct-v1:0"),
  "llama-3.3-70B": bedrock("us.meta.llama3-3-70b-instruct-v1:0"),
  "deepseek-v3.2": fireworks("deepseek-v3p2"),
  "qwen-3-8B-base": fireworks("qwen3-8b"),
  "minimax-2.5": fireworks("minimax-m2p5"),
  "gemini-3-pro": same("gemini/gemini-3-pro-preview", "gemini"),
  "gemini-3-flash": same("gemini/gemini-3-flash-preview", "gemini"),
};

export const ResolvedModel = z.object({
  model: z.string().min(1),
  provider: z.string().min(1),
  /** Null: use the provider's default endpoint. */
  baseUrl: z.string().nullable(),
  /** Short name used in run descriptors and result file names. */
  alias: z.string().min(1),
});
export type ResolvedModel = z.infer<typeof ResolvedModel>;

function providerFlag(role: AgentRole | undefined): string {
  return role ? `--${role}-provider` : "--user-provider / --observe-provider / --execute-provider";
}

/**
 * Turns a CLI model value into a concrete model/provider/endpoint. A MODELS_MAP alias supplies its
 * own provider and endpoint, which explicit flags override; any other name needs a provider.
 */
export function resolveModel(
  model: string,
  provider?: string | null,
  baseUrl?: string | null,
  role?: AgentRole,
): ResolvedModel {
  const name = model.trim();
  if (name === "") throw new LLMConfigError(`model name is empty${role ? ` (--${role}-model)` : ""}`);
  const givenProvider = provider?.trim() || undefined;
  const givenBaseUrl = baseUrl?.trim() || undefined;
  const entry = Object.hasOwn(MODELS_MAP, name) ? MODELS_MAP[name] : undefined;
  if (entry) {
    return {
      model: entry.model,
      provider: givenProvider ?? entry.provider,
      baseUrl: givenBaseUrl ?? entry.baseUrl,
      alias: name,
    };
  }
  if (!givenProvider) {
    throw new LLMConfigError(
      `Provider is required for model '${name}'. Use ${providerFlag(role)} or add the model to MODELS_MAP.`,
      { model: name },
    );
  }
  const alias = name.slice(name.lastIndexOf("/") + 1) || name;
  return { model: name, provider: givenProvider, baseUrl: givenBaseUrl ?? null, alias };
}
