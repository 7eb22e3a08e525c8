import { LLMFatalError } from "./errors.js";
import { ChatRequest } from "./types.js";

/** Validates a request at the engine boundary; the error names every offending field. */
export function parseChatRequest(request: unknown, model: string, provider: string): ChatRequest {
  const checked = ChatRequest.safeParse(request);
  if (checked.success) return checked.data;
  const fields = checked.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new LLMFatalError({
    message: `invalid chat request for ${model}: ${fields.join("; ")}`,
    model,
    provider,
    attempts: 0,
    infrastructure: false,
  });
}
