import { describe, expect, it } from "vitest";
import { createEngine, LLMConfigError, resolveModel } from "../../../src/agents/llm/index.js";

const env = {
  OPENAI_API_KEY: "sk-openai-xxxxxxxx",
  GEMINI_API_KEY: "gm-xxxxxxxx",
  FIREWORKS_API_KEY: "fw-xxxxxxxx",
};

describe("createEngine", () => {
  it("fills in the provider's endpoint and key variable", () => {
    const engine = createEngine(resolveModel("gpt-5"), { deps: { env } });
    expect(engine.toJSON()).toEqual({
      model: "gpt-5",
      provider: "openai",
      baseUrl: "https://api.openai.com/v1",
      apiKeyEnv: "OPENAI_API_KEY",
    });
  });

  it("strips LiteLLM prefixes the provider's own API does not accept", () => {
    const engine = createEngine(resolveModel("gemini-3-flash"), { deps: { env } });
    expect(engine.model).toBe("gemini-3-flash-preview");
    expect(engine.baseUrl).toContain("generativelanguage.googleapis.com");
    expect(createEngine(resolveModel("deepseek-v3.2"), { deps: { env } }).model).toBe(
      "accounts/fireworks/models/deepseek-v3p2",
    );
  });

  it("asks for an endpoint when the provider has none", () => {
    expect(() => createEngine(resolveModel("llama-4-scout"), { role: "user", deps: { env } })).toThrow(
      /--user-base-url/,
    );
    expect(() => createEngine(resolveModel("my-model", "local"), { deps: { env } })).toThrow(LLMConfigError);
  });

  it("builds a keyless local engine and passes retry settings through", () => {
    const engine = createEngine(resolveModel("qwen3:8b", "local", "http://localhost:8000/v1"), {
      maxRetries: 0,
      timeoutMs: 5000,
      deps: { env: {} },
    });
    expect(engine.retryPolicy.maxRetries).toBe(0);
    expect(engine.timeoutMs).toBe(5000);
    expect(engine.apiKeyEnv).toBe("LOCAL_LLM_API_KEY");
  });

  it("refuses a hosted provider whose key variable is unset, naming the variable", () => {
    expect(() => createEngine(resolveModel("claude-4.5-haiku"), { deps: { env: {} } })).toThrow(
      /ANTHROPIC_API_KEY/,
    );
  });
});
