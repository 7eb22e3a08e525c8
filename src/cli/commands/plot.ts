import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { z } from "zod";
import { scenarioRegistry } from "../../registry/scenario-registry.js";
import { loadSplit } from "../../registry/splits.js";
import { appUsage, appUsageSpec } from "../../report/plots/app-usage.js";
import type { ChartSpec } from "../../report/plots/chart-spec.js";
import { comparePoints, compareSpec } from "../../report/plots/compare.js";
import { renderPng, renderSvg } from "../../report/plots/index.js";
import { type PlotRun, robustnessPoints, robustnessSpec } from "../../report/plots/robustness.js";
import { summarizeScenario } from "../../runner/scenario-summary.js";
import { type RunStore, UnknownRunError } from "../../store/run-store.js";
import { writeFileAtomic, writeJsonAtomic } from "../../util/atomic-write.js";
import { loadPlotRuns } from "../../view/chart-data.js";
import { CliError } from "../cli-error.js";
import { STORE_OPTION_HELP, withCliStore } from "../store-option.js";
import { loadScenarios } from "./scenarios.js";

interface PlotOptions {
  outputDir: string;
  format: "svg" | "png" | "both";
  scale: number;
  store?: string;
  json?: boolean;
}

/** A `*_sweep.json` summary as `pare benchmark sweep` writes it: only the run ids are read. */
const SweepSummaryFile = z.object({
  cells: z.array(z.object({ runId: z.string().min(1), status: z.string() })),
});

/** Run ids named on the command line: run ids (or unique prefixes) in the store, or sweep summary files. */
async function resolveRuns(store: RunStore, refs: readonly string[]): Promise<PlotRun[]> {
  const ids: string[] = [];
  for (const ref of refs) {
    if (existsSync(ref) && statSync(ref).isFile()) {
      let parsed: z.infer<typeof SweepSummaryFile>;
      try {
        parsed = SweepSummaryFile.parse(JSON.parse(readFileSync(ref, "utf8")));
      } catch (error) {
        throw new CliError(
          `${ref}: not a sweep summary (*_sweep.json): ${error instanceof z.ZodError ? (error.issues[0]?.message ?? "invalid") : (error as Error).message}`,
        );
      }
      ids.push(...parsed.cells.filter((c) => c.status === "finished").map((c) => c.runId));
      continue;
    }
    try {
      ids.push(await store.resolveRunId(ref));
    } catch (error) {
      if (error instanceof UnknownRunError) throw new CliError(error.message);
      throw error;
    }
  }
  let runs: PlotRun[];
  try {
    runs = await loadPlotRuns(store, ids);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (runs.every((r) => r.frame.height === 0)) throw new CliError("the runs hold no results yet");
  return runs;
}

/** Writes `<dir>/<name>.svg` and/or `.png`; returns the paths. */
async function writeChart(spec: ChartSpec, dir: string, name: string, opts: PlotOptions): Promise<string[]> {
  const svg = await renderSvg(spec);
  const paths: string[] = [];
  if (opts.format !== "png") {
    const path = join(dir, `${name}.svg`);
    writeFileAtomic(path, svg);
    paths.push(path);
  }
  if (opts.format !== "svg") {
    const path = join(dir, `${name}.png`);
    writeFileAtomic(path, await renderPng(svg, { scale: opts.scale }));
    paths.push(path);
  }
  return paths;
}

function report(opts: PlotOptions, files: string[], notes: string[]): void {
  if (opts.json) {
    console.log(JSON.stringify({ files, notes }, null, 2));
    return;
  }
  for (const note of notes) console.log(`Note: ${note}`);
  for (const file of files) console.log(`Wrote ${file}`);
}

const scale = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 10)
    throw new InvalidArgumentError("--scale must be a number in (0, 10]");
  return n;
};

function withOutputOptions(command: Command, defaultDir = "plots"): Command {
  return command
    .option("--output-dir <dir>", "where the charts go", defaultDir)
    .addOption(
      new Option("--format <format>", "svg, png or both").choices(["svg", "png", "both"]).default("both"),
    )
    .option("--scale <n>", "PNG pixels per SVG pixel", scale, 2)
    .option("--json", "list the files written as JSON");
}

export function registerPlotCommand(program: Command): void {
  const plot = program
    .command("plot")
    .description("Charts of stored runs and of the suite, as SVG and PNG (no browser)");

  withOutputOptions(
    plot
      .command("robustness")
      .description(
        "Success, proposal and acceptance rates against tool-failure probability and against noise rate, one line per model, ± 1 SEM",
      )
      .argument("<runs...>", "run ids (or unique prefixes) in the store, or *_sweep.json files")
      .option("--store <url>", STORE_OPTION_HELP),
  ).action(async (refs: string[], opts: PlotOptions) => {
    await withCliStore(opts.store, async (store) => {
      const runs = await resolveRuns(store, refs);
      const points = robustnessPoints(runs);
      const dir = resolve(opts.outputDir);
      const files: string[] = [];
      const notes: string[] = [];
      const dataPath = join(dir, "robustness.json");
      writeJsonAtomic(dataPath, { points });
      files.push(dataPath);
      for (const [axis, name, title] of [
        ["toolFailureProbability", "robustness_tfp", "tool failure probability"],
        ["noiseRate", "robustness_noise", "noise rate"],
      ] as const) {
        const levels = new Set(points.map((p) => p[axis]));
        if (levels.size < 2) {
          notes.push(`the runs have one ${title} (${[...levels].join(", ")}): no chart against it`);
          continue;
        }
        files.push(...(await writeChart(robustnessSpec(points, axis), dir, name, opts)));
      }
      report(opts, files, notes);
    });
  });

  withOutputOptions(
    plot
      .command("compare")
      .description("The jobs side by side: success, proposal and acceptance rates, ± 1 SEM")
      .argument("<runs...>", "run ids (or unique prefixes) in the store, or *_sweep.json files")
      .option("--store <url>", STORE_OPTION_HELP),
  ).action(async (refs: string[], opts: PlotOptions) => {
    await withCliStore(opts.store, async (store) => {
      const points = comparePoints(await resolveRuns(store, refs));
      const dir = resolve(opts.outputDir);
      const dataPath = join(dir, "compare.json");
      writeJsonAtomic(dataPath, { points });
      report(opts, [dataPath, ...(await writeChart(compareSpec(points), dir, "compare", opts))], []);
    });
  });

  withOutputOptions(
    plot
      .command("apps")
      .description("App usage of the suite: how many scenarios use each app")
      .option("--split <name>", "a split from data/splits (default: every registered scenario)")
      .option("--scenarios-dir <dirs>", "comma-separated scenario directories"),
  ).action(async (opts: PlotOptions & { split?: string; scenariosDir?: string }) => {
    await loadScenarios(opts.scenariosDir);
    let ids: string[];
    try {
      ids = opts.split ? loadSplit(opts.split) : scenarioRegistry().ids();
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const scenarios = ids.map((id) => summarizeScenario(id));
    const suite = opts.split ? `split ${opts.split}` : "all registered scenarios";
    const usage = appUsage(scenarios);
    const dir = resolve(opts.outputDir);
    const dataPath = join(dir, "apps.json");
    writeJsonAtomic(dataPath, { suite, scenarios: scenarios.length, usage });
    report(
      opts,
      [dataPath, ...(await writeChart(appUsageSpec(usage, suite, scenarios.length), dir, "apps", opts))],
      [],
    );
  });
}
