import { describe, expect, it } from "vitest";
import {
  buildExecutePrompt,
  EXECUTE_PROMPT_TEMPLATE,
} from "../../../src/agents/llm-policy/execute-prompt.js";
import {
  buildObservePrompt,
  OBSERVE_PROMPT_TEMPLATE,
} from "../../../src/agents/llm-policy/observe-prompt.js";
import { promptContext } from "../../../src/agents/llm-policy/policy-factory.js";
import {
  assistantNotificationPolicy,
  fillTemplate,
  notifiedTools,
} from "../../../src/agents/llm-policy/prompt-template.js";
import { renderToolDescription } from "../../../src/agents/llm-policy/tool-descriptions.js";
import { buildUserPrompt, USER_PROMPT_TEMPLATE } from "../../../src/agents/llm-policy/user-prompt.js";
import { executeTools, observeTools } from "../../../src/agents/proactive/proactive-agent.js";
import type { NotificationTemplates } from "../../../src/core/notifications.js";
import { TodoApp } from "../../support/todo-app.js";
import { LlmTodoScenario } from "./todo-script.js";

const PERSONA = "You are Dana. Never accept proposals about groceries.";

function scenario() {
  const s = new LlmTodoScenario();
  s.additionalSystemPrompt = PERSONA;
  s.initialize();
  return s;
}

const agentTools = (s: LlmTodoScenario) => s.apps.flatMap((a) => a.getAgentTools());
const sections = (text: string) => [...text.matchAll(/^<([a-z_]+)>$/gm)].map((m) => m[1]);

describe("system prompts", () => {
  it("the user's prompt has its five sections, the apps, the time and the persona last", () => {
    const text = buildUserPrompt(promptContext(scenario()));
    expect(sections(text)).toEqual([
      "general_instructions",
      "proactive_interaction",
      "agent_instructions",
      "environment_instructions",
      "meta_task_description",
    ]);
    expect(text).toContain("- Todo");
    expect(text).toMatch(/System apps \(always available\):\n- PAREAgentUserInterface\n- System/);
    expect(text).toContain("2023-11-14 22");
    expect(text).toContain('{"action": "<tool name>", "action_input"');
    expect(text.trimEnd().endsWith(`${PERSONA}\n</meta_task_description>`)).toBe(true);
    expect(text).not.toMatch(/<<[a-z_]+>>/);
  });

  it("the observe prompt lists its tools with their schemas and has the decision guidelines", () => {
    const s = scenario();
    const text = buildObservePrompt(promptContext(s), observeTools(agentTools(s)));
    expect(sections(text)).toEqual([
      "general_instructions",
      "decision_guidelines",
      "agent_instructions",
      "environment_instructions",
    ]);
    expect(text).toContain("- Todo__list_items: Acts on app Todo: List every item.");
    expect(text).toContain("- PAREAgentUserInterface__send_message_to_user:");
    expect(text).toContain("- PAREAgentUserInterface__wait:");
    expect(text).not.toContain("Todo__complete_item");
    expect(text).not.toContain(PERSONA);
    expect(text).toContain("2023-11-14 22");
    expect(text).toContain("You are told about every action the user takes");
  });

  it("the execute prompt has every tool but wait and the six rules", () => {
    const s = scenario();
    const text = buildExecutePrompt(promptContext(s), executeTools(agentTools(s)));
    expect(sections(text)).toEqual([
      "general_instructions",
      "agent_instructions",
      "environment_instructions",
    ]);
    expect(text).toContain("- Todo__complete_item: Acts on app Todo: Mark an item done.");
    expect(text).toContain('Takes inputs: {"item_id":{"type":"string","description":"Id of the item"}}');
    expect(text).toContain("Required inputs: item_id");
    expect(text).not.toContain("PAREAgentUserInterface__wait:");
    expect(text).toMatch(/\n6\. /);
    expect(text).toContain("check an app for updates");
  });

  it("templates carry the reference placeholders", () => {
    expect(USER_PROMPT_TEMPLATE).toContain("<<task_description>>");
    expect(USER_PROMPT_TEMPLATE).toContain("<<available_apps>>");
    expect(USER_PROMPT_TEMPLATE).not.toContain("<<tool_descriptions>>");
    for (const t of [OBSERVE_PROMPT_TEMPLATE, EXECUTE_PROMPT_TEMPLATE]) {
      for (const p of [
        "tool_descriptions",
        "notification_system_description",
        "agent_reminder_description",
        "curent_time_description",
      ])
        expect(t).toContain(`<<${p}>>`);
    }
  });

  it("fillTemplate refuses a missing value and does not re-scan values", () => {
    expect(() => fillTemplate("a <<x>> b", {})).toThrow(/<<x>>/);
    expect(fillTemplate("<<x>>", { x: "<<y>>" })).toBe("<<y>>");
  });

  it("renders tool descriptions without zod's safe-integer bounds and with the return type", () => {
    const s = scenario();
    const wait = agentTools(s).find((t) => t.methodName === "wait_for_notification");
    expect(wait && renderToolDescription(wait)).not.toContain("9007199254740991");
    const list = agentTools(s).find((t) => t.methodName === "list_items");
    expect(list && renderToolDescription(list)).toContain("Returns: list[Item]");
  });

  it("names the notified tools of the scenario's apps", () => {
    class NotifyingTodo extends TodoApp {
      static notificationTemplates: NotificationTemplates = {
        add_item: { user: () => "new item", agent: () => "new item" },
        complete_item: { user: () => "done" },
      };
    }
    const apps = [new NotifyingTodo({ name: "Tasks" })];
    expect(notifiedTools(apps)).toEqual(["Tasks__add_item"]);
    expect(assistantNotificationPolicy(apps, "observe")).toContain("these tools: Tasks__add_item.");
  });
});
