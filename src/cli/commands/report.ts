import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import { combineResultFiles, findResultFiles } from "../../report/combine-results.js";
import { generateValidationReport } from "../../report/text-report.js";
import { CliError } from "../cli-error.js";

export function registerReportCommand(program: Command): void {
  program
    .command("report")
    .description("Combine result files (or results directories) into one report")
    .argument("<paths...>", "*_result.json files, or directories searched recursively for them")
    .option("--split <name>", "split name shown in the header", "full")
    .option("--generated-at <text>", "timestamp shown in the header (default: now)")
    .action((paths: string[], opts: { split: string; generatedAt?: string }) => {
      const files: string[] = [];
      for (const p of paths) {
        if (!existsSync(p)) throw new CliError(`not found: ${p}`);
        if (statSync(p).isDirectory()) files.push(...findResultFiles(p, { recursive: true }));
        else files.push(p);
      }
      if (files.length === 0) throw new CliError(`no result files found in ${paths.join(", ")}`);
      const combined = combineResultFiles(files);
      const generatedAt = opts.generatedAt ?? new Date().toISOString();
      console.log(generateValidationReport(combined.frame, opts.split, generatedAt));
    });
}
