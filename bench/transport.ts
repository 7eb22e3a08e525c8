import { keepAliveFetch } from "../src/agents/llm/keep-alive-fetch.js";
import { OpenAICompatibleEngine } from "../src/agents/llm/openai-compatible-engine.js";
import { undiciFetch } from "../src/agents/llm/undici-fetch.js";
import { USER_PROMPT_IDENTITY } from "../src/agents/llm-policy/user-prompt.js";
import { measure, round } from "./lib/measure.js";
import { startMockServerChild } from "./llm-overhead.js";

/*
 * CPU per model call of the engine's HTTP transports, end to end through OpenAICompatibleEngine (request
 * validation, the OpenAI client, the transport, response parsing) against the mock server in a child process.
 * Only this process's CPU is counted; the figures are CPU milliseconds per call, and the ratio is undici ÷ the
 * node:http keep-alive fetch it replaced (below 1: cheaper).
 */

export interface TransportResult {
  concurrency: number;
  callsPerTransport: number;
  /** CPU milliseconds of this process per call. */
  cpuMsPerCall: { keepAliveFetch: number; undici: number };
  /** undici ÷ keep-alive fetch, CPU per call (median of the rounds). */
  undiciOverKeepAlive: number;
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
    const engines = {
      keepAliveFetch: new OpenAICompatibleEngine(
        { model: "mock-model", provider: "local", baseUrl: server.url, maxRetries: 0 },
        { env: {}, fetch: keepAliveFetch },
      ),
      undici: new OpenAICompatibleEngine(
        { model: "mock-model", provider: "local", baseUrl: server.url, maxRetries: 0 },
        { env: {}, fetch: undiciFetch },
      ),
    };
    const run = async (engine: OpenAICompatibleEngine, calls: number) => {
      let left = calls;
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (left-- > 0) await engine.complete(REQUEST, { role: "user", runNumber: 1 });
        }),
      );
    };
    // Warm-up: JIT and connections.
    for (const engine of Object.values(engines)) await run(engine, options.concurrency * 20);
    const per: Record<keyof typeof engines, number[]> = { keepAliveFetch: [], undici: [] };
    // Alternating rounds, so that drifting machine load hits both alike.
    for (let r = 0; r < (options.rounds ?? 3); r++) {
      for (const name of ["keepAliveFetch", "undici"] as const) {
        const m = await measure(() => run(engines[name], options.calls));
        per[name].push(m.cpuMs / options.calls);
      }
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
    const result: TransportResult = {
      concurrency: options.concurrency,
      callsPerTransport: options.calls * (options.rounds ?? 3),
      cpuMsPerCall: { keepAliveFetch: round(med(per.keepAliveFetch)), undici: round(med(per.undici)) },
      undiciOverKeepAlive: round(med(per.undici) / med(per.keepAliveFetch)),
    };
    return result;
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchTransport({ concurrency: 16, calls: 2000 }), null, 2));
}
