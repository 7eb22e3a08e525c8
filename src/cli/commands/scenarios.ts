import type { Command } from "commander";
import { Event } from "../../core/events.js";
import { isNavigableApp } from "../../core/navigation.js";
import { discoverScenarios } from "../../registry/discovery.js";
import { scenarioRegistry } from "../../registry/scenario-registry.js";
import { loadSplit } from "../../registry/splits.js";
import { CliError } from "../cli-error.js";

export interface ScenarioSummary {
  id: string;
  apps: string[];
  oracleEvents: number;
  environmentEvents: number;
  benchmarkReady: boolean;
  tags: string[];
  description: string;
}

export async function loadScenarios(scenariosDir?: string): Promise<void> {
  const report = await discoverScenarios(scenariosDir);
  for (const w of report.warnings) process.stderr.write(`warning: ${w}\n`);
  for (const f of report.failures) process.stderr.write(`warning: failed to import ${f.path}: ${f.error}\n`);
}

export function summarizeScenario(id: string): ScenarioSummary {
  const scenario = scenarioRegistry().create(id);
  scenario.initialize();
  return {
    id,
    apps: scenario.apps.filter((a) => isNavigableApp(a)).map((a) => a.className),
    oracleEvents: scenario.events.filter((e) => e instanceof Event && e.isOracle).length,
    environmentEvents: scenario.events.filter((e) => !(e instanceof Event && e.isOracle)).length,
    benchmarkReady: scenario.isBenchmarkReady,
    tags: scenario.tags,
    description: scenario.description,
  };
}

export function registerScenariosCommand(program: Command): void {
  const scenarios = program.command("scenarios").description("The registered scenarios");
  scenarios
    .command("list")
    .description("List scenarios: id, apps, oracle and environment event counts, benchmark-ready flag")
    .option("--split <name>", "only the scenarios of this split")
    .option(
      "--scenarios-dir <dirs>",
      "comma-separated scenario directories (default: PARE_SCENARIOS_DIR or the bundled benchmark)",
    )
    .option("--json", "machine-readable output")
    .action(async (opts: { split?: string; scenariosDir?: string; json?: boolean }) => {
      await loadScenarios(opts.scenariosDir);
      let ids: string[];
      try {
        ids = opts.split ? loadSplit(opts.split) : scenarioRegistry().ids();
      } catch (error) {
        throw new CliError(error instanceof Error ? error.message : String(error));
      }
      const rows = ids.map(summarizeScenario);
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      for (const r of rows) {
        const apps = r.apps.map((a) => a.replace(/^Stateful|App$/g, "")).join("+");
        console.log(
          `${r.id.padEnd(48)} ${apps.padEnd(34)} oracle=${r.oracleEvents} env=${r.environmentEvents}${r.benchmarkReady ? "" : " (not benchmark-ready)"}`,
        );
      }
      console.log(`${rows.length} scenarios`);
    });
}
