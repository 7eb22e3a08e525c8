import { z } from "zod";
import { isLLMError } from "./errors.js";
import { AgentRole, type ChatResponse } from "./types.js";

const Count = z.number().int().nonnegative();

export const UsageCounters = z.object({
  /** Calls answered by a model (not by the cache). */
  calls: Count,
  /** Calls answered from the response cache; their tokens are in cachedTokens, not promptTokens. */
  cachedCalls: Count,
  /** Calls that ended in an error after any retries. */
  failedCalls: Count,
  /** Extra HTTP attempts over all calls, successful or not. */
  retries: Count,
  promptTokens: Count,
  completionTokens: Count,
  cachedTokens: z.object({ promptTokens: Count, completionTokens: Count }),
  /** Real calls whose token counts were estimated because the server reported none. */
  estimatedUsageCalls: Count,
  /** Of promptTokens, those the provider served from its own prompt (prefix) cache, where it said so. */
  providerCachedPromptTokens: Count.default(0),
  /** Real calls whose server reported its prompt-cache hits (a server that never does leaves this 0: n/a). */
  providerCacheReportedCalls: Count.default(0),
  /** Sum of measured wall latency of real successful calls; informational. */
  latencyMs: z.number().nonnegative(),
});
export type UsageCounters = z.infer<typeof UsageCounters>;

export const UsageSummary = z.object({
  byRole: z.record(AgentRole, UsageCounters),
  byModel: z.record(z.string(), UsageCounters),
  totals: UsageCounters,
});
export type UsageSummary = z.infer<typeof UsageSummary>;

export function emptyCounters(): UsageCounters {
  return {
    calls: 0,
    cachedCalls: 0,
    failedCalls: 0,
    retries: 0,
    promptTokens: 0,
    completionTokens: 0,
    cachedTokens: { promptTokens: 0, completionTokens: 0 },
    estimatedUsageCalls: 0,
    providerCachedPromptTokens: 0,
    providerCacheReportedCalls: 0,
    latencyMs: 0,
  };
}

function addInto(target: UsageCounters, delta: UsageCounters): void {
  target.calls += delta.calls;
  target.cachedCalls += delta.cachedCalls;
  target.failedCalls += delta.failedCalls;
  target.retries += delta.retries;
  target.promptTokens += delta.promptTokens;
  target.completionTokens += delta.completionTokens;
  target.cachedTokens.promptTokens += delta.cachedTokens.promptTokens;
  target.cachedTokens.completionTokens += delta.cachedTokens.completionTokens;
  target.estimatedUsageCalls += delta.estimatedUsageCalls;
  target.providerCachedPromptTokens += delta.providerCachedPromptTokens ?? 0;
  target.providerCacheReportedCalls += delta.providerCacheReportedCalls ?? 0;
  target.latencyMs += delta.latencyMs;
}

function cloneCounters(c: UsageCounters): UsageCounters {
  return { ...c, cachedTokens: { ...c.cachedTokens } };
}

/** Token and call accounting per agent role and per model. */
export class UsageLedger {
  private readonly roles = new Map<AgentRole, UsageCounters>();
  private readonly models = new Map<string, UsageCounters>();

  recordResponse(role: AgentRole, model: string, response: ChatResponse): void {
    const delta = emptyCounters();
    if (response.cached) {
      delta.cachedCalls = 1;
      delta.cachedTokens.promptTokens = response.usage.promptTokens;
      delta.cachedTokens.completionTokens = response.usage.completionTokens;
    } else {
      delta.calls = 1;
      delta.retries = Math.max(0, response.attempts - 1);
      delta.promptTokens = response.usage.promptTokens;
      delta.completionTokens = response.usage.completionTokens;
      delta.estimatedUsageCalls = response.usage.estimated ? 1 : 0;
      const providerCached = response.usage.providerCachedPromptTokens;
      if (providerCached !== undefined) {
        delta.providerCachedPromptTokens = providerCached;
        delta.providerCacheReportedCalls = 1;
      }
      delta.latencyMs = response.latencyMs;
    }
    this.add(role, model, delta);
  }

  recordFailure(role: AgentRole, model: string, error: unknown): void {
    const delta = emptyCounters();
    delta.failedCalls = 1;
    const attempts = isLLMError(error) ? error.attempts : 1;
    delta.retries = Math.max(0, attempts - 1);
    this.add(role, model, delta);
  }

  private add(role: AgentRole, model: string, delta: UsageCounters): void {
    const byRole = this.roles.get(role) ?? emptyCounters();
    addInto(byRole, delta);
    this.roles.set(role, byRole);
    const byModel = this.models.get(model) ?? emptyCounters();
    addInto(byModel, delta);
    this.models.set(model, byModel);
  }

  /** A detached copy; later calls do not change it. */
  summary(): UsageSummary {
    const byRole = {} as Record<AgentRole, UsageCounters>;
    const totals = emptyCounters();
    for (const role of AgentRole.options) {
      const counters = cloneCounters(this.roles.get(role) ?? emptyCounters());
      byRole[role] = counters;
      addInto(totals, counters);
    }
    const byModel: Record<string, UsageCounters> = {};
    for (const model of [...this.models.keys()].sort())
      byModel[model] = cloneCounters(this.models.get(model)!);
    return { byRole, byModel, totals };
  }

  /** Adds another ledger's summary, e.g. to aggregate per-scenario ledgers into a run total. */
  merge(summary: UsageSummary): void {
    for (const role of AgentRole.options) {
      const counters = summary.byRole[role];
      if (!counters) continue;
      const target = this.roles.get(role) ?? emptyCounters();
      addInto(target, counters);
      this.roles.set(role, target);
    }
    for (const [model, counters] of Object.entries(summary.byModel)) {
      const target = this.models.get(model) ?? emptyCounters();
      addInto(target, counters);
      this.models.set(model, target);
    }
  }

  reset(): void {
    this.roles.clear();
    this.models.clear();
  }
}
