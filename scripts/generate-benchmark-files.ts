/**
 * Regenerates data/splits/full.txt, data/splits/ablation.txt and docs/benchmark.md from the registered
 * bundled scenarios: `npx tsx scripts/generate-benchmark-files.ts`. The output is deterministic.
 */
import { join } from "node:path";
import { PROJECT_ROOT } from "../src/registry/splits.js";
import { ablation, catalogue, markdown } from "../src/scenarios/benchmark-catalogue.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";

const rows = await catalogue();
const ablationIds = ablation(rows);
writeFileAtomic(join(PROJECT_ROOT, "data", "splits", "full.txt"), `${rows.map((r) => r.id).join("\n")}\n`);
writeFileAtomic(join(PROJECT_ROOT, "data", "splits", "ablation.txt"), `${ablationIds.join("\n")}\n`);
writeFileAtomic(join(PROJECT_ROOT, "docs", "benchmark.md"), markdown(rows, ablationIds));
console.log(`${rows.length} scenarios, ablation ${ablationIds.length}`);
