import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnnotationStore } from "../../src/annotation/annotation-store.js";
import { RunStore } from "../../src/store/run-store.js";
import { annotationSample as sample } from "../support/annotation-sample.js";
import { type PostgresServer, postgresUnavailable, startPostgres } from "../support/postgres-server.js";
import { tempStore } from "../support/temp-store.js";

async function exercise(store: RunStore) {
  const a = new AnnotationStore(store);
  expect(
    await a.addSamples("set1", [sample("t1", true), sample("x1"), sample("x2")], { annotatorsPerSample: 1 }),
  ).toEqual({ added: 3, skipped: 0 });
  expect(await a.addSamples("set1", [sample("x1"), sample("x3")])).toEqual({ added: 1, skipped: 1 });
  // the tutorial comes first, then real samples in order
  expect((await a.nextSample("set1", "ann")).sample?.sample_id).toBe("t1");
  await a.annotate({ setName: "set1", sampleId: "t1", annotatorId: "ann", decision: "accept" });
  expect((await a.nextSample("set1", "ann")).sample?.sample_id).toBe("x1");
  // two annotators answer the same one-answer sample at once: exactly one wins, the other is told why
  const results = await Promise.allSettled([
    a.annotate({ setName: "set1", sampleId: "x1", annotatorId: "ann", decision: "accept" }),
    a.annotate({ setName: "set1", sampleId: "x1", annotatorId: "bob", decision: "reject" }),
  ]);
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  expect(String((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason)).toMatch(
    /already has its 1 answers/,
  );
  expect((await a.annotations("set1", { tutorial: false })).map((x) => x.sampleId)).toEqual(["x1"]);
  const info = await a.setInfo("set1");
  expect(info).toMatchObject({ samples: 3, tutorials: 1, annotations: 1, annotatorsPerSample: 1 });
  await expect(
    a.annotate({ setName: "set1", sampleId: "x2", annotatorId: "ann", decision: "gather_context" }),
  ).rejects.toThrow(/needs a rationale/);
  await expect(
    a.annotate({
      setName: "set1",
      sampleId: "x2",
      annotatorId: "ann",
      decision: "reject",
      rationale: "x".repeat(5000),
    }),
  ).rejects.toThrow(/longer than/);
  await expect(a.addSamples("bad name!", [])).rejects.toThrow(/set name/);
  await expect(a.setInfo("nope")).rejects.toThrow(/no annotation set 'nope'/);
}

describe("annotation tables in SQLite", () => {
  it("hand out, record and serialise answers", async () => {
    const store = await tempStore();
    try {
      await exercise(store);
    } finally {
      await store.close();
    }
  });

  it("are added to a store of schema version 1", async () => {
    const store = await tempStore();
    const path = store.location.kind === "sqlite" ? store.location.path : "";
    await store.db.schema.dropTable("annotations").execute();
    await store.db.updateTable("meta").set({ value: "1" }).where("key", "=", "schema_version").execute();
    await store.close();
    const reopened = await RunStore.open(path);
    const version = await reopened.db
      .selectFrom("meta")
      .select("value")
      .where("key", "=", "schema_version")
      .executeTakeFirst();
    expect(version?.value).toBe("2");
    expect(await reopened.db.selectFrom("annotations").selectAll().execute()).toEqual([]);
    await reopened.close();
  });
});

const skipPostgres = postgresUnavailable();
describe.skipIf(skipPostgres !== null)("annotation tables in PostgreSQL", () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  it("hand out, record and serialise answers", async () => {
    const store = await RunStore.open(await server.createDatabase("annotations"));
    try {
      await exercise(store);
    } finally {
      await store.close();
    }
  });
});
