import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const BIN = join(import.meta.dirname, "../../bin/pare.mjs");
let child: ChildProcess | null = null;

afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = null;
});

/** Starts `pare view` on a free port and waits for the line with its address. */
function startView(args: string[]): Promise<{ url: string; err: () => string }> {
  const store = join(mkdtempSync(join(tmpdir(), "pare-view-cli-")), "pare.db");
  child = spawn(process.execPath, [BIN, "view", "--port", "0", "--store", store, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr?.on("data", (c: Buffer) => {
    err += c.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pare view did not start: ${err}`)), 30_000);
    child?.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const url = /pare view: (http:\/\/\S+\/)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, err: () => err });
      }
    });
    child?.on("exit", (code) => reject(new Error(`pare view exited with ${code}: ${err}`)));
  });
}

describe("pare view", () => {
  it("listens on loopback by default, serves the app, and stops on SIGTERM", async () => {
    const view = await startView([]);
    expect(view.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(view.url);
    expect(await page.text()).toContain("pare view");
    expect((await fetch(`${view.url}api/runs`)).status).toBe(200);
    expect(view.err()).not.toContain("warning");
    const exited = new Promise<number | null>((done) => child?.on("exit", (code) => done(code)));
    child?.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("warns when it listens beyond loopback", async () => {
    const view = await startView(["--host", "0.0.0.0"]);
    expect(view.err()).toContain("warning: listening on 0.0.0.0");
    expect(view.err()).toContain("no authentication");
  });

  it("refuses a bad port in one line", async () => {
    const run = spawn(process.execPath, [BIN, "view", "--port", "70000"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    run.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    const code = await new Promise<number | null>((done) => run.on("exit", done));
    expect(code).not.toBe(0);
    expect(err).toContain("--port must be 0–65535");
  });
});
