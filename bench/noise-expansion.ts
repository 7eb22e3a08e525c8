import { StatefulEmailApp } from "../src/apps/email/app.js";
import { StatefulMessagingApp } from "../src/apps/messaging/app.js";
import { StatefulShoppingApp } from "../src/apps/shopping/app.js";
import type { ScenarioRegistry } from "../src/registry/scenario-registry.js";
import { ScenarioRunnerConfig } from "../src/runner/config.js";
import { runScenario } from "../src/runner/scenario-runner.js";
import type { AugmentationData } from "../src/scenarios/noise/augmentation-data.js";
import { expandEnvEvents } from "../src/scenarios/noise/env-events-expander.js";
import { EnvEventsConfig } from "../src/scenarios/noise/noise-config.js";
import { augmentationData } from "../src/scenarios/noise/noise-data-source.js";
import { installNoiseHooks, type PAREScenario } from "../src/scenarios/pare-scenario.js";
import { measure, round } from "./lib/measure.js";
import { scaledAugmentationData } from "./lib/scaled-augmentation.js";

const NOISE_APPS = [StatefulEmailApp, StatefulMessagingApp, StatefulShoppingApp];

export interface NoiseCase {
  data: string;
  plannedEvents: number;
  noiseEvents: number;
  /** scenario.initialize() with noise minus without: the expansion (capture-mode event building included). */
  expansionMs: number;
  expansionEventsPerSecond: number;
  /** The oracle run of the noisy scenario over the whole horizon: every noise event lands in its app. */
  oracleRunMs: number;
  loggedEvents: number;
  oracleRunEventsPerSecond: number;
  success: boolean | null;
}

export interface NoiseExpansionResult {
  scenarioId: string;
  noiseApps: string[];
  horizonSeconds: number;
  eventsPerMinute: number;
  cases: NoiseCase[];
}

/** The bundled scenario with the most noise-capable apps (email, messaging, shopping); ties go to the first id. */
export function noisiestScenario(registry: ScenarioRegistry, ids: readonly string[]): string {
  let best = { id: ids[0] as string, apps: -1 };
  for (const id of ids) {
    const scenario = registry.create(id);
    scenario.initialize();
    const apps = NOISE_APPS.filter((cls) => scenario.apps.some((a) => a instanceof cls)).length;
    if (apps > best.apps) best = { id, apps };
  }
  return best.id;
}

async function noiseCase(
  registry: ScenarioRegistry,
  id: string,
  name: string,
  data: AugmentationData,
  options: { eventsPerMinute: number; horizonSeconds: number },
): Promise<NoiseCase> {
  const config = EnvEventsConfig.parse({ numEnvEventsPerMinute: options.eventsPerMinute });
  const make = (envEvents: EnvEventsConfig | null): PAREScenario => {
    const scenario = registry.create(id);
    scenario.duration = options.horizonSeconds;
    scenario.envEvents = envEvents;
    return scenario;
  };
  installNoiseHooks({ expandNoise: (scenario, c) => expandEnvEvents(scenario, c, data) });
  try {
    make(config).initialize(); // warm-up
    const plain = await measure(() => make(null).initialize());
    const noisy = await measure(() => {
      const s = make(config);
      s.initialize();
      return s;
    });
    const noiseEvents = noisy.value.noiseEventIds.length;
    const expansionMs = Math.max(1e-3, noisy.wallMs - plain.wallMs);
    const runConfig = ScenarioRunnerConfig.parse({
      oracle: true,
      maxScenarioDuration: options.horizonSeconds,
    });
    let logged = 0;
    const run = await measure(() =>
      runScenario(make(config), {
        config: runConfig,
        onFinished: (f) => {
          logged = f.env?.eventLog.length ?? 0;
        },
      }),
    );
    return {
      data: name,
      plannedEvents: Math.floor((options.eventsPerMinute * options.horizonSeconds) / 60),
      noiseEvents,
      expansionMs: round(expansionMs, 1),
      expansionEventsPerSecond: Math.round((noiseEvents / expansionMs) * 1000),
      oracleRunMs: round(run.wallMs, 1),
      loggedEvents: logged,
      oracleRunEventsPerSecond: Math.round((logged / run.wallMs) * 1000),
      success: run.value.success,
    };
  } finally {
    installNoiseHooks({ expandNoise: null });
  }
}

/**
 * Noise expansion at a high rate over a long horizon, twice: with the bundled augmentation data (which caps how
 * many events there can be) and with that data copied until the rate is what limits the amount.
 */
export async function benchNoiseExpansion(
  registry: ScenarioRegistry,
  scenarioId: string,
  options: { eventsPerMinute: number; horizonSeconds: number; scaleFactor: number },
): Promise<NoiseExpansionResult> {
  const bundled = augmentationData();
  const scaled = scaledAugmentationData(bundled, options.scaleFactor);
  const probe = registry.create(scenarioId);
  probe.initialize();
  return {
    scenarioId,
    noiseApps: NOISE_APPS.filter((cls) => probe.apps.some((a) => a instanceof cls)).map((c) => c.name),
    horizonSeconds: options.horizonSeconds,
    eventsPerMinute: options.eventsPerMinute,
    cases: [
      await noiseCase(registry, scenarioId, "bundled", bundled, options),
      await noiseCase(registry, scenarioId, `bundled x${options.scaleFactor}`, scaled, options),
    ],
  };
}
