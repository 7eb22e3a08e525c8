/** A scenario run went past its wall-clock limit (`--timeout`), wherever it ran (in-process or in a thread). */
export class ScenarioTimeoutError extends Error {
  override readonly name = "ScenarioTimeoutError";
  readonly kind = "timeout";
}

/** The error a run past its limit ends with: the one message both runners record. */
export function scenarioTimeoutError(scenarioId: string, seconds: number | null): ScenarioTimeoutError {
  return new ScenarioTimeoutError(`Scenario ${scenarioId} timed out after ${seconds} seconds`);
}
