import type { CallContext, ChatRequest, ChatResponse, LLMEngine } from "../src/agents/llm/types.js";
import { createLlmPolicyFactory } from "../src/agents/llm-policy/policy-factory.js";
import { MultiScenarioRunnerConfig } from "../src/runner/config.js";
import { runBenchmark } from "../src/runner/multi-runner.js";
import { measure, round } from "./lib/measure.js";
import { phoneReply } from "./lib/phone-script.js";
import { LLM_RUN, runsForConcurrency } from "./llm-overhead.js";

/**
 * An engine in this process that answers at once with the mock server's scripted phone replies: no HTTP, no
 * latency, no JSON over a socket. What a run costs with it is the harness alone (prompts, parsing, the
 * simulation, the apps, validation), per model call.
 */
export class InstantEngine implements LLMEngine {
  readonly model = "instant";
  readonly provider = "local";
  async complete(request: ChatRequest, _ctx: CallContext): Promise<ChatResponse> {
    const content = phoneReply(request.messages);
    return {
      content,
      usage: { promptTokens: 0, completionTokens: 0, estimated: true },
      latencyMs: 0,
      cached: false,
      attempts: 1,
      finishReason: "stop",
    };
  }
}

export interface HarnessLevel {
  concurrency: number;
  jobs: number;
  modelCalls: number;
  wallMs: number;
  cpuMs: number;
  /** Process CPU per model call with the instant engine. */
  cpuMsPerCall: number;
}

const engineConfig = { model: "instant", provider: "local", baseUrl: "http://127.0.0.1:9" };

/**
 * Warm-up levels before the measured ones (module loading, JIT, the per-definition and per-template caches): one
 * at 8 and one at 1 (about 3,450 model calls), so that the first measured level, c=1, does not carry the warm-up.
 */
const WARM_UP_LEVELS = [8, 1] as const;

/** The suite with LLM agents on the instant engine, at each concurrency (after the warm-up levels). */
export async function benchHarnessCpu(
  scenarioIds: readonly string[],
  concurrencies: readonly number[],
): Promise<HarnessLevel[]> {
  const level = async (concurrency: number): Promise<HarnessLevel> => {
    const runsPerScenario = runsForConcurrency(concurrency, scenarioIds.length);
    const config = MultiScenarioRunnerConfig.parse({
      ...LLM_RUN,
      userEngine: engineConfig,
      observeEngine: engineConfig,
      executeEngine: engineConfig,
      enableCaching: false,
      maxConcurrentScenarios: concurrency,
      runsPerScenario,
    });
    const engine = new InstantEngine();
    const factory = createLlmPolicyFactory(config, {
      cacheDir: null,
      engines: { user: engine, observe: engine, execute: engine },
    });
    const run = await measure(() => runBenchmark(scenarioIds, config, { policies: factory.policies }));
    const totals = factory.ledger.summary().totals;
    const modelCalls = totals.calls + totals.failedCalls;
    return {
      concurrency,
      jobs: run.value.results.results.length,
      modelCalls,
      wallMs: round(run.wallMs, 1),
      cpuMs: round(run.cpuMs, 1),
      cpuMsPerCall: round(run.cpuMs / Math.max(1, modelCalls)),
    };
  };
  for (const c of WARM_UP_LEVELS) await level(c);
  const levels: HarnessLevel[] = [];
  for (const c of concurrencies) levels.push(await level(c));
  return levels;
}

export interface TransportLevel {
  concurrency: number;
  calls: number;
  /** Process CPU per call of the real OpenAI-compatible engine (client, metering) against the mock server. */
  cpuMsPerCall: number;
  meanLatencyMs: number;
}

/**
 * The real engine (the one `benchmark run` builds, with its HTTP client) calling the mock server in a child
 * process, `concurrency` calls in flight, with a typical request: what the transport costs this process per call.
 */
export async function benchTransportCpu(
  url: string,
  concurrencies: readonly number[],
  callsPerLane: number,
): Promise<TransportLevel[]> {
  const engine = { model: "mock-model", provider: "local", baseUrl: url };
  const config = MultiScenarioRunnerConfig.parse({
    userEngine: engine,
    observeEngine: engine,
    executeEngine: engine,
  });
  const factory = createLlmPolicyFactory(config, { cacheDir: null, maxRetries: 0, timeoutMs: 60_000 });
  const client = factory.engines.user;
  const filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(140);
  const { USER_PROMPT_IDENTITY } = await import("../src/agents/llm-policy/user-prompt.js");
  const request: ChatRequest = {
    messages: [
      { role: "system", content: `${USER_PROMPT_IDENTITY}\n${filler}` },
      { role: "user", content: "Current active app: HomeScreen\nCurrent active screen: Home" },
    ],
  } as ChatRequest;
  let n = 0;
  const call = () => client.complete(request, { role: "user", runNumber: 1, scenarioId: `t${n++}` });
  await Promise.all(Array.from({ length: 8 }, call)); // connections and JIT
  const levels: TransportLevel[] = [];
  for (const c of concurrencies) {
    let latency = 0;
    const run = await measure(() =>
      Promise.all(
        Array.from({ length: c }, async () => {
          for (let i = 0; i < callsPerLane; i++) latency += (await call()).latencyMs;
        }),
      ),
    );
    const calls = c * callsPerLane;
    levels.push({
      concurrency: c,
      calls,
      cpuMsPerCall: round(run.cpuMs / calls),
      meanLatencyMs: round(latency / calls),
    });
  }
  return levels;
}
