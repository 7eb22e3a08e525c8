import { writeFileSync } from "node:fs";
import { type Command, InvalidArgumentError } from "commander";
import { createEngine } from "../../agents/llm/engine-factory.js";
import { isLLMError } from "../../agents/llm/errors.js";
import { resolveModel } from "../../agents/llm/model-aliases.js";
import { kappaWording } from "../../annotation/agreement.js";
import {
  type AgreementBlock,
  type AgreementReport,
  agreementReport,
} from "../../annotation/agreement-report.js";
import { AnnotationError, AnnotationStore, SET_NAME } from "../../annotation/annotation-store.js";
import {
  type CollectedDecisions,
  collectDecisionsFromPaths,
  collectDecisionsFromRun,
} from "../../annotation/collect-decisions.js";
import {
  type AnnotationSample,
  type DecisionPoint,
  TERNARY_LABELS,
} from "../../annotation/decision-point.js";
import { aggregateReask, type Candidate, reask } from "../../annotation/reask.js";
import { balancedSample } from "../../annotation/sampling.js";
import { BUNDLED_TUTORIAL, loadTutorial } from "../../annotation/tutorial.js";
import type { RunStore } from "../../store/run-store.js";
import { UnknownRunError } from "../../store/run-store.js";
import { CliError } from "../cli-error.js";
import { withCliStore, withStoreOption } from "../store-option.js";

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};
const nonNegativeInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be an integer >= 0`);
  return n;
};
const collect = (value: string, previous: string[] = []) => [...previous, value];
const fmt = (x: number | null, digits = 3) => (x === null ? "n/a" : x.toFixed(digits));

async function gather(
  store: RunStore | null,
  paths: readonly string[],
  runs: readonly string[],
  userModel?: string,
) {
  const all: CollectedDecisions = { points: [], traces: 0, notes: [] };
  if (paths.length > 0) {
    try {
      const found = collectDecisionsFromPaths(paths, userModel ? { userModel } : {});
      all.points.push(...found.points);
      all.traces += found.traces;
      all.notes.push(...found.notes);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
  }
  for (const prefix of runs) {
    if (!store) break;
    let runId: string;
    try {
      runId = await store.resolveRunId(prefix);
    } catch (error) {
      if (error instanceof UnknownRunError) throw new CliError(error.message);
      throw error;
    }
    const found = await collectDecisionsFromRun(store, runId);
    all.points.push(...found.points);
    all.traces += found.traces;
    all.notes.push(...found.notes);
  }
  return all;
}

function decisionCounts(points: readonly DecisionPoint[]): string {
  return TERNARY_LABELS.map((l) => `${l} ${points.filter((p) => p.user_agent_decision === l).length}`).join(
    ", ",
  );
}

function setNameOf(value: string): string {
  if (!SET_NAME.test(value))
    throw new InvalidArgumentError("set names are 1–64 letters, digits, '.', '_' or '-'");
  return value;
}

function blockLines(title: string, b: AgreementBlock): string[] {
  const lines = [`${title}`];
  for (const pair of b.humanPairs)
    lines.push(`  Cohen's κ ${pair.a} vs ${pair.b}: ${fmt(pair.kappa)} (${kappaWording(pair.kappa)})`);
  lines.push(`  Fleiss' κ, annotators: ${fmt(b.fleissHumans)} (${kappaWording(b.fleissHumans)})`);
  lines.push(`  Krippendorff's α, annotators: ${fmt(b.alphaHumans)}`);
  lines.push(`  Fleiss' κ, annotators + simulated user: ${fmt(b.fleissWithModel)}`);
  lines.push(`  Krippendorff's α, annotators + simulated user: ${fmt(b.alphaWithModel)}`);
  lines.push(
    `  majority vs simulated user: accuracy ${fmt(b.majority.accuracy)}, Cohen's κ ${fmt(b.majority.cohensKappa)} (${kappaWording(b.majority.cohensKappa)})`,
  );
  lines.push(
    `  Cohen's κ simulated user vs each annotator: mean ${fmt(b.modelHumanKappa.mean)}, std ${fmt(b.modelHumanKappa.std)}`,
  );
  const rates = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`)
      .join(", ");
  lines.push(
    `  label shares: annotators ${rates(b.categoryRates.human)}; simulated user ${rates(b.categoryRates.model)}`,
  );
  return lines;
}

function reportLines(report: AgreementReport, label = "simulated user"): string[] {
  const lines = [
    `Annotators: ${report.annotators.join(", ") || "none"}; samples answered by all of them: ${report.samples}`,
    ...blockLines("Ternary (accept / reject / I need more info):", report.ternary),
    ...blockLines("Binary (accept / not accept):", report.binary),
    "Per annotator:",
  ];
  for (const a of report.perAnnotator)
    lines.push(
      `  ${a.annotatorId}: ${a.count} answers; accept ${(a.rates.accept * 100).toFixed(1)}%, reject ${(a.rates.reject * 100).toFixed(1)}%, more info ${(a.rates.gather_context * 100).toFixed(1)}%; agrees with the ${label} ${fmt(a.modelAgreement)}, κ ${fmt(a.kappaWithModel)}`,
    );
  return lines.map((l) => l.replaceAll("simulated user", label));
}

export function registerTraceDecisionsCommand(trace: Command): void {
  withStoreOption(
    trace
      .command("decisions")
      .description(
        "Decision points (accept / reject / gather_context with the user's model input at the proposal) of pare-ts traces and of the original's are_simulation_v1 traces",
      )
      .argument("[paths...]", "trace files or directories")
      .option("--run <id>", "also the traces of a stored run (repeatable)", collect, [])
      .option("--user-model <name>", "user model id for ARE traces that do not name one")
      .option("-o, --output <file>", "write the decision points as JSON lines")
      .option("--json", "print the decision points as JSON"),
  ).action(
    async (
      paths: string[],
      opts: { run: string[]; userModel?: string; output?: string; json?: boolean; store?: string },
    ) => {
      if (paths.length === 0 && opts.run.length === 0)
        throw new CliError("give trace files or directories, or --run ID");
      const found =
        opts.run.length > 0
          ? await withCliStore(opts.store, (store) => gather(store, paths, opts.run, opts.userModel))
          : await gather(null, paths, [], opts.userModel);
      if (opts.output)
        writeFileSync(
          opts.output,
          found.points.map((p) => JSON.stringify(p)).join("\n") + (found.points.length ? "\n" : ""),
        );
      if (opts.json) {
        console.log(JSON.stringify(found.points, null, 2));
        return;
      }
      for (const note of found.notes) process.stderr.write(`note: ${note}\n`);
      console.log(
        `${found.points.length} decision points from ${found.traces} traces (${decisionCounts(found.points)})`,
      );
      for (const p of found.points)
        console.log(
          `  ${p.sample_id}  ${p.user_agent_decision.padEnd(14)} ${p.proactive_model_id}  input ${p.llm_input ? `${p.llm_input.length} messages` : "not kept"}  ${p.agent_proposal.replace(/\s+/g, " ").slice(0, 70)}`,
        );
    },
  );
}

export function registerAnnotateCommand(program: Command): void {
  const annotate = program
    .command("annotate")
    .description(
      "Human annotation of the simulated user's decisions: sample, report agreement, re-ask user models",
    );

  withStoreOption(
    annotate
      .command("sample")
      .description(
        "Draw a balanced, seeded sample of decision points into an annotation set in the run store",
      )
      .argument("[paths...]", "trace files or directories (pare-ts or are_simulation_v1)")
      .requiredOption("--set <name>", "annotation set to add the samples to", setNameOf)
      .requiredOption("-n, --sample-size <n>", "samples to draw", positiveInt("--sample-size"))
      .option("--run <id>", "also the traces of a stored run (repeatable)", collect, [])
      .option("--seed <n>", "sampling seed", nonNegativeInt("--seed"), 0)
      .option("--tutorial <file>", `tutorial examples (default: the bundled ${BUNDLED_TUTORIAL})`)
      .option("--no-tutorial", "add no tutorial examples")
      .option(
        "-k, --annotators-per-sample <n>",
        "answers each sample needs",
        positiveInt("--annotators-per-sample"),
      )
      .option("--user-model <name>", "user model id for ARE traces that do not name one")
      .option("-o, --output <file>", "also write the drawn samples as JSON lines"),
  ).action(
    async (
      paths: string[],
      opts: {
        set: string;
        sampleSize: number;
        run: string[];
        seed: number;
        tutorial: string | boolean;
        annotatorsPerSample?: number;
        userModel?: string;
        output?: string;
        store?: string;
      },
    ) => {
      if (paths.length === 0 && opts.run.length === 0)
        throw new CliError("give trace files or directories, or --run ID");
      let tutorial: AnnotationSample[] = [];
      if (opts.tutorial !== false) {
        try {
          tutorial = loadTutorial(typeof opts.tutorial === "string" ? opts.tutorial : BUNDLED_TUTORIAL);
        } catch (error) {
          throw new CliError((error as Error).message);
        }
      }
      await withCliStore(opts.store, async (store) => {
        const found = await gather(store, paths, opts.run, opts.userModel);
        for (const note of found.notes) process.stderr.write(`note: ${note}\n`);
        const annotations = new AnnotationStore(store);
        const existing = new Set(
          (await annotations.samples(opts.set).catch(() => [])).map((s) => s.sample_id),
        );
        const unique = new Map<string, DecisionPoint>();
        for (const p of found.points)
          if (!existing.has(p.sample_id) && !unique.has(p.sample_id)) unique.set(p.sample_id, p);
        const drawn = balancedSample([...unique.values()], opts.sampleSize, opts.seed);
        if (drawn.exhausted)
          process.stderr.write(
            `warning: ran out of candidates: ${drawn.samples.length} of ${opts.sampleSize} drawn (${unique.size} new decision points)\n`,
          );
        const samples: AnnotationSample[] = drawn.samples.map((p) => ({
          ...p,
          tutorial: false,
          correct_decision: null,
          explanation: null,
        }));
        try {
          const added = await annotations.addSamples(opts.set, [...tutorial, ...samples], {
            ...(opts.annotatorsPerSample !== undefined
              ? { annotatorsPerSample: opts.annotatorsPerSample }
              : {}),
          });
          if (opts.output)
            writeFileSync(
              opts.output,
              samples.map((s) => JSON.stringify(s)).join("\n") + (samples.length ? "\n" : ""),
            );
          console.log(
            `Set ${opts.set}: ${samples.length} new samples (${decisionCounts(samples)}) from ${found.traces} traces; ${added.added - samples.length} tutorial examples added`,
          );
          const models = [...new Set(samples.map((s) => s.proactive_model_id))].sort();
          for (const m of models)
            console.log(`  ${m}: ${samples.filter((s) => s.proactive_model_id === m).length}`);
          console.log(`  unique scenarios: ${new Set(samples.map((s) => s.scenario_id)).size}`);
        } catch (error) {
          if (error instanceof AnnotationError) throw new CliError(error.message);
          throw error;
        }
        if (samples.length === 0) {
          process.stderr.write("error: no new samples\n");
          process.exitCode = 1;
        }
      });
    },
  );

  withStoreOption(
    annotate.command("sets").description("Annotation sets in the run store").option("--json", "JSON"),
  ).action(async (opts: { json?: boolean; store?: string }) => {
    await withCliStore(opts.store, async (store) => {
      const sets = await new AnnotationStore(store).sets();
      if (opts.json) return console.log(JSON.stringify(sets, null, 2));
      if (sets.length === 0) return console.log("No annotation sets (see pare annotate sample).");
      for (const s of sets)
        console.log(
          `${s.name}: ${s.samples} samples + ${s.tutorials} tutorial, ${s.annotations} answers by ${s.annotators} annotators, ${s.annotatorsPerSample} per sample`,
        );
    });
  });

  withStoreOption(
    annotate
      .command("report")
      .description(
        "Agreement between annotators and with the simulated user: Cohen's κ, Fleiss' κ, Krippendorff's α",
      )
      .requiredOption("--set <name>", "annotation set", setNameOf)
      .option(
        "-n, --annotators <n>",
        "use the n annotators with most answers",
        positiveInt("--annotators"),
        2,
      )
      .option("--json", "print the report as JSON"),
  ).action(async (opts: { set: string; annotators: number; json?: boolean; store?: string }) => {
    await withCliStore(opts.store, async (store) => {
      const annotations = new AnnotationStore(store);
      try {
        await annotations.setInfo(opts.set);
      } catch (error) {
        if (error instanceof AnnotationError) throw new CliError(error.message);
        throw error;
      }
      const samples = (await annotations.samples(opts.set)).filter((s) => !s.tutorial);
      const answers = await annotations.annotations(opts.set, { tutorial: false });
      const report = agreementReport(samples, answers, { annotators: opts.annotators });
      if (opts.json) return console.log(JSON.stringify(report, null, 2));
      console.log(reportLines(report).join("\n"));
    });
  });

  withStoreOption(
    annotate
      .command("ask")
      .description(
        "Re-ask candidate user models the stored inputs of a set's samples and report how well each agrees with the annotators",
      )
      .requiredOption("--set <name>", "annotation set", setNameOf)
      .requiredOption("--user-models <list>", "comma-separated model names or MODELS_MAP aliases")
      .option("--provider <name>", "provider for names not in MODELS_MAP", "openai")
      .option("--base-url <url>", "OpenAI-compatible endpoint for every candidate")
      .option("--runs <n>", "answers per sample and model", positiveInt("--runs"), 3)
      .option("--concurrency <n>", "calls in flight", positiveInt("--concurrency"), 4)
      .option("--limit <n>", "only the first n samples (a smoke test)", positiveInt("--limit"))
      .option("-n, --annotators <n>", "annotators to compare with", positiveInt("--annotators"), 2)
      .option("-o, --output <file>", "write every answer as JSON lines")
      .option("--json", "print the per-model summary as JSON"),
  ).action(
    async (opts: {
      set: string;
      userModels: string;
      provider: string;
      baseUrl?: string;
      runs: number;
      concurrency: number;
      limit?: number;
      annotators: number;
      output?: string;
      json?: boolean;
      store?: string;
    }) => {
      const names = opts.userModels
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (names.length === 0) throw new CliError("--user-models names no model");
      let candidates: Candidate[];
      try {
        candidates = names.map((name) => {
          const resolved = resolveModel(name, opts.provider, opts.baseUrl ?? null, "user");
          return { alias: resolved.alias, engine: createEngine(resolved, { role: "user", maxRetries: 2 }) };
        });
      } catch (error) {
        if (isLLMError(error)) throw new CliError(`configuration: ${error.message}`);
        throw error;
      }
      await withCliStore(opts.store, async (store) => {
        const annotations = new AnnotationStore(store);
        try {
          await annotations.setInfo(opts.set);
        } catch (error) {
          if (error instanceof AnnotationError) throw new CliError(error.message);
          throw error;
        }
        let samples = (await annotations.samples(opts.set)).filter((s) => !s.tutorial);
        if (opts.limit !== undefined) samples = samples.slice(0, opts.limit);
        const askable = samples.filter((s) => s.llm_input !== null && s.llm_input.length > 0);
        if (askable.length < samples.length)
          process.stderr.write(
            `note: ${samples.length - askable.length} of ${samples.length} samples keep no model input (their traces predate stored inputs) and are not asked\n`,
          );
        const rows = await reask(askable, candidates, { runs: opts.runs, concurrency: opts.concurrency });
        if (opts.output)
          writeFileSync(
            opts.output,
            rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : ""),
          );
        const aggregated = aggregateReask(rows);
        const answers = await annotations.annotations(opts.set, { tutorial: false });
        const summary = candidates.map((c) => {
          const mine = rows.filter((r) => r.userModelId === c.alias);
          const hard = new Map(
            aggregated.filter((a) => a.userModelId === c.alias).map((a) => [a.sampleId, a.hardLabel]),
          );
          const report = agreementReport(
            askable.filter((s) => hard.has(s.sample_id)),
            answers,
            { annotators: opts.annotators, modelDecision: (s) => hard.get(s.sample_id) ?? null },
          );
          const problems = [...new Set(mine.filter((r) => !r.valid).map((r) => r.problem))].slice(0, 3);
          return {
            userModel: c.alias,
            answers: mine.length,
            validRate: mine.length === 0 ? null : mine.filter((r) => r.valid).length / mine.length,
            problems,
            report,
          };
        });
        if (opts.json) return console.log(JSON.stringify(summary, null, 2));
        for (const s of summary) {
          console.log(
            `${s.userModel}: ${s.answers} answers, valid ${s.validRate === null ? "n/a" : `${(s.validRate * 100).toFixed(1)}%`}${s.problems.length ? ` (invalid: ${s.problems.join("; ")})` : ""}`,
          );
          console.log(
            reportLines(s.report, s.userModel)
              .map((l) => `  ${l}`)
              .join("\n"),
          );
        }
      });
    },
  );
}
