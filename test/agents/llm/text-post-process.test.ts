import { describe, expect, it } from "vitest";
import {
  applyStopSequences,
  lowercaseBooleanLiterals,
  redactSecrets,
  registerSecret,
} from "../../../src/agents/llm/index.js";

describe("text post-processing", () => {
  it("cuts at the earliest stop sequence", () => {
    expect(applyStopSequences("a Observation: b <end_action> c", ["<end_action>", "Observation:"])).toBe(
      "a ",
    );
    expect(applyStopSequences("no stops", ["X"])).toBe("no stops");
    expect(applyStopSequences("abc", undefined)).toBe("abc");
  });

  it("does not cut inside a JSON string of an object, only after or around it", () => {
    const stop = ["<end_action>", "Observation:"];
    const action = '{"action": "Notes__create", "action_input": {"body": "Observation: blue <end_action>"}}';
    expect(applyStopSequences(`Action: ${action}<end_action> tail`, stop)).toBe(`Action: ${action}`);
    expect(applyStopSequences(`Action: ${action}\nObservation: invented`, stop)).toBe(`Action: ${action}\n`);
    // Quotes in prose outside any object are prose: the stop still applies there.
    expect(applyStopSequences('Thought: I read "Observation: x" here', stop)).toBe('Thought: I read "');
    // Escaped quotes keep the string open; an object that never closes is cut at a stop outside its strings.
    expect(applyStopSequences('{"a": "x \\" Observation: y"} z', stop)).toBe(
      '{"a": "x \\" Observation: y"} z',
    );
    expect(applyStopSequences('{"a": "x"\nObservation: y', stop)).toBe('{"a": "x"\n');
    // A string that never closes runs to the end: nothing after it can be cut off.
    expect(applyStopSequences('{"a": "x Observation: y', stop)).toBe('{"a": "x Observation: y');
    const huge = `{"a": "${"Observation: ".repeat(50_000)}"}<end_action>junk`;
    expect(applyStopSequences(huge, stop)).toBe(huge.slice(0, huge.indexOf("<end_action>junk")));
    expect(applyStopSequences("", stop)).toBe("");
    expect(applyStopSequences("a Observation: b", ["", "Observation:"])).toBe("a ");
  });

  it("lowercases Python boolean literals everywhere (PARE quirk)", () => {
    expect(lowercaseBooleanLiterals('{"done": True, "x": False} Trueman')).toBe(
      '{"done": true, "x": false} trueman',
    );
  });
});

describe("secret redaction", () => {
  it("removes registered secrets and bearer tokens", () => {
    registerSecret("abcdef123456");
    expect(redactSecrets("key abcdef123456 in text")).toBe("key [REDACTED] in text");
    expect(redactSecrets("Authorization: Bearer zzz-unknown")).toBe("Authorization: Bearer [REDACTED]");
  });
  it("ignores secrets too short to scrub safely", () => {
    registerSecret("ab");
    expect(redactSecrets("abba")).toBe("abba");
  });
});
