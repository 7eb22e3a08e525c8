import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { RunStore } from "../../src/store/run-store.js";

const WRITER = join(import.meta.dirname, "..", "fixtures", "store-writer.ts");

/** Starts a writer process; resolves with its exit code and the last commit it reported. */
function writer(db: string, runId: string, prefix: string, count: number, shard: string, killAfter?: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", WRITER, db, runId, prefix, String(count), shard],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let committed = 0;
  let err = "";
  child.stderr.on("data", (c: Buffer) => {
    err += c.toString();
  });
  child.stdout.on("data", (c: Buffer) => {
    for (const m of c.toString().matchAll(/committed (\d+)/g)) committed = Number(m[1]);
    if (killAfter !== undefined && committed >= killAfter) child.kill("SIGKILL");
  });
  return new Promise<{ code: number | null; signal: string | null; committed: number; err: string }>(
    (resolve) => child.on("exit", (code, signal) => resolve({ code, signal, committed, err })),
  );
}

async function integrity(store: RunStore): Promise<string> {
  const rows = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db);
  return rows.rows.map((r) => r.integrity_check).join(",");
}

describe("the SQLite run store under crashes and concurrent writers", () => {
  it("loses no committed row when its writer is killed with SIGKILL", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "pare-kill-")), "pare.db");
    const result = await writer(db, "aaaaaaaaaaaa", "s", 100_000, "1/1", 40);
    expect(result.signal).toBe("SIGKILL");
    expect(result.committed).toBeGreaterThanOrEqual(40);
    const store = await RunStore.open(db);
    expect(await integrity(store)).toBe("ok");
    const rows = await store.jobRuns("aaaaaaaaaaaa");
    expect(rows.length).toBeGreaterThanOrEqual(result.committed);
    expect(rows.slice(0, result.committed).map((r) => r.scenarioId)).toEqual(
      Array.from({ length: result.committed }, (_, i) => `s_${i}`),
    );
    expect((await store.runArtifacts("aaaaaaaaaaaa", "s_0", null))?.trace).toBe('{"i":0}');
    // The dead execution does not block the job: it reads as interrupted, and is marked so when the job runs again.
    expect((await store.getJob("aaaaaaaaaaaa"))?.status).toBe("interrupted");
    await store.close();
  }, 60_000);

  it("keeps every row of two processes writing into one job at once", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "pare-conc-")), "pare.db");
    // Creating the tables first keeps the race on the rows, not on the schema.
    await (await RunStore.open(db)).close();
    const [a, b] = await Promise.all([
      writer(db, "bbbbbbbbbbbb", "a", 150, "1/2"),
      writer(db, "bbbbbbbbbbbb", "b", 150, "2/2"),
    ]);
    expect([a.code, b.code, a.err, b.err]).toEqual([0, 0, "", ""]);
    const store = await RunStore.open(db);
    expect(await integrity(store)).toBe("ok");
    const rows = await store.jobRuns("bbbbbbbbbbbb");
    expect(rows).toHaveLength(300);
    expect(new Set(rows.map((r) => r.scenarioId)).size).toBe(300);
    const job = await store.getJob("bbbbbbbbbbbb");
    expect(job).toMatchObject({ status: "finished", counts: { total: 300, success: 150, failed: 150 } });
    await store.close();
  }, 60_000);
});
