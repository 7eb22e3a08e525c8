import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DeliberationRecord } from "../agents/deliberation-log.js";
import type { LogLevel, MultiScenarioRunnerConfig } from "./config.js";
import type { FinishedRun } from "./scenario-runner.js";

/**
 * PARE's per-scenario log files (spec §11.4): `<logsDir>/<config suffix>/obs_<o>_exec_<e>_<YYYYmmdd_HHMMSS>/
 * <scenario>/pare/run_<n>.log` for the runner and environment, `…/agent/run_<n>.log` for the agents' steps. The
 * files hold every level (PARE's file handlers are DEBUG); lines are stamped with the simulated clock, so a
 * run's log is the same on every replay. They are written when a run finishes, from what the run recorded.
 */

const LEVELS: readonly LogLevel[] = ["DEBUG", "INFO", "WARNING", "ERROR"];

export interface LogLine {
  level: LogLevel;
  /** Simulated epoch seconds. */
  time: number;
  logger: string;
  message: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `YYYYmmdd_HHMMSS` in UTC (the job's start; part of PARE's directory name). */
export function logTimestamp(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}_${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}

/**
 * The directory PARE builds for a job's logs. PARE's `_enmi_` part reads an attribute that does not exist and is
 * always `0.0`; here it is the configured rate (docs/departures.md).
 */
export function jobLogsDir(config: MultiScenarioRunnerConfig, startedAt: Date): string {
  let suffix = `${config.experimentName}_user_${config.userType}_${config.userModelAlias}_proactive_${config.oracle ? "oracle" : config.agentType}_mt_${config.maxTurns}_umi_${config.userMaxIterations}_ome_${config.observeMaxIterations}_exe_${config.executeMaxIterations}`;
  if (config.toolAugmentation) suffix += `_tfp_${config.toolAugmentation.toolFailureProbability}`;
  if (config.envEvents) suffix += `_enmi_${config.envEvents.numEnvEventsPerMinute}`;
  const proactive = `obs_${config.observeModelAlias}_exec_${config.executeModelAlias}`;
  return join(config.logsDir, suffix, `${proactive}_${logTimestamp(startedAt)}`);
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return "n/a";
  return new Date(Math.round(seconds * 1000)).toISOString().replace("T", " ").slice(0, 23);
}

export function formatLogLine(line: LogLine, scenarioId: string, runNumber: number | null): string {
  const run = runNumber === null ? "" : `, Run = ${runNumber}`;
  return `${clock(line.time)} (simulated) - ${line.logger} - ${line.level} - [Scenario = ${scenarioId}${run}] ${line.message}`;
}

function short(value: unknown, limit = 300): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (text === undefined) return "";
  const flat = text.replace(/\s+/g, " ");
  return flat.length > limit ? `${flat.slice(0, limit)}…` : flat;
}

/** The runner and environment lines of a finished run (PARE's `pare/run_<n>.log`). */
export function runnerLogLines(run: FinishedRun): LogLine[] {
  const { scenario, result, env } = run;
  const start = scenario.startTime;
  const lines: LogLine[] = [
    {
      level: "INFO",
      time: start,
      logger: "pare.runner",
      message: `Running scenario ${scenario.scenarioId} (seed ${run.config.seed}, max turns ${run.config.maxTurns})`,
    },
  ];
  for (const event of env?.eventLog.listView() ?? []) {
    const a = event.action;
    const what = a ? `${a.app}.${a.function}(${short(a.args, 200)})` : (event.condition ?? event.eventId);
    const turn = event.metadata.turn === null ? "" : ` turn ${event.metadata.turn}`;
    if (event.metadata.exception !== null) {
      lines.push({
        level: "WARNING",
        time: event.eventTime,
        logger: "pare.environment",
        message: `${event.eventType} ${what} failed${turn}: ${short(event.metadata.exception)}`,
      });
    } else {
      lines.push({
        level: "DEBUG",
        time: event.eventTime,
        logger: "pare.environment",
        message: `${event.eventType} ${what}${turn}${a?.operation === "write" ? " [write]" : ""}`,
      });
    }
  }
  for (const loop of run.loopEvents) {
    lines.push({
      level: "INFO",
      time: loop.simulatedTime,
      logger: "pare.runner",
      message: `turn ${loop.turn} ${loop.kind}: ${short(loop.detail)}`,
    });
  }
  const end = start + result.duration;
  if (result.exception)
    lines.push({
      level: "ERROR",
      time: end,
      logger: "pare.runner",
      message: `Scenario ${scenario.scenarioId} failed with exception (${result.exception.kind}): ${result.exception.type}: ${short(result.exception.message, 1000)}`,
    });
  const status = result.exception
    ? "exception"
    : result.success === null
      ? "no validation"
      : result.success
        ? "success"
        : "failed";
  lines.push({
    level: "INFO",
    time: end,
    logger: "pare.runner",
    message: `Validation: ${status}${result.rationale ? ` (${short(result.rationale)})` : ""} | turns ${result.numberOfTurns} | proposals ${result.proposalCount} | acceptances ${result.acceptanceCount} | read ${result.readOnlyActions} | write ${result.writeActions} | ${result.duration.toFixed(1)} simulated s | stop ${result.stopReason ?? "n/a"}`,
  });
  return lines.sort((x, y) => x.time - y.time);
}

/** The agents' lines of a finished run (PARE's `agent/run_<n>.log`): one per step, with its thought and action. */
export function agentLogLines(run: FinishedRun): LogLine[] {
  const lines: LogLine[] = [];
  const entries = (run.deliberations as { entries?: unknown }).entries;
  for (const d of Array.isArray(entries) ? (entries as DeliberationRecord[]) : []) {
    const logger = `pare.agents.${d.role}`;
    const head = `turn ${d.turn} ${d.role}${d.mode ? ` (${d.mode})` : ""} step ${d.iteration}`;
    if (d.thought)
      lines.push({
        level: "DEBUG",
        time: d.simulatedTime,
        logger,
        message: `${head} thought: ${short(d.thought, 1000)}`,
      });
    if (d.action)
      lines.push({
        level: "INFO",
        time: d.simulatedTime,
        logger,
        message: `${head} action: ${d.action.tool}(${short(d.action.args, 500)})`,
      });
    if (d.observation !== null)
      lines.push({
        level: "DEBUG",
        time: d.simulatedTime,
        logger,
        message: `${head} observation: ${short(d.observation, 1000)}`,
      });
    for (const [problem, text] of [
      ["error", d.error],
      ["unusable output", d.parseFailure],
    ] as const)
      if (text)
        lines.push({
          level: "WARNING",
          time: d.simulatedTime,
          logger,
          message: `${head} ${problem}: ${short(text, 1000)}`,
        });
    if (d.timeout)
      lines.push({ level: "WARNING", time: d.simulatedTime, logger, message: `${head} timed out` });
  }
  return lines;
}

export function atLeast(level: LogLevel, threshold: LogLevel): boolean {
  return LEVELS.indexOf(level) >= LEVELS.indexOf(threshold);
}

export interface RunLogWriter {
  /** The job's log directory (files only when `logToFile`). */
  readonly dir: string | null;
  /** `onFinished` of each run. */
  record(run: FinishedRun): void;
}

export interface RunLogOptions {
  /** Job start (wall clock), only for the directory name PARE gives the job. */
  startedAt: Date;
  /** Echo lines at or above this level on `console` (null: no console lines; the progress view is the output). */
  consoleLevel: LogLevel | null;
  console?: (line: string) => void;
  warn?: (message: string) => void;
}

/** Writes PARE's per-scenario log files and, when asked, echoes log lines at the configured level. */
export function createRunLogWriter(config: MultiScenarioRunnerConfig, options: RunLogOptions): RunLogWriter {
  const dir = config.logToFile ? jobLogsDir(config, options.startedAt) : null;
  const echo = options.console ?? ((line: string) => process.stderr.write(`${line}\n`));
  const warn = options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  return {
    dir,
    record(run) {
      try {
        const id = run.scenario.scenarioId;
        const runner = runnerLogLines(run);
        const agents = agentLogLines(run);
        if (dir) {
          const name = `run_${run.runNumber ?? 0}.log`;
          for (const [sub, lines] of [
            ["pare", runner],
            ["agent", agents],
          ] as const) {
            const folder = join(dir, id, sub);
            mkdirSync(folder, { recursive: true });
            const path = join(folder, name);
            writeFileSync(path, "");
            if (lines.length)
              appendFileSync(path, `${lines.map((l) => formatLogLine(l, id, run.runNumber)).join("\n")}\n`);
          }
        }
        const threshold = options.consoleLevel;
        if (threshold)
          for (const line of [...runner, ...agents].sort((x, y) => x.time - y.time))
            if (atLeast(line.level, threshold)) echo(formatLogLine(line, id, run.runNumber));
      } catch (error) {
        // A log that cannot be written must not turn a finished run into a failed one.
        warn(`cannot write the log of a run: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
