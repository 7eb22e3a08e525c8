import { createHash } from "node:crypto";

/**
 * Agreement statistics for nominal labels (spec §15.5): Cohen's κ, Fleiss' κ, Krippendorff's α, and the
 * majority vote with PARE's deterministic tie-break. Every function returns null where the statistic is
 * undefined (no data, a single rater), never NaN.
 */

/** Cohen's κ between two equally long label lists; null when they are empty or of different lengths. */
export function cohensKappa<L extends string>(a: readonly L[], b: readonly L[]): number | null {
  if (a.length === 0 || a.length !== b.length) return null;
  const n = a.length;
  let agree = 0;
  const rowShare = new Map<L, number>();
  const colShare = new Map<L, number>();
  for (let i = 0; i < n; i++) {
    const x = a[i] as L;
    const y = b[i] as L;
    if (x === y) agree += 1;
    rowShare.set(x, (rowShare.get(x) ?? 0) + 1 / n);
    colShare.set(y, (colShare.get(y) ?? 0) + 1 / n);
  }
  const po = agree / n;
  let pe = 0;
  for (const [label, share] of rowShare) pe += share * (colShare.get(label) ?? 0);
  if (Math.abs(1 - pe) < 1e-12) return po === 1 ? 1 : 0;
  return (po - pe) / (1 - pe);
}

/**
 * Fleiss' κ over items each rated by several raters (`ratings[i]` = the labels item i got). Items with fewer than
 * two ratings are left out of P̄ (as PARE does) but their labels count in the category shares. Null with no item
 * rated at least twice.
 */
export function fleissKappa<L extends string>(ratings: readonly (readonly L[])[]): number | null {
  const perItem: number[] = [];
  const totals = new Map<L, number>();
  let all = 0;
  for (const item of ratings) {
    const counts = new Map<L, number>();
    for (const label of item) {
      counts.set(label, (counts.get(label) ?? 0) + 1);
      totals.set(label, (totals.get(label) ?? 0) + 1);
      all += 1;
    }
    const m = item.length;
    if (m < 2) continue;
    let squares = 0;
    for (const c of counts.values()) squares += c * c;
    perItem.push((squares - m) / (m * (m - 1)));
  }
  if (perItem.length === 0 || all === 0) return null;
  const pBar = perItem.reduce((s, x) => s + x, 0) / perItem.length;
  let pe = 0;
  for (const c of totals.values()) pe += (c / all) ** 2;
  if (Math.abs(1 - pe) < 1e-12) return Math.abs(1 - pBar) < 1e-12 ? 1 : 0;
  return (pBar - pe) / (1 - pe);
}

/**
 * Krippendorff's α for nominal data. `units[i]` holds the labels unit i got from its raters (missing ratings left
 * out). Units with fewer than two ratings are not pairable and are dropped. Null when fewer than two pairable
 * values remain.
 */
export function krippendorffAlpha<L extends string>(units: readonly (readonly L[])[]): number | null {
  const coincidence = new Map<string, number>();
  const marginals = new Map<L, number>();
  let total = 0;
  let disagreement = 0;
  for (const unit of units) {
    const m = unit.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const a = unit[i] as L;
        const b = unit[j] as L;
        const w = 1 / (m - 1);
        coincidence.set(`${a}\u0000${b}`, (coincidence.get(`${a}\u0000${b}`) ?? 0) + w);
        marginals.set(a, (marginals.get(a) ?? 0) + w);
        total += w;
        if (a !== b) disagreement += w;
      }
    }
  }
  if (total <= 1) return null;
  const n = total;
  const observed = disagreement / n;
  let expectedNumerator = 0;
  const labels = [...marginals.keys()];
  for (const a of labels)
    for (const b of labels)
      if (a !== b) expectedNumerator += (marginals.get(a) ?? 0) * (marginals.get(b) ?? 0);
  const expected = expectedNumerator / (n * (n - 1));
  if (expected === 0) return observed === 0 ? 1 : 0;
  return 1 - observed / expected;
}

/** Index into `size` tied labels chosen by a hash of the sample id (PARE: `int(sha256(id).hex) mod size`). */
export function hashTieBreak(sampleId: string, size: number, algorithm: "sha256" | "md5" = "sha256"): number {
  const hex = createHash(algorithm).update(sampleId, "utf8").digest("hex");
  return Number(BigInt(`0x${hex}`) % BigInt(size));
}

/**
 * The most frequent label, ties broken by `hashTieBreak(sampleId)` over the tied labels in `order`. Null when
 * there are no labels.
 */
export function majorityLabel<L extends string>(
  labels: readonly L[],
  order: readonly L[],
  sampleId: string,
  algorithm: "sha256" | "md5" = "sha256",
): L | null {
  if (labels.length === 0) return null;
  const counts = order.map((label) => labels.filter((l) => l === label).length);
  const best = Math.max(...counts);
  const tied = order.filter((_, i) => counts[i] === best);
  if (tied.length === 1) return tied[0] as L;
  return tied[hashTieBreak(sampleId, tied.length, algorithm)] as L;
}

/** Landis & Koch's wording for a κ value. */
export function kappaWording(kappa: number | null): string {
  if (kappa === null) return "n/a";
  if (kappa < 0) return "poor";
  if (kappa < 0.2) return "slight";
  if (kappa < 0.4) return "fair";
  if (kappa < 0.6) return "moderate";
  if (kappa < 0.8) return "substantial";
  return "almost perfect";
}
