import type { App } from "../../core/app.js";
import { formatDateTime } from "../../core/clock.js";
import { isHomeScreenApp, isNavigableApp } from "../../core/navigation.js";
import { AGENT_UI_CLASS, type NotificationTemplates } from "../../core/notifications.js";
import { END_ACTION } from "./action-parser.js";

/** The run options the prompts describe (`handOverNotice`, `executeFollowUps` of the runner config). */
export interface PromptLoopOptions {
  /** Say that the executor starts fresh, with only the proposal and the user's answer. */
  handOverNotice: boolean;
  /** Times the executor's question gets the user's answer back (0: a message ends its work). */
  executeFollowUps: number;
}

export const DEFAULT_PROMPT_LOOP: Readonly<PromptLoopOptions> = { handOverNotice: true, executeFollowUps: 0 };

/** What the system prompts are built from: the scenario's apps, start time and user persona. */
export interface PromptContext {
  apps: readonly App[];
  /** Simulated start of the scenario (seconds); the prompts state this date and hour. */
  startTime: number;
  /** The scenario's persona/instructions for the simulated user; empty when it has none. */
  additionalSystemPrompt: string;
  /** Absent: `DEFAULT_PROMPT_LOOP`. */
  loop?: PromptLoopOptions;
  /** How the role calls tools; absent: text (PARE's `Thought:` / `Action:` format). */
  toolCalling?: ToolCallingMode;
}

/** `text`: PARE's `Thought:` / `Action: {json}<end_action>` format; `native`: the provider's function calling. */
export type ToolCallingMode = "text" | "native";

/** `a`, `a or b`, `a, b or c`. */
export function listWithOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** A template cut at its placeholders: `texts[i]` comes before `names[i]`, the last text after the last name. */
interface CompiledTemplate {
  texts: string[];
  names: string[];
}

/**
 * Templates are a handful of constants and a system prompt is filled at every run of every role, so each
 * template is cut at its placeholders once (bounded, in case a caller passes texts of its own).
 */
const compiledTemplates = new Map<string, CompiledTemplate>();
const COMPILED_TEMPLATES_KEPT = 64;

function compileTemplate(template: string): CompiledTemplate {
  let compiled = compiledTemplates.get(template);
  if (compiled === undefined) {
    compiled = { texts: [], names: [] };
    let last = 0;
    for (const match of template.matchAll(/<<([a-z_]+)>>/g)) {
      compiled.texts.push(template.slice(last, match.index));
      compiled.names.push(match[1] as string);
      last = match.index + match[0].length;
    }
    compiled.texts.push(template.slice(last));
    if (compiledTemplates.size >= COMPILED_TEMPLATES_KEPT) compiledTemplates.clear();
    compiledTemplates.set(template, compiled);
  }
  return compiled;
}

/**
 * Replaces every `<<name>>` placeholder of the template in one pass (values are never re-scanned, so a
 * persona that happens to contain `<<…>>` is left alone). A placeholder without a value is a bug in the
 * prompt, so it throws instead of sending the literal to a model.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const { texts, names } = compileTemplate(template);
  let out = texts[0] as string;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new Error(`prompt placeholder <<${name}>> has no value`);
    out += value + (texts[i + 1] as string);
  }
  return out;
}

/** `<<curent_time_description>>` (the original's spelling, kept so templates line up): the run's start hour. */
export function timeDescription(startTime: number): string {
  return `The date and hour at the start of this session (UTC, YYYY-MM-DD HH) is ${formatDateTime(startTime).slice(0, 13)}.`;
}

/** Functions whose calls produce an assistant-facing notification, as `<App>__<function>`, in app order. */
export function notifiedTools(apps: readonly App[]): string[] {
  const names: string[] = [];
  for (const app of apps) {
    const templates = (app.constructor as { notificationTemplates?: NotificationTemplates })
      .notificationTemplates;
    if (!templates) continue;
    for (const [fn, template] of Object.entries(templates))
      if (template.agent) names.push(`${app.name}__${fn}`);
  }
  return names;
}

export const USER_NOTIFICATION_POLICY = [
  "Notifications: whatever the assistant sends you reaches you as a task. Events on your phone, such as a new message, email or order update, show up as notifications with the time they arrived.",
  "Nothing else is announced. You can always look for yourself, but you are a person holding a phone: to see something you have to go to it (for example, open the email app to read your emails).",
].join(" ");

/** The assistant's notification policy; the executor is also reminded that it can look for itself. */
export function assistantNotificationPolicy(apps: readonly App[], role: "observe" | "execute"): string {
  const tools = notifiedTools(apps);
  const parts = ["You are told about every action the user takes on the phone."];
  if (tools.length === 0) {
    parts.push("The environment can change over time as well, but such changes are not announced to you.");
  } else {
    parts.push(
      `You also receive a notification whenever the environment changes through one of these tools: ${tools.join(", ")}. Other changes are not announced.`,
    );
  }
  if (role === "execute") parts.push("You can always check an app for updates with your tools.");
  return parts.join(" ");
}

/** Apps the user can open, then the always-present system apps (home screen and assistant interface). */
export function renderAvailableApps(apps: readonly App[]): string {
  const navigable = apps.filter((a) => isNavigableApp(a));
  const system = apps.filter((a) => isHomeScreenApp(a) || a.className === AGENT_UI_CLASS);
  const lines = ["Apps you can open (open_app from the home screen, or switch_app once opened):"];
  lines.push(...(navigable.length > 0 ? navigable.map((a) => `- ${a.name}`) : ["- (none)"]));
  lines.push("System apps (always available):");
  lines.push(...system.map((a) => `- ${a.name}`));
  return lines.join("\n");
}

/** An invented tool, so the example never suggests a real call to make. */
const EXAMPLE = [
  "Thought: The user asked about tomorrow's weather in Lyon. I will look up the forecast before answering.",
  "Action:",
  `{"action": "Weather__get_forecast", "action_input": {"city": "Lyon", "days": 1}}${END_ACTION}`,
].join("\n");

/**
 * How to write a step in native mode: the shared part of every `<agent_instructions>` section when the tools are
 * given as functions. Same rules as the text format, without the format itself.
 */
export function nativeFormatInstructions(toolsWhere: string): string {
  return [
    "You work in steps. At each step you write what you know so far and what you will do next, in a few sentences, and call exactly one tool.",
    "The tool runs and its result comes back to you as the tool's response.",
    "",
    "Rules:",
    "- Exactly one tool call per step. If you call several, they run one per step, in order.",
    `- Call only the tools ${toolsWhere}, with the arguments their definitions describe; use no arguments for a tool without any.`,
    "- Use real values taken from what you have seen (ids, names, dates); never placeholders or variables.",
    "- If a call fails, read the error and change something before trying again; do not repeat the same failing call.",
    "- A reply without a tool call does nothing and uses up the step.",
  ].join("\n");
}

/** The step instructions of the role's tool-calling mode. */
export function stepFormatInstructions(
  mode: ToolCallingMode | undefined,
  toolsWhere: { text: string; native: string },
): string {
  return mode === "native"
    ? nativeFormatInstructions(toolsWhere.native)
    : actionFormatInstructions(toolsWhere.text);
}

/** What stands in the AVAILABLE TOOLS section in native mode, where the tools travel as function definitions. */
export const NATIVE_TOOLS_NOTE =
  "(Your tools are given to you as functions you can call; their definitions describe each tool and its arguments.)";

/** How to write a step: the shared part of every `<agent_instructions>` section. */
export function actionFormatInstructions(toolsWhere: string): string {
  return [
    "You work in steps. At each step you write:",
    "Thought: what you know so far and what you will do next, in a few sentences.",
    "Action:",
    `{"action": "<tool name>", "action_input": {"<argument>": <value>}}${END_ACTION}`,
    "",
    `The tool runs and its result comes back to you in the next message as an observation. Never write an observation yourself: stop right after ${END_ACTION}.`,
    "",
    "Rules:",
    "- Exactly one tool call per step: one JSON object after 'Action:'.",
    `- "action" is the exact name of a tool ${toolsWhere}. "action_input" maps argument names to values; use {} for a tool without arguments.`,
    "- Write strict JSON: double quotes around keys and strings, lowercase true and false, null for no value.",
    "- Use real values taken from what you have seen (ids, names, dates); never placeholders or variables.",
    "- If a call fails, read the error and change something before trying again; do not repeat the same failing call.",
    "",
    "An example step (the tool is made up):",
    EXAMPLE,
  ].join("\n");
}
