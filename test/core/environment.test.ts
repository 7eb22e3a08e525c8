import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { Environment } from "../../src/core/environment.js";
import { withCaptureMode } from "../../src/core/event-context.js";
import { ConditionCheckEvent, Event, StopEvent } from "../../src/core/events.js";
import { TodoApp } from "../support/todo-app.js";

function setup(oracleMode = false) {
  const env = new Environment({ startTime: 1000, oracleMode });
  const todo = new TodoApp({ name: "Todo" });
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), todo]);
  return { env, todo };
}

const add = (todo: TodoApp, title: string) =>
  withCaptureMode(() => todo.add_item({ title })) as unknown as Event;

const times = (env: Environment) => env.eventLog.listView().map((e) => [e.eventId, e.eventTime - 1000]);

describe("scheduling", () => {
  it("fires a child `delay` seconds after its parent completed", () => {
    const { env, todo } = setup();
    const e1 = add(todo, "a").withId("e1").dependsOn(null, { delaySeconds: 5 });
    const e2 = add(todo, "b").withId("e2").dependsOn(e1, { delaySeconds: 2 });
    env.schedule([e1, e2]);
    env.start();
    env.runUntilIdle();
    expect(times(env)).toEqual([
      ["e1", 5],
      ["e2", 7],
    ]);
  });

  it("waits for the last parent and runs a shared child once", () => {
    const { env, todo } = setup();
    const e1 = add(todo, "1").withId("e1").delayed(1);
    const e2 = add(todo, "2").withId("e2").delayed(2);
    const e3 = add(todo, "3").withId("e3").dependsOn([e1, e2], { delaySeconds: 5 });
    const e4 = add(todo, "4").withId("e4").dependsOn(e3, { delaySeconds: 2 });
    const e5 = add(todo, "5").withId("e5").dependsOn([e3, e4], { delaySeconds: 1 });
    env.schedule([e1, e2, e3, e4, e5]);
    env.start();
    env.runUntilIdle();
    expect(times(env)).toEqual([
      ["e1", 1],
      ["e2", 2],
      ["e3", 7],
      ["e4", 9],
      ["e5", 10],
    ]);
  });

  it("orders events due at the same time by id, stably", () => {
    const { env, todo } = setup();
    const events = ["c", "a", "b"].map((id) => add(todo, id).withId(id).delayed(3));
    env.schedule(events);
    env.start();
    env.runUntilIdle();
    expect(env.eventLog.listView().map((e) => e.eventId)).toEqual(["a", "b", "c"]);
  });

  it("polls a condition every tick and schedules its children once it holds", () => {
    const { env, todo } = setup();
    const cond = ConditionCheckEvent.fromCondition((e) => e.now() - e.startTime >= 5).withId("c1");
    const after = add(todo, "after").withId("ec1").dependsOn(cond, { delaySeconds: 3 });
    env.schedule([cond, after]);
    env.start();
    env.runUntilIdle();
    expect(times(env)).toEqual([
      ["c1-CHECK_0", 0],
      ["c1-CHECK_1", 1],
      ["c1-CHECK_2", 2],
      ["c1-CHECK_3", 3],
      ["c1-CHECK_4", 4],
      ["c1-CHECK_5", 5],
      ["ec1", 8],
    ]);
  });

  it("gives up on a condition once its timeout (in ticks) has passed", () => {
    const { env, todo } = setup();
    const cond = ConditionCheckEvent.fromCondition(() => false, { everyTicks: 2, timeoutTicks: 4 }).withId(
      "c",
    );
    const after = add(todo, "never").withId("x").dependsOn(cond);
    env.schedule([cond, after]);
    env.start();
    env.runUntilIdle();
    expect(times(env)).toEqual([
      ["c-CHECK_0", 0],
      ["c-CHECK_1", 2],
      ["c-CHECK_2", 4],
    ]);
    expect(todo.items).toHaveLength(0);
  });

  it("skips oracle events outside oracle mode, and what depends only on them", () => {
    for (const oracleMode of [false, true]) {
      const { env, todo } = setup(oracleMode);
      const env1 = add(todo, "world").withId("w").delayed(1);
      const o1 = add(todo, "oracle").withId("o").delayed(2).oracle();
      const child = add(todo, "child").withId("k").dependsOn(o1, { delaySeconds: 1 });
      env.schedule([env1, o1, child]);
      env.start();
      env.runUntilIdle();
      const ids = env.eventLog.listView().map((e) => [e.eventId, e.eventType]);
      expect(ids).toEqual(
        oracleMode
          ? [
              ["w", "ENV"],
              ["o", "AGENT"],
              ["k", "ENV"],
            ]
          : [["w", "ENV"]],
      );
    }
  });

  it("stops on a stop event and on duration", () => {
    const { env, todo } = setup();
    const stop = new StopEvent().withId("stop").delayed(4);
    const late = add(todo, "late").withId("late").delayed(10);
    env.schedule([stop, late]);
    env.start();
    env.runUntilIdle();
    expect(env.state).toBe("STOPPED");
    expect(todo.items).toHaveLength(0);

    const d = new Environment({ startTime: 0, duration: 5 });
    const t2 = new TodoApp({ name: "Todo" });
    d.registerApps([t2]);
    d.schedule([withCaptureMode(() => t2.add_item({ title: "x" })) as unknown as Event]);
    d.start();
    d.advanceTo(6);
    expect(d.state).toBe("STOPPED");
  });

  it("resolves {{event_id}} placeholders from earlier return values", () => {
    const { env, todo } = setup();
    const first = add(todo, "first").withId("first").delayed(1);
    const done = (withCaptureMode(() => todo.complete_item({ item_id: "{{first}}" })) as unknown as Event)
      .withId("done")
      .dependsOn(first, { delaySeconds: 1 });
    env.schedule([first, done]);
    env.start();
    env.runUntilIdle();
    expect(todo.items[0]?.done).toBe(true);
    expect(env.eventLog.byId("done")?.metadata.exception).toBeNull();
  });
});

describe("capture mode and tool calls", () => {
  it("returns an Event instead of executing, with validated args", () => {
    const { todo } = setup();
    const event = withCaptureMode(() => todo.add_item({ title: "x" })) as unknown as Event;
    expect(event).toBeInstanceOf(Event);
    expect(event.action.functionName).toBe("add_item");
    expect(event.action.args).toEqual({ title: "x" });
    expect(todo.items).toHaveLength(0);
    expect(() => withCaptureMode(() => todo.add_item({ title: "" }))).toThrow(/title/);
  });

  it("logs a bad-argument call as a failed event naming the field, and goes on", () => {
    const { env, todo } = setup();
    env.start();
    const tool = todo.getTool("add_item");
    expect(() => tool?.call({ title: 42 })).toThrow(/title/);
    const [event] = env.eventLog.listView();
    expect(event?.metadata.exceptionType).toBe("ToolError");
    expect(event?.metadata.exception).toMatch(/title/);
    expect(tool?.call({ title: "ok" })).toMatch(/^[0-9a-f]{32}$/);
  });

  it("logs user screen actions as USER, nested backend calls included", () => {
    const { env, todo } = setup();
    env.start();
    const id = todo.add_item({ title: "x" });
    env
      .getUserTools()
      .find((t) => t.name === "System__open_app")
      ?.call({ app_name: "Todo" });
    const tools = env.getUserTools().map((t) => t.name);
    expect(tools).toContain("Todo__open");
    env
      .getUserTools()
      .find((t) => t.name === "Todo__open")
      ?.call({ item_id: id });
    expect(env.describeLocation()).toEqual({ app: "Todo", screen: "TodoDetail" });
    env
      .getUserTools()
      .find((t) => t.name === "Todo__complete")
      ?.call({});
    const log = env.eventLog
      .listView()
      .map((e) => [e.eventType, e.action?.function, e.metadata.parentEventId !== null]);
    expect(log).toEqual([
      ["AGENT", "add_item", false],
      ["USER", "open_app", false],
      ["USER", "open", false],
      ["USER", "complete_item", true],
      ["USER", "complete", false],
    ]);
    env
      .getUserTools()
      .find((t) => t.name === "Todo__go_back")
      ?.call({});
    expect(env.describeLocation().screen).toBe("TodoList");
  });

  it("does not enter a screen whose entity does not exist", () => {
    const { env } = setup();
    env.start();
    env.openApp("Todo");
    const open = env.getUserTools().find((t) => t.name === "Todo__open");
    expect(() => open?.call({ item_id: "nope" })).toThrow(/does not exist/);
    expect(env.describeLocation().screen).toBe("TodoList");
    expect(env.getUserTools().some((t) => t.name === "Todo__go_back")).toBe(false);
  });

  it("injects seeded tool failures: same seed, same draws", () => {
    const draws = (seed: number) => {
      const { env, todo } = setup();
      todo.setSeed(seed);
      todo.setFailureProbability(0.5);
      env.start();
      const tool = todo.getAgentTools().find((t) => t.methodName === "list_items");
      return Array.from({ length: 20 }, () => {
        try {
          tool?.call({});
          return 1;
        } catch {
          return 0;
        }
      });
    };
    const a = draws(7);
    expect(draws(7)).toEqual(a);
    expect(a).toContain(0);
    expect(a).toContain(1);
  });

  it("records injected failures in the log without running the tool", () => {
    const { env, todo } = setup();
    todo.setFailureProbability(1);
    env.start();
    const tool = todo.getAgentTools().find((t) => t.methodName === "add_item");
    expect(() => tool?.call({ title: "x" })).toThrow(/Internal error - Retry again later/);
    expect(todo.items).toHaveLength(0);
    expect(env.eventLog.listView()[0]?.metadata.injectedFailure).toBe(true);
    todo.getUserTools();
  });
});

describe("notifications", () => {
  it("routes proposals to the user and answers to the assistant", () => {
    const { env } = setup();
    env.start();
    const aui = env.getApp("PAREAgentUserInterface") as PAREAgentUserInterface;
    aui.send_message_to_user({ content: "Shall I add milk?" });
    expect(env.notifications.takeFor("agent", env.now())).toEqual([]);
    const [proposal] = env.notifications.takeFor("user", env.now());
    expect(proposal?.type).toBe("AGENT_MESSAGE");
    env
      .getUserTools()
      .find((t) => t.methodName === "accept_proposal")
      ?.call({ content: "yes" });
    const msgs = env.notifications.takeFor("agent", env.now());
    expect(msgs.map((m) => m.text)).toEqual(
      ["PAREAgentUserInterface__accept_proposal(content='yes')", "[ACCEPT]: yes"].slice(1),
    );
  });
});
