import { describe, expect, it } from "vitest";
import { TodoApp, TodoDetail } from "../support/todo-app.js";

function withItem(): { app: TodoApp; id: string } {
  const app = new TodoApp();
  const id = app.add_item({ title: "Buy milk" });
  return { app, id };
}

describe("StatefulApp navigation", () => {
  it("has its root screen before anything moves it, so the first push can be undone", () => {
    const { app, id } = withItem();
    // Straight to a detail screen on a fresh app: the list is underneath it.
    app.pushScreen(new TodoDetail(id));
    expect(app.navigationStack.map((s) => s.name)).toEqual(["TodoList"]);
    expect(app.currentScreenName()).toBe("TodoDetail");
    expect(app.getUserTools().map((t) => t.methodName)).toContain("go_back");
    expect(app.go_back()).toBe("Navigated back to the screen TodoList.");
    expect(app.currentScreenName()).toBe("TodoList");
    expect(app.go_back()).toBe("Already at the initial screen.");
  });

  it("starts on the root with an empty stack, also after a reset", () => {
    const { app, id } = withItem();
    expect(app.navigationStack).toEqual([]);
    expect(app.currentScreenName()).toBe("TodoList");
    expect(app.popScreen()).toBe(false);
    app.pushScreen(new TodoDetail(id));
    app.reset();
    expect(app.navigationStack).toEqual([]);
    expect(app.currentScreenName()).toBe("TodoList");
  });

  it("replaces the root without growing the stack", () => {
    const { app, id } = withItem();
    app.replaceScreen(new TodoDetail(id));
    expect(app.currentScreenName()).toBe("TodoDetail");
    expect(app.navigationStack).toEqual([]);
  });

  it("enters nothing when the pushed screen's entity is missing, and the root stays", () => {
    const app = new TodoApp();
    expect(() => app.pushScreen(new TodoDetail("missing"))).toThrow(/missing/);
    expect(app.currentScreenName()).toBe("TodoList");
    expect(app.navigationStack).toEqual([]);
  });
});
