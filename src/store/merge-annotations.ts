import type { Kysely, Selectable, Transaction } from "kysely";
import type { AnnotationSamplesTable, AnnotationsTable, StoreDatabase } from "./schema.js";

/** What merging the annotation tables (`annotation_sets`, `annotation_samples`, `annotations`) did. */
export interface AnnotationMergeReport {
  annotationSetsAdded: number;
  annotationSamplesAdded: number;
  /** Samples the target has under the same set and id with other content: the target's is kept, and the
   * source's answers to its own version are not copied (they answered another question). */
  annotationSamplesConflicting: number;
  annotationsAdded: number;
  /** The same person's answer to the same sample, already in the target. */
  annotationsAlreadyPresent: number;
  /** The same person answered the same sample differently in the two stores: the target's answer is kept. */
  annotationsConflicting: number;
}

export function emptyAnnotationMergeReport(): AnnotationMergeReport {
  return {
    annotationSetsAdded: 0,
    annotationSamplesAdded: 0,
    annotationSamplesConflicting: 0,
    annotationsAdded: 0,
    annotationsAlreadyPresent: 0,
    annotationsConflicting: 0,
  };
}

const answerKey = (a: Pick<Selectable<AnnotationsTable>, "set_name" | "sample_id" | "annotator_id">) =>
  JSON.stringify([a.set_name, a.sample_id, a.annotator_id]);
const sameAnswer = (a: Selectable<AnnotationsTable>, b: Selectable<AnnotationsTable>) =>
  a.decision === b.decision && a.rationale === b.rationale && a.tutorial === b.tutorial;

/**
 * Copies one source store's annotation sets, samples and answers into the target inside `trx`. Nothing in the
 * target is overwritten: a set keeps its quota, a sample its content and position, a person their answer. New
 * samples of a set the target already has are appended after its last position, in the source's order.
 */
export async function mergeAnnotations(
  trx: Transaction<StoreDatabase>,
  source: Kysely<StoreDatabase>,
  report: AnnotationMergeReport,
): Promise<void> {
  const sets = await source.selectFrom("annotation_sets").selectAll().orderBy("set_name").execute();
  for (const set of sets) {
    const existing = await trx
      .selectFrom("annotation_sets")
      .select("set_name")
      .where("set_name", "=", set.set_name)
      .executeTakeFirst();
    if (!existing) {
      await trx.insertInto("annotation_sets").values(set).execute();
      report.annotationSetsAdded += 1;
    }
    const targetSamples = new Map<string, Selectable<AnnotationSamplesTable>>();
    for (const s of await trx
      .selectFrom("annotation_samples")
      .selectAll()
      .where("set_name", "=", set.set_name)
      .execute())
      targetSamples.set(s.sample_id, s);
    let position = 0;
    for (const s of targetSamples.values()) position = Math.max(position, s.position + 1);
    const conflicting = new Set<string>();
    const samples = await source
      .selectFrom("annotation_samples")
      .selectAll()
      .where("set_name", "=", set.set_name)
      .orderBy("position")
      .execute();
    for (const sample of samples) {
      const have = targetSamples.get(sample.sample_id);
      if (have) {
        if (have.sample_json !== sample.sample_json || have.tutorial !== sample.tutorial) {
          conflicting.add(sample.sample_id);
          report.annotationSamplesConflicting += 1;
        }
        continue;
      }
      await trx
        .insertInto("annotation_samples")
        .values({ ...sample, position: position++ })
        .execute();
      targetSamples.set(sample.sample_id, sample);
      report.annotationSamplesAdded += 1;
    }
    const targetAnswers = new Map<string, Selectable<AnnotationsTable>>();
    const takenIds = new Set<string>();
    for (const a of await trx
      .selectFrom("annotations")
      .selectAll()
      .where("set_name", "=", set.set_name)
      .execute()) {
      targetAnswers.set(answerKey(a), a);
      takenIds.add(a.annotation_id);
    }
    const answers = await source
      .selectFrom("annotations")
      .selectAll()
      .where("set_name", "=", set.set_name)
      .orderBy("created_at")
      .orderBy("annotation_id")
      .execute();
    for (const answer of answers) {
      // An answer to a sample the source has no row for (a damaged store) or to a conflicting version is not copied.
      if (conflicting.has(answer.sample_id) || !targetSamples.has(answer.sample_id)) continue;
      const have = targetAnswers.get(answerKey(answer));
      if (have) {
        if (sameAnswer(have, answer)) report.annotationsAlreadyPresent += 1;
        else report.annotationsConflicting += 1;
        continue;
      }
      if (takenIds.has(answer.annotation_id)) {
        // The id is a random UUID: the same id for another person or sample means a damaged or hand-edited store.
        report.annotationsConflicting += 1;
        continue;
      }
      await trx.insertInto("annotations").values(answer).execute();
      targetAnswers.set(answerKey(answer), answer);
      takenIds.add(answer.annotation_id);
      report.annotationsAdded += 1;
    }
  }
}
