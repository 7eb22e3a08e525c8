import { cohensKappa, fleissKappa, krippendorffAlpha, majorityLabel } from "./agreement.js";
import { type DecisionPoint, TERNARY_LABELS, type TernaryDecision } from "./decision-point.js";

/** The binary view: "accept" against everything else ("reject" and "I need more info" both mean not now). */
export type BinaryDecision = "accept" | "not_accept";
export const BINARY_LABELS: readonly BinaryDecision[] = ["accept", "not_accept"];
export const toBinary = (d: TernaryDecision): BinaryDecision => (d === "accept" ? "accept" : "not_accept");

export interface HumanAnswer {
  sampleId: string;
  annotatorId: string;
  decision: TernaryDecision;
}

export interface AgreementBlock {
  /** Fleiss' κ over the annotators' labels. */
  fleissHumans: number | null;
  /** Fleiss' κ with the simulated user as one more rater. */
  fleissWithModel: number | null;
  /** Krippendorff's α (nominal) over the annotators. */
  alphaHumans: number | null;
  /** Krippendorff's α with the simulated user as one more rater. */
  alphaWithModel: number | null;
  /** Cohen's κ for every pair of annotators. */
  humanPairs: { a: string; b: string; kappa: number | null }[];
  /** The annotators' majority (sha256 tie-break) against the simulated user. */
  majority: { accuracy: number | null; cohensKappa: number | null };
  /** Cohen's κ between the simulated user and each annotator: mean and population standard deviation. */
  modelHumanKappa: { mean: number | null; std: number | null };
  /** Label shares (fractions) over the annotators' answers and over the model's decisions. */
  categoryRates: { human: Record<string, number>; model: Record<string, number> };
}

export interface AnnotatorStats {
  annotatorId: string;
  count: number;
  rates: Record<TernaryDecision, number>;
  modelAgreement: number | null;
  kappaWithModel: number | null;
}

export interface AgreementReport {
  /** Annotators used (the top `annotators` by answers) and the samples all of them answered. */
  annotators: string[];
  samples: number;
  ternary: AgreementBlock;
  binary: AgreementBlock;
  perAnnotator: AnnotatorStats[];
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, x) => s + x, 0) / values.length;
}

function std(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null) return null;
  return Math.sqrt(values.reduce((s, x) => s + (x - m) ** 2, 0) / values.length);
}

function shares<L extends string>(labels: readonly L[], order: readonly L[]): Record<string, number> {
  return Object.fromEntries(
    order.map((l) => [l, labels.length === 0 ? 0 : labels.filter((x) => x === l).length / labels.length]),
  );
}

function block<L extends string>(
  sampleIds: readonly string[],
  annotators: readonly string[],
  human: (sampleId: string, annotator: string) => L,
  model: (sampleId: string) => L,
  order: readonly L[],
): AgreementBlock {
  const humanRatings = sampleIds.map((s) => annotators.map((a) => human(s, a)));
  const withModel = sampleIds.map((s, i) => [...(humanRatings[i] as L[]), model(s)]);
  const modelLabels = sampleIds.map(model);
  const humanPairs: AgreementBlock["humanPairs"] = [];
  for (let i = 0; i < annotators.length; i++)
    for (let j = i + 1; j < annotators.length; j++) {
      const a = annotators[i] as string;
      const b = annotators[j] as string;
      humanPairs.push({
        a,
        b,
        kappa: cohensKappa(
          sampleIds.map((s) => human(s, a)),
          sampleIds.map((s) => human(s, b)),
        ),
      });
    }
  const majority = sampleIds.map((s, i) => majorityLabel(humanRatings[i] as L[], order, s) as L);
  const perHuman = annotators
    .map((a) =>
      cohensKappa(
        modelLabels,
        sampleIds.map((s) => human(s, a)),
      ),
    )
    .filter((k): k is number => k !== null);
  return {
    fleissHumans: annotators.length < 2 ? null : fleissKappa(humanRatings),
    fleissWithModel: fleissKappa(withModel),
    alphaHumans: annotators.length < 2 ? null : krippendorffAlpha(humanRatings),
    alphaWithModel: krippendorffAlpha(withModel),
    humanPairs,
    majority: {
      accuracy:
        sampleIds.length === 0
          ? null
          : majority.filter((m, i) => m === modelLabels[i]).length / sampleIds.length,
      cohensKappa: cohensKappa(majority, modelLabels),
    },
    modelHumanKappa: { mean: mean(perHuman), std: std(perHuman) },
    categoryRates: {
      human: shares(humanRatings.flat(), order),
      model: shares(modelLabels, order),
    },
  };
}

/**
 * Agreement between annotators, and between them and a model's decisions (spec §15.5): keeps the top
 * `annotators` annotators by number of answers (ties by id), and the samples every one of them answered; ternary
 * labels and the binary view (accept vs not). `modelDecision` defaults to the simulated user's decision in the
 * trace; pass another (a re-asked candidate's majority) to score that model instead.
 */
export function agreementReport(
  samples: readonly DecisionPoint[],
  answers: readonly HumanAnswer[],
  options: { annotators?: number; modelDecision?: (sample: DecisionPoint) => TernaryDecision | null } = {},
): AgreementReport {
  const wanted = options.annotators ?? 2;
  const modelDecision = options.modelDecision ?? ((s: DecisionPoint) => s.user_agent_decision);
  const bySample = new Map(samples.map((s) => [s.sample_id, s]));
  const counts = new Map<string, number>();
  for (const a of answers)
    if (bySample.has(a.sampleId)) counts.set(a.annotatorId, (counts.get(a.annotatorId) ?? 0) + 1);
  const annotators = [...counts.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, wanted)
    .map(([id]) => id)
    .sort();
  const label = new Map<string, TernaryDecision>();
  for (const a of answers) label.set(`${a.sampleId}\u0000${a.annotatorId}`, a.decision);
  const complete = samples
    .filter((s) => annotators.length > 0 && annotators.every((a) => label.has(`${s.sample_id}\u0000${a}`)))
    .filter((s) => modelDecision(s) !== null)
    .map((s) => s.sample_id)
    .sort();
  const human = (s: string, a: string) => label.get(`${s}\u0000${a}`) as TernaryDecision;
  const model = (s: string) => modelDecision(bySample.get(s) as DecisionPoint) as TernaryDecision;
  const perAnnotator = annotators.map((a): AnnotatorStats => {
    const mine = complete.map((s) => human(s, a));
    const theirs = complete.map(model);
    const rates = Object.fromEntries(
      TERNARY_LABELS.map((l) => [
        l,
        mine.length === 0 ? 0 : mine.filter((x) => x === l).length / mine.length,
      ]),
    ) as Record<TernaryDecision, number>;
    return {
      annotatorId: a,
      count: counts.get(a) ?? 0,
      rates,
      modelAgreement: mine.length === 0 ? null : mine.filter((m, i) => m === theirs[i]).length / mine.length,
      kappaWithModel: cohensKappa(mine, theirs),
    };
  });
  return {
    annotators,
    samples: complete.length,
    ternary: block(complete, annotators, human, model, TERNARY_LABELS),
    binary: block(
      complete,
      annotators,
      (s, a) => toBinary(human(s, a)),
      (s) => toBinary(model(s)),
      BINARY_LABELS,
    ),
    perAnnotator,
  };
}
