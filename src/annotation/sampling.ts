import seedrandom from "seedrandom";
import { type DecisionPoint, TERNARY_LABELS } from "./decision-point.js";

export interface BalancedSample {
  samples: DecisionPoint[];
  /** True when the pools ran dry before `size` samples were drawn. */
  exhausted: boolean;
}

/** Fisher–Yates with a seeded generator. */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * PARE's balanced ternary sample (spec §15.2): per proactive model (sorted) three pools (accept, reject,
 * gather_context), each shuffled; then cycles of "for each model, for each decision, take one if the pool has
 * any" until `size` are drawn or a cycle draws nothing. Seeded with seedrandom (PARE seeds Python's global RNG,
 * so the draws differ from PARE's for the same seed; the procedure is the same). Candidates are first put in
 * sample-id order so the result does not depend on the order traces were read.
 */
export function balancedSample(
  candidates: readonly DecisionPoint[],
  size: number,
  seed: number,
): BalancedSample {
  const random = seedrandom(`pare-annotate-sample:${seed}`);
  const ordered = [...candidates].sort((a, b) =>
    a.sample_id < b.sample_id ? -1 : a.sample_id > b.sample_id ? 1 : a.trace_file < b.trace_file ? -1 : 1,
  );
  const models = [...new Set(ordered.map((c) => c.proactive_model_id))].sort();
  const pools = new Map<string, DecisionPoint[]>();
  for (const model of models)
    for (const label of TERNARY_LABELS)
      pools.set(
        `${model}\u0000${label}`,
        shuffle(
          ordered.filter((c) => c.proactive_model_id === model && c.user_agent_decision === label),
          random,
        ),
      );
  const samples: DecisionPoint[] = [];
  while (samples.length < size) {
    let drew = false;
    for (const model of models) {
      for (const label of TERNARY_LABELS) {
        if (samples.length >= size) break;
        const next = pools.get(`${model}\u0000${label}`)?.pop();
        if (next) {
          samples.push(next);
          drew = true;
        }
      }
    }
    if (!drew) return { samples, exhausted: true };
  }
  return { samples, exhausted: false };
}
