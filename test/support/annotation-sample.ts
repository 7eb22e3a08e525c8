import type { AnnotationSample } from "../../src/annotation/decision-point.js";

/** A minimal decision point to annotate (a real sample, or a tutorial one with its answer). */
export const annotationSample = (id: string, tutorial = false): AnnotationSample => ({
  sample_id: id,
  scenario_id: "s",
  run_number: 1,
  proactive_model_id: "p",
  user_model_id: "u",
  trace_file: "t",
  source: "pare_trace_v1",
  user_agent_decision: "accept",
  llm_input: null,
  agent_proposal: "Shall I?",
  final_decision: true,
  meta_task_description: null,
  gather_context_delta: null,
  timeline: [],
  tutorial,
  correct_decision: tutorial ? "accept" : null,
  explanation: tutorial ? "because" : null,
});
