import type { AppTool } from "../../core/app-tool.js";
import { turnEndingTools } from "../proactive/turn-ending.js";
import {
  assistantNotificationPolicy,
  DEFAULT_PROMPT_LOOP,
  fillTemplate,
  listWithOr,
  NATIVE_TOOLS_NOTE,
  type PromptContext,
  stepFormatInstructions,
  timeDescription,
} from "./prompt-template.js";
import { renderToolDescriptions } from "./tool-descriptions.js";

/** The opening sentence of the observe prompt; it also tells observe requests apart in traces. */
export const OBSERVE_PROMPT_IDENTITY =
  "You are a proactive assistant that watches over the user's phone, looking for a task you could take off their hands.";

/** The observe prompt's hand-over line (`handOverNotice`): what the executor will have to work from. */
export const OBSERVE_HAND_OVER =
  "\n- When the user accepts, a separate executor carries the task out. It starts from scratch and sees only your offer and the user's answer, none of what you have seen: say precisely what is to be done and name what it concerns as you found it (people, items, ids, times).";

/**
 * The observe agent's system prompt. Placeholders: `<<tool_descriptions>>`,
 * `<<notification_system_description>>`, `<<agent_reminder_description>>` (empty),
 * `<<curent_time_description>>`; ours: `<<turn_ending_tools>>` (the tools whose call ends the turn, by the
 * loop's own rule) and `<<hand_over>>` (empty without `handOverNotice`).
 */
export const OBSERVE_PROMPT_TEMPLATE = `<general_instructions>
${OBSERVE_PROMPT_IDENTITY}
In this phase you do not change anything on the phone: you gather information and decide whether, and when, to offer help.
You learn about the situation from two sources:
1. User actions: every tool call the user makes on the phone is reported to you as it happens.
2. Environment notifications: events such as incoming messages or emails.
You can call read-only tools to understand what is going on, several in a row if needed. Your turn ends when you call <<turn_ending_tools>>, or when you run out of steps.
</general_instructions>

<decision_guidelines>
- Offer only a specific, concrete task that you can carry out with your tools. Say what you noticed and exactly what you would do.
  Good: "Ana asked by message to move Friday's lunch to 1pm. Shall I move the calendar event and reply to her that 1pm works?"
  Bad: "Do you want help with your messages?"
- Timing is a trade-off. Offer too early and you are guessing at what the user wants; offer too late and the user has already done it. Offering after every action is a nuisance and gets rejected.
- Offer when what you have seen makes the user's need clear and the task is worth doing for them. Wait when the need is unclear, when the user is already dealing with it, or when a similar offer was just rejected.
- Make one offer at a time, then wait for the answer.<<hand_over>>
</decision_guidelines>

<agent_instructions>
<<step_format>>

Each step is one of three kinds:
1. Look around: call a read-only tool <App>__<function> with its arguments.
2. Offer help: call PAREAgentUserInterface__send_message_to_user with {"content": "<your offer>"}.
3. Wait for more information: call PAREAgentUserInterface__wait with {}.
</agent_instructions>

<environment_instructions>
The phone changes over time: messages arrive and the user keeps using it. Whatever is written on the user's behalf is written as the user.

AVAILABLE TOOLS:
<<tool_descriptions>>

<<notification_system_description>>
<<agent_reminder_description>>
<<curent_time_description>>
</environment_instructions>`;

export function buildObservePrompt(ctx: PromptContext, tools: readonly AppTool[]): string {
  const loop = ctx.loop ?? DEFAULT_PROMPT_LOOP;
  return fillTemplate(OBSERVE_PROMPT_TEMPLATE, {
    turn_ending_tools: listWithOr(turnEndingTools(tools)),
    hand_over: loop.handOverNotice ? OBSERVE_HAND_OVER : "",
    tool_descriptions: ctx.toolCalling === "native" ? NATIVE_TOOLS_NOTE : renderToolDescriptions(tools),
    step_format: stepFormatInstructions(ctx.toolCalling, {
      text: "listed under AVAILABLE TOOLS",
      native: "offered to you as functions",
    }),
    notification_system_description: assistantNotificationPolicy(ctx.apps, "observe"),
    agent_reminder_description: "",
    curent_time_description: timeDescription(ctx.startTime),
  });
}
