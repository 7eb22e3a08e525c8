import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadTrace } from "../../src/evaluation/trace-io.js";
import { loadManifest } from "../../src/runner/run-manifest.js";
import { cli } from "../support/cli.js";
import { MockOpenAIServer } from "../support/mock-openai-server.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Body = { messages: { role: string; content: string }[]; tools?: { function: { name: string } }[] };

describe("pare benchmark run --tool-calling native", () => {
  it("plays an LLM user through tool calls, keeps every request in the trace, and counts cached prompt tokens", async () => {
    const mock = new MockOpenAIServer({
      handler: (raw) => {
        const body = raw as Body;
        const last = body.messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
        const accept = last.includes("Sender: Agent");
        const name = accept ? "PAREAgentUserInterface__accept_proposal" : "System__go_home";
        const offered = (body.tools ?? []).some((t) => t.function.name === name);
        return offered
          ? {
              type: "reply",
              content: "Looking at my phone.",
              toolCalls: [
                { id: `call_${body.messages.length}`, name, arguments: accept ? '{"content":"Yes."}' : "{}" },
              ],
              usage: {
                prompt_tokens: 120,
                completion_tokens: 5,
                prompt_tokens_details: { cached_tokens: 100 },
              },
            }
          : { type: "error", status: 400, message: `tool ${name} not offered` };
      },
    });
    const handle = await mock.start();
    try {
      const output = mkdtempSync(join(tmpdir(), "pare-native-cli-"));
      dirs.push(output);
      const args = [
        "benchmark",
        "run",
        "-s",
        "meeting_request_to_calendar",
        "--agent",
        "reference",
        "--user-model",
        "mock-user",
        "--provider",
        "local",
        "--base-url",
        handle.url,
        "--output-dir",
        output,
        "--no-cache",
        "--json",
      ];
      const { code, out, err } = await cli([...args, "--tool-calling", "native"]);
      expect(err).not.toMatch(/error/i);
      expect(code).toBe(0);
      const summary = JSON.parse(out) as { success: number; resultsDir: string };
      expect(summary.success).toBe(1);
      const bodies = mock.completionRequests.map((r) => r.body as Body & { stop?: unknown });
      expect(bodies.length).toBeGreaterThan(0);
      expect(bodies.every((b) => Array.isArray(b.tools) && b.stop === undefined)).toBe(true);

      const manifest = loadManifest(join(summary.resultsDir, "run_manifest.json"));
      expect(manifest.llm.tokensByRole.user).toMatchObject({
        calls: bodies.length,
        promptTokens: 120 * bodies.length,
        providerCachedPromptTokens: 100 * bodies.length,
        providerCacheReportedCalls: bodies.length,
      });

      const traces = join(summary.resultsDir, "traces");
      const file = join(traces, readdirSync(traces).find((f) => f.endsWith("_trace.json")) as string);
      const trace = loadTrace(file);
      expect(trace.config).toMatchObject({ toolCalling: "native" });
      const calls = trace.deliberations.flatMap((d) => d.calls ?? []);
      expect(calls).toHaveLength(bodies.length);
      expect(Object.keys(trace.contents ?? {}).length).toBeGreaterThan(0);
      const shown = await cli(["trace", "show", file, "--prompts"]);
      expect(shown.code).toBe(0);
      expect(shown.out.match(/^── turn /gm)).toHaveLength(bodies.length);
      expect(shown.out).toMatch(/100 from the provider's prompt cache/);

      // The mode is fingerprinted: the text run of the same job is another configuration.
      const bad = await cli([...args, "--tool-calling", "telepathy"]);
      expect(bad.code).not.toBe(0);
      expect(bad.err).toMatch(/--tool-calling/);
      const perRole = await cli([...args, "--user-tool-calling", "text"]);
      // The mock answers only with tool calls, so a text-mode user fails to act: a model error, exit code 1.
      expect(perRole.code).toBe(1);
      const other = JSON.parse(perRole.out) as {
        resultsDir: string;
        errorClasses: Record<string, number>;
      };
      expect(other.errorClasses).toMatchObject({ model: 1, infrastructure: 0 });
      expect(other.resultsDir).not.toBe(summary.resultsDir);
    } finally {
      await handle.close();
    }
  });
});
