import { describe, expect, it } from "vitest";
import { ContentStore, contentHash } from "../../../src/agents/llm/call-record.js";
import type { ChatMessage } from "../../../src/agents/llm/types.js";

describe("ContentStore", () => {
  it("gives every body its content hash, keeping each distinct body once", () => {
    const store = new ContentStore();
    const prompt = "You are a helpful assistant. ".repeat(50);
    const bodies: ChatMessage[] = [
      { role: "system", content: prompt },
      { role: "system", content: prompt },
      { content: prompt, role: "system" },
      { role: "user", content: prompt },
      { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "A__b", arguments: "{}" }] },
      { role: "assistant", content: "", toolCalls: [{ id: "c2", name: "A__b", arguments: "{}" }] },
      { role: "tool", content: prompt, toolCallId: "c1" },
    ];
    const hashes = bodies.map((b) => store.put(b));
    expect(hashes).toEqual(bodies.map((b) => contentHash(b)));
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[0]).toBe(hashes[2]);
    expect(hashes[3]).not.toBe(hashes[0]);
    expect(hashes[4]).not.toBe(hashes[5]);
    expect(hashes[6]).not.toBe(hashes[3]);
    expect(store.size).toBe(5);
    expect(Object.keys(store.toJSON())).toEqual([...new Set(hashes)]);
  });

  it("hashes a message by its content, not by the object: a changed text gets a new hash", () => {
    const store = new ContentStore();
    const a = store.put({ role: "user", content: "first" });
    const b = store.put({ role: "user", content: "second" });
    const again = store.put({ role: "user", content: ["fir", "st"].join("") });
    expect(a).not.toBe(b);
    expect(again).toBe(a);
    expect(store.put({ role: "user", content: "first", extra: 1 } as object)).toBe(
      contentHash({ role: "user", content: "first", extra: 1 }),
    );
  });

  it("shares system-prompt hashes across stores (runs) without sharing their bodies", () => {
    const prompt = "A system prompt that every run of a scenario repeats. ".repeat(40);
    const first = new ContentStore();
    const second = new ContentStore();
    const hash = first.put({ role: "system", content: prompt });
    expect(second.size).toBe(0);
    expect(second.put({ role: "system", content: `${prompt}` })).toBe(hash);
    expect(second.size).toBe(1);
    // Many other prompts later, the first is still hashed correctly (recomputed once dropped).
    for (let i = 0; i < 300; i++) first.put({ role: "system", content: `prompt ${i}` });
    expect(new ContentStore().put({ role: "system", content: prompt })).toBe(hash);
  });
});
