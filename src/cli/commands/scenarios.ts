import { type Command, InvalidArgumentError } from "commander";
import { type DiscoveryReport, discoverScenarios } from "../../registry/discovery.js";
import { closeMatches, scenarioRegistry } from "../../registry/scenario-registry.js";
import { checkScenariosIsolated, listScenariosIsolated } from "../../runner/isolated-scenarios.js";
import { PUBLISHED_LIMITS } from "../../runner/published-limits.js";
import type { ScenarioCheck } from "../../runner/scenario-check.js";
import type { ListedScenarios } from "../../runner/scenario-listing.js";
import { CliError } from "../cli-error.js";

/** Imports the scenario directories; problems are warnings (one line each) and come back in the report. */
export async function loadScenarios(scenariosDir?: string): Promise<DiscoveryReport> {
  const report = await discoverScenarios(scenariosDir);
  for (const w of report.warnings) process.stderr.write(`warning: ${w}\n`);
  for (const f of report.failures)
    process.stderr.write(`warning: failed to import ${f.path}: ${firstLine(f.error)}\n`);
  return report;
}

const firstLine = (text: string): string => text.split("\n")[0] ?? text;

/** Every id must be registered; an unknown one is a configuration error with close matches suggested. */
export function assertKnownScenarios(ids: readonly string[]): void {
  const registry = scenarioRegistry();
  for (const id of ids) {
    if (!registry.has(id)) {
      const hint = registry.closeMatches(id);
      throw new CliError(
        `unknown scenario '${id}'${hint.length ? `; did you mean: ${hint.join(", ")}?` : ""}`,
      );
    }
  }
}

/** The scenarios of the directories, loaded and summarised in a worker thread; load problems go to stderr. */
async function listScenarios(
  scenariosDir: string | undefined,
  split: string | null,
): Promise<ListedScenarios> {
  const listed = await listScenariosIsolated(scenariosDir ?? null, split);
  for (const w of listed.warnings) process.stderr.write(`warning: ${w}\n`);
  for (const f of listed.failures)
    process.stderr.write(`warning: failed to import ${f.path}: ${firstLine(f.error)}\n`);
  for (const e of listed.summaryErrors)
    process.stderr.write(`warning: scenario ${e.id} cannot be built: ${firstLine(e.error)}\n`);
  if (listed.splitError !== null) throw new CliError(listed.splitError);
  return listed;
}

interface ListOptions {
  split?: string;
  scenariosDir?: string;
  benchmarkDir?: string;
  apps?: string[];
  idContains?: string;
  limit?: number;
  json?: boolean;
}

/** `StatefulEmailApp`, `EmailApp` and `email` name the same app. */
function appKey(name: string): string {
  return name
    .replace(/^Stateful/, "")
    .replace(/App$/, "")
    .toLowerCase();
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
    .option("--benchmark-dir <dir>", "PARE's name for --scenarios-dir")
    .option(
      "-a, --apps <apps>",
      "only scenarios using every one of these apps (class or short name; repeatable, comma list)",
      (value: string, previous: string[] = []) => [
        ...previous,
        ...value
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ],
    )
    .option("--id-contains <text>", "only ids containing this text")
    .option("--limit <n>", "at most N scenarios", (value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("--limit must be an integer >= 1");
      return n;
    })
    .option("--json", "machine-readable output")
    .action(async (opts: ListOptions) => {
      const listed = await listScenarios(opts.scenariosDir ?? opts.benchmarkDir, opts.split ?? null);
      const wanted = (opts.apps ?? []).map(appKey);
      let rows = listed.rows.filter((r) => {
        if (opts.idContains !== undefined && !r.id.includes(opts.idContains)) return false;
        const has = new Set(r.apps.map(appKey));
        return wanted.every((app) => has.has(app));
      });
      if (opts.limit !== undefined) rows = rows.slice(0, opts.limit);
      const broken = listed.summaryErrors.length;
      const problems = listed.failures.length + listed.warnings.length + broken;
      if (problems > 0) {
        process.stderr.write(
          `error: ${listed.failures.length} module(s) failed to import, ${broken} scenario(s) cannot be built, ${listed.warnings.length} directory problem(s)
`,
        );
        process.exitCode = 1;
      }
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      const lines = rows.map((r) => {
        const apps = r.apps.map((a) => a.replace(/^Stateful|App$/g, "")).join("+");
        return `${r.id.padEnd(48)} ${apps.padEnd(34)} oracle=${r.oracleEvents} env=${r.environmentEvents}${r.benchmarkReady ? "" : " (not benchmark-ready)"}`;
      });
      // One write, not one per line.
      console.log([...lines, `${rows.length} scenarios`].join("\n"));
    });
  scenarios
    .command("check")
    .description(
      "Check that scenarios are winnable and strictly validated: oracle passes, noop fails, the reference agent passes at the default limits without unseen facts, and the validator fails without the reference writes or proposal (see docs/SCENARIO-GUIDE.md)",
    )
    .argument("[ids...]", "scenario ids (default: every scenario found)")
    .option(
      "--scenarios-dir <dirs>",
      "comma-separated scenario directories (default: PARE_SCENARIOS_DIR or the bundled benchmark)",
    )
    .option("--json", "machine-readable output")
    .action(async (ids: string[], opts: { scenariosDir?: string; json?: boolean }) => {
      process.exitCode = await runScenarioChecks(ids, opts.json === true, opts.scenariosDir);
    });
}

function checkLine(c: ScenarioCheck): string {
  if (!c.ok) return `FAIL ${c.id}: ${c.failures.join(" | ")}`;
  const r = c.reference;
  const execution =
    r && r.longestExecution > 0
      ? `, longest execution ${r.longestExecution} of ${PUBLISHED_LIMITS.executeMaxIterations} steps`
      : "";
  const figures = r
    ? `reference: ${r.turns} turns, ${r.calls.observe} observe + ${r.calls.execute} execute calls${execution}`
    : "";
  return `ok   ${c.id}${c.expectsProposal ? "" : " (expects no proposal)"}  ${figures}`;
}

/**
 * `pare scenarios check`: one line per scenario as it is checked (in order), then a summary; 1 when any failed.
 * The checks run in worker threads, one scenario per task, so a scenario that loops fails after a bound.
 */
export async function runScenarioChecks(
  ids: string[],
  json: boolean,
  scenariosDir?: string,
): Promise<number> {
  const listed = await listScenarios(scenariosDir, null);
  const known = Object.keys(listed.modules);
  for (const id of ids) {
    if (!known.includes(id)) {
      const hint = closeMatches(id, known);
      throw new CliError(
        `unknown scenario '${id}'${hint.length ? `; did you mean: ${hint.join(", ")}?` : ""}`,
      );
    }
  }
  const selected = ids.length > 0 ? ids : known;
  if (selected.length === 0) throw new CliError("no scenarios found to check");
  const skip = listed.failures.map((f) => f.path);
  const checks = await checkScenariosIsolated(selected, scenariosDir ?? null, skip, (check) => {
    if (!json) console.log(checkLine(check));
  });
  const failed = checks.filter((c) => !c.ok).length;
  const summary = { total: checks.length, passed: checks.length - failed, failed };
  if (json) console.log(JSON.stringify({ summary, scenarios: checks }, null, 2));
  else console.log(`${summary.total} scenarios checked: ${summary.passed} passed, ${summary.failed} failed`);
  return failed === 0 ? 0 : 1;
}
