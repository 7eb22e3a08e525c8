import { describe, expect, it } from "vitest";
import { jobShardKey, planJobs } from "../../src/runner/multi-runner.js";
import { parseShard, ShardSpecError, shardSlice } from "../../src/runner/shard.js";

describe("parseShard", () => {
  it("reads I/N and refuses anything else", () => {
    expect(parseShard("2/5")).toEqual({ index: 2, count: 5 });
    expect(parseShard(" 1 / 1 ")).toEqual({ index: 1, count: 1 });
    for (const bad of [
      "",
      "0/2",
      "3/2",
      "1/0",
      "a/b",
      "1/2/3",
      "-1/2",
      "1.5/2",
      "1/2; rm -rf /",
      "9".repeat(400),
    ])
      expect(() => parseShard(bad)).toThrow(ShardSpecError);
  });
});

describe("shardSlice", () => {
  const jobs = planJobs(
    Array.from({ length: 45 }, (_, i) => `scenario_${i}`),
    3,
  );

  it.each([2, 3, 7])("splits into %i disjoint, balanced shards that cover everything", (count) => {
    const shards = Array.from({ length: count }, (_, i) =>
      shardSlice(jobs, { index: i + 1, count }, jobShardKey),
    );
    const keys = shards.flat().map(jobShardKey);
    expect(new Set(keys).size).toBe(jobs.length);
    expect(keys).toHaveLength(jobs.length);
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    // Each shard keeps the plan order.
    for (const shard of shards) expect(shard).toEqual(jobs.filter((j) => shard.includes(j)));
  });

  it("is stable: the same split in any input order", () => {
    const a = shardSlice(jobs, { index: 1, count: 4 }, jobShardKey).map(jobShardKey).sort();
    const b = shardSlice([...jobs].reverse(), { index: 1, count: 4 }, jobShardKey)
      .map(jobShardKey)
      .sort();
    expect(b).toEqual(a);
    expect(shardSlice(jobs, { index: 1, count: 1 }, jobShardKey)).toEqual(jobs);
    expect(shardSlice([], { index: 1, count: 3 }, jobShardKey)).toEqual([]);
  });
});
