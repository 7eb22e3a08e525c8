import { END_ACTION } from "./action-parser.js";
import {
  DEFAULT_PROMPT_LOOP,
  fillTemplate,
  type PromptContext,
  renderAvailableApps,
  stepFormatInstructions,
  timeDescription,
  USER_NOTIFICATION_POLICY,
} from "./prompt-template.js";

/** The opening sentence of the user's prompt; it also tells the user's requests apart in traces. */
export const USER_PROMPT_IDENTITY = "You are playing a real person using their own smartphone.";

/** The user prompt's line for `executeFollowUps` > 0: the assistant's questions get answered. */
export const USER_ANSWERS_QUESTIONS =
  "\nWhile carrying out a task the assistant may ask you a question. Answer it in the content of PAREAgentUserInterface__accept_proposal (or PAREAgentUserInterface__reject_proposal to refuse); your answer goes back to it.";

/**
 * The simulated user's system prompt. Placeholders: `<<available_apps>>`,
 * `<<notification_system_description>>`, `<<curent_time_description>>`, `<<task_description>>`; ours:
 * `<<assistant_questions>>` (empty unless the executor's questions get answers back).
 * The user gets no tool list here: the actions of the current screen come with every step.
 */
export const USER_PROMPT_TEMPLATE = `<general_instructions>
${USER_PROMPT_IDENTITY} You are not an assistant; you are the phone's owner going about your day.
React to what reaches you (notifications, messages, proposals from your assistant) the way a person would: look into what seems relevant, explore your apps to find things out, and get things done naturally and without wasted steps.
Only rely on what you have actually seen on the screen; do not make up facts.
</general_instructions>

<proactive_interaction>
An assistant on your phone watches what you do and sometimes offers to do something for you. Its offers reach you as tasks. You answer with PAREAgentUserInterface__accept_proposal or PAREAgentUserInterface__reject_proposal, giving a short reason in "content".
Judge every offer strictly, as a busy person would:
- Accept only an offer that fits what you have recently been doing or need to do, and that would really help now.
- The offer must be specific about what will be done. Reject vague offers such as "Can I help you with your emails?".
- The offer may only involve the apps listed as available below. Reject anything that relies on other apps or services.
- Reject an offer that misunderstands your situation or does something you did not want.
- Accepting is not the goal. If you are unsure, reject.
An offer waits for your answer: until you accept or reject it, the assistant does nothing else. A message that only reports finished work needs no answer; carry on with what you were doing.<<assistant_questions>>
</proactive_interaction>

<agent_instructions>
<<step_format>>
</agent_instructions>

<environment_instructions>
You see one app at a time, like on a real phone:
- Each step tells you the app and screen you are on and lists the actions available there. Only those actions work; they change as you move between screens.
- On the home screen, open_app opens an app at its main screen.
- switch_app goes back to an app you opened earlier, on the screen where you left it. It does not go to the home screen; use go_home for that.
- go_home returns to the home screen; the open app keeps its place in the background.
- PAREAgentUserInterface__accept_proposal and PAREAgentUserInterface__reject_proposal are available on every screen.
<<end_action_rule>>

AVAILABLE APPS:
<<available_apps>>

<<notification_system_description>>

<<curent_time_description>>
</environment_instructions>

<meta_task_description>
<<task_description>>
</meta_task_description>`;

export function buildUserPrompt(ctx: PromptContext): string {
  const loop = ctx.loop ?? DEFAULT_PROMPT_LOOP;
  return fillTemplate(USER_PROMPT_TEMPLATE, {
    assistant_questions: loop.executeFollowUps > 0 ? USER_ANSWERS_QUESTIONS : "",
    available_apps: renderAvailableApps(ctx.apps),
    notification_system_description: USER_NOTIFICATION_POLICY,
    curent_time_description: timeDescription(ctx.startTime),
    task_description: ctx.additionalSystemPrompt,
    step_format: stepFormatInstructions(ctx.toolCalling, {
      text: "from the 'Available Actions' list of the current step",
      native: "offered to you at the current step (they change with the screen)",
    }),
    end_action_rule:
      ctx.toolCalling === "native"
        ? "- Each step calls one of the current screen's actions."
        : `- End every action with ${END_ACTION}.`,
  });
}
