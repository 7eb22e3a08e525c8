import { redactSecrets } from "../../util/secrets.js";
import type { CallContext, ChatRequest, ChatResponse, LLMEngine } from "./types.js";

/**
 * Removes every registered secret (the API key, URL credentials) from what a model answers, before anything
 * sees it: a server or model that echoes the request headers would otherwise hand the key to the agent, whose
 * thoughts, traces and cached responses are written to disk. The agent reads `[REDACTED]` instead.
 */
export class RedactingEngine implements LLMEngine {
  constructor(private readonly inner: LLMEngine) {}

  get model(): string {
    return this.inner.model;
  }

  get provider(): string {
    return this.inner.provider;
  }

  async complete(request: ChatRequest, ctx: CallContext): Promise<ChatResponse> {
    const response = await this.inner.complete(request, ctx);
    const content = redactSecrets(response.content);
    return content === response.content ? response : { ...response, content };
  }
}
