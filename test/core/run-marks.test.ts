import { describe, expect, it } from "vitest";
import { Environment } from "../../src/core/environment.js";
import { withCaptureMode } from "../../src/core/event-context.js";
import { type AbstractEvent, ConditionCheckEvent, type Event, StopEvent } from "../../src/core/events.js";
import { RunMarks } from "../../src/core/run-marks.js";
import { TodoApp } from "../support/todo-app.js";

describe("RunMarks", () => {
  it("queues an event once, records completion times and counts polls, per run", () => {
    const a = new RunMarks();
    const b = new RunMarks();
    const e = new StopEvent();
    const f = new StopEvent();
    const own = new StopEvent();
    expect(a.markQueued(e)).toBe(true);
    expect(a.markQueued(e)).toBe(false);
    // Run b numbers an event of its own first, then e, stamped by run a: b numbers e on its own, unqueued.
    expect(b.markQueued(own)).toBe(true);
    expect(b.markQueued(e)).toBe(true);
    expect(b.markQueued(e)).toBe(false);
    expect(a.completedAt(e)).toBeUndefined();
    a.markCompleted(e, 12.5);
    expect(a.completedAt(e)).toBe(12.5);
    expect(b.completedAt(e)).toBeUndefined();
    b.markCompleted(e, 0);
    expect(b.completedAt(e)).toBe(0);
    expect(a.completedAt(f)).toBeUndefined();
    expect([a.countPoll(f), a.countPoll(f), b.countPoll(f), a.countPoll(e)]).toEqual([1, 2, 1, 1]);
  });

  it("keeps thousands of events apart (its arrays grow)", () => {
    const marks = new RunMarks();
    const events = Array.from({ length: 5000 }, () => new StopEvent());
    events.forEach((e, i) => {
      if (i % 3 === 0) marks.markQueued(e);
      if (i % 5 === 0) marks.markCompleted(e, i);
    });
    events.forEach((e, i) => {
      expect(marks.markQueued(e)).toBe(i % 3 !== 0);
      expect(marks.completedAt(e)).toBe(i % 5 === 0 ? i : undefined);
    });
  });
});

/** A small flow: two chains, a join, a placeholder argument and a condition. */
function flow(todo: TodoApp): AbstractEvent[] {
  const add = (title: string) => withCaptureMode(() => todo.add_item({ title })) as unknown as Event;
  const a1 = add("a1").withId("a1").delayed(1);
  const a2 = add("a2").withId("a2").dependsOn(a1, { delaySeconds: 2 });
  const b1 = add("b1").withId("b1").delayed(2);
  const join = add("join").withId("join").dependsOn([a2, b1], { delaySeconds: 1 });
  const done = (withCaptureMode(() => todo.complete_item({ item_id: "{{a1}}" })) as unknown as Event)
    .withId("done")
    .dependsOn(join, { delaySeconds: 1 });
  const cond = ConditionCheckEvent.fromCondition(() => todo.items.length >= 3, { everyTicks: 2 }).withId("c");
  const after = add("after").withId("after").dependsOn(cond, { delaySeconds: 1 });
  return [a1, a2, b1, join, done, cond, after];
}

const summary = (env: Environment) =>
  env.eventLog.listView().map((e) => [e.eventId, e.eventTime, e.dependencies, e.metadata.exception]);

function todoEnv(todo = new TodoApp({ name: "Todo" })) {
  const env = new Environment({ startTime: 0, oracleMode: true });
  env.registerApps([todo]);
  return { env, todo };
}

function runAll(env: Environment, templates: readonly AbstractEvent[]) {
  env.schedule(templates);
  env.start();
  env.runUntilIdle();
  return summary(env);
}

describe("templates shared between environments", () => {
  it("give a second environment the same log as fresh templates", () => {
    const fresh = todoEnv();
    const expected = runAll(fresh.env, flow(fresh.todo));
    expect(expected.map((e) => e[0])).toEqual([
      "c-CHECK_0",
      "a1",
      "b1",
      "c-CHECK_1",
      "a2",
      "c-CHECK_2",
      "join",
      "after",
      "done",
    ]);
    expect(expected.every((e) => e[3] === null)).toBe(true);

    const todo = new TodoApp({ name: "Todo" });
    const templates = flow(todo);
    // The first environment stamps the templates; the next ones number them through their own Map.
    for (let run = 0; run < 3; run++) {
      todo.reset();
      expect(runAll(todoEnv(todo).env, templates)).toEqual(expected);
    }
  });

  it("keep the bookkeeping of interleaved environments apart", () => {
    // Conditions on each environment's own clock, a stop event and a condition that depends on a condition.
    const templates = () => {
      const early = ConditionCheckEvent.fromCondition((env) => env.now() >= 3).withId("early");
      const late = ConditionCheckEvent.fromCondition((env) => env.now() >= 7, { everyTicks: 2 })
        .withId("late")
        .dependsOn(early, { delaySeconds: 1 });
      const stop = new StopEvent().withId("stop").dependsOn(late, { delaySeconds: 2 });
      return [early, late, stop];
    };
    const reference = new Environment({ startTime: 0 });
    runAll(reference, templates());
    const expected = summary(reference);
    expect(expected.map((e) => `${e[0]}@${e[1]}`)).toEqual([
      "early-CHECK_0@0",
      "early-CHECK_1@1",
      "early-CHECK_2@2",
      "early-CHECK_3@3",
      "late-CHECK_0@4",
      "late-CHECK_1@6",
      "late-CHECK_2@8",
    ]);
    expect(reference.stopCause).toBe("stop_event");

    const shared = templates();
    const envs = [0, 1, 2].map(() => new Environment({ startTime: 0 }));
    for (const [i, env] of envs.entries()) {
      // Each also has events of its own, numbered before the shared ones (in the first: stamped by it).
      const own = ConditionCheckEvent.fromCondition((e) => e.now() >= 5 + i).withId(`own${i}`);
      env.schedule([own, ...shared]);
      env.start();
    }
    // One tick each in turn: every environment is half-way through while the others move on.
    for (let t = 1; t <= 12; t++) for (const env of envs) env.advanceTo(t);
    for (const [i, env] of envs.entries()) {
      const own = summary(env).filter((e) => String(e[0]).startsWith("own"));
      expect(own.map((e) => e[1])).toEqual(Array.from({ length: 6 + i }, (_, t) => t));
      expect(summary(env).filter((e) => !String(e[0]).startsWith("own"))).toEqual(expected);
      expect(env.stopCause).toBe("stop_event");
    }
  });
});
