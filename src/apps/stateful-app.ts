import { z } from "zod";
import { App } from "../core/app.js";
import type { AppTool } from "../core/app-tool.js";
import type { NavigableApp } from "../core/navigation.js";
import { userTool } from "../core/tool-decorators.js";
import type { Screen } from "./screen.js";

/**
 * An app the user navigates: a finite state machine of screens with a navigation stack. The assistant
 * uses the app's agent tools directly; the user only sees the current screen's tools.
 */
export abstract class StatefulApp<S = unknown> extends App<S> implements NavigableApp {
  readonly navigable = true as const;
  private current: Screen | undefined;
  private readonly stack: Screen[] = [];

  /** A fresh root screen. */
  protected abstract createRootScreen(): Screen;

  /**
   * The root screen exists from the moment anything looks at or moves the app (it cannot be built in
   * the constructor: a subclass's fields are not set yet there). So the first screen pushed on a fresh
   * app lands on top of the root, and `go_back` returns to it.
   */
  private ensureRoot(): Screen {
    if (!this.current) this.resetToRoot();
    return this.current as Screen;
  }

  get currentScreen(): Screen {
    return this.ensureRoot();
  }

  currentScreenName(): string {
    return this.currentScreen.name;
  }

  get navigationStack(): readonly Screen[] {
    this.ensureRoot();
    return this.stack;
  }

  /**
   * Makes `screen` current and pushes the previous one. If the screen's `onEnter` throws (the
   * entity does not exist), nothing changes and the error reaches the caller.
   */
  pushScreen(screen: Screen): void {
    const previous = this.ensureRoot();
    (screen as Screen<StatefulApp>).attach(this);
    screen.onEnter();
    previous.onExit();
    this.stack.push(previous);
    this.current = screen;
  }

  /** Replaces the current screen without growing the stack (a filter or refresh of the same view). */
  replaceScreen(screen: Screen): void {
    const previous = this.ensureRoot();
    (screen as Screen<StatefulApp>).attach(this);
    screen.onEnter();
    previous.onExit();
    this.current = screen;
  }

  /** Pops back to the previous screen; returns false when already at the bottom. */
  popScreen(): boolean {
    const leaving = this.ensureRoot();
    const previous = this.stack.pop();
    if (!previous) return false;
    leaving.onExit();
    this.current = previous;
    return true;
  }

  resetToRoot(): void {
    const root = this.createRootScreen();
    (root as Screen<StatefulApp>).attach(this);
    root.onEnter();
    this.current = root;
    this.stack.length = 0;
  }

  @userTool({ description: "Navigate back to the previous screen of the app." })
  go_back(): string {
    if (!this.popScreen()) return "Already at the initial screen.";
    return `Navigated back to the screen ${this.currentScreen.name}.`;
  }

  getUserTools(): AppTool[] {
    const tools = this.currentScreen.userTools();
    if (this.stack.length > 0) {
      const back = this.getTools("user").find((t) => t.methodName === "go_back");
      if (back) tools.push(back);
    }
    return tools;
  }

  override reset(): void {
    super.reset();
    this.current = undefined;
    this.stack.length = 0;
  }
}

/** Shared zod helpers for app data models. */
export const Timestamp = z.number().finite();
