import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { RunStore } from "../store/run-store.js";
import { AnnotationSample, TernaryDecision } from "./decision-point.js";

export class AnnotationError extends Error {
  override readonly name = "AnnotationError";
  /** The request was wrong (unknown sample, answered twice, missing rationale): the client's fault. */
  readonly errorClass = "configuration";
}

export interface StoredAnnotation {
  annotationId: string;
  setName: string;
  sampleId: string;
  annotatorId: string;
  decision: TernaryDecision;
  rationale: string | null;
  tutorial: boolean;
  createdAt: string;
}

export interface AnnotationSetInfo {
  name: string;
  annotatorsPerSample: number;
  samples: number;
  tutorials: number;
  annotations: number;
  annotators: number;
  createdAt: string;
}

/** Annotator ids: 1–64 characters of letters, digits, `.`, `_`, `-`, `@` (a name or a UUID). */
export const ANNOTATOR_ID = /^[A-Za-z0-9._@-]{1,64}$/;
/** Set names: the same alphabet, up to 64 characters. */
export const SET_NAME = /^[A-Za-z0-9._-]{1,64}$/;
export const MAX_RATIONALE = 4000;

/** Lock id for PostgreSQL: answers are serialised per store, as SQLite's write lock serialises them. */
const PG_ANNOTATION_LOCK = 7165362892;

/**
 * The annotation tables of the run store: sets of samples and the answers people gave. Every write is one
 * transaction taken under the store's write lock (SQLite `BEGIN IMMEDIATE`, a PostgreSQL advisory lock), so two
 * annotators answering at once never break the per-sample quota or double-answer.
 */
export class AnnotationStore {
  constructor(readonly store: RunStore) {}

  /** Adds samples to a set (created if missing). Samples already in the set are left as they are; returns how many were new. */
  async addSamples(
    setName: string,
    samples: readonly AnnotationSample[],
    options: { annotatorsPerSample?: number } = {},
  ): Promise<{ added: number; skipped: number }> {
    if (!SET_NAME.test(setName)) throw new AnnotationError(`set name '${setName}' must match ${SET_NAME}`);
    const now = new Date().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      if (this.store.dialect === "postgres")
        await sql`select pg_advisory_xact_lock(${PG_ANNOTATION_LOCK})`.execute(trx);
      const existingSet = await trx
        .selectFrom("annotation_sets")
        .selectAll()
        .where("set_name", "=", setName)
        .executeTakeFirst();
      if (!existingSet)
        await trx
          .insertInto("annotation_sets")
          .values({
            set_name: setName,
            annotators_per_sample: options.annotatorsPerSample ?? 2,
            created_at: now,
          })
          .execute();
      else if (options.annotatorsPerSample !== undefined)
        await trx
          .updateTable("annotation_sets")
          .set({ annotators_per_sample: options.annotatorsPerSample })
          .where("set_name", "=", setName)
          .execute();
      const have = new Set(
        (
          await trx
            .selectFrom("annotation_samples")
            .select("sample_id")
            .where("set_name", "=", setName)
            .execute()
        ).map((r) => r.sample_id),
      );
      const last = await trx
        .selectFrom("annotation_samples")
        .select((eb) => eb.fn.max("position").as("max"))
        .where("set_name", "=", setName)
        .executeTakeFirst();
      let position = Number(last?.max ?? -1) + 1;
      let added = 0;
      for (const sample of samples) {
        const parsed = AnnotationSample.parse(sample);
        if (have.has(parsed.sample_id)) continue;
        have.add(parsed.sample_id);
        await trx
          .insertInto("annotation_samples")
          .values({
            set_name: setName,
            sample_id: parsed.sample_id,
            position: position++,
            tutorial: parsed.tutorial ? 1 : 0,
            sample_json: JSON.stringify(parsed),
            created_at: now,
          })
          .execute();
        added += 1;
      }
      return { added, skipped: samples.length - added };
    });
  }

  async sets(): Promise<AnnotationSetInfo[]> {
    const sets = await this.store.db.selectFrom("annotation_sets").selectAll().orderBy("set_name").execute();
    const out: AnnotationSetInfo[] = [];
    for (const set of sets) {
      const samples = await this.store.db
        .selectFrom("annotation_samples")
        .select(["tutorial"])
        .where("set_name", "=", set.set_name)
        .execute();
      const answers = await this.store.db
        .selectFrom("annotations")
        .select(["annotator_id", "tutorial"])
        .where("set_name", "=", set.set_name)
        .execute();
      out.push({
        name: set.set_name,
        annotatorsPerSample: set.annotators_per_sample,
        samples: samples.filter((s) => s.tutorial === 0).length,
        tutorials: samples.filter((s) => s.tutorial === 1).length,
        annotations: answers.filter((a) => a.tutorial === 0).length,
        annotators: new Set(answers.map((a) => a.annotator_id)).size,
        createdAt: set.created_at,
      });
    }
    return out;
  }

  async setInfo(setName: string): Promise<AnnotationSetInfo> {
    const info = (await this.sets()).find((s) => s.name === setName);
    if (!info)
      throw new AnnotationError(`no annotation set '${setName}' in the store (see pare annotate sample)`);
    return info;
  }

  /** The set's samples in hand-out order (tutorials and real ones). */
  async samples(setName: string): Promise<AnnotationSample[]> {
    const rows = await this.store.db
      .selectFrom("annotation_samples")
      .select("sample_json")
      .where("set_name", "=", setName)
      .orderBy("position")
      .execute();
    return rows.map((r) => AnnotationSample.parse(JSON.parse(r.sample_json)));
  }

  async annotations(setName: string, options: { tutorial?: boolean } = {}): Promise<StoredAnnotation[]> {
    let query = this.store.db
      .selectFrom("annotations")
      .selectAll()
      .where("set_name", "=", setName)
      .orderBy("created_at")
      .orderBy("annotation_id");
    if (options.tutorial !== undefined) query = query.where("tutorial", "=", options.tutorial ? 1 : 0);
    return (await query.execute()).map((r) => ({
      annotationId: r.annotation_id,
      setName: r.set_name,
      sampleId: r.sample_id,
      annotatorId: r.annotator_id,
      decision: TernaryDecision.parse(r.decision),
      rationale: r.rationale,
      tutorial: r.tutorial === 1,
      createdAt: r.created_at,
    }));
  }

  /**
   * The next sample for an annotator (spec §15.3): the tutorials in order until all are answered, then the first
   * real sample this annotator has not answered that still has fewer than `annotators_per_sample` answers.
   */
  async nextSample(
    setName: string,
    annotatorId: string,
  ): Promise<{
    sample: AnnotationSample | null;
    progress: { completed: number; total: number };
    tutorialDone: boolean;
  }> {
    const info = await this.setInfo(setName);
    const samples = await this.samples(setName);
    const answers = await this.annotations(setName);
    const mine = new Set(answers.filter((a) => a.annotatorId === annotatorId).map((a) => a.sampleId));
    const tutorials = samples.filter((s) => s.tutorial);
    const pendingTutorial = tutorials.find((s) => !mine.has(s.sample_id));
    if (pendingTutorial)
      return {
        sample: pendingTutorial,
        progress: {
          completed: tutorials.filter((s) => mine.has(s.sample_id)).length,
          total: tutorials.length,
        },
        tutorialDone: false,
      };
    const counts = new Map<string, number>();
    for (const a of answers) if (!a.tutorial) counts.set(a.sampleId, (counts.get(a.sampleId) ?? 0) + 1);
    const real = samples.filter((s) => !s.tutorial);
    const completed = real.filter((s) => mine.has(s.sample_id)).length;
    const open = real.filter(
      (s) => !mine.has(s.sample_id) && (counts.get(s.sample_id) ?? 0) < info.annotatorsPerSample,
    );
    return {
      sample: open[0] ?? null,
      progress: { completed, total: completed + open.length },
      tutorialDone: true,
    };
  }

  /**
   * Records one answer. Refuses (AnnotationError) an unknown sample, a second answer by the same annotator, a
   * real sample that has all its answers, and "I need more info" without a rationale.
   */
  async annotate(input: {
    setName: string;
    sampleId: string;
    annotatorId: string;
    decision: TernaryDecision;
    rationale?: string | null;
  }): Promise<{ annotation: StoredAnnotation; sample: AnnotationSample }> {
    if (!ANNOTATOR_ID.test(input.annotatorId))
      throw new AnnotationError("annotator id must be 1–64 letters, digits, '.', '_', '-' or '@'");
    const decision = TernaryDecision.parse(input.decision);
    const rationale = (input.rationale ?? "").trim();
    if (decision === "gather_context" && rationale === "")
      throw new AnnotationError("'I need more info' needs a rationale: say what you would check first");
    if (rationale.length > MAX_RATIONALE)
      throw new AnnotationError(`rationale is longer than ${MAX_RATIONALE} characters`);
    return this.store.db.transaction().execute(async (trx) => {
      if (this.store.dialect === "postgres")
        await sql`select pg_advisory_xact_lock(${PG_ANNOTATION_LOCK})`.execute(trx);
      const row = await trx
        .selectFrom("annotation_samples")
        .select(["sample_json", "tutorial"])
        .where("set_name", "=", input.setName)
        .where("sample_id", "=", input.sampleId)
        .executeTakeFirst();
      if (!row) throw new AnnotationError(`sample not found: ${input.sampleId} (set ${input.setName})`);
      const done = await trx
        .selectFrom("annotations")
        .select("annotation_id")
        .where("set_name", "=", input.setName)
        .where("sample_id", "=", input.sampleId)
        .where("annotator_id", "=", input.annotatorId)
        .executeTakeFirst();
      if (done)
        throw new AnnotationError(`annotator ${input.annotatorId} already answered sample ${input.sampleId}`);
      if (row.tutorial === 0) {
        const set = await trx
          .selectFrom("annotation_sets")
          .select("annotators_per_sample")
          .where("set_name", "=", input.setName)
          .executeTakeFirstOrThrow();
        const count = await trx
          .selectFrom("annotations")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("set_name", "=", input.setName)
          .where("sample_id", "=", input.sampleId)
          .executeTakeFirstOrThrow();
        if (Number(count.n) >= set.annotators_per_sample)
          throw new AnnotationError(
            `sample ${input.sampleId} already has its ${set.annotators_per_sample} answers`,
          );
      }
      const annotation: StoredAnnotation = {
        annotationId: randomUUID(),
        setName: input.setName,
        sampleId: input.sampleId,
        annotatorId: input.annotatorId,
        decision,
        rationale: rationale === "" ? null : rationale,
        tutorial: row.tutorial === 1,
        createdAt: new Date().toISOString(),
      };
      await trx
        .insertInto("annotations")
        .values({
          annotation_id: annotation.annotationId,
          set_name: annotation.setName,
          sample_id: annotation.sampleId,
          annotator_id: annotation.annotatorId,
          decision: annotation.decision,
          rationale: annotation.rationale,
          tutorial: annotation.tutorial ? 1 : 0,
          created_at: annotation.createdAt,
        })
        .execute();
      return { annotation, sample: AnnotationSample.parse(JSON.parse(row.sample_json)) };
    });
  }
}
