import { expect } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import type { App } from "../../src/core/app.js";
import { AppTool } from "../../src/core/app-tool.js";
import type { Environment } from "../../src/core/environment.js";
import { ToolError } from "../../src/core/errors.js";
import { toolDefinitions } from "../../src/core/tool-decorators.js";

/** Helpers shared by the app tests: a phone around one app, user tool calls, and error checks. */

/** Registers the home screen, the agent UI and the apps in `env`, and starts it. */
export function startPhone(env: Environment, ...apps: App[]): Environment {
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), ...apps]);
  env.start();
  return env;
}

/** A user tool available right now, by internal name; the error lists what is available. */
export function findUserTool(env: Environment, name: string): AppTool {
  const tools = env.getUserTools();
  const found = tools.find((t) => t.name === name);
  if (!found)
    throw new Error(
      `no user tool ${name} on ${env.describeLocation().screen}; available: ${tools.map((t) => t.name).join(", ")}`,
    );
  return found;
}

export function callUserTool(env: Environment, name: string, args: Record<string, unknown> = {}): unknown {
  return findUserTool(env, name).call(args);
}

export function currentScreen(env: Environment): string {
  return env.describeLocation().screen;
}

/** What `fn` throws; fails the test if it does not throw. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

/** The ToolError `fn` throws (anything else is rethrown). */
export function toolErrorFrom(fn: () => unknown): ToolError {
  const error = thrownBy(fn);
  if (error instanceof ToolError) return error;
  throw error;
}

export function expectToolError(fn: () => unknown, pattern: RegExp, field?: string): ToolError {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(ToolError);
  expect((error as ToolError).message).toMatch(pattern);
  if (field !== undefined) expect((error as ToolError).field).toBe(field);
  return error as ToolError;
}

/** `fn` throws `error` (and `message`, if given) and leaves the app's state as it was. */
export function expectUnchanged(app: App, fn: () => unknown, error: unknown, message?: RegExp): void {
  const before = app.getState();
  expect(fn).toThrow(error as never);
  if (message) expect(fn).toThrow(message);
  expect(app.getState()).toEqual(before);
}

/** Parameters of any tool (agent, env, data and each screen's) without a description for models. */
export function undescribedParams(
  app: App,
  screens: readonly (abstract new (...args: never[]) => unknown)[],
): string[] {
  const missing: string[] = [];
  const check = (name: string, schema: Record<string, unknown>) => {
    const props = (schema.properties ?? {}) as Record<string, { description?: string }>;
    for (const [key, prop] of Object.entries(props)) if (!prop.description) missing.push(`${name}.${key}`);
  };
  for (const kind of ["agent", "env", "data"] as const)
    for (const t of app.getTools(kind)) check(t.name, t.jsonSchema);
  for (const screen of screens)
    for (const def of toolDefinitions(screen).values())
      check(`${screen.name}.${def.methodName}`, new AppTool(app, app, def, "user").jsonSchema);
  return missing;
}
