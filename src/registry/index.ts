export {
  DEFAULT_SCENARIOS_DIR,
  type DiscoveryReport,
  discoverScenarios,
  SCENARIOS_ROOT,
  scenarioDirectories,
} from "./discovery.js";
export { registerScenario } from "./register-scenario.js";
export {
  DuplicateScenarioError,
  type ScenarioClass,
  ScenarioRegistry,
  scenarioRegistry,
  UnknownScenarioError,
} from "./scenario-registry.js";
export { loadScenarioIdsFromFile, loadSplit, PROJECT_ROOT, splitPath, splitsDirectory } from "./splits.js";
