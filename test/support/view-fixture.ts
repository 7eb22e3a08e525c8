import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./cli.js";

export const VIEW_SCENARIOS = [
  "apartment_compare_note",
  "apartment_price_drop_roommate",
  "cancelled_meeting_cancel_ride",
];
export const ARE_TRACES = join(import.meta.dirname, "../fixtures/annotation/are-traces");

/**
 * A run store with two runs of the same three bundled scenarios (the reference agent, which passes, and the random
 * baseline, which fails), written through the CLI so the traces are kept, and an annotation set drawn from the
 * original-format fixture trace and the reference run (with the bundled tutorial).
 */
export async function viewFixtureStore(): Promise<{
  store: string;
  dir: string;
  runA: string;
  runB: string;
}> {
  const dir = mkdtempSync(join(tmpdir(), "pare-view-"));
  const store = join(dir, "pare.db");
  const ids: string[] = [];
  for (const agent of ["reference", "random"]) {
    const run = await cli([
      "benchmark",
      "run",
      "-s",
      VIEW_SCENARIOS.join(","),
      "--agent",
      agent,
      "--store",
      store,
      "--output-dir",
      join(dir, "results"),
      "--quiet",
    ]);
    if (run.code !== 0) throw new Error(`benchmark run failed: ${run.err}`);
    const id = /Run ([0-9a-f]{12})/.exec(run.out + run.err)?.[1];
    if (!id) throw new Error(`no run id in: ${run.out}`);
    ids.push(id);
  }
  const sample = await cli([
    "annotate",
    "sample",
    ARE_TRACES,
    "--run",
    ids[0] as string,
    "--set",
    "study",
    "-n",
    "4",
    "--seed",
    "3",
    "--store",
    store,
  ]);
  if (sample.code !== 0) throw new Error(`annotate sample failed: ${sample.err}`);
  return { store, dir, runA: ids[0] as string, runB: ids[1] as string };
}
