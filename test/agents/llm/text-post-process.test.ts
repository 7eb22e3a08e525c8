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
