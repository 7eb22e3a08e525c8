export {
  COMBINED_RESULT_FILE,
  type CombinedResults,
  combineResultFiles,
  combineResultFrames,
  findResultFiles,
  ResultFileError,
  ResultRow,
  ResultRows,
  readResultFile,
  resultFrameFromRows,
} from "./combine-results.js";
export {
  type ConfigStatsEntry,
  generateJsonStatsReport,
  JSON_REPORT_VERSION,
  type JsonStatsReport,
} from "./json-report.js";
export {
  type ConfigDescriptorConfig,
  configDescriptor,
  DEFAULT_DESCRIPTOR_ENV_SEED,
  type ResultsDirectoryPaths,
  type ResultsDirNameConfig,
  resultsDirName,
  type WriteResultsOptions,
  writeResultsDirectory,
} from "./results-directory.js";
export {
  type ConfigKey,
  calculateStatistics,
  type GlobalStatistics,
  type PasMetrics,
  passAtKUnbiased,
  type Statistics,
  type StatisticsOptions,
  type StopReasonCounts,
  splitByConfig,
  UNRECORDED_STOP_REASON,
} from "./statistics.js";
export { formatFixed, generateValidationReport, pyDictRepr, pyFloatRepr } from "./text-report.js";
