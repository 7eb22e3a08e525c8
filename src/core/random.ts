import seedrandom from "seedrandom";
import { fnv1a32 } from "../util/stable-hash.js";

/** A seeded random generator with the handful of draws the simulation needs. */
export class Rng {
  private readonly prng: seedrandom.PRNG;

  constructor(seed: string | number) {
    this.prng = seedrandom(String(seed));
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng.quick();
  }

  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("cannot choose from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, Math.min(k, items.length)));
  }

  /** Exponential draw with the given mean (inverse transform). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Lowercase hex string of the given length: the id format of apps' entities. */
  hex(length = 32): string {
    let out = "";
    while (out.length < length)
      out += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, "0");
    return out.slice(0, length);
  }
}

/** A generator derived from a seed and a name, identical in every process (stable hash, not Python's salted one). */
export function derivedRng(seed: number | string, name: string): Rng {
  return new Rng(fnv1a32(`${seed}_${name}`));
}
