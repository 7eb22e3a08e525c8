import type { Command } from "commander";
import { ResultCache } from "../../runner/result-cache.js";

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(2)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

export function registerCacheCommand(program: Command): void {
  const cache = program.command("cache").description("Inspect or clear the result cache");
  cache
    .command("status")
    .description("Show where the cache is and how much it holds")
    .option("--json", "machine-readable output")
    .action((opts: { json?: boolean }) => {
      const status = new ResultCache().status();
      if (opts.json) {
        console.log(JSON.stringify(status, null, 2));
        return;
      }
      console.log("PARE Cache Status");
      console.log("=".repeat(40));
      console.log(`Cache directory: ${status.dir}${status.exists ? "" : " (does not exist yet)"}`);
      console.log(`Entries: ${status.entries}`);
      console.log(`Total size: ${formatSize(status.bytes)}`);
    });
  cache
    .command("invalidate")
    .description("Delete cached results (all, or one scenario's)")
    .option("--scenario <id>", "only this scenario's entries")
    .action((opts: { scenario?: string }) => {
      const n = new ResultCache().invalidate(opts.scenario ? { scenarioId: opts.scenario } : {});
      console.log(`Deleted ${n} cached results.`);
    });
}
