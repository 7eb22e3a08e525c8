import { describe, expect, it } from "vitest";
import { AnnotationStore } from "../../src/annotation/annotation-store.js";
import { mergeStores } from "../../src/store/merge.js";
import type { RunStore } from "../../src/store/run-store.js";
import { annotationSample as sample } from "../support/annotation-sample.js";
import { tempStore } from "../support/temp-store.js";

async function withStores(count: number, body: (stores: RunStore[]) => Promise<void>): Promise<void> {
  const stores: RunStore[] = [];
  for (let i = 0; i < count; i++) stores.push(await tempStore());
  try {
    await body(stores);
  } finally {
    for (const s of stores) await s.close();
  }
}

const answers = async (store: RunStore, set: string) =>
  (await new AnnotationStore(store).annotations(set))
    .map((a) => [a.sampleId, a.annotatorId, a.decision])
    .sort();

describe("pare runs merge: annotation tables", () => {
  it("copies sets, samples and every person's answers, and a second merge adds nothing", async () => {
    await withStores(2, async ([target, source]) => {
      const a = new AnnotationStore(source!);
      await a.addSamples("set1", [sample("t1", true), sample("x1"), sample("x2")], {
        annotatorsPerSample: 3,
      });
      await a.annotate({ setName: "set1", sampleId: "t1", annotatorId: "ann", decision: "accept" });
      await a.annotate({ setName: "set1", sampleId: "x1", annotatorId: "ann", decision: "reject" });
      await a.annotate({
        setName: "set1",
        sampleId: "x2",
        annotatorId: "bob",
        decision: "gather_context",
        rationale: "which day?",
      });
      const first = await mergeStores(target!, [source!]);
      expect(first).toMatchObject({
        annotationSetsAdded: 1,
        annotationSamplesAdded: 3,
        annotationsAdded: 3,
        annotationsConflicting: 0,
      });
      const merged = new AnnotationStore(target!);
      expect(await merged.setInfo("set1")).toMatchObject({
        samples: 2,
        tutorials: 1,
        annotatorsPerSample: 3,
      });
      expect((await merged.samples("set1")).map((s) => s.sample_id)).toEqual(["t1", "x1", "x2"]);
      expect(await answers(target!, "set1")).toEqual(await answers(source!, "set1"));
      expect((await merged.annotations("set1")).find((x) => x.sampleId === "x2")?.rationale).toBe(
        "which day?",
      );
      const again = await mergeStores(target!, [source!]);
      expect(again).toMatchObject({
        annotationSetsAdded: 0,
        annotationsAdded: 0,
        annotationsAlreadyPresent: 3,
      });
    });
  });

  it("joins two annotators who worked on their own machines into one set", async () => {
    await withStores(3, async ([target, ann, bob]) => {
      for (const [store, who, decision] of [
        [ann!, "ann", "accept"],
        [bob!, "bob", "reject"],
      ] as const) {
        const s = new AnnotationStore(store);
        await s.addSamples("shared", [sample("x1"), sample("x2")]);
        await s.annotate({ setName: "shared", sampleId: "x1", annotatorId: who, decision });
      }
      const report = await mergeStores(target!, [ann!, bob!]);
      expect(report).toMatchObject({
        annotationSetsAdded: 1,
        annotationSamplesAdded: 2,
        annotationsAdded: 2,
      });
      expect(await answers(target!, "shared")).toEqual([
        ["x1", "ann", "accept"],
        ["x1", "bob", "reject"],
      ]);
    });
  });

  it("never overwrites the target: its quota, sample content and answers win, conflicts are counted", async () => {
    await withStores(2, async ([target, source]) => {
      const t = new AnnotationStore(target!);
      await t.addSamples("set1", [sample("x1"), sample("x2")], { annotatorsPerSample: 1 });
      await t.annotate({ setName: "set1", sampleId: "x1", annotatorId: "ann", decision: "accept" });
      const s = new AnnotationStore(source!);
      await s.addSamples(
        "set1",
        [sample("x1"), { ...sample("x2"), agent_proposal: "Another question?" }, sample("x3")],
        {
          annotatorsPerSample: 5,
        },
      );
      await s.annotate({ setName: "set1", sampleId: "x1", annotatorId: "ann", decision: "reject" });
      await s.annotate({ setName: "set1", sampleId: "x2", annotatorId: "bob", decision: "accept" });
      await s.annotate({ setName: "set1", sampleId: "x3", annotatorId: "bob", decision: "reject" });
      const report = await mergeStores(target!, [source!]);
      expect(report).toMatchObject({
        annotationSetsAdded: 0,
        annotationSamplesAdded: 1,
        annotationSamplesConflicting: 1,
        annotationsAdded: 1,
        annotationsConflicting: 1,
        annotationsAlreadyPresent: 0,
      });
      expect((await t.setInfo("set1")).annotatorsPerSample).toBe(1);
      const samples = await t.samples("set1");
      expect(samples.map((x) => x.sample_id)).toEqual(["x1", "x2", "x3"]);
      expect(samples[1]?.agent_proposal).toBe("Shall I?");
      // ann's answer in the target stands; bob's answer to the other version of x2 is not copied.
      expect(await answers(target!, "set1")).toEqual([
        ["x1", "ann", "accept"],
        ["x3", "bob", "reject"],
      ]);
    });
  });

  it("an answer whose sample is missing from its own store (a damaged store) is not copied", async () => {
    await withStores(2, async ([target, source]) => {
      const s = new AnnotationStore(source!);
      await s.addSamples("set1", [sample("x1"), sample("x2")]);
      await s.annotate({ setName: "set1", sampleId: "x2", annotatorId: "ann", decision: "accept" });
      await source!.db.deleteFrom("annotation_samples").where("sample_id", "=", "x2").execute();
      const report = await mergeStores(target!, [source!]);
      expect(report).toMatchObject({ annotationSamplesAdded: 1, annotationsAdded: 0 });
      expect(await answers(target!, "set1")).toEqual([]);
    });
  });

  it("stores without annotations merge as before, with zero annotation counts", async () => {
    await withStores(2, async ([target, source]) => {
      expect(await mergeStores(target!, [source!])).toMatchObject({
        annotationSetsAdded: 0,
        annotationSamplesAdded: 0,
        annotationsAdded: 0,
      });
    });
  });
});
