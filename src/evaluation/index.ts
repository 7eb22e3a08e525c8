export {
  acceptanceRateMetric,
  actionsPerAcceptedProposalMetric,
  BUILT_IN_METRICS,
  falseAlarmRateMetric,
  interventionLatencyMetric,
  type Metric,
  type MetricDetail,
  MetricResult,
  MetricSuite,
  type MetricSummary,
  MetricType,
  type MetricValue,
  proposalRateMetric,
  repetitionMetric,
  successMetric,
  summarizeMetrics,
  toolErrorRateMetric,
} from "./metrics.js";
export { type ProtocolRole, type ProtocolStep, protocolRoles } from "./proposals.js";
export {
  completedEventFromTrace,
  type RescoredGroup,
  type RescoredRun,
  type RescoreFilesOptions,
  type RescoreOptions,
  replayEnvironment,
  rescoreTrace,
  rescoreTraceFiles,
  scenarioForTrace,
} from "./rescore.js";
export {
  appendHistory,
  HISTORY_ENTRY_VERSION,
  HISTORY_FILE_NAME,
  HistoryEntry,
  historyEntry,
  readHistory,
} from "./run-history.js";
export {
  type CriterionResult,
  NumericThresholdCriterion,
  OutputMatchCriterion,
  OutputSource,
  RoundBudgetCriterion,
  RuleBasedTaskEvaluator,
  SuccessCriterion,
  type SuccessCriterionInput,
  TaskCompletedCriterion,
  type TaskEvaluation,
  TaskSpec,
  type TaskSpecInput,
  ThresholdOp,
} from "./task-evaluator.js";
export { type BuildTraceOptions, buildTrace, sinkEntries } from "./trace-builder.js";
export {
  findTraceFiles,
  loadTrace,
  parseTrace,
  saveTrace,
  serializeTrace,
  TraceParseError,
} from "./trace-io.js";
export { traceJsonSchema } from "./trace-json-schema.js";
export { formatTracePrompts, type TracePromptsOptions } from "./trace-prompts.js";
export {
  deliberationsFileName,
  PareTrace,
  runFileStem,
  TRACE_FILE_SUFFIX,
  TRACE_SCHEMA_VERSION,
  TraceAction,
  TraceApp,
  TraceEvent,
  TraceFormat,
  TraceResult,
  traceFileName,
} from "./trace-schema.js";
export { formatTraceTimeline, type TimelineOptions } from "./trace-timeline.js";
export { trajectoryFromTrace } from "./trace-trajectory.js";
export {
  loadTrajectory,
  Speaker,
  StepAction,
  type StepInput,
  StepMetadata,
  SystemState,
  saveTrajectory,
  TRAJECTORY_SCHEMA_VERSION,
  Trajectory,
  type TrajectoryHeader,
  TrajectoryLogger,
  type TrajectoryOutcome,
  TrajectoryStep,
} from "./trajectory.js";
