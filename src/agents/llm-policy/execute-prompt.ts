import type { AppTool } from "../../core/app-tool.js";
import {
  assistantNotificationPolicy,
  DEFAULT_PROMPT_LOOP,
  fillTemplate,
  NATIVE_TOOLS_NOTE,
  type PromptContext,
  stepFormatInstructions,
  timeDescription,
} from "./prompt-template.js";
import { renderToolDescriptions } from "./tool-descriptions.js";

/** The opening sentence of the execute prompt; it also tells execute requests apart in traces. */
export const EXECUTE_PROMPT_IDENTITY =
  "You are a proactive assistant carrying out a task the user has just approved.";

/** The execute prompt's hand-over line (`handOverNotice`): what the executor was given. */
export const EXECUTE_HAND_OVER =
  '\nYou start with a fresh memory. All you are given is the offer the user approved (written by the assistant that watched the phone, as "Proposed Goal") and the user\'s answer ("User reply"); nothing of what that assistant saw. Find anything else you need with your tools.';

/** Rule 1 when a question gets its answer back (`executeFollowUps` > 0); `N` is the number of answers. */
const ASK_RULE = (answers: number) =>
  `1. Message the user with PAREAgentUserInterface__send_message_to_user when the task is done or cannot be done, or to ask a question whose answer you need. After a message, the user's answer (if any) comes back to you as the next task, up to ${answers === 1 ? "once" : `${answers} times`} per task; without an answer your work ends.`;
const DEFAULT_RULE_1 =
  "1. Message the user with PAREAgentUserInterface__send_message_to_user only when the task is done or cannot be done. That message ends your work.";

/**
 * The execute agent's system prompt. Placeholders: `<<tool_descriptions>>`,
 * `<<notification_system_description>>`, `<<agent_reminder_description>>` (empty),
 * `<<curent_time_description>>`; ours: `<<hand_over>>` (empty without `handOverNotice`) and `<<message_rule>>`
 * (rule 1, which says whether a question gets its answer back).
 */
export const EXECUTE_PROMPT_TEMPLATE = `<general_instructions>
${EXECUTE_PROMPT_IDENTITY}
Work on your own with the tools until the task is done, and do it accurately and completely. When one way fails, try another before giving up.<<hand_over>>
</general_instructions>

<agent_instructions>
<<step_format>>
</agent_instructions>

<environment_instructions>
You act on the user's own phone, so whatever you write (messages, emails, notes, events) goes out in the user's name: write as the user.

AVAILABLE TOOLS:
<<tool_descriptions>>

Rules:
<<message_rule>>
2. Until then, work silently: no progress reports.
3. Do what the approved task says. Ask the user only for information that cannot be found on the phone.
4. When a call fails, try other ways before reporting that the task cannot be done.
5. Look things up with your tools before asking the user anything.
6. If part of the task is ambiguous, do the clear parts first and then ask about the rest.

<<notification_system_description>>
<<agent_reminder_description>>
<<curent_time_description>>
</environment_instructions>`;

export function buildExecutePrompt(ctx: PromptContext, tools: readonly AppTool[]): string {
  const loop = ctx.loop ?? DEFAULT_PROMPT_LOOP;
  return fillTemplate(EXECUTE_PROMPT_TEMPLATE, {
    hand_over: loop.handOverNotice ? EXECUTE_HAND_OVER : "",
    message_rule: loop.executeFollowUps > 0 ? ASK_RULE(loop.executeFollowUps) : DEFAULT_RULE_1,
    tool_descriptions: ctx.toolCalling === "native" ? NATIVE_TOOLS_NOTE : renderToolDescriptions(tools),
    step_format: stepFormatInstructions(ctx.toolCalling, {
      text: "listed under AVAILABLE TOOLS",
      native: "offered to you as functions",
    }),
    notification_system_description: assistantNotificationPolicy(ctx.apps, "execute"),
    agent_reminder_description: "",
    curent_time_description: timeDescription(ctx.startTime),
  });
}
