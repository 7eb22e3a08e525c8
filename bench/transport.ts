import { dispatcherTransport } from "../src/agents/llm/http-transport.js";
import { OpenAICompatibleEngine } from "../src/agents/llm/openai-compatible-engine.js";
import { USER_PROMPT_IDENTITY } from "../src/agents/llm-policy/user-prompt.js";
import { measure, median, round } from "./lib/measure.js";
import { startMockServerChild } from "./llm-overhead.js";

/*
 * CPU per model call of the engine's HTTP path against the mock server in a child process (only this process's
 * CPU is counted), in alternating rounds:
 * - `engine`: OpenAICompatibleEngine.complete as `benchmark run` builds it (request validation, one serialisation,
 *   undici dispatch over the shared EnvHttpProxyAgent, reply parsing and checks);
 * - `engineViaFetch`: the same engine over Node's built-in fetch (`deps.fetch`), the generic alternative;
 * - `bareRequest`: the dispatch alone with a ready body, JSON.parse of the reply and nothing else: the floor.
 */

export interface TransportResult {
  concurrency: number;
  callsPerVariant: number;
  /** CPU milliseconds of this process per call (median of the rounds). */
  cpuMsPerCall: { engine: number; engineViaFetch: number; bareRequest: number };
  /** engine ÷ engine via fetch (below 1: the dispatcher path is cheaper). */
  engineOverFetch: number;
  /** engine ÷ bare request: what validation, serialisation and parsing add to the HTTP exchange. */
  engineOverBare: number;
}

const REQUEST = {
  messages: [
    {
      role: "system" as const,
      content: `${USER_PROMPT_IDENTITY}\n${"Lorem ipsum dolor sit amet. ".repeat(280)}`,
    },
    { role: "user" as const, content: "Current active app: HomeScreen" },
  ],
};

export async function benchTransport(options: { concurrency: number; calls: number; rounds?: number }) {
  const server = await startMockServerChild(1);
  try {
    const config = { model: "mock-model", provider: "local", baseUrl: server.url, maxRetries: 0 };
    const engine = new OpenAICompatibleEngine(config, { env: {} });
    const viaFetch = new OpenAICompatibleEngine(config, { env: {}, fetch });
    const send = dispatcherTransport();
    const bare = {
      url: new URL(`${server.url}/chat/completions`),
      method: "POST" as const,
      headers: { "content-type": "application/json", authorization: "Bearer local-no-key" },
      body: JSON.stringify({ model: "mock-model", messages: REQUEST.messages }),
      timeoutMs: 60_000,
    };
    const variants = {
      engine: () => engine.complete(REQUEST, { role: "user", runNumber: 1 }),
      engineViaFetch: () => viaFetch.complete(REQUEST, { role: "user", runNumber: 1 }),
      bareRequest: async () => JSON.parse((await send(bare)).body) as unknown,
    };
    type Variant = keyof typeof variants;
    const run = async (name: Variant, calls: number) => {
      let left = calls;
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (left-- > 0) await variants[name]();
        }),
      );
    };
    const names = Object.keys(variants) as Variant[];
    // Warm-up: JIT and connections.
    for (const name of names) await run(name, options.concurrency * 40);
    const per: Record<Variant, number[]> = { engine: [], engineViaFetch: [], bareRequest: [] };
    // Alternating rounds, so that drifting machine load hits all alike.
    for (let r = 0; r < (options.rounds ?? 5); r++) {
      for (const name of names) {
        const m = await measure(() => run(name, options.calls));
        per[name].push(m.cpuMs / options.calls);
      }
    }
    const cpu = {
      engine: median(per.engine),
      engineViaFetch: median(per.engineViaFetch),
      bareRequest: median(per.bareRequest),
    };
    const result: TransportResult = {
      concurrency: options.concurrency,
      callsPerVariant: options.calls * (options.rounds ?? 5),
      cpuMsPerCall: {
        engine: round(cpu.engine),
        engineViaFetch: round(cpu.engineViaFetch),
        bareRequest: round(cpu.bareRequest),
      },
      engineOverFetch: round(cpu.engine / cpu.engineViaFetch),
      engineOverBare: round(cpu.engine / cpu.bareRequest),
    };
    return result;
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchTransport({ concurrency: 16, calls: 2000 }), null, 2));
}
