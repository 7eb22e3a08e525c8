import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunStore } from "../store/run-store.js";
import { loadWebAssets, WEB_FILES } from "./server.js";
import { type ScenarioCatalogue, ViewData } from "./view-data.js";

/** `</script>`-safe, line-separator-safe JSON for a script file. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * Writes a static copy of the viewer for the given runs into `dir`: the built front end and `data.js`, which holds
 * every API answer the pages of those runs ask for (runs list, run pages, every scenario run with its trace). It
 * opens from disk (file://) with no server: the script is classic, and navigation uses the URL's hash.
 */
export async function exportSite(
  store: RunStore,
  runIds: readonly string[],
  dir: string,
  options: {
    catalogue?: ScenarioCatalogue | Promise<ScenarioCatalogue>;
    assets?: Record<string, string>;
  } = {},
): Promise<{ files: string[]; runs: number; scenarioRuns: number; bytes: number }> {
  const data = new ViewData(store, options.catalogue ?? new Map());
  const assets = options.assets ?? loadWebAssets();
  const table: Record<string, unknown> = {};
  const all = await data.runs();
  const wanted = new Set(runIds);
  table["/api/runs"] = { runs: all.filter((r) => wanted.has(r.runId)) };
  let scenarioRuns = 0;
  for (const runId of runIds) {
    const detail = await data.run(runId);
    table[`/api/runs/${runId}`] = detail;
    for (const row of detail.rows) {
      if (!row.hasTrace) continue;
      const found = await data.scenarioRun(runId, row.scenarioId, row.runNumber);
      if (!found) continue;
      table[
        `/api/runs/${runId}/scenarios/${encodeURIComponent(row.scenarioId)}/${row.runNumber ?? "single"}`
      ] = found;
      scenarioRuns += 1;
    }
  }
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const name of WEB_FILES) {
    writeFileSync(join(dir, name), assets[name] as string);
    files.push(name);
  }
  const script = `window.__PARE_STATIC__ = ${scriptJson(table)};\n`;
  writeFileSync(join(dir, "data.js"), script);
  files.push("data.js");
  return { files, runs: runIds.length, scenarioRuns, bytes: Buffer.byteLength(script) };
}
