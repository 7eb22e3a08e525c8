import pl from "nodejs-polars";

/** Rows of one fingerprint, ready for one report. */
export interface FingerprintGroup {
  /** The rows' `config_hash`; null for rows without one (PARE's own result files). */
  fingerprint: string | null;
  frame: pl.DataFrame;
  /** Run ids the rows come from (null ids left out). */
  runIds: string[];
  /** Rows dropped because an earlier row had the same scenario and run number under this fingerprint. */
  duplicatesDropped: number;
}

const MASK = "__pare_keep__";

function keepRows(frame: pl.DataFrame, keep: boolean[]): pl.DataFrame {
  return frame
    .withColumn(pl.Series(MASK, keep, pl.Bool))
    .filter(pl.col(MASK))
    .drop(MASK);
}

/**
 * Splits a result frame by fingerprint, in order of first appearance. Statistics must never mix fingerprints:
 * rows of another config or code would make pass@k and success rates meaningless. Within a fingerprint, a
 * (scenario, run number) seen twice (the same job reported twice, overlapping shards) is kept once, the first.
 * Rows without a fingerprint form one group, split by PARE's config columns as PARE's report does.
 */
export function groupByFingerprint(frame: pl.DataFrame): FingerprintGroup[] {
  if (frame.height === 0) return [];
  const hashes = frame.getColumn("config_hash").toArray() as (string | null)[];
  const scenarios = frame.getColumn("base_scenario_id").toArray() as string[];
  const runs = frame.getColumn("run_number").toArray() as (number | null)[];
  const runIds = frame.getColumn("run_id").toArray() as (string | null)[];
  const order: (string | null)[] = [];
  for (const hash of hashes) if (!order.includes(hash)) order.push(hash);
  return order.map((fingerprint) => {
    const seen = new Set<string>();
    const ids = new Set<string>();
    let duplicatesDropped = 0;
    const keep = hashes.map((hash, i) => {
      if (hash !== fingerprint) return false;
      const key = `${scenarios[i]}\u0000${runs[i] ?? ""}`;
      // Rows without a fingerprint (PARE's files) may hold several configs: those are never deduplicated.
      if (fingerprint !== null && seen.has(key)) {
        duplicatesDropped += 1;
        return false;
      }
      seen.add(key);
      const id = runIds[i];
      if (id) ids.add(id);
      return true;
    });
    return { fingerprint, frame: keepRows(frame, keep), runIds: [...ids], duplicatesDropped };
  });
}
