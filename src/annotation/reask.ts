import type { ChatMessage, LLMEngine } from "../agents/llm/types.js";
import { ACTION_STOP_SEQUENCES, parseActionOutput } from "../agents/llm-policy/action-parser.js";
import { majorityLabel } from "./agreement.js";
import type { DecisionPoint, TernaryDecision } from "./decision-point.js";

/** Attempts per (sample, model, run) until the output has `Action:` or `Thought:` (PARE: 10). */
export const REASK_ATTEMPTS = 10;

export interface ReaskRow {
  sampleId: string;
  scenarioId: string;
  proactiveModelId: string;
  userModelId: string;
  run: number;
  decision: TernaryDecision | null;
  valid: boolean;
  /** Why the answer is invalid (no action, unparsable, the call failed). */
  problem: string | null;
}

export interface Candidate {
  /** The name the candidate is reported under. */
  alias: string;
  engine: LLMEngine;
}

/** The tool name an answer names → the decision (accept_proposal / reject_proposal / any other tool). */
export function decisionOfTool(tool: string): TernaryDecision {
  if (tool.includes("accept_proposal")) return "accept";
  if (tool.includes("reject_proposal")) return "reject";
  return "gather_context";
}

/** The stored input as chat messages: `tool-response` and other roles become user messages. */
function chatMessages(sample: DecisionPoint): ChatMessage[] {
  return (sample.llm_input ?? []).map((m) => ({
    role: m.role === "system" || m.role === "assistant" ? m.role : "user",
    content: m.content,
  }));
}

/**
 * Re-asks each candidate user model the exact stored input of each sample, `runs` times (spec §15.4). Samples
 * without a stored input are left out (the caller reports how many). A failed call is an invalid answer, never a
 * crash of the whole job.
 */
export async function reask(
  samples: readonly DecisionPoint[],
  candidates: readonly Candidate[],
  options: { runs?: number; concurrency?: number; onRow?: (row: ReaskRow) => void } = {},
): Promise<ReaskRow[]> {
  const runs = options.runs ?? 3;
  const jobs: { sample: DecisionPoint; candidate: Candidate; run: number }[] = [];
  for (const sample of samples) {
    if (sample.llm_input === null || sample.llm_input.length === 0) continue;
    for (const candidate of candidates)
      for (let run = 1; run <= runs; run++) jobs.push({ sample, candidate, run });
  }
  const rows: ReaskRow[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index] as (typeof jobs)[number];
      const row = await askOnce(job.sample, job.candidate, job.run);
      rows[index] = row;
      options.onRow?.(row);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return rows;
}

async function askOnce(sample: DecisionPoint, candidate: Candidate, run: number): Promise<ReaskRow> {
  const base = {
    sampleId: sample.sample_id,
    scenarioId: sample.scenario_id,
    proactiveModelId: sample.proactive_model_id,
    userModelId: candidate.alias,
    run,
  };
  let output: string | null = null;
  let lastError: string | null = null;
  for (let attempt = 0; attempt < REASK_ATTEMPTS; attempt++) {
    try {
      const response = await candidate.engine.complete(
        { messages: chatMessages(sample), stop: [...ACTION_STOP_SEQUENCES] },
        { role: "user", runNumber: run, scenarioId: `annotate:${sample.sample_id}` },
      );
      if (/Action:|Thought:/.test(response.content)) {
        output = response.content;
        break;
      }
      lastError = "the answer has neither 'Action:' nor 'Thought:'";
    } catch (error) {
      lastError = `model call failed: ${(error as Error).message}`;
    }
  }
  if (output === null) return { ...base, decision: null, valid: false, problem: lastError };
  if (!output.includes("Action:"))
    return { ...base, decision: null, valid: false, problem: "no 'Action:' in the answer" };
  const parsed = parseActionOutput(output.slice(output.lastIndexOf("Action:")));
  if (!parsed.ok) return { ...base, decision: null, valid: false, problem: parsed.error };
  return { ...base, decision: decisionOfTool(parsed.action.tool), valid: true, problem: null };
}

export interface AggregatedAnswer {
  sampleId: string;
  userModelId: string;
  counts: Record<TernaryDecision, number>;
  validRuns: number;
  /** Most frequent decision; ties broken by md5(sample id) over the sorted tied labels (PARE's rule). */
  hardLabel: TernaryDecision;
}

/** Per (sample, candidate) over valid runs; pairs without a valid run are left out. */
export function aggregateReask(rows: readonly ReaskRow[]): AggregatedAnswer[] {
  const groups = new Map<string, ReaskRow[]>();
  for (const row of rows) {
    if (!row.valid || row.decision === null) continue;
    const key = `${row.userModelId}\u0000${row.sampleId}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const sorted: TernaryDecision[] = ["accept", "gather_context", "reject"];
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, group]) => {
      const first = group[0] as ReaskRow;
      const labels = group.map((g) => g.decision as TernaryDecision);
      const counts = { accept: 0, reject: 0, gather_context: 0 };
      for (const l of labels) counts[l] += 1;
      return {
        sampleId: first.sampleId,
        userModelId: first.userModelId,
        counts,
        validRuns: group.length,
        hardLabel: majorityLabel(labels, sorted, first.sampleId, "md5") as TernaryDecision,
      };
    });
}
