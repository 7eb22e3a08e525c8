import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Dispatcher } from "undici";
import { dispatcherTransport, sharedDispatcher } from "../src/agents/llm/http-transport.js";
import { createLlmPolicyFactory } from "../src/agents/llm-policy/policy-factory.js";
import { USER_PROMPT_IDENTITY } from "../src/agents/llm-policy/user-prompt.js";
import type { Policy } from "../src/agents/types.js";
import { MultiScenarioRunnerConfig } from "../src/runner/config.js";
import { planJobs, runBenchmark } from "../src/runner/multi-runner.js";
import type { PolicyFactory } from "../src/runner/scenario-runner.js";
import { measure, median, round } from "./lib/measure.js";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Turns and iterations of every LLM run: a few turns with the published iteration limits' shape, kept short. */
export const LLM_RUN = {
  maxTurns: 4,
  userMaxIterations: 1,
  observeMaxIterations: 2,
  executeMaxIterations: 3,
};

export interface MockServerStats {
  requests: number;
  cpuMs: number;
  /** Completions answered, and the sum of their times from arrival to the last byte written. */
  answered: number;
  answeredMsSum: number;
}

export interface MockServerChild {
  url: string;
  stats(): Promise<MockServerStats>;
  stop(): Promise<void>;
}

/** Starts the mock server in a child process (node --import tsx) and waits for its URL. */
export async function startMockServerChild(latencyMs: number): Promise<MockServerChild> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["--import", "tsx", join(HERE, "mock-server-child.ts"), String(latencyMs)],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const lines: Interface = createInterface({ input: child.stdout });
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  lines.on("line", (line) => waiting.shift()?.resolve(line));
  child.on("exit", (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`mock server exited (${code}): ${stderr}`));
  });
  const nextLine = () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
  const { url } = JSON.parse(await nextLine()) as { url: string };
  return {
    url,
    async stats() {
      const reply = nextLine();
      child.stdin.write("stats\n");
      return JSON.parse(await reply) as MockServerStats;
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.stdin.end("stop\n");
      await exited;
    },
  };
}

/** A request body of a typical size (~8 kB of prompt) that the mock answers like a user's first step. */
function floorBody(): string {
  const filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(140);
  return JSON.stringify({
    model: "mock-model",
    messages: [
      { role: "system", content: `${USER_PROMPT_IDENTITY}\n${filler}` },
      { role: "user", content: "Current active app: HomeScreen\nCurrent active screen: Home" },
    ],
  });
}

/** Mean, median, 90th and 99th percentile of a list of milliseconds. */
export interface LatencySpread {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
}

export function latencySpread(ms: readonly number[]): LatencySpread {
  if (ms.length === 0) return { mean: 0, p50: 0, p90: 0, p99: 0 };
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return {
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    p50: round(median(sorted)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
  };
}

export interface TransportFloor {
  /** Mean round trip of a bare request to the mock at this concurrency (latency + HTTP + mock server). */
  latencyMs: number;
  latency: LatencySpread;
  /** CPU of this process per bare call: the least the engine's HTTP client costs here. */
  cpuMsPerCall: number;
  /** The mock's own time per request, arrival to last byte (its timer, its CPU, its queue). */
  serverMs: number;
}

/**
 * The same mock at the same concurrency without the harness: `lanes` loops of bare requests through the engine's
 * own transport (undici dispatch, the shared keep-alive pool), no validation, no parsing beyond JSON.parse.
 */
export async function transportFloor(
  server: MockServerChild,
  lanes: number,
  callsPerLane: number,
): Promise<TransportFloor> {
  const body = floorBody();
  const send = dispatcherTransport();
  const request = {
    url: new URL(`${server.url}/chat/completions`),
    method: "POST" as const,
    headers: { "content-type": "application/json", authorization: "Bearer local-no-key" },
    body,
    timeoutMs: 60_000,
  };
  const post = async () => {
    const reply = await send(request);
    if (reply.status !== 200) throw new Error(`mock server answered ${reply.status}`);
    JSON.parse(reply.body);
  };
  await Promise.all(Array.from({ length: lanes }, post)); // opens the connections
  const latencies: number[] = [];
  const before = await server.stats();
  const run = await measure(() =>
    Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let i = 0; i < callsPerLane; i++) {
          const start = performance.now();
          await post();
          latencies.push(performance.now() - start);
        }
      }),
    ),
  );
  const after = await server.stats();
  const calls = lanes * callsPerLane;
  const latency = latencySpread(latencies);
  return {
    latencyMs: latency.mean,
    latency,
    cpuMsPerCall: round(run.cpuMs / calls),
    serverMs: round(
      (after.answeredMsSum - before.answeredMsSum) / Math.max(1, after.answered - before.answered),
    ),
  };
}

/** The shared dispatcher with a stopwatch: each exchange's time from dispatch to the reply's last byte. */
function timedDispatcher(latencies: number[]): Dispatcher {
  return sharedDispatcher().compose((dispatch) => (options, handler) => {
    const start = performance.now();
    return dispatch(options, {
      onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
      onResponseStart: (controller, status, headers, message) =>
        handler.onResponseStart?.(controller, status, headers, message),
      onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
      onResponseEnd: (controller, trailers) => {
        latencies.push(performance.now() - start);
        handler.onResponseEnd?.(controller, trailers);
      },
      onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
    });
  });
}

/** Counts model calls per (scenario, run), so a zero-overhead pool can be simulated from the real jobs. */
function countingFactory(inner: PolicyFactory, calls: Map<string, number>): PolicyFactory {
  return (scenario, config, runNumber) => {
    const key = `${scenario.scenarioId}\u0000${runNumber ?? ""}`;
    const count = (policy: Policy): Policy => {
      const decide = policy.decide.bind(policy);
      policy.decide = async (input, signal) => {
        const decision = await decide(input, signal);
        calls.set(key, (calls.get(key) ?? 0) + decision.modelCalls);
        return decision;
      };
      return policy;
    };
    const policies = inner(scenario, config, runNumber);
    return { user: count(policies.user), observe: count(policies.observe), execute: count(policies.execute) };
  };
}

/**
 * Wall time of the same pool (jobs in order, `lanes` at a time) if the harness cost nothing: every job
 * takes exactly its model calls × latency. Job lengths differ, so this is above total ÷ lanes.
 */
export function zeroOverheadPoolMs(jobMs: readonly number[], lanes: number): number {
  const free = new Array<number>(Math.max(1, lanes)).fill(0);
  for (const ms of jobMs) {
    let lane = 0;
    for (let i = 1; i < free.length; i++) if ((free[i] as number) < (free[lane] as number)) lane = i;
    free[lane] = (free[lane] as number) + ms;
  }
  return Math.max(...free);
}

export interface LlmLevelResult {
  concurrency: number;
  jobs: number;
  modelCalls: number;
  /** Requests the mock server answered during the level: equal to modelCalls when no cache answered any call. */
  serverRequests: number;
  failedCalls: number;
  runsWithException: number;
  wallMs: number;
  /** Total model latency (calls × configured latency) ÷ concurrency. */
  idealMs: number;
  wallOverIdeal: number;
  /** The same pool of jobs, in order, if the harness cost nothing: uneven job lengths leave lanes idle at the end. */
  zeroOverheadPoolMs: number;
  wallOverZeroOverheadPool: number;
  /** Bare requests against the same mock at the same concurrency: what the mock and HTTP cost without the harness. */
  transportFloor: TransportFloor;
  /** The zero-overhead pool at the floor latency instead of the configured one. */
  floorPoolMs: number;
  wallOverFloorPool: number;
  /** floorPoolMs ÷ idealMs: wall ÷ ideal of a harness that cost nothing, on this machine (lanes × floor latency). */
  floorOverIdeal: number;
  /** Each exchange from dispatch to the reply's last byte, as the engine's transport saw it. */
  callLatency: LatencySpread;
  /** The mock's own time per request (arrival to last byte) during the level. */
  serverMsPerCall: number;
  /** Event-loop delay of the benchmark process during the level (sampled every 20 ms), milliseconds. */
  eventLoopDelay: { mean: number; p99: number; max: number };
  /** Mean call latency as the engine measured it. */
  measuredCallLatencyMs: number;
  /** CPU of the benchmark process (the harness; the mock server runs in a child process). */
  harnessCpuMs: number;
  cpuMsPerCall: number;
  /** Harness CPU ÷ wall: the share of one core the harness kept busy. */
  harnessCpuShare: number;
  mockServerCpuMsPerCall: number;
}

export interface LlmOverheadResult {
  latencyMs: number;
  scenarios: number;
  run: typeof LLM_RUN;
  levels: LlmLevelResult[];
}

/**
 * Runs per scenario for one level. Jobs are whole scenario runs, so with few jobs per lane some lanes finish a job
 * later than others and the ideal (total latency ÷ concurrency) cannot be reached by any harness. At least
 * `jobsPerLane` jobs per lane, and among up to twice that many the count that fills the lanes most evenly.
 */
export function runsForConcurrency(concurrency: number, scenarios: number, jobsPerLane = 12): number {
  if (concurrency <= 1) return 1;
  const n = Math.max(1, scenarios);
  const least = Math.max(1, Math.ceil((jobsPerLane * concurrency) / n));
  let best = { runs: least, spread: Number.POSITIVE_INFINITY };
  for (let runs = least; runs <= 2 * least; runs++) {
    const perLane = (n * runs) / concurrency;
    const spread = Math.ceil(perLane) / perLane;
    if (spread < best.spread - 1e-9) best = { runs, spread };
  }
  return best.runs;
}

/**
 * The bundled suite with LLM agents against the mock server (in a child process) at a fixed latency, at each
 * concurrency. No result cache and no response cache: every call reaches the server.
 */
export async function benchLlmOverhead(
  scenarioIds: readonly string[],
  options: { latencyMs: number; concurrencies: number[]; floorCallsPerLane?: number },
): Promise<LlmOverheadResult> {
  const server = await startMockServerChild(options.latencyMs);
  try {
    const engine = { model: "mock-model", provider: "local", baseUrl: server.url };
    const runLevel = async (concurrency: number, runsPerScenario: number) => {
      const config = MultiScenarioRunnerConfig.parse({
        ...LLM_RUN,
        userEngine: engine,
        observeEngine: engine,
        executeEngine: engine,
        enableCaching: false,
        maxConcurrentScenarios: concurrency,
        runsPerScenario,
      });
      const latencies: number[] = [];
      const factory = createLlmPolicyFactory(config, {
        cacheDir: null,
        maxRetries: 0,
        timeoutMs: 60_000,
        engineDeps: { dispatcher: timedDispatcher(latencies) },
      });
      const calls = new Map<string, number>();
      const serverBefore = await server.stats();
      const loop = monitorEventLoopDelay({ resolution: 20 });
      loop.enable();
      const run = await measure(() =>
        runBenchmark(scenarioIds, config, {
          policies: countingFactory(factory.policies, calls),
        }),
      );
      loop.disable();
      const serverAfter = await server.stats();
      const eventLoopDelay = {
        mean: round(Math.max(0, loop.mean / 1e6 - 20)),
        p99: round(Math.max(0, loop.percentile(99) / 1e6 - 20)),
        max: round(Math.max(0, loop.max / 1e6 - 20)),
      };
      return {
        run,
        calls,
        ledger: factory.ledger.summary().totals,
        serverBefore,
        serverAfter,
        latencies,
        eventLoopDelay,
      };
    };
    // Warm-up: module loading, JIT and connections; not measured.
    await runLevel(8, 1);

    const levels: LlmLevelResult[] = [];
    for (const concurrency of options.concurrencies) {
      const runsPerScenario = runsForConcurrency(concurrency, scenarioIds.length);
      const floor = await transportFloor(server, concurrency, options.floorCallsPerLane ?? 20);
      const { run, calls, ledger, serverBefore, serverAfter, latencies, eventLoopDelay } = await runLevel(
        concurrency,
        runsPerScenario,
      );
      const jobCalls = planJobs(scenarioIds, runsPerScenario).map(
        (j) => calls.get(`${j.scenarioId}\u0000${j.runNumber ?? ""}`) ?? 0,
      );
      const modelCalls = ledger.calls + ledger.failedCalls;
      const idealMs = (modelCalls * options.latencyMs) / concurrency;
      const poolMs = zeroOverheadPoolMs(
        jobCalls.map((c) => c * options.latencyMs),
        concurrency,
      );
      const floorPoolMs = zeroOverheadPoolMs(
        jobCalls.map((c) => c * floor.latencyMs),
        concurrency,
      );
      const serverRequests = serverAfter.requests - serverBefore.requests;
      levels.push({
        concurrency,
        jobs: jobCalls.length,
        modelCalls,
        serverRequests,
        failedCalls: ledger.failedCalls,
        runsWithException: run.value.results.exceptionCount,
        wallMs: round(run.wallMs, 1),
        idealMs: round(idealMs, 1),
        wallOverIdeal: round(run.wallMs / idealMs),
        zeroOverheadPoolMs: round(poolMs, 1),
        wallOverZeroOverheadPool: round(run.wallMs / poolMs),
        transportFloor: floor,
        floorPoolMs: round(floorPoolMs, 1),
        wallOverFloorPool: round(run.wallMs / floorPoolMs),
        floorOverIdeal: round(floorPoolMs / idealMs),
        callLatency: latencySpread(latencies),
        serverMsPerCall: round(
          (serverAfter.answeredMsSum - serverBefore.answeredMsSum) /
            Math.max(1, serverAfter.answered - serverBefore.answered),
        ),
        eventLoopDelay,
        measuredCallLatencyMs: round(ledger.latencyMs / Math.max(1, ledger.calls)),
        harnessCpuMs: round(run.cpuMs, 1),
        cpuMsPerCall: round(run.cpuMs / modelCalls),
        harnessCpuShare: round(run.cpuMs / run.wallMs),
        mockServerCpuMsPerCall: round((serverAfter.cpuMs - serverBefore.cpuMs) / Math.max(1, serverRequests)),
      });
    }
    return { latencyMs: options.latencyMs, scenarios: scenarioIds.length, run: LLM_RUN, levels };
  } finally {
    await server.stop();
  }
}
