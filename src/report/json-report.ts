import type pl from "nodejs-polars";
import {
  type ConfigKey,
  type GlobalStatistics,
  type PasMetrics,
  type StatisticsOptions,
  type StopReasonCounts,
  statisticsByConfig,
} from "./statistics.js";

export const JSON_REPORT_VERSION = "1.0";

export type ConfigStatsEntry = ConfigKey & GlobalStatistics & PasMetrics & { stop_reasons: StopReasonCounts };

export interface JsonStatsReport {
  metadata: {
    split: string;
    timestamp: string;
    report_version: string;
    weight_per_app_class: Record<string, number> | null;
  };
  per_config_results: ConfigStatsEntry[];
}

/**
 * The JSON stats report (spec §12.5): one entry per config, ordered by the config keys (PARE uses polars' unordered
 * `unique`; a fixed order keeps reports diffable). `generatedAt` is the caller's timestamp.
 */
export function generateJsonStatsReport(
  df: pl.DataFrame,
  split: string,
  weights: Record<string, number> | undefined,
  generatedAt: string,
  options: StatisticsOptions = {},
): JsonStatsReport {
  const perConfig = statisticsByConfig(df, options).map(({ key, statistics: stats }) => ({
    ...key,
    ...stats.global,
    ...stats.pas_metrics,
    stop_reasons: stats.stop_reasons,
  }));
  return {
    metadata: {
      split,
      timestamp: generatedAt,
      report_version: JSON_REPORT_VERSION,
      weight_per_app_class: weights ?? null,
    },
    per_config_results: perConfig,
  };
}
