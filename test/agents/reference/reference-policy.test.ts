import { describe, expect, it } from "vitest";
import { ReferenceLedger } from "../../../src/agents/reference/reference-ledger.js";
import type { PlannedCall, ReferencePlan, Trigger } from "../../../src/agents/reference/reference-plan.js";
import {
  ReferenceExecutePolicy,
  ReferenceObservePolicy,
} from "../../../src/agents/reference/reference-policy.js";
import type { StepInput } from "../../../src/agents/types.js";
import { TOOL_FAILURE_MESSAGE } from "../../../src/core/app-tool.js";
import { Environment } from "../../../src/core/environment.js";
import type { JsonValue } from "../../../src/core/json.js";
import { MessageType } from "../../../src/core/notifications.js";
import { startPhone } from "../../support/phone.js";
import { TodoApp } from "../../support/todo-app.js";

const ID = "itm-7f3a";
const PROPOSAL = "Shall I mark 'Call Bob' as done?";
const TASK = `Proposed Goal: ${PROPOSAL}\nUser reply: [ACCEPT]: yes`;

function phone() {
  const env = new Environment({ startTime: 1_700_000_000 });
  startPhone(env, new TodoApp({ name: "Todo" }));
  return env;
}

function call(
  fn: string,
  args: Record<string, JsonValue>,
  output: unknown = null,
  triggers: Trigger[] = [],
): PlannedCall {
  const operation = fn === "list_items" ? "read" : "write";
  const app = fn === "send_message_to_user" ? "PAREAgentUserInterface" : "Todo";
  return { app, function: fn, args, operation, output, triggers };
}

function plan(
  over: Partial<ReferencePlan["segments"][number]> = {},
  lookups: PlannedCall[] = [],
): ReferencePlan {
  return {
    segments: [
      {
        observe: [],
        proposal: call("send_message_to_user", { content: PROPOSAL }),
        execute: [call("complete_item", { item_id: ID })],
        closing: null,
        answer: "accept",
        ...over,
      },
    ],
    lookups,
    problems: [],
  };
}

function step(env: Environment, over: Partial<StepInput> = {}): StepInput {
  return {
    role: "execute",
    turn: 2,
    iteration: 0,
    tools: env.getAgentTools(),
    task: "",
    notifications: [],
    now: env.now(),
    ...over,
  };
}

/** An executor whose observe half had been shown `observed` and proposed PROPOSAL (or `proposal`). */
function executor(p: ReferencePlan, observed: string[], proposal = PROPOSAL) {
  const ledger = new ReferenceLedger(p);
  for (const text of observed) ledger.observeSeen.add(text);
  ledger.proposals.push(proposal);
  const policy = new ReferenceExecutePolicy({ ledger, systemPrompt: () => "You are the executor." });
  return { ledger, policy };
}

describe("the reference executor only uses what it was shown", () => {
  it("records an id only the observe agent saw as unseen: the executor starts fresh", async () => {
    const env = phone();
    const { ledger, policy } = executor(plan(), [`[{"id":"${ID}","title":"Call Bob"}]`]);
    const decision = await policy.decide(step(env, { task: TASK }));
    expect(decision.action).toEqual({ tool: "Todo__complete_item", args: { item_id: ID } });
    expect(ledger.unseen).toEqual([
      expect.objectContaining({
        role: "execute",
        tool: "Todo__complete_item",
        operation: "write",
        argument: "item_id",
        value: ID,
        why: expect.stringMatching(/never shown to the execute agent/),
      }),
    ]);
    expect(decision.thought).toMatch(/Unseen: execute write Todo__complete_item\(item_id="itm-7f3a"\)/);
  });

  it("does not let the proposal hand over an id its author never saw", async () => {
    const env = phone();
    const proposal = `Shall I complete ${ID}?`;
    const p = plan({ proposal: call("send_message_to_user", { content: proposal }) });
    const { ledger, policy } = executor(p, ["nothing about items"], proposal);
    await policy.decide(step(env, { task: `Proposed Goal: ${proposal}\nUser reply: [ACCEPT]: ok` }));
    expect(ledger.unseen.map((f) => f.why)).toEqual([expect.stringMatching(/only in the proposal/)]);
  });

  it("never takes a proposal it cannot tell apart from the reply for the user's words", async () => {
    const env = phone();
    const { ledger, policy } = executor(plan(), [], "a proposal the observer never sent");
    await policy.decide(step(env, { task: `Proposed Goal: ${PROPOSAL} (${ID})\nUser reply: [ACCEPT]: ok` }));
    expect(ledger.unseen.map((f) => f.why)).toEqual([expect.stringMatching(/only in the proposal/)]);
  });

  it("accepts an id the proposal carries when the observe agent saw it, or the user's reply states it", async () => {
    const env = phone();
    const proposal = `Shall I complete ${ID}?`;
    const p = plan({ proposal: call("send_message_to_user", { content: proposal }) });
    const seen = executor(p, [`{"id":"${ID}"}`], proposal);
    await seen.policy.decide(step(env, { task: `Proposed Goal: ${proposal}\nUser reply: [ACCEPT]: ok` }));
    expect(seen.ledger.unseen).toEqual([]);
    const fromUser = executor(plan(), []);
    await fromUser.policy.decide(step(env, { task: `${TASK}, it is ${ID}` }));
    expect(fromUser.ledger.unseen).toEqual([]);
  });

  it("looks a missing id up first with a read of the reference solution, then writes and reports", async () => {
    const env = phone();
    const list = call("list_items", {}, [{ id: ID, title: "Call Bob" }]);
    const { ledger, policy } = executor(plan({}, [list]), []);
    const first = await policy.decide(step(env, { task: TASK }));
    expect(first.action).toEqual({ tool: "Todo__list_items", args: {} });
    policy.observe({ tool: "Todo__list_items", output: [{ id: ID, title: "Call Bob", done: false }] });
    const second = await policy.decide(step(env, { iteration: 1 }));
    expect(second.action?.tool).toBe("Todo__complete_item");
    policy.observe({ tool: "Todo__complete_item", output: ID });
    const third = await policy.decide(step(env, { iteration: 2 }));
    expect(third.action).toEqual({
      tool: "PAREAgentUserInterface__send_message_to_user",
      args: { content: "Done." },
    });
    expect(ledger.unseen).toEqual([]);
    expect(ledger.progress[0]).toEqual({ observeCalls: 0, proposed: false, executeCalls: 1, executed: true });
    expect([first, second, third].every((d) => d.modelCalls === 1)).toBe(true);
  });

  it("does not take an id that the look-up shows only inside a longer id", async () => {
    const env = phone();
    const list = call("list_items", {}, [{ id: ID }]);
    const { ledger, policy } = executor(plan({}, [list]), []);
    await policy.decide(step(env, { task: TASK }));
    policy.observe({ tool: "Todo__list_items", output: [{ id: `${ID}9` }] });
    await policy.decide(step(env, { iteration: 1 }));
    expect(ledger.unseen.map((f) => f.value)).toEqual([ID]);
  });

  it("retries a call refused by injected tool failure, and gives up on other errors with a note", async () => {
    const env = phone();
    const { ledger, policy } = executor(
      plan({ execute: [call("complete_item", { item_id: ID }), call("add_item", { title: "x" })] }),
      [],
    );
    await policy.decide(step(env, { task: `${TASK} ${ID}` }));
    policy.observe({
      tool: "Todo__complete_item",
      error: `Calling Todo__complete_item failed with error: ${TOOL_FAILURE_MESSAGE}`,
    });
    const retry = await policy.decide(step(env, { iteration: 1 }));
    expect(retry.action?.tool).toBe("Todo__complete_item");
    policy.observe({ tool: "Todo__complete_item", error: "Item itm-7f3a does not exist" });
    const next = await policy.decide(step(env, { iteration: 2 }));
    expect(next.action?.tool).toBe("Todo__add_item");
    expect(ledger.notes).toEqual([
      expect.stringMatching(/complete_item failed \(2 attempts\): Item itm-7f3a does not exist/),
    ]);
  });

  it("answers a task that matches no proposal of the plan with a report and a note", async () => {
    const env = phone();
    const { ledger, policy } = executor(plan(), []);
    const d = await policy.decide(
      step(env, { task: "Proposed Goal: something else\nUser reply: [ACCEPT]: ok" }),
    );
    expect(d.action?.tool).toBe("PAREAgentUserInterface__send_message_to_user");
    expect(ledger.notes).toEqual([expect.stringMatching(/matches no proposal/)]);
    expect(ledger.shortfalls({ observeMaxIterations: 5, executeMaxIterations: 10 })).toContain(
      "the execute agent was given a task that matches no proposal of the reference solution",
    );
  });
});

describe("the reference observer", () => {
  const note = (eventId: string) => ({
    type: MessageType.ENVIRONMENT_NOTIFICATION_AGENT,
    text: "Todo: new item",
    timestamp: 1_700_000_005,
    eventId,
  });

  function observer(p: ReferencePlan) {
    const ledger = new ReferenceLedger(p);
    return {
      ledger,
      policy: new ReferenceObservePolicy({ ledger, systemPrompt: () => "You watch the phone." }),
    };
  }

  it("waits until it is told about the event a step waits for, then reads and proposes", async () => {
    const env = phone();
    const list = call(
      "list_items",
      {},
      [{ id: ID }],
      [{ eventId: "arrive", notifiesAgent: true, time: 1_700_000_005 }],
    );
    const { ledger, policy } = observer(plan({ observe: [list] }));
    const late = step(env, { role: "observe", now: 1_700_000_100 });
    expect((await policy.decide(late)).action?.tool).toBe("PAREAgentUserInterface__wait");
    const read = await policy.decide({ ...late, notifications: [note("arrive")] });
    expect(read.action?.tool).toBe("Todo__list_items");
    policy.observe({ tool: "Todo__list_items", output: [{ id: ID }] });
    const propose = await policy.decide(late);
    expect(propose.action).toEqual({
      tool: "PAREAgentUserInterface__send_message_to_user",
      args: { content: PROPOSAL },
    });
    expect(ledger.proposals).toEqual([PROPOSAL]);
    expect(ledger.observeSeen.has({ path: "id", value: ID, kind: "exact" })).toBe(true);
    expect((await policy.decide(late)).action?.tool).toBe("PAREAgentUserInterface__wait");
  });

  it("goes by the clock for an event that announces nothing to the assistant", async () => {
    const env = phone();
    const list = call(
      "list_items",
      {},
      [],
      [{ eventId: "silent", notifiesAgent: false, time: 1_700_000_010 }],
    );
    const { policy } = observer(plan({ observe: [list] }));
    expect((await policy.decide(step(env, { role: "observe", now: 1_700_000_009 }))).action?.tool).toBe(
      "PAREAgentUserInterface__wait",
    );
    expect((await policy.decide(step(env, { role: "observe", now: 1_700_000_010 }))).action?.tool).toBe(
      "Todo__list_items",
    );
  });

  it("never proposes where the reference solution waits, and audits its own reads", async () => {
    const env = phone();
    const read = call("complete_item", { item_id: ID });
    const { ledger, policy } = observer(plan({ observe: [{ ...read, operation: "read" }], proposal: null }));
    const d = await policy.decide(step(env, { role: "observe" }));
    expect(d.action?.tool).toBe("Todo__complete_item");
    expect(ledger.unseen).toEqual([
      expect.objectContaining({ role: "observe", operation: "read", argument: "item_id" }),
    ]);
    policy.observe({ tool: "Todo__complete_item", output: ID });
    expect((await policy.decide(step(env, { role: "observe" }))).thought).toMatch(/does not propose/);
  });
});
