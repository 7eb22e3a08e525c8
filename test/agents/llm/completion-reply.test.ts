import { describe, expect, it } from "vitest";
import { statusErrorMessage, successBody } from "../../../src/agents/llm/completion-reply.js";

const reply = (status: number, body: string, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body,
});

describe("reading a reply as the openai client did", () => {
  it("words a non-2xx status from the error object, the body text or nothing", () => {
    expect(statusErrorMessage(429, '{"error":{"message":"slow down","type":"rate"}}')).toBe("429 slow down");
    expect(statusErrorMessage(400, '{"error":{"message":{"detail":"bad"}}}')).toBe('400 {"detail":"bad"}');
    expect(statusErrorMessage(500, '{"error":"boom"}')).toBe('500 "boom"');
    expect(statusErrorMessage(404, '{"error":{"code":"x"}}')).toBe('404 {"code":"x"}');
    expect(statusErrorMessage(422, '{"detail":"nope"}')).toBe("422 status code (no body)");
    expect(statusErrorMessage(502, "<html>Bad gateway</html>")).toBe("502 <html>Bad gateway</html>");
    expect(statusErrorMessage(503, "")).toBe("503 status code (no body)");
    expect(statusErrorMessage(503, "null")).toBe("503 null");
  });

  it("parses a 2xx body as JSON only when the content type says so", () => {
    expect(successBody(reply(200, '{"a":1}', { "content-type": "application/json; charset=utf-8" }))).toEqual(
      {
        a: 1,
      },
    );
    expect(successBody(reply(200, '{"a":1}', { "content-type": "application/vnd.x+json" }))).toEqual({
      a: 1,
    });
    expect(successBody(reply(200, '{"a":1}', { "content-type": "text/plain" }))).toBe('{"a":1}');
    expect(successBody(reply(200, '{"a":1}'))).toBe('{"a":1}');
    expect(successBody(reply(204, ""))).toBeNull();
    expect(successBody(reply(200, "", { "content-type": "application/json", "content-length": "0" }))).toBe(
      undefined,
    );
    expect(() => successBody(reply(200, "{oops", { "content-type": "application/json" }))).toThrow(
      SyntaxError,
    );
  });
});
