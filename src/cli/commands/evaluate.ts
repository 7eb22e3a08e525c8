import { readFileSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import type { Command } from "commander";
import YAML from "yaml";
import { z } from "zod";
import { summarizeMetrics } from "../../evaluation/metrics.js";
import { type RescoredGroup, rescoreTraceFiles } from "../../evaluation/rescore.js";
import { RuleBasedTaskEvaluator, type TaskEvaluation } from "../../evaluation/task-evaluator.js";
import { findTraceFiles, TraceParseError } from "../../evaluation/trace-io.js";
import { writeResultsDirectory } from "../../report/results-directory.js";
import { formatFixed } from "../../report/text-report.js";
import { CliError } from "../cli-error.js";
import { ensureWritableDirectory } from "../writable-path.js";
import { loadScenarios } from "./scenarios.js";

export interface EvaluateCliOptions {
  scenariosDir?: string;
  split: string;
  generatedAt?: string;
  outputDir?: string;
  task?: string;
  json?: boolean;
}

function loadTaskEvaluator(path: string): RuleBasedTaskEvaluator {
  let raw: unknown;
  try {
    const text = readFileSync(path, "utf8");
    raw = extname(path).toLowerCase() === ".json" ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new CliError(`cannot read task criteria ${path}: ${(error as Error).message}`);
  }
  try {
    return new RuleBasedTaskEvaluator(raw as never);
  } catch (error) {
    if (error instanceof z.ZodError) {
      const issue = error.issues[0];
      throw new CliError(
        `invalid task criteria ${path}: ${issue?.path.join(".") || "(top level)"}: ${issue?.message}`,
      );
    }
    throw error;
  }
}

const fmt = (x: number | null) => (x === null ? "n/a" : formatFixed(x, 3));

function metricsBlock(group: RescoredGroup): string[] {
  const lines = [
    "",
    "=== Trajectory metrics (mean over the runs they apply to; rates also pooled over all runs, as the report) ===",
  ];
  for (const m of summarizeMetrics(group.runs.map((r) => r.metrics))) {
    const pooled = m.pooled === undefined ? "" : `; pooled ${fmt(m.pooled)}`;
    lines.push(
      `  - ${m.name.padEnd(30)} ${m.type.padEnd(15)} ${fmt(m.mean).padStart(9)}  (mean of ${m.count} runs${pooled})`,
    );
  }
  const changed = group.runs.filter((r) => r.verdictChanged);
  lines.push("", `=== Verdicts changed since the run: ${changed.length} ===`);
  for (const r of changed)
    lines.push(
      `  - ${r.trace.scenarioId} run ${r.trace.runNumber ?? "single"}: ${r.trace.result.success} → ${r.result.success}`,
    );
  return lines;
}

export async function runEvaluateCommand(paths: string[], opts: EvaluateCliOptions): Promise<number> {
  // Checked before any work: an output location under a file fails the command in one line.
  if (opts.outputDir) ensureWritableDirectory(opts.outputDir, "--output-dir");
  await loadScenarios(opts.scenariosDir);
  const evaluator = opts.task ? loadTaskEvaluator(opts.task) : null;
  let groups: RescoredGroup[];
  try {
    const files = findTraceFiles(paths);
    if (files.length === 0) throw new CliError(`no trace files (*_trace.json) found in ${paths.join(", ")}`);
    groups = rescoreTraceFiles(files, { warn: (m) => process.stderr.write(`warning: ${m}\n`) });
  } catch (error) {
    if (error instanceof TraceParseError) throw new CliError(error.message);
    throw error;
  }
  const generatedAt = opts.generatedAt ?? new Date().toISOString();
  const tasks = new Map<string, TaskEvaluation>();
  if (evaluator)
    for (const g of groups) for (const r of g.runs) tasks.set(r.path, evaluator.evaluate(r.trajectory));

  const written: string[] = [];
  if (opts.outputDir) {
    for (const g of groups) {
      const dir = groups.length === 1 ? resolve(opts.outputDir) : resolve(opts.outputDir, g.configHash);
      writeResultsDirectory(dir, { multi: g.results, split: opts.split, generatedAt, config: g.config });
      written.push(dir);
    }
  }

  if (opts.json) {
    const out = groups.map((g) => ({
      configHash: g.configHash,
      agentType: g.config.oracle ? "oracle" : g.config.agentType,
      total: g.results.size,
      successes: g.results.successfulCount,
      successRate: g.results.successRate,
      metrics: summarizeMetrics(g.runs.map((r) => r.metrics)),
      runs: g.runs.map((r) => ({
        trace: r.path,
        scenarioId: r.trace.scenarioId,
        runNumber: r.trace.runNumber,
        success: r.result.success,
        recordedSuccess: r.trace.result.success,
        verdictChanged: r.verdictChanged,
        rationale: r.result.rationale,
        exception: r.result.exception,
        metrics: Object.fromEntries(r.metrics.map((m) => [m.name, m.value])),
        ...(evaluator ? { task: tasks.get(r.path) } : {}),
      })),
    }));
    console.log(JSON.stringify({ groups: out, resultsDirs: written }, null, 2));
    return 0;
  }
  for (const g of groups) {
    console.log(g.results.description(opts.split, generatedAt));
    console.log(metricsBlock(g).join("\n"));
    if (evaluator) {
      console.log("", "=== Task criteria ===");
      for (const r of g.runs) {
        const t = tasks.get(r.path) as TaskEvaluation;
        const failed = t.details.filter((d) => !d.passed).map((d) => d.name);
        console.log(
          `  - ${r.trace.scenarioId} run ${r.trace.runNumber ?? "single"}: ${t.success ? "pass" : "fail"} score ${formatFixed(t.score, 3)}${failed.length ? ` (failed: ${failed.join(", ")})` : ""}`,
        );
      }
    }
  }
  for (const dir of written) console.log(`Results: ${join(dir)}`);
  return 0;
}

export function registerEvaluateCommand(program: Command): void {
  program
    .command("evaluate")
    .description(
      "Re-score saved traces offline (no agent rerun) with the scenarios' validators and the metric suite",
    )
    .argument("<traces...>", "*_trace.json files or directories holding them")
    .option(
      "--scenarios-dir <dirs>",
      "comma-separated scenario directories (default: PARE_SCENARIOS_DIR or the bundled benchmark)",
    )
    .option("--split <name>", "split name shown in the report header", "custom")
    .option("--generated-at <text>", "timestamp shown in the report header (default: now)")
    .option(
      "--output-dir <dir>",
      "also write result files (json, report, parquet, csv) here, one directory per config",
    )
    .option("--task <file>", "JSON or YAML success criteria for the rule-based task evaluator")
    .option("--json", "print a machine-readable summary")
    .action(async (paths: string[], opts: EvaluateCliOptions) => {
      process.exitCode = await runEvaluateCommand(paths, opts);
    });
}
