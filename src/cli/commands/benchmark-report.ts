import { existsSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import {
  COMBINED_RESULT_FILE,
  combineResultFiles,
  combineResultFrames,
  findResultFiles,
  ResultFileError,
} from "../../report/combine-results.js";
import { groupByFingerprint } from "../../report/fingerprint-groups.js";
import { generateJsonStatsReport } from "../../report/json-report.js";
import { splitByConfig } from "../../report/statistics.js";
import { generateValidationReport } from "../../report/text-report.js";
import { writeFileAtomic, writeJsonAtomic } from "../../util/atomic-write.js";
import { CliError } from "../cli-error.js";
import { COMBINED_REPORT_FILE } from "./report.js";

interface BenchmarkReportOptions {
  resultsDir: string;
  split: string;
  generatedAt?: string;
}

/**
 * `pare benchmark report -d DIR [-s SPLIT]`, PARE's command: combines the `*_result.json` files under DIR (pare-ts
 * writes each job in its own `<run id>/` folder, so DIR is searched recursively) into `combined_result.json` and
 * `combined_report.txt` in DIR, one entry per config as PARE's. Unlike PARE, rows of one config written under
 * different fingerprints (other settings or code) are not pooled: that is an error pointing at `pare report`,
 * which reports each fingerprint on its own; a (scenario, run) of one fingerprint found twice is counted once.
 */
export function registerBenchmarkReportCommand(benchmark: Command): void {
  benchmark
    .command("report")
    .description(
      `Combine the result files of a results directory into ${COMBINED_RESULT_FILE} and ${COMBINED_REPORT_FILE} (PARE's command)`,
    )
    .requiredOption("-d, --results-dir <dir>", "directory holding *_result.json files (searched recursively)")
    .option("-s, --split <name>", "split name shown in the header", "full")
    .option("--generated-at <text>", "timestamp shown in the header (default: now)")
    .action((opts: BenchmarkReportOptions) => {
      const dir = resolve(opts.resultsDir);
      if (!existsSync(dir) || !statSync(dir).isDirectory())
        throw new CliError(`Results directory not found: ${dir}`, 1);
      const files = findResultFiles(dir, { recursive: true });
      if (files.length === 0) throw new CliError(`No result files found in ${dir}`, 1);
      let combined: ReturnType<typeof combineResultFiles>;
      try {
        combined = combineResultFiles(files);
      } catch (error) {
        if (error instanceof ResultFileError) throw new CliError(error.message, 1);
        throw error;
      }
      for (const f of combined.files) console.log(`  Loaded ${relative(dir, f.path)}: ${f.rows} rows`);
      const groups = groupByFingerprint(combined.frame);
      const frame = combineResultFrames(groups.map((g) => g.frame));
      const dropped = groups.reduce((n, g) => n + g.duplicatesDropped, 0);
      for (const { key, frame: rows } of splitByConfig(frame)) {
        const hashes = new Set(rows.getColumn("config_hash").toArray() as (string | null)[]);
        if (hashes.size > 1)
          throw new CliError(
            `rows of config ${key.proactive_model} (user ${key.user_model}, tfp ${key.tool_failure_probability}, noise ${key.num_env_events_per_minute}) carry ${hashes.size} fingerprints (other settings or code) and cannot be pooled; \`pare report ${opts.resultsDir}\` reports each on its own`,
            1,
          );
      }
      console.log(`\nCombined: ${frame.height} total rows from ${combined.files.length} files`);
      if (dropped > 0)
        console.log(`(${dropped} rows repeating a scenario run of the same fingerprint counted once)`);
      const generatedAt = opts.generatedAt ?? new Date().toISOString();
      const json = generateJsonStatsReport(frame, opts.split, undefined, generatedAt);
      const text = generateValidationReport(frame, opts.split, generatedAt);
      writeJsonAtomic(join(dir, COMBINED_RESULT_FILE), json);
      writeFileAtomic(join(dir, COMBINED_REPORT_FILE), `${text}\n`);
      console.log(`\nSaved ${COMBINED_RESULT_FILE} and ${COMBINED_REPORT_FILE} to ${dir}`);
      console.log(`\n${text}`);
    });
}
