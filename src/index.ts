/**
 * pare-ts public API. Everything a researcher needs to write scenarios, run benchmarks and read results
 * is exported here; deep imports are not needed.
 */

// --- agents ----------------------------------------------------------------------------------------
export { NoopPolicy } from "./agents/baselines/noop-policy.js";
export { RandomPolicy } from "./agents/baselines/random-policy.js";
export { ScriptedUserPolicy } from "./agents/baselines/scripted-user-policy.js";
export {
  DeliberationRecord,
  JsonlDeliberationSink,
  MemoryDeliberationSink,
} from "./agents/deliberation-log.js";
export { type GenerationTiming, generationSeconds } from "./agents/generation-time.js";
export * as llm from "./agents/llm/index.js";
export { createLlmPolicyFactory, LlmPolicy } from "./agents/llm-policy/index.js";
export { LoopEvent, LoopEventKind } from "./agents/loop-events.js";
export { DEFAULT_OBSERVATION_CHAR_LIMIT, renderObservation } from "./agents/observation.js";
export {
  executeTools,
  type LoopOptions,
  observeTools,
  PARE_LOOP,
  ProactiveAgent,
  type ProactiveMode,
} from "./agents/proactive/proactive-agent.js";
export { endsTurn, TURN_ENDING_SUBSTRINGS, turnEndingTools } from "./agents/proactive/turn-ending.js";
export {
  describeUnseenFact,
  ReferenceLedger,
  type UnseenFact,
} from "./agents/reference/reference-ledger.js";
export {
  buildReferencePlan,
  type PlanSegment,
  type ReferencePlan,
} from "./agents/reference/reference-plan.js";
export { ReferenceExecutePolicy, ReferenceObservePolicy } from "./agents/reference/reference-policy.js";
export { type FactArgument, factArguments, SeenText, textShows } from "./agents/reference/visible-facts.js";
export type { AgentAction, AgentRole, Policy, PolicyDecision, StepInput } from "./agents/types.js";
export { UserAgent } from "./agents/user/user-agent.js";
// --- annotation ------------------------------------------------------------------------------------
export {
  cohensKappa,
  fleissKappa,
  hashTieBreak,
  kappaWording,
  krippendorffAlpha,
  majorityLabel,
} from "./annotation/agreement.js";
export { type AgreementReport, agreementReport, toBinary } from "./annotation/agreement-report.js";
export { AnnotationError, AnnotationStore } from "./annotation/annotation-store.js";
export { extractAreDecisionPoints } from "./annotation/are-trace-decisions.js";
export { collectDecisionsFromPaths, collectDecisionsFromRun } from "./annotation/collect-decisions.js";
export { AnnotationSample, DecisionPoint, sampleId, TernaryDecision } from "./annotation/decision-point.js";
export { extractPareDecisionPoints } from "./annotation/pare-trace-decisions.js";
export { aggregateReask, reask } from "./annotation/reask.js";
export { balancedSample } from "./annotation/sampling.js";
export { loadTutorial } from "./annotation/tutorial.js";
// --- apps ------------------------------------------------------------------------------------------
export { PAREAgentUserInterface } from "./apps/agent-ui/agent-ui-app.js";
export { StatefulApartmentApp } from "./apps/apartment/index.js";
export { StatefulCabApp } from "./apps/cab/index.js";
export { StatefulCalendarApp } from "./apps/calendar/index.js";
export { appCatalog, SCREEN_CLASSES } from "./apps/catalog.js";
export { StatefulContactsApp } from "./apps/contacts/index.js";
export { StatefulEmailApp } from "./apps/email/index.js";
export { type FileBlob, StatefulFilesApp, samePath } from "./apps/files/index.js";
export { HomeScreenSystemApp } from "./apps/home-screen/home-screen-app.js";
export { StatefulMessagingApp } from "./apps/messaging/index.js";
export { StatefulNotesApp } from "./apps/notes/index.js";
export { StatefulReminderApp } from "./apps/reminder/index.js";
export { Screen } from "./apps/screen.js";
export { StatefulShoppingApp } from "./apps/shopping/index.js";
export { StatefulApp } from "./apps/stateful-app.js";
// --- simulation core -------------------------------------------------------------------------------
export { App, type AppOptions, classNameOf, withAppConstruction } from "./core/app.js";
export { AppTool, TOOL_FAILURE_MESSAGE } from "./core/app-tool.js";
export { formatDateTime, parseDateTime, SimClock, weekdayName } from "./core/clock.js";
export { Environment, EnvironmentConfig, type EnvironmentState, type StopCause } from "./core/environment.js";
export {
  ConfigError,
  InvalidStateError,
  NotFoundError,
  ScenarioError,
  ToolError,
  type ToolErrorCode,
} from "./core/errors.js";
export { withCaptureMode, withEventsDisabled } from "./core/event-context.js";
export { type EventFilter, EventLog } from "./core/event-log.js";
export { EventType, type Operation, type ToolKind } from "./core/event-types.js";
export {
  AbstractEvent,
  Action,
  type ActionRecord,
  type CompletedEvent,
  ConditionCheckEvent,
  Event,
  type EventMetadata,
  isFailed,
  StopEvent,
} from "./core/events.js";
export type { JsonObject, JsonValue } from "./core/json.js";
export {
  type Message,
  MessageType,
  NotificationSystem,
  type NotificationTemplates,
} from "./core/notifications.js";
export { connectProtocols, Protocol } from "./core/protocols.js";
export { derivedRng, Rng } from "./core/random.js";
export { agentTool, dataTool, envTool, parsed, type ToolSpec, userTool } from "./core/tool-decorators.js";
export * from "./evaluation/index.js";
// --- scenarios and registry ------------------------------------------------------------------------
export {
  DEFAULT_SCENARIOS_DIR,
  type DiscoveryReport,
  discoverScenarios,
  loadScenarioIdsFromFile,
  loadSplit,
  registerScenario,
  ScenarioRegistry,
  scenarioDirectories,
  scenarioRegistry,
  UnknownScenarioError,
} from "./registry/index.js";
export * from "./report/index.js";
// --- runner and results ----------------------------------------------------------------------------
export {
  loadRunnerConfigFile,
  MultiScenarioRunnerConfig,
  OUTPUT_ONLY_FIELDS,
  PUBLISHED_LIMITS,
  readRunnerConfigFile,
  ScenarioRunnerConfig,
  TraceExportFormat,
} from "./runner/config.js";
export { faultKindOf } from "./runner/fault-kind.js";
export {
  type FingerprintFields,
  getConfigHash,
  runFingerprint,
  sanitizeBaseUrl,
  scenarioSourceHash,
} from "./runner/fingerprint.js";
export { IDLE_STOP_REASON, IdleWatch } from "./runner/idle-stop.js";
export type { CacheKey, JobWriter, RecordedRun } from "./runner/job-writer.js";
export {
  type BenchmarkOutcome,
  planJobs,
  RunInterruptedError,
  runBenchmark,
  ScenarioTimeoutError,
} from "./runner/multi-runner.js";
export { type ConfigFileOptions, PARE_CONFIG_KEY_MAP, translateConfigFile } from "./runner/pare-yaml.js";
export { type ReferenceAgent, referenceAgent, referencePlanFor } from "./runner/reference-agent.js";
export { createRunLogWriter, jobLogsDir } from "./runner/run-logs.js";
export {
  loadManifest,
  NoiseSummary,
  RunManifest,
  saveManifest,
  summariseNoise,
} from "./runner/run-manifest.js";
export { computeRunMetrics, type RunMetrics } from "./runner/run-metrics.js";
export { checkScenario, type ReferenceFigures, type ScenarioCheck } from "./runner/scenario-check.js";
export {
  type AgentPolicies,
  offlinePolicies,
  type PolicyFactory,
  prepareScenario,
  runScenario,
} from "./runner/scenario-runner.js";
export { parseShard, type Shard, shardSlice } from "./runner/shard.js";
export { plannedRunSpan } from "./runner/simulated-span.js";
export { loadSweepFile, parseSweep, type Sweep, type SweepCell, SweepFile } from "./runner/sweep.js";
export {
  ABLATION_SEED,
  ablation,
  type CatalogueRow,
  catalogue,
  KINDS,
  NOISE_SEED,
  noiseSplit,
  stratifiedSelection,
  THEMES,
} from "./scenarios/benchmark-catalogue.js";
export { assistantRides, rideById, rideStartsBetween } from "./scenarios/cab-verdicts.js";
export { calendarEvent } from "./scenarios/calendar-verdicts.js";
export { loadAugmentationData } from "./scenarios/noise/augmentation-data.js";
export { expandEnvEvents, noiseHorizon, planNoise } from "./scenarios/noise/env-events-expander.js";
export { EnvEventsConfig, ToolAugmentationConfig } from "./scenarios/noise/noise-config.js";
export {
  leakedSecrets,
  linesWith,
  noteAtEnd,
  notesAtEnd,
  notesMentioning,
} from "./scenarios/notes-verdicts.js";
export {
  DEFAULT_START_TIME,
  installNoiseHooks,
  type NoiseExpansion,
  PAREScenario,
  type ScenarioStatus,
} from "./scenarios/pare-scenario.js";
export {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  mentionsAll,
  mentionsAmount,
  mentionsAny,
  proposals,
  type ScenarioVerdict,
  timeBetween,
  userCalls,
} from "./scenarios/scenario-verdict.js";
export {
  APPENDED_RESULT_SCHEMA,
  ERROR_CLASSES,
  ErrorClass,
  errorClassOf,
  exceptionFromError,
  MultiScenarioValidationResult,
  PARE_RESULT_SCHEMA,
  RESULT_SCHEMA,
  type ResultException,
  ScenarioValidationResult,
  StopReason,
} from "./scenarios/validation-result.js";
export { verdictOf } from "./scenarios/verdict-of.js";
export { exportRun } from "./store/export.js";
export { buildJobSpec, type JobSpec } from "./store/job-spec.js";
export { type JobFilter, JobHandle, RunStore } from "./store/run-store.js";
export { pareHome, resolveStoreLocation } from "./store/store-location.js";
export type { JobRecord, StoredRun } from "./store/store-rows.js";
export { REDACTED, redactSecrets, registerSecret, registerUrlSecrets } from "./util/secrets.js";

// --- viewer ----------------------------------------------------------------------------------------
export { exportSite } from "./view/export-site.js";
export { createViewApp, startViewServer } from "./view/server.js";
export { ViewData } from "./view/view-data.js";
