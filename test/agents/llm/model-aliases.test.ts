import { describe, expect, it } from "vitest";
import { LLMConfigError, MODELS_MAP, resolveModel } from "../../../src/agents/llm/index.js";

describe("resolveModel", () => {
  it("resolves aliases to model name and provider", () => {
    expect(resolveModel("gpt-5")).toEqual({
      model: "gpt-5",
      provider: "openai",
      baseUrl: null,
      alias: "gpt-5",
    });
    expect(resolveModel("claude-4.5-sonnet")).toMatchObject({
      model: "claude-sonnet-4-5-20250929",
      provider: "anthropic",
      alias: "claude-4.5-sonnet",
    });
    expect(resolveModel("gpt-oss-120b").model).toBe("accounts/fireworks/models/gpt-oss-120b");
    expect(resolveModel("llama-3.3-70B")).toMatchObject({ provider: "bedrock" });
  });

  it("lets explicit provider and endpoint override an alias", () => {
    expect(resolveModel("gpt-4o", "openrouter", "https://openrouter.ai/api/v1")).toEqual({
      model: "gpt-4o",
      provider: "openrouter",
      baseUrl: "https://openrouter.ai/api/v1",
      alias: "gpt-4o",
    });
  });

  it("accepts unknown models with a provider; alias is the part after the last slash", () => {
    expect(resolveModel("liquid/lfm2.5-350m", "local", "http://localhost:8000/v1")).toEqual({
      model: "liquid/lfm2.5-350m",
      provider: "local",
      baseUrl: "http://localhost:8000/v1",
      alias: "lfm2.5-350m",
    });
    expect(resolveModel("qwen3", "ollama").alias).toBe("qwen3");
  });

  it("names the role flag when an unknown model has no provider", () => {
    expect(() => resolveModel("mystery/model", undefined, undefined, "observe")).toThrow(LLMConfigError);
    expect(() => resolveModel("mystery/model", undefined, undefined, "observe")).toThrow(
      "Provider is required for model 'mystery/model'. Use --observe-provider or add the model to MODELS_MAP.",
    );
    expect(() => resolveModel("mystery", "")).toThrow(/--user-provider/);
  });

  it("covers the spec's alias list", () => {
    expect(Object.keys(MODELS_MAP)).toHaveLength(17);
  });
});
