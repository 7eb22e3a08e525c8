import { cpus, totalmem } from "node:os";

/** Wall milliseconds and process CPU milliseconds (user + system, every thread) of one piece of work. */
export interface Measured<T> {
  value: T;
  wallMs: number;
  cpuMs: number;
}

export async function measure<T>(work: () => T | Promise<T>): Promise<Measured<T>> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median wall (and its CPU) over `repeats` runs after `warmups` unmeasured ones (JIT, caches, lazy loads). */
export async function medianOf<T>(
  repeats: number,
  work: () => T | Promise<T>,
  warmups = 1,
): Promise<{ runs: Measured<T>[]; wallMs: number; cpuMs: number; last: T }> {
  for (let i = 0; i < warmups; i++) await work();
  const runs: Measured<T>[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await measure(work));
  const byWall = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const mid = byWall[byWall.length >> 1] as Measured<T>;
  return { runs, wallMs: mid.wallMs, cpuMs: mid.cpuMs, last: (runs[runs.length - 1] as Measured<T>).value };
}

export function machineInfo() {
  const list = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: list.length,
    cpuModel: list[0]?.model ?? "unknown",
    totalMemoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    timestamp: new Date().toISOString(),
  };
}

export const round = (x: number, digits = 3) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
