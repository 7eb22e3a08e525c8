/**
 * Regenerates data/splits/{full,ablation,noise}.txt and docs/benchmark.md from the registered bundled
 * scenarios: `npx tsx scripts/generate-benchmark-files.ts`. The output is deterministic.
 */
import { join } from "node:path";
import { PROJECT_ROOT } from "../src/registry/splits.js";
import { ablation, catalogue, markdown, noiseSplit } from "../src/scenarios/benchmark-catalogue.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";

const rows = await catalogue();
const ablationIds = ablation(rows);
const noiseIds = noiseSplit(rows);
const split = (name: string, ids: string[]) =>
  writeFileAtomic(join(PROJECT_ROOT, "data", "splits", `${name}.txt`), `${ids.join("\n")}\n`);
split(
  "full",
  rows.map((r) => r.id),
);
split("ablation", ablationIds);
split("noise", noiseIds);
writeFileAtomic(join(PROJECT_ROOT, "docs", "benchmark.md"), markdown(rows, ablationIds, noiseIds));
console.log(`${rows.length} scenarios, ablation ${ablationIds.length}, noise ${noiseIds.length}`);
