import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import type pl from "nodejs-polars";
import {
  COMBINED_RESULT_FILE,
  combineResultFrames,
  findResultFiles,
  ResultFileError,
  readResultFile,
} from "../../report/combine-results.js";
import { groupByFingerprint } from "../../report/fingerprint-groups.js";
import { generateJsonStatsReport } from "../../report/json-report.js";
import { generateValidationReport } from "../../report/text-report.js";
import { UnknownRunError } from "../../store/run-store.js";
import { resultsOfRows } from "../../store/store-rows.js";
import { writeFileAtomic, writeJsonAtomic } from "../../util/atomic-write.js";
import { CliError } from "../cli-error.js";
import { withCliStore, withStoreOption } from "../store-option.js";

export const COMBINED_REPORT_FILE = "combined_report.txt";

interface ReportOptions {
  run?: string[];
  store?: string;
  split: string;
  generatedAt?: string;
  json?: boolean;
  combined?: string;
  countErrorsAsFailures?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

async function storeFrames(runs: readonly string[], storeUrl: string | undefined): Promise<pl.DataFrame[]> {
  if (runs.length === 0) return [];
  return withCliStore(storeUrl, async (store) => {
    const frames: pl.DataFrame[] = [];
    for (const prefix of runs) {
      let runId: string;
      try {
        runId = await store.resolveRunId(prefix);
      } catch (error) {
        if (error instanceof UnknownRunError) throw new CliError(error.message);
        throw error;
      }
      const job = await store.getJob(runId);
      if (job) frames.push(resultsOfRows(job, await store.jobRuns(runId)).toPolars());
    }
    return frames;
  });
}

function fileFrames(paths: readonly string[]): pl.DataFrame[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new CliError(`not found: ${p}`);
    if (statSync(p).isDirectory()) files.push(...findResultFiles(p, { recursive: true }));
    else files.push(p);
  }
  if (paths.length > 0 && files.length === 0)
    throw new CliError(`no result files found in ${paths.join(", ")}`);
  // A corrupt or invalid file is skipped with a one-line warning naming it; the valid ones are reported.
  const frames: pl.DataFrame[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    try {
      frames.push(readResultFile(file));
    } catch (error) {
      if (!(error instanceof ResultFileError)) throw error;
      skipped.push(file);
      const [head, ...issues] = error.message.split("\n");
      const first = issues[0]?.trim().replace(/^- /, "");
      process.stderr.write(
        `warning: skipped ${head}${first ? ` (${first}${issues.length > 1 ? ", …" : ""})` : ""}\n`,
      );
    }
  }
  if (files.length > 0 && frames.length === 0)
    throw new CliError(`no valid result file: all ${skipped.length} given were skipped (see the warnings)`);
  return frames;
}

export function registerReportCommand(program: Command): void {
  withStoreOption(
    program
      .command("report")
      .description(
        "Report result files, results directories or stored runs; rows of different fingerprints are never mixed",
      )
      .argument("[paths...]", "*_result.json files, or directories searched recursively for them")
      .option("--run <id>", "a run from the store (repeatable; a unique prefix is enough)", collect)
      .option("--split <name>", "split name shown in the header", "full")
      .option("--generated-at <text>", "timestamp shown in the header (default: now)")
      .option("--json", "the JSON stats report per fingerprint on stdout")
      .option(
        "--count-errors-as-failures",
        "count runs that ended in an infrastructure error as failures (default: left out of every rate, and counted)",
      )
      .option(
        "--combined <dir>",
        `also write ${COMBINED_RESULT_FILE} and ${COMBINED_REPORT_FILE} (PARE's files) there`,
      ),
  ).action(async (paths: string[], opts: ReportOptions) => {
    const runs = opts.run ?? [];
    if (paths.length === 0 && runs.length === 0)
      throw new CliError("give result files or directories, or --run ID for runs in the store");
    const frame = combineResultFrames([...fileFrames(paths), ...(await storeFrames(runs, opts.store))]);
    const generatedAt = opts.generatedAt ?? new Date().toISOString();
    const statsOptions = { countErrorsAsFailures: opts.countErrorsAsFailures === true };
    const groups = groupByFingerprint(frame);
    const several = groups.length > 1;
    const notes: string[] = [];
    if (several)
      notes.push(
        `The rows have ${groups.length} different fingerprints (config or code); each is reported on its own, never combined.`,
      );
    for (const g of groups) {
      if (g.fingerprint === null)
        notes.push(
          `${g.frame.height} rows carry no fingerprint (not written by pare-ts): grouped by PARE's config columns only.`,
        );
      if (g.duplicatesDropped > 0)
        notes.push(
          `${g.duplicatesDropped} rows of fingerprint ${g.fingerprint} repeat a scenario and run number already counted; kept the first.`,
        );
    }
    const reports = groups.map((g) => ({
      fingerprint: g.fingerprint,
      runIds: g.runIds,
      rows: g.frame.height,
      duplicatesDropped: g.duplicatesDropped,
      json: generateJsonStatsReport(g.frame, opts.split, undefined, generatedAt, statsOptions),
      text: generateValidationReport(g.frame, opts.split, generatedAt, undefined, statsOptions),
    }));
    if (opts.combined) {
      for (const r of reports) {
        const dir = several
          ? join(resolve(opts.combined), r.fingerprint ?? "no-fingerprint")
          : resolve(opts.combined);
        writeJsonAtomic(join(dir, COMBINED_RESULT_FILE), r.json);
        writeFileAtomic(join(dir, COMBINED_REPORT_FILE), `${r.text}\n`);
      }
    }
    if (opts.json) {
      console.log(
        JSON.stringify(
          {
            generatedAt,
            split: opts.split,
            notes,
            groups: reports.map(({ text: _text, json, ...rest }) => ({ ...rest, report: json })),
          },
          null,
          2,
        ),
      );
      return;
    }
    for (const note of notes) console.log(`Note: ${note}`);
    for (const r of reports) {
      console.log(
        `--- Fingerprint ${r.fingerprint ?? "(none)"} · ${r.rows} rows${r.runIds.length ? ` · runs ${r.runIds.join(", ")}` : ""} ---`,
      );
      console.log(r.text);
      console.log("");
    }
  });
}
