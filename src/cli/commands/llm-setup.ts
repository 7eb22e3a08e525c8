import { probeEndpoint } from "../../agents/llm/endpoint-probe.js";
import { createEngine } from "../../agents/llm/engine-factory.js";
import { isLLMError } from "../../agents/llm/errors.js";
import { MODELS_MAP, resolveModel } from "../../agents/llm/model-aliases.js";
import {
  estimateLedgerCost,
  type ModelPrice,
  PriceFileError,
  type PriceTable,
  priceTableFor,
} from "../../agents/llm/pricing.js";
import { AgentRole } from "../../agents/llm/types.js";
import type { UsageSummary } from "../../agents/llm/usage-ledger.js";
import { createLlmPolicyFactory } from "../../agents/llm-policy/policy-factory.js";
import type { EngineConfig, MultiScenarioRunnerConfig } from "../../runner/config.js";
import type { RunManifest } from "../../runner/run-manifest.js";
import type { PolicyFactory } from "../../runner/scenario-runner.js";
import { CliError } from "../cli-error.js";

/** LLM flags of `pare benchmark run`. */
export interface LlmCliOptions {
  userModel?: string;
  observeModel?: string;
  executeModel?: string;
  provider?: string;
  userProvider?: string;
  observeProvider?: string;
  executeProvider?: string;
  baseUrl?: string;
  userBaseUrl?: string;
  observeBaseUrl?: string;
  executeBaseUrl?: string;
  apiKeyEnv?: string;
  temperature?: number;
  llmTimeout?: number;
  maxRetries?: number;
  replay?: boolean;
  promptPricePerMtok?: number;
  completionPricePerMtok?: number;
  /** USD per million prompt tokens served from the provider's prompt cache (default: the table's, else the prompt price). */
  cachedPromptPricePerMtok?: number;
  /** A user price file laid over the bundled data/prices.json (default: PARE_PRICES). */
  prices?: string;
  /** Check every distinct endpoint with one tiny call before running. */
  probe?: boolean;
  /** Seconds a starting endpoint may take to answer the probe (default 600). */
  probeTimeout?: number;
}

export interface LlmSetup {
  policies: PolicyFactory;
  /** Token, call and cost totals for the run manifest. */
  usage(): RunManifest["llm"];
}

/**
 * The engine config a role really uses. When a model alias came from a CLI flag without a provider
 * flag, the benchmark command fills in "openai"; the alias's own provider must win then (a Fireworks
 * alias would otherwise be sent to OpenAI). A provider from a config file or a flag is kept.
 */
export function effectiveEngineConfig(
  engine: EngineConfig,
  opts: LlmCliOptions,
  role: AgentRole,
): EngineConfig {
  const fromFlag = opts[`${role}Model`] !== undefined;
  const providerFlag = opts[`${role}Provider`] ?? opts.provider;
  const alias = Object.hasOwn(MODELS_MAP, engine.model) ? MODELS_MAP[engine.model] : undefined;
  if (fromFlag && providerFlag === undefined && alias) return { ...engine, provider: alias.provider };
  return engine;
}

/** The price table of a run: bundled, with the user's file (`--prices`, else PARE_PRICES) over it. */
export function cliPriceTable(opts: LlmCliOptions): PriceTable {
  try {
    return priceTableFor(opts.prices ?? null);
  } catch (error) {
    if (error instanceof PriceFileError) throw new CliError(error.message);
    throw error;
  }
}

/** The CLI's price flags as a per-model override; a flag not given falls back to the table price. */
function priceOverrides(
  summary: UsageSummary,
  opts: LlmCliOptions,
  prices: PriceTable,
): Record<string, ModelPrice> {
  const overrides: Record<string, ModelPrice> = {};
  if (
    opts.promptPricePerMtok === undefined &&
    opts.completionPricePerMtok === undefined &&
    opts.cachedPromptPricePerMtok === undefined
  )
    return overrides;
  for (const model of Object.keys(summary.byModel)) {
    const table = prices.lookup(model);
    const promptPerMTok = opts.promptPricePerMtok ?? table?.promptPerMTok;
    const completionPerMTok = opts.completionPricePerMtok ?? table?.completionPerMTok;
    // A prompt price from the flag without a cached one: cached input at the flag's price, not the table's.
    const cachedPromptPerMTok =
      opts.cachedPromptPricePerMtok ??
      (opts.promptPricePerMtok === undefined ? table?.cachedPromptPerMTok : undefined);
    if (promptPerMTok !== undefined && completionPerMTok !== undefined)
      overrides[model] = {
        promptPerMTok,
        completionPerMTok,
        ...(cachedPromptPerMTok !== undefined ? { cachedPromptPerMTok } : {}),
      };
  }
  return overrides;
}

/**
 * The manifest's `llm` block. Calls count every model call asked for (answered by a model, by the
 * cache, or failed); tokens per role are the tokens spent on real calls (what the cost is computed
 * from; cache-served tokens cost nothing in this run). A model without a known price makes the cost
 * null with pricing source "unknown", never zero.
 */
export function manifestLlmUsage(
  summary: UsageSummary,
  opts: LlmCliOptions = {},
  prices: PriceTable = cliPriceTable(opts),
): RunManifest["llm"] {
  const { totals } = summary;
  const totalCalls = totals.calls + totals.cachedCalls + totals.failedCalls;
  const tokensByRole: RunManifest["llm"]["tokensByRole"] = {};
  for (const role of AgentRole.options) {
    const c = summary.byRole[role];
    if (!c) continue;
    tokensByRole[role] = {
      calls: c.calls,
      cachedCalls: c.cachedCalls,
      promptTokens: c.promptTokens,
      completionTokens: c.completionTokens,
      providerCachedPromptTokens: c.providerCacheReportedCalls > 0 ? c.providerCachedPromptTokens : null,
      providerCacheReportedCalls: c.providerCacheReportedCalls,
    };
  }
  const overrides = priceOverrides(summary, opts, prices);
  const cost = estimateLedgerCost(summary, overrides, prices);
  let estimatedCostUsd: number | null = cost.usd;
  let pricingSource: RunManifest["llm"]["pricingSource"];
  if (Object.keys(summary.byModel).length === 0) {
    estimatedCostUsd = 0;
    pricingSource = "none";
  } else if (cost.usd === null || cost.unknownModels.length > 0) {
    estimatedCostUsd = null;
    pricingSource = "unknown";
  } else {
    pricingSource = Object.keys(overrides).length > 0 ? "override" : "table";
  }
  return {
    totalCalls,
    cachedCalls: totals.cachedCalls,
    cacheHitRate: totalCalls === 0 ? 0 : totals.cachedCalls / totalCalls,
    tokensByRole,
    retries: totals.retries,
    failedCalls: totals.failedCalls,
    successRate: totalCalls === 0 ? 1 : (totalCalls - totals.failedCalls) / totalCalls,
    estimatedCostUsd,
    pricingSource,
  };
}

/**
 * LLM policies for `pare benchmark run`. Timeout, retries and replay come from the flags: they are not
 * part of the runner config because they do not change what a run computes (replay only decides where
 * answers come from). The response cache lives in `cacheDir`; `--no-cache` turns it off unless replaying.
 */
export function setupLlmAgents(
  config: MultiScenarioRunnerConfig,
  opts: LlmCliOptions,
  cacheDir: string,
): LlmSetup {
  const replay = opts.replay === true;
  const engines = {
    userEngine: effectiveEngineConfig(config.userEngine, opts, "user"),
    observeEngine: effectiveEngineConfig(config.observeEngine, opts, "observe"),
    executeEngine: effectiveEngineConfig(config.executeEngine, opts, "execute"),
  };
  // Read before the run, so that a bad price file fails the command rather than the finished job.
  const prices = cliPriceTable(opts);
  let factory: ReturnType<typeof createLlmPolicyFactory>;
  try {
    factory = createLlmPolicyFactory(engines, {
      cacheDir: config.enableCaching || replay ? cacheDir : null,
      replay,
      ...(opts.llmTimeout !== undefined
        ? { timeoutMs: Math.max(1, Math.round(opts.llmTimeout * 1000)) }
        : {}),
      ...(opts.maxRetries !== undefined ? { maxRetries: opts.maxRetries } : {}),
      ...(opts.apiKeyEnv !== undefined ? { apiKeyEnv: opts.apiKeyEnv } : {}),
    });
  } catch (error) {
    // Configuration problems (no provider, no key variable, no endpoint) are the user's to fix: no stack.
    if (isLLMError(error)) throw new CliError(error.message);
    throw error;
  }
  return {
    policies: factory.policies,
    usage: () => manifestLlmUsage(factory.ledger.summary(), opts, prices),
  };
}

/**
 * Sends one tiny call to each distinct (model, provider, base URL) before a run, waiting out endpoints
 * that are still starting (a vLLM server loading weights) and failing fast on configuration errors.
 */
export async function probeLlmEndpoints(
  config: MultiScenarioRunnerConfig,
  opts: LlmCliOptions,
  probe: typeof probeEndpoint = probeEndpoint,
): Promise<number> {
  const seen = new Set<string>();
  for (const role of ["user", "observe", "execute"] as const) {
    const engineConfig = effectiveEngineConfig(config[`${role}Engine`], opts, role);
    const resolved = resolveModel(engineConfig.model, engineConfig.provider, engineConfig.baseUrl, role);
    const key = `${resolved.model}|${resolved.provider}|${resolved.baseUrl ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const apiKeyEnv = engineConfig.apiKeyEnv ?? opts.apiKeyEnv;
    try {
      const engine = createEngine(resolved, {
        role,
        maxRetries: 0,
        timeoutMs: Math.round((opts.llmTimeout ?? 60) * 1000),
        ...(apiKeyEnv !== undefined ? { apiKeyEnv } : {}),
      });
      await probe(engine, { role, timeoutMs: Math.round((opts.probeTimeout ?? 600) * 1000) });
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error));
    }
  }
  return seen.size;
}
