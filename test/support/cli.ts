import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { vi } from "vitest";
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

/** Every file under a directory, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** The flags of an LLM job whose three roles (models `u`, `o`, `e`) call the OpenAI-compatible server at `baseUrl`. */
export function llmRoleArgs(baseUrl: string): string[] {
  return [
    "--user-model",
    "u",
    "--observe-model",
    "o",
    "--execute-model",
    "e",
    "--provider",
    "local",
    "--base-url",
    baseUrl,
  ];
}
