import { describe, expect, it } from "vitest";
import { ScriptedEngine } from "../../../src/agents/llm/scripted-engine.js";
import type { ChatRequest, LLMEngine } from "../../../src/agents/llm/types.js";
import { LlmPolicy } from "../../../src/agents/llm-policy/llm-policy.js";
import { fillTemplate } from "../../../src/agents/llm-policy/prompt-template.js";
import {
  renderToolDescription,
  renderToolDescriptions,
  toolInputs,
} from "../../../src/agents/llm-policy/tool-descriptions.js";
import type { StepInput } from "../../../src/agents/types.js";
import type { AppTool } from "../../../src/core/app-tool.js";
import { TodoApp } from "../../support/todo-app.js";

/** A description rendered from the tool's fields alone, as a model must see it. */
function uncached(tool: AppTool): string {
  const { properties, required } = toolInputs(tool);
  const lines = [
    `- ${tool.publicName}: Acts on app ${tool.app.name}: ${tool.publicDescription}`,
    `    Takes inputs: ${JSON.stringify(properties)}`,
  ];
  if (required.length > 0) lines.push(`    Required inputs: ${required.join(", ")}`);
  if (tool.returns) lines.push(`    Returns: ${tool.returns}`);
  return lines.join("\n");
}

const tool = (app: TodoApp, method: string) => {
  const found = app.getAgentTools().find((t) => t.methodName === method);
  if (!found) throw new Error(`no tool ${method}`);
  return found;
};

describe("tool descriptions of rebuilt tools", () => {
  it("gives rebuilt tools the same text as a fresh rendering", () => {
    const app = new TodoApp({ name: "Tasks" });
    for (const t of app.getAgentTools()) {
      expect(renderToolDescription(t)).toBe(uncached(t));
      // The tools are built anew on every call (and the parameter part is kept per schema).
      const again = app.getAgentTools().find((u) => u.methodName === t.methodName) as AppTool;
      expect(again).not.toBe(t);
      expect(renderToolDescription(again)).toBe(uncached(t));
    }
  });

  it("follows a rename or a new description (tool augmentation) and a change back", () => {
    const app = new TodoApp({ name: "Tasks" });
    const before = renderToolDescription(tool(app, "list_items"));
    app.setToolOverrides({ list_items: "show_todos" }, { list_items: "Shows every to-do." });
    const renamed = renderToolDescription(tool(app, "list_items"));
    expect(renamed).toContain("- Tasks__show_todos: Acts on app Tasks: Shows every to-do.");
    expect(renamed).toBe(uncached(tool(app, "list_items")));
    app.setToolOverrides({}, {});
    expect(renderToolDescription(tool(app, "list_items"))).toBe(before);
  });

  it("keeps apps of one class apart (same definitions, other app names)", () => {
    const a = new TodoApp({ name: "Tasks" });
    const b = new TodoApp({ name: "Chores" });
    const ta = renderToolDescription(tool(a, "list_items"));
    const tb = renderToolDescription(tool(b, "list_items"));
    expect(ta).toContain("Acts on app Tasks:");
    expect(tb).toContain("Acts on app Chores:");
    expect(renderToolDescription(tool(a, "list_items"))).toBe(ta);
  });

  it("lists tools in order, a later duplicate name in the earlier one's place", () => {
    const a = new TodoApp({ name: "Tasks" });
    const tools = a.getAgentTools();
    const expected = tools.map(uncached).join("\n\n");
    expect(renderToolDescriptions(tools)).toBe(expected);
    expect(renderToolDescriptions([...tools, tools[0] as AppTool])).toBe(expected);
    expect(renderToolDescriptions([])).toBe("(no tools available)");
  });
});

describe("compiled templates", () => {
  it("fills repeated, adjacent and edge placeholders as a one-pass replace would", () => {
    const values = { a: "1", b: "<<a>>", c: "$&" };
    const templates = ["<<a>><<b>>", "x<<a>>y<<a>>z", "<<c>>", "plain", "", "<<b>> and <<a>>!"];
    for (const t of templates) {
      const once = t.replace(/<<([a-z_]+)>>/g, (_m, n: string) => values[n as keyof typeof values]);
      expect(fillTemplate(t, values)).toBe(once);
      expect(fillTemplate(t, values)).toBe(once); // from the compiled form
    }
  });

  it("still refuses a missing value on a template it has compiled", () => {
    expect(fillTemplate("a <<x>> b", { x: "1" })).toBe("a 1 b");
    expect(() => fillTemplate("a <<x>> b", {})).toThrow(/<<x>> has no value/);
    expect(() => fillTemplate("<<x>>", { toString: "no" } as never)).toThrow(/<<x>>/);
  });
});

describe("the policy's system message", () => {
  it("is one object within a conversation, rebuilt after a reset", async () => {
    const good = (tool: string) =>
      `Thought: t\nAction:\n${JSON.stringify({ action: tool, action_input: {} })}<end_action>`;
    const scripted = new ScriptedEngine({
      responses: [good("A__a"), good("A__b"), good("A__c")],
    });
    // The scripted engine keeps copies; the requests as the policy built them are kept here.
    const sent: ChatRequest[] = [];
    const engine: LLMEngine = {
      model: scripted.model,
      provider: scripted.provider,
      complete: (request, ctx) => {
        sent.push(request);
        return scripted.complete(request, ctx);
      },
    };
    let built = 0;
    const policy = new LlmPolicy({
      role: "observe",
      engine,
      systemPrompt: () => `SYSTEM ${++built}`,
      runNumber: 1,
    });
    const step = (iteration: number): StepInput => ({
      role: "observe",
      turn: 0,
      iteration,
      tools: [],
      task: iteration === 0 ? "go" : "",
      notifications: [],
      now: 0,
    });
    await policy.decide(step(0));
    await policy.decide(step(1));
    policy.reset();
    await policy.decide(step(0));
    const systems = sent.map((r) => r.messages[0]);
    expect(systems.map((m) => m?.content)).toEqual(["SYSTEM 1", "SYSTEM 1", "SYSTEM 2"]);
    expect(systems[1]).toBe(systems[0]);
    expect(systems[2]).not.toBe(systems[0]);
    expect(policy.messages[0]).toEqual({ role: "system", content: "SYSTEM 2" });
  });
});
