import type { Command } from "commander";
import { closeMatches, scenarioRegistry } from "../../registry/scenario-registry.js";
import { CliError } from "../cli-error.js";
import { withCliStore, withStoreOption } from "../store-option.js";
import { loadScenarios } from "./scenarios.js";

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(2)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

interface InvalidateOptions {
  scenario?: string;
  all?: boolean;
  scenariosDir?: string;
  store?: string;
}

export function registerCacheCommand(program: Command): void {
  const cache = program
    .command("cache")
    .description("Inspect or clear the result cache (an index in the run store; results stay in their jobs)");
  withStoreOption(
    cache
      .command("status")
      .description("Show where the store is, how many cached results it indexes and its size")
      .option("--json", "machine-readable output"),
  ).action(async (opts: { json?: boolean; store?: string }) => {
    await withCliStore(opts.store, async (store) => {
      const status = await store.cacheStatus();
      if (opts.json) {
        console.log(JSON.stringify(status, null, 2));
        return;
      }
      console.log("PARE Cache Status");
      console.log("=".repeat(40));
      console.log(`Store: ${status.location} (${status.kind})`);
      console.log(`Entries: ${status.entries} (${status.scenarios} scenarios)`);
      console.log(
        `Total size: ${formatSize(status.bytes)} (the whole store: jobs, rows, traces and the cache index)`,
      );
      if (process.env.PARE_CACHE_DIR)
        console.log(
          "Note: PARE_CACHE_DIR is not used by pare-ts; the cache lives in the run store (PARE_HOME).",
        );
    });
  });
  withStoreOption(
    cache
      .command("invalidate")
      .description("Forget cached results of one scenario (--scenario ID) or all of them (--all)")
      .option("--scenario <id>", "only this scenario's entries (every run and fingerprint)")
      .option("--all", "every entry")
      .option("-y, --yes", "PARE's flag (no confirmation): the same as --all")
      .option("--scenarios-dir <dirs>", "scenario directories whose ids are known (for checking --scenario)"),
  ).action(async (opts: InvalidateOptions & { yes?: boolean }) => {
    if (opts.yes && opts.scenario === undefined) opts.all = true;
    if (opts.scenario !== undefined && opts.all)
      throw new CliError("--scenario and --all are mutually exclusive");
    if (opts.scenario === undefined && !opts.all)
      throw new CliError("say which entries to forget: --scenario ID, or --all for every entry");
    await withCliStore(opts.store, async (store) => {
      if (opts.all) {
        console.log(`Deleted ${await store.invalidateCache({ all: true })} cached results.`);
        return;
      }
      const id = (opts.scenario ?? "").trim();
      if (id === "") throw new CliError("--scenario needs a scenario id (it was empty)");
      await loadScenarios(opts.scenariosDir);
      const cached = await store.cachedScenarioIds();
      if (!scenarioRegistry().has(id) && !cached.includes(id)) {
        const hint = closeMatches(id, [...scenarioRegistry().ids(), ...cached]);
        throw new CliError(
          `unknown scenario '${id}' (not registered and not in the cache)${hint.length ? `; did you mean: ${hint.join(", ")}?` : ""}`,
        );
      }
      console.log(`Deleted ${await store.invalidateCache({ scenarioId: id })} cached results.`);
    });
  });
}
