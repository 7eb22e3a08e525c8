import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { JsonlDeliberationSink } from "../../../src/agents/deliberation-log.js";
import {
  createLlmPolicyFactory,
  type LlmPolicyFactoryOptions,
} from "../../../src/agents/llm-policy/policy-factory.js";
import type { Environment } from "../../../src/core/environment.js";
import { ScenarioRunnerConfig } from "../../../src/runner/config.js";
import { runScenario } from "../../../src/runner/scenario-runner.js";
import { writeJsonAtomic } from "../../../src/util/atomic-write.js";
import { MockOpenAIServer } from "../../support/mock-openai-server.js";
import {
  COMPLETION_TOKENS,
  LlmTodoScenario,
  PROMPT_TOKENS,
  roleOf,
  TODO_RUN,
  todoHandler,
  todoStep,
} from "./todo-script.js";

const KEY_ENV = "PARE_LLM_POLICY_TEST_KEY";
const SECRET = "sk-test-0123456789-very-secret-key";

let server: MockOpenAIServer;
let url: string;
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "pare-llm-policy-"));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  process.env[KEY_ENV] = SECRET;
  server = new MockOpenAIServer({ handler: todoHandler });
  url = (await server.start()).url;
});
afterAll(async () => {
  await server.close();
  delete process.env[KEY_ENV];
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  server.setHandler(todoHandler);
  server.requests.length = 0;
});

function runnerConfig(model = "mock-model") {
  const engine = { model, provider: "local", baseUrl: url, apiKeyEnv: KEY_ENV };
  return ScenarioRunnerConfig.parse({
    ...TODO_RUN,
    userEngine: engine,
    observeEngine: engine,
    executeEngine: { ...engine, temperature: 0 },
  });
}

/** Instant backoff sleeps that remember what was asked for (the server's Retry-After included). */
function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

async function run(options: LlmPolicyFactoryOptions = {}, deliberationsPath?: string) {
  const config = runnerConfig();
  const factory = createLlmPolicyFactory(config, options);
  let env: Environment | null = null;
  const deliberations = deliberationsPath ? new JsonlDeliberationSink(deliberationsPath) : undefined;
  const result = await runScenario(new LlmTodoScenario(), {
    config,
    policies: factory.policies,
    ...(deliberations ? { deliberations } : {}),
    onFinished: (finished) => {
      env = finished.env;
    },
  });
  const eventLog = JSON.stringify((env as Environment | null)?.eventLog.listView() ?? null);
  return { result, eventLog, ledger: factory.ledger, requests: server.completionRequests.length };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("LLM agents end to end against a mock OpenAI server", () => {
  it("completes the Todo scenario with scripted user, observe and execute replies", async () => {
    const { result, ledger, requests } = await run();
    expect(result.exception).toBeNull();
    expect(result.success).toBe(true);
    expect(result.proposalCount).toBe(1);
    expect(result.acceptanceCount).toBe(1);

    const roles = server.completionRequests.map((r) => roleOf((r.body as { messages: never[] }).messages));
    expect(new Set(roles)).toEqual(new Set(["user", "observe", "execute"]));
    const bodies = server.completionRequests.map((r) => r.body as Record<string, unknown>);
    expect(bodies.every((b) => b.model === "mock-model")).toBe(true);
    expect(bodies.filter((_b, i) => roles[i] === "execute").every((b) => b.temperature === 0)).toBe(true);
    expect(bodies.filter((_b, i) => roles[i] === "user").every((b) => !("temperature" in b))).toBe(true);

    const summary = ledger.summary();
    const count = (role: string) => roles.filter((r) => r === role).length;
    for (const role of ["user", "observe", "execute"] as const) {
      expect(summary.byRole[role]).toMatchObject({
        calls: count(role),
        cachedCalls: 0,
        failedCalls: 0,
        promptTokens: count(role) * PROMPT_TOKENS,
        completionTokens: count(role) * COMPLETION_TOKENS,
      });
    }
    expect(summary.totals.calls).toBe(requests);
    expect(summary.totals.promptTokens).toBe(requests * PROMPT_TOKENS);
    expect(summary.totals.completionTokens).toBe(requests * COMPLETION_TOKENS);
  });

  it("recovers from a malformed reply with a correction counted in the step", async () => {
    let broken = false;
    server.setHandler((body) => {
      const messages = (body as { messages: { content: string }[] }).messages;
      if (!broken && roleOf(messages as never) === "execute") {
        broken = true;
        return { type: "reply", content: "Let me think about which item it is..." };
      }
      return todoStep(body);
    });
    const dir = tempDir();
    const { result } = await run({}, join(dir, "deliberations.jsonl"));
    expect(result.success).toBe(true);
    const records = readFileSync(join(dir, "deliberations.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const corrected = records.find((r) => r.role === "execute" && r.modelCalls === 2);
    expect(corrected?.action.tool).toBe("Todo__list_items");
    expect(corrected?.parseFailure).toBeNull();
  });

  it("retries a timed-out call and honours Retry-After through the whole stack", async () => {
    server.enqueue({ type: "hang" }, { type: "error", status: 429, retryAfter: "2" });
    const { delays, sleep } = recordingSleep();
    const { result, ledger } = await run({
      timeoutMs: 250,
      maxRetries: 3,
      engineDeps: { sleep, random: () => 1 - Number.EPSILON },
    });
    expect(result.success).toBe(true);
    expect(delays).toEqual([500, 2000]);
    const summary = ledger.summary();
    expect(summary.totals.retries).toBe(2);
    expect(summary.totals.failedCalls).toBe(0);
  });

  it("turns a call that keeps timing out into an infrastructure error", async () => {
    server.setHandler(() => ({ type: "hang" }));
    const { delays, sleep } = recordingSleep();
    const { result, ledger } = await run({ timeoutMs: 100, maxRetries: 1, engineDeps: { sleep } });
    expect(result.success).toBe(false);
    // An LLM timeout is the serving stack's fault (error class infrastructure), not the run's wall-clock limit.
    expect(result.exception).toMatchObject({ type: "LLMTimeoutError", kind: "infrastructure" });
    expect(delays).toHaveLength(1);
    expect(ledger.summary().byRole.user).toMatchObject({ failedCalls: 1, retries: 1, calls: 0 });
  });

  it("serves a repeated run from the cache and replays it offline bit-identically", async () => {
    const cacheDir = tempDir();
    const first = await run({ cacheDir });
    expect(first.result.success).toBe(true);
    const recorded = first.requests;
    expect(recorded).toBeGreaterThan(0);

    server.requests.length = 0;
    const again = await run({ cacheDir });
    expect(again.requests).toBe(0);
    expect(again.ledger.summary().totals).toMatchObject({ calls: 0, cachedCalls: recorded, promptTokens: 0 });
    expect(again.ledger.summary().totals.cachedTokens.promptTokens).toBe(recorded * PROMPT_TOKENS);
    expect(again.eventLog).toBe(first.eventLog);

    // Replay needs neither the server nor the key.
    server.setHandler(() => {
      throw new Error("replay must not reach the server");
    });
    const savedKey = process.env[KEY_ENV];
    delete process.env[KEY_ENV];
    try {
      const replayed = await run({ cacheDir, replay: true });
      expect(replayed.requests).toBe(0);
      expect(replayed.result.exception).toBeNull();
      expect(replayed.eventLog).toBe(first.eventLog);
      expect(JSON.stringify(replayed.result.toJSON())).toBe(JSON.stringify(first.result.toJSON()));
    } finally {
      process.env[KEY_ENV] = savedKey;
    }
  });

  it("fails a replay that misses the cache instead of calling the model", async () => {
    const { result, requests } = await run({ cacheDir: tempDir(), replay: true });
    expect(requests).toBe(0);
    expect(result.exception).toMatchObject({ type: "LLMReplayMissError", kind: "infrastructure" });
  });

  it("never writes the API key to results, caches, deliberations or error messages", async () => {
    const dir = tempDir();
    const ok = await run({ cacheDir: join(dir, "cache") }, join(dir, "deliberations.jsonl"));
    expect(ok.result.success).toBe(true);
    writeJsonAtomic(join(dir, "result.json"), ok.result.toJSON());
    writeJsonAtomic(join(dir, "events.json"), JSON.parse(ok.eventLog));
    // The key did go to the server, in the Authorization header only.
    expect(server.completionRequests[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);

    server.setHandler(() => ({ type: "error", status: 401, echoAuthorization: true }));
    const failed = await run({ cacheDir: join(dir, "cache2") }, join(dir, "deliberations2.jsonl"));
    expect(failed.result.exception?.message).toContain("[REDACTED]");
    expect(failed.result.exception?.message).toContain("401");
    writeJsonAtomic(join(dir, "failed.json"), failed.result.toJSON());

    const files = filesUnder(dir);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(readFileSync(file, "utf8")).not.toContain(SECRET);
    expect(JSON.stringify(failed.result.toJSON())).not.toContain(SECRET);
  });
});
