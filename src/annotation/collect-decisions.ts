import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { parseTrace } from "../evaluation/trace-io.js";
import type { RunStore } from "../store/run-store.js";
import { extractAreDecisionPoints } from "./are-trace-decisions.js";
import type { DecisionPoint } from "./decision-point.js";
import { extractPareDecisionPoints } from "./pare-trace-decisions.js";

export interface CollectedDecisions {
  points: DecisionPoint[];
  /** Traces read, and traces that gave nothing or could not be read (with why). */
  traces: number;
  notes: string[];
}

/** PARE's model id from a results directory name (`obs_gpt-5_exec_…` → `gpt-5`), else null. */
export function modelFromDirectory(name: string): string | null {
  const match = /obs_([^_]+(?:_[^_]+)?(?:-[^_]+)?)_exec_/.exec(name);
  return match ? (match[1] as string) : null;
}

function jsonFiles(path: string): string[] {
  const info = statSync(path);
  if (info.isFile()) return [path];
  const out: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...jsonFiles(full));
    else if (entry.name.endsWith(".json")) out.push(full);
  }
  return out;
}

function modelPart(modelId: unknown, role: string): string | null {
  if (typeof modelId !== "string") return null;
  const part = modelId.split("|").find((p) => p.startsWith(`${role}:`));
  return part ? part.slice(role.length + 1) : null;
}

/**
 * Decision points of every trace under `paths` (files or directories, read in sorted order): pare-ts traces
 * (`pare_trace_v1`) and the original's `hf` traces (`are_simulation_v1`). For ARE traces the proactive model is
 * taken from the results directory name as PARE does (else the trace's model id), and directories whose name says
 * the run had environment noise (`enmi_` other than 0) are skipped, as PARE's sampler does. Files that are neither
 * format are noted, not fatal; `userModel` fills ARE traces that do not name their user model.
 */
export function collectDecisionsFromPaths(
  paths: readonly string[],
  options: { userModel?: string } = {},
): CollectedDecisions {
  const points: DecisionPoint[] = [];
  const notes: string[] = [];
  let traces = 0;
  for (const root of paths) {
    let files: string[];
    try {
      files = jsonFiles(root);
    } catch (error) {
      throw new Error(
        `${root}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (error as Error).message}`,
      );
    }
    for (const file of files) {
      const shown = relative(process.cwd(), file) || file;
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (error) {
        notes.push(`${shown}: unreadable (${(error as Error).message})`);
        continue;
      }
      let version: unknown;
      try {
        version = (JSON.parse(text) as { version?: unknown }).version;
      } catch {
        notes.push(`${shown}: not JSON, skipped`);
        continue;
      }
      if (version === "pare_trace_v1") {
        try {
          points.push(...extractPareDecisionPoints(parseTrace(JSON.parse(text), shown), shown));
          traces += 1;
        } catch (error) {
          notes.push(`${shown}: ${(error as Error).message}`);
        }
      } else if (version === "are_simulation_v1") {
        const dir = basename(dirname(file));
        if (/enmi_/.test(dir) && !/enmi_0(?:_|$)/.test(dir)) {
          notes.push(`${shown}: run with environment noise (${dir}), skipped as PARE's sampler does`);
          continue;
        }
        const meta = (JSON.parse(text) as { metadata?: { simulation?: { model_id?: unknown } } }).metadata;
        const proactive =
          modelFromDirectory(dir) ?? modelPart(meta?.simulation?.model_id, "observe") ?? "unknown";
        const user = options.userModel ?? modelPart(meta?.simulation?.model_id, "user") ?? "unknown";
        try {
          const extracted = extractAreDecisionPoints(text, shown, proactive, user);
          traces += 1;
          points.push(...extracted.points);
          for (const w of extracted.warnings) notes.push(`${shown}: ${w}`);
          if (extracted.skippedReason) notes.push(`${shown}: ${extracted.skippedReason}`);
        } catch (error) {
          notes.push((error as Error).message);
        }
      } else if (file.endsWith("_trace.json") || version !== undefined) {
        notes.push(`${shown}: unknown trace version ${JSON.stringify(version)}, skipped`);
      }
    }
  }
  return { points, traces, notes };
}

/** Decision points of a stored job's traces (runs without a kept trace are noted). */
export async function collectDecisionsFromRun(store: RunStore, runId: string): Promise<CollectedDecisions> {
  const points: DecisionPoint[] = [];
  const notes: string[] = [];
  let traces = 0;
  for (const run of await store.jobRuns(runId)) {
    const files = await store.runArtifacts(runId, run.scenarioId, run.runNumber);
    const label = `run ${runId} ${run.scenarioId}#${run.runNumber ?? "single"}`;
    if (!files?.trace) {
      notes.push(`${label}: no trace kept`);
      continue;
    }
    try {
      points.push(...extractPareDecisionPoints(parseTrace(JSON.parse(files.trace), label), label));
      traces += 1;
    } catch (error) {
      notes.push(`${label}: ${(error as Error).message}`);
    }
  }
  return { points, traces, notes };
}
