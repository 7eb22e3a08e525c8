import { type EngineConfig, roleToolCalling, type ScenarioRunnerConfig } from "../../runner/config.js";
import type { AgentPolicies, PolicyFactory } from "../../runner/scenario-runner.js";
import type { PAREScenario } from "../../scenarios/pare-scenario.js";
import { registerUrlSecrets } from "../../util/secrets.js";
import { createEngine, PROVIDER_DEFAULTS } from "../llm/engine-factory.js";
import { LLMConfigError, LLMFatalError } from "../llm/errors.js";
import { MeteredEngine } from "../llm/metered-engine.js";
import { type ResolvedModel, resolveModel } from "../llm/model-aliases.js";
import type { EngineDeps } from "../llm/openai-compatible-engine.js";
import { RedactingEngine } from "../llm/redacting-engine.js";
import { CachingEngine, ResponseCache } from "../llm/response-cache.js";
import type { AgentRole, CallContext, ChatRequest, ChatResponse, LLMEngine } from "../llm/types.js";
import { UsageLedger } from "../llm/usage-ledger.js";
import { buildExecutePrompt } from "./execute-prompt.js";
import { LlmPolicy, type LlmPolicyOptions } from "./llm-policy.js";
import { buildObservePrompt } from "./observe-prompt.js";
import type { PromptContext } from "./prompt-template.js";
import { buildUserPrompt } from "./user-prompt.js";

/** The engine part of a runner config (single- or multi-scenario). */
export interface LlmEnginesConfig {
  userEngine: EngineConfig;
  observeEngine: EngineConfig;
  executeEngine: EngineConfig;
}

export interface LlmPolicyFactoryOptions {
  /** Response cache directory; null or absent: every call goes to the model. */
  cacheDir?: string | null;
  /** Serve every call from the cache; a miss fails the run. Needs `cacheDir`; never needs a key. */
  replay?: boolean;
  /** Per HTTP attempt. */
  timeoutMs?: number;
  /** Retries per call after the first attempt. */
  maxRetries?: number;
  retryBudgetMs?: number;
  /** Correction retries within one step after an unusable output; overrides the run config's `maxFormatRetries`. */
  maxParseRetries?: number;
  /** Key variable for engines whose config names none (a config's own `apiKeyEnv` wins). */
  apiKeyEnv?: string;
  /** Injected sleep/clock/env for the HTTP engines (tests). */
  engineDeps?: EngineDeps;
  /** Use these engines instead of building HTTP ones (scripted runs, tests); still cached and metered. */
  engines?: Partial<Record<AgentRole, LLMEngine>>;
  /** Where usage is recorded; a new ledger by default. */
  ledger?: UsageLedger;
}

export interface LlmPolicyFactory {
  policies: PolicyFactory;
  ledger: UsageLedger;
  /** The engines the policies call (metered, and cached when a cache directory is set). */
  engines: Record<AgentRole, LLMEngine>;
}

const ROLES: readonly AgentRole[] = ["user", "observe", "execute"];

/** The model name the HTTP engine would send (provider route prefixes removed), so replay keys match. */
function engineModelName(resolved: ResolvedModel): string {
  const prefix = Object.hasOwn(PROVIDER_DEFAULTS, resolved.provider)
    ? PROVIDER_DEFAULTS[resolved.provider]?.stripModelPrefix
    : undefined;
  return prefix && resolved.model.startsWith(prefix) ? resolved.model.slice(prefix.length) : resolved.model;
}

/** Stands in for the HTTP engine under replay: the cache answers everything, so no key or endpoint is needed. */
class ReplayOnlyEngine implements LLMEngine {
  constructor(
    readonly model: string,
    readonly provider: string,
  ) {}
  complete(_request: ChatRequest, ctx: CallContext): Promise<ChatResponse> {
    return Promise.reject(
      new LLMFatalError({
        message: `replay mode reached the model ${this.model} for role ${ctx.role}; only the response cache may answer`,
        model: this.model,
        provider: this.provider,
        attempts: 0,
        infrastructure: true,
      }),
    );
  }
}

function engineFor(role: AgentRole, config: EngineConfig, options: LlmPolicyFactoryOptions): LLMEngine {
  const injected = options.engines?.[role];
  if (injected) return injected;
  const resolved = resolveModel(config.model, config.provider, config.baseUrl, role);
  registerUrlSecrets(resolved.baseUrl);
  if (options.replay) return new ReplayOnlyEngine(engineModelName(resolved), resolved.provider);
  const apiKeyEnv = config.apiKeyEnv ?? options.apiKeyEnv;
  return createEngine(resolved, {
    role,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.retryBudgetMs !== undefined ? { retryBudgetMs: options.retryBudgetMs } : {}),
    ...(apiKeyEnv !== undefined ? { apiKeyEnv } : {}),
    ...(options.engineDeps ? { deps: options.engineDeps } : {}),
  });
}

/** What the prompts are built from; without a run config the prompts describe the default loop. */
export function promptContext(
  scenario: PAREScenario,
  config?: Pick<ScenarioRunnerConfig, "handOverNotice" | "executeFollowUps">,
  toolCalling?: PromptContext["toolCalling"],
): PromptContext {
  return {
    apps: scenario.apps,
    startTime: scenario.startTime,
    additionalSystemPrompt: scenario.additionalSystemPrompt,
    ...(config
      ? { loop: { handOverNotice: config.handOverNotice, executeFollowUps: config.executeFollowUps } }
      : {}),
    ...(toolCalling ? { toolCalling } : {}),
  };
}

/**
 * Builds one engine per role (resolved model, timeout, retries; then the response cache, then the
 * usage ledger around it) and a PolicyFactory that gives every scenario run three fresh LLM policies.
 * Engines are shared by all runs: cache keys carry the scenario id and run number, so concurrent runs
 * never share occurrence counters. Configuration errors (unknown provider, missing key) throw here.
 */
export function createLlmPolicyFactory(
  config: LlmEnginesConfig,
  options: LlmPolicyFactoryOptions = {},
): LlmPolicyFactory {
  const cacheDir = options.cacheDir ?? null;
  if (options.replay && cacheDir === null) {
    throw new LLMConfigError("replay needs a response cache directory to replay from");
  }
  const ledger = options.ledger ?? new UsageLedger();
  const cache = cacheDir === null ? null : new ResponseCache(cacheDir);
  const engineConfigs: Record<AgentRole, EngineConfig> = {
    user: config.userEngine,
    observe: config.observeEngine,
    execute: config.executeEngine,
  };
  const engines = {} as Record<AgentRole, LLMEngine>;
  for (const role of ROLES) {
    // Secrets are removed from answers below the cache, so neither the cache nor the agent ever holds them.
    const base = new RedactingEngine(engineFor(role, engineConfigs[role], options));
    const cached = cache ? new CachingEngine(base, { cache, replay: options.replay === true }) : base;
    engines[role] = new MeteredEngine(cached, ledger);
  }

  const policies: PolicyFactory = (scenario, runConfig, runNumber): AgentPolicies => {
    const ctx = (role: AgentRole) => promptContext(scenario, runConfig, roleToolCalling(runConfig, role));
    const policy = (role: AgentRole, systemPrompt: LlmPolicyOptions["systemPrompt"]) => {
      const temperature = engineConfigs[role].temperature;
      return new LlmPolicy({
        toolCalling: roleToolCalling(runConfig, role),
        appendOnlyHistory: role === "user" && runConfig.appendOnlyUserHistory === true,
        role,
        engine: engines[role],
        systemPrompt,
        scenarioId: scenario.scenarioId,
        runNumber: runNumber ?? 1,
        ...(temperature !== undefined ? { temperature } : {}),
        maxParseRetries: options.maxParseRetries ?? runConfig.maxFormatRetries,
        observationCharLimit: runConfig.observationCharLimit,
      });
    };
    return {
      user: policy("user", () => buildUserPrompt(ctx("user"))),
      observe: policy("observe", (tools) => buildObservePrompt(ctx("observe"), tools)),
      execute: policy("execute", (tools) => buildExecutePrompt(ctx("execute"), tools)),
    };
  };
  return { policies, ledger, engines };
}
