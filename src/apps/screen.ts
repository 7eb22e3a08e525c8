import { type App, classNameOf } from "../core/app.js";
import { AppTool } from "../core/app-tool.js";
import { type ToolHost, toolDefinitions } from "../core/tool-decorators.js";
import type { StatefulApp } from "./stateful-app.js";

/**
 * One screen of an app: screen-local context (an open conversation, a draft) and the user tools it
 * offers. Tools perform the app's real operations and move between screens themselves.
 */
export abstract class Screen<A extends StatefulApp = StatefulApp> implements ToolHost {
  private bound: A | undefined;

  get app(): A {
    if (!this.bound) throw new Error(`screen ${this.name} is not attached to an app`);
    return this.bound;
  }

  get toolApp(): App {
    return this.app;
  }

  attach(app: A): void {
    this.bound = app;
  }

  get name(): string {
    return classNameOf(this);
  }

  /** Called when the screen becomes current (a fetch that may fail: then the screen is not entered). */
  onEnter(): void {}

  onExit(): void {}

  /** The screen's user tools, in alphabetical order of method name. */
  userTools(): AppTool[] {
    const defs = [...toolDefinitions(this.constructor as never).values()].filter((d) => d.kinds.has("user"));
    defs.sort((a, b) => (a.methodName < b.methodName ? -1 : a.methodName > b.methodName ? 1 : 0));
    return defs.map((d) => new AppTool(this.app, this, d, "user"));
  }
}
