import type { CallContext, ChatRequest, ChatResponse, LLMEngine } from "./types.js";
import type { UsageLedger } from "./usage-ledger.js";

/** Records every call of the wrapped engine (real, cached or failed) in a ledger under ctx.role. */
export class MeteredEngine implements LLMEngine {
  constructor(
    private readonly inner: LLMEngine,
    readonly ledger: UsageLedger,
  ) {}

  get model(): string {
    return this.inner.model;
  }

  get provider(): string {
    return this.inner.provider;
  }

  async complete(request: ChatRequest, ctx: CallContext): Promise<ChatResponse> {
    try {
      const response = await this.inner.complete(request, ctx);
      this.ledger.recordResponse(ctx.role, this.inner.model, response);
      return response;
    } catch (error) {
      this.ledger.recordFailure(ctx.role, this.inner.model, error);
      throw error;
    }
  }
}
