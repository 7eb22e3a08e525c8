import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import { main } from "../../src/cli/main.js";

/** Runs the `pare` command in-process, capturing stdout and stderr; the exit code is main's or process.exitCode. */
export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => {
    out += `${a.join(" ")}\n`;
  });
  const write = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    const code = await main(["node", "pare", ...args]);
    return { code: code || Number(process.exitCode ?? 0), out, err };
  } finally {
    log.mockRestore();
    write.mockRestore();
    process.exitCode = undefined;
  }
}

/** Points the result cache at a fresh temporary directory for the tests of one file. */
export function useTemporaryResultCache(): void {
  beforeAll(() => {
    process.env.PARE_CACHE_DIR = mkdtempSync(join(tmpdir(), "pare-cli-cache-"));
  });
  afterAll(() => {
    delete process.env.PARE_CACHE_DIR;
  });
}
