import { fnv1a32 } from "../util/stable-hash.js";

/** Shard `index` of `count` (1-based), from `--shard I/N`. */
export interface Shard {
  index: number;
  count: number;
}

export class ShardSpecError extends Error {
  override readonly name = "ShardSpecError";
}

/** Parses `I/N` with 1 ≤ I ≤ N. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new ShardSpecError(`--shard must look like I/N (for example 1/4), got '${text}'`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) throw new ShardSpecError(`--shard ${text}: need 1 <= I <= N`);
  return { index, count };
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * The items of shard I/N: items are ordered by a stable hash of their key (never the seed or the clock) and
 * dealt round-robin, so every machine computes the same split, the shards are disjoint, together they are
 * everything, and their sizes differ by at most one.
 */
export function shardSlice<T>(items: readonly T[], shard: Shard, key: (item: T) => string): T[] {
  if (shard.count === 1) return [...items];
  const ranked = items
    .map((item, i) => ({ item, i, k: key(item), h: fnv1a32(key(item)) }))
    .sort((a, b) => a.h - b.h || (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  const mine = new Set(ranked.filter((_, rank) => rank % shard.count === shard.index - 1).map((r) => r.i));
  return items.filter((_, i) => mine.has(i));
}
