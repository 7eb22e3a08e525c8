import { describe, expect, it } from "vitest";
import {
  correctionMessage,
  findJsonObject,
  parseActionOutput,
  repairJson,
} from "../../../src/agents/llm-policy/action-parser.js";

const ok = (raw: string) => {
  const parsed = parseActionOutput(raw);
  if (!parsed.ok) throw new Error(`expected a parse, got: ${parsed.error}`);
  return parsed;
};
const bad = (raw: string) => {
  const parsed = parseActionOutput(raw);
  if (parsed.ok) throw new Error(`expected a failure, got ${JSON.stringify(parsed.action)}`);
  return parsed;
};

describe("parseActionOutput", () => {
  it("reads Thought / Action / JSON with <end_action>", () => {
    const p = ok(
      'Thought: I should look at the list.\nAction:\n{"action": "Todo__list_items", "action_input": {}}<end_action>',
    );
    expect(p.action).toEqual({ tool: "Todo__list_items", args: {} });
    expect(p.thought).toBe("I should look at the list.");
  });

  it("accepts arguments, code fences and trailing text", () => {
    const p = ok(
      'Thought: mark it.\nAction:\n```json\n{"action": "Todo__complete_item", "action_input": {"item_id": "a{b}c"}}\n```\nI hope this works. }',
    );
    expect(p.action).toEqual({ tool: "Todo__complete_item", args: { item_id: "a{b}c" } });
  });

  it("tolerates markdown around the labels and a missing action_input", () => {
    const p = ok('**Thought:** waiting\n**Action:** {"action": "PAREAgentUserInterface__wait"}');
    expect(p.action).toEqual({ tool: "PAREAgentUserInterface__wait", args: {} });
    expect(p.thought).toBe("waiting");
  });

  it("keeps stop sequences that are part of an argument", () => {
    const p = ok(
      'Thought: note it\nAction:\n{"action": "Notes__create", "action_input": {"body": "Observation: it turned blue <end_action> twice"}}<end_action>',
    );
    expect(p.action.args).toEqual({ body: "Observation: it turned blue <end_action> twice" });
  });

  it("reads an action_input given as a JSON-encoded object, and refuses other strings", () => {
    expect(ok('Action: {"action": "A__b", "action_input": "{\\"x\\": 1}"}').action.args).toEqual({ x: 1 });
    expect(ok('Action: {"action": "A__b", "action_input": "  "}').action.args).toEqual({});
    expect(ok('Action: {"action": "A__b", "action_input": "null"}').action.args).toEqual({});
    for (const input of ['"[1, 2]"', '"just text"', '"{broken"', '"42"'])
      expect(bad(`Action: {"action": "A__b", "action_input": ${input}}`).error).toMatch(/action_input/);
  });

  it("treats null and empty-string inputs as no arguments", () => {
    expect(ok('Action: {"action": "A__b", "action_input": null}').action.args).toEqual({});
    expect(ok('Action: {"action": "A__b", "action_input": ""}').action.args).toEqual({});
  });

  it("uses the first JSON object when there is no Action: line", () => {
    const p = ok('Thought: go\n{"action": "A__b", "action_input": {"x": 1}}');
    expect(p.action).toEqual({ tool: "A__b", args: { x: 1 } });
    expect(p.thought).toBe("go");
  });

  it("repairs Python literals, raw newlines, triple quotes and trailing commas without touching strings", () => {
    const p = ok(
      'Action: {"action": "Notes__create", "action_input": {"flag": True, "none": None, "title": "True Detective", "body": "line 1\nline 2", "extra": """quoted "x" """,}}',
    );
    expect(p.action.args).toEqual({
      flag: true,
      none: null,
      title: "True Detective",
      body: "line 1\nline 2",
      extra: 'quoted "x" ',
    });
  });

  it("rejects outputs without an action, with broken JSON or with two actions", () => {
    expect(bad("I think the user is fine.").error).toMatch(/no 'Action:'/);
    expect(bad("Thought: x\nAction: nothing here").error).toMatch(/no JSON object follows/);
    expect(bad('Action: {"action": "A__b", "action_input": {').error).toMatch(/not closed/);
    expect(bad('Action: {"action": "A__b" "action_input": {}}').error).toMatch(/not valid JSON/);
    expect(
      bad('Action: {"action": "A__b", "action_input": {}},\n{"action": "C__d", "action_input": {}}').error,
    ).toMatch(/more than one action/);
    expect(bad("").error).toMatch(/empty/);
  });

  it("validates the shape with zod and names the field", () => {
    expect(bad('Action: {"tool": "A__b"}').error).toMatch(/action/);
    expect(bad('Action: {"action": "", "action_input": {}}').error).toMatch(/must name a tool/);
    expect(bad('Action: {"action": "A__b", "action_input": [1, 2]}').error).toMatch(/action_input/);
    expect(bad('Action: {"action": 3}').error).toMatch(/action/);
  });

  it("keeps the thought of a failed output", () => {
    expect(bad("Thought: hmm\nAction: ???").thought).toBe("hmm");
  });
});

describe("helpers", () => {
  it("finds balanced objects and ignores braces in strings", () => {
    const text = 'x {"a": "}", "b": {"c": 1}} y';
    const found = findJsonObject(text);
    expect(found && text.slice(found.start, found.end)).toBe('{"a": "}", "b": {"c": 1}}');
    expect(findJsonObject("no braces")).toBeNull();
  });

  it("repairJson leaves valid JSON unchanged", () => {
    const json = '{"a": "True", "b": [1, 2], "c": {"d": null}}';
    expect(repairJson(json)).toBe(json);
  });

  it("correction messages repeat the error and the format", () => {
    const text = correctionMessage("no JSON object follows 'Action:'");
    expect(text).toContain("no JSON object follows");
    expect(text).toContain('"action_input"');
    expect(text).toContain("<end_action>");
  });
});
