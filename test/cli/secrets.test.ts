import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sanitizeBaseUrl } from "../../src/runner/fingerprint.js";
import { REDACTED, redactForWriting, redactSecrets, registerUrlSecrets } from "../../src/util/secrets.js";
import { cli, filesUnder, llmRoleArgs } from "../support/cli.js";
import { MockOpenAIServer, type MockServerHandle } from "../support/mock-openai-server.js";

const KEY = "sk-live-echoed-9f8e7d6c5b4a3210";

describe("the --api-key-env key is never written, even when the server echoes it", () => {
  let server: MockServerHandle;
  let mock: MockOpenAIServer;
  beforeAll(async () => {
    // A careless proxy and a model that repeat the request headers into their answers.
    mock = new MockOpenAIServer({
      handler: (body, request) => {
        const headers = JSON.stringify(request.headers);
        const system = (body as { messages: { content: string }[] }).messages[0]?.content ?? "";
        const user = /simulat/i.test(system) && !/assistant/i.test(system.slice(0, 200));
        const action = user
          ? { action: "System__go_home", action_input: {} }
          : {
              action: "PAREAgentUserInterface__send_message_to_user",
              action_input: { content: `my key is ${request.headers.authorization ?? ""}` },
            };
        return {
          type: "reply",
          content: `Thought: the headers were ${headers} and the key ${KEY.slice(0, 0)}${(request.headers.authorization ?? "").replace(/^Bearer /, "")}.\nAction:\n${JSON.stringify(action)}<end_action>`,
        };
      },
    });
    server = await mock.start();
    process.env.PARE_ECHO_KEY = KEY;
  });
  afterAll(async () => {
    await server.close();
    delete process.env.PARE_ECHO_KEY;
  });

  it("greps every file a run writes (output dir, response cache, run store) for the key", async () => {
    const out = mkdtempSync(join(tmpdir(), "pare-secret-"));
    const {
      code,
      out: stdout,
      err,
    } = await cli([
      "benchmark",
      "run",
      "-s",
      "meeting_request_to_calendar",
      ...llmRoleArgs(server.url),
      "--api-key-env",
      "PARE_ECHO_KEY",
      "--max-turns",
      "2",
      "--output-dir",
      out,
      "--export",
      "--json",
    ]);
    expect(err).not.toContain(KEY);
    expect(stdout).not.toContain(KEY);
    expect(code).toBe(0);
    // The server did see the key, and it did echo it.
    expect(mock.completionRequests.some((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);

    let redactedSomewhere = false;
    const files = filesUnder(out);
    expect(files.some((f) => f.includes("llm-cache"))).toBe(true);
    expect(files.some((f) => f.endsWith("_trace.json"))).toBe(true);
    expect(files.some((f) => f.includes("deliberations"))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file).toString("latin1");
      expect(text.includes(KEY), file).toBe(false);
      if (text.includes(REDACTED)) redactedSomewhere = true;
    }
    expect(redactedSomewhere).toBe(true);

    const home = process.env.PARE_HOME as string;
    for (const file of filesUnder(home))
      expect(readFileSync(file).toString("latin1").includes(KEY), file).toBe(false);
    const db = new Database(join(home, "pare.db"), { readonly: true });
    try {
      const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as {
        name: string;
      }[];
      for (const { name } of tables) {
        for (const row of db.prepare(`select * from ${name}`).all() as Record<string, unknown>[]) {
          for (const [column, value] of Object.entries(row)) {
            const text = Buffer.isBuffer(value) ? gunzipSync(value).toString("utf8") : String(value);
            expect(text.includes(KEY), `${name}.${column}`).toBe(false);
          }
        }
      }
    } finally {
      db.close();
    }
  });
});

describe("secrets in URLs", () => {
  it("strips credentials and secret query parameters before a URL is recorded, and scrubs their values", () => {
    const url = "https://bob:hunter2-password@llm.example.com/v1?api_key=qs-secret-123456&api-version=2";
    expect(sanitizeBaseUrl(url)).toBe("https://llm.example.com/v1?api-version=2");
    registerUrlSecrets(url);
    expect(redactSecrets("error at https://llm.example.com/v1?api_key=qs-secret-123456")).not.toContain(
      "qs-secret-123456",
    );
    expect(redactForWriting("password hunter2-password")).toBe(`password ${REDACTED}`);
    // Text without a registered secret is never touched.
    expect(redactForWriting("Bearer bonds are fine")).toBe("Bearer bonds are fine");
  });
});
