import type { EventType } from "./event-types.js";

/**
 * Scopes that change what a call to a registered app method does. They are synchronous (tool methods
 * never await), so a module-level stack cannot leak between concurrently running scenarios: no other
 * code runs while a scope is open.
 */
interface Scope {
  capture: boolean;
  eventsActive: boolean;
}

/** Scopes are never changed once pushed, so the two kinds the engine enters per event are shared constants. */
const DISABLED: Scope = Object.freeze({ capture: false, eventsActive: false });
const CAPTURE: Scope = Object.freeze({ capture: true, eventsActive: true });

const scopes: Scope[] = [{ capture: false, eventsActive: true }];
const actors: { type: EventType; eventId: string }[] = [];

function current(): Scope {
  return scopes[scopes.length - 1] as Scope;
}

function withScope<T>(scope: Scope, fn: () => T): T {
  scopes.push(scope);
  try {
    const result = fn();
    if (result instanceof Promise) throw new TypeError("event scopes must wrap synchronous code");
    return result;
  } finally {
    scopes.pop();
  }
}

export function isCaptureMode(): boolean {
  return current().capture;
}

export function eventsActive(): boolean {
  return current().eventsActive;
}

/** Runs `fn` with event registration off: registered methods just run, nothing is logged. */
export function withEventsDisabled<T>(fn: () => T): T {
  return withScope(DISABLED, fn);
}

/** `withEventsDisabled(() => fn.call(self, arg))` without a closure: the engine's call of every scheduled event. */
export function callWithEventsDisabled<A, R>(fn: (this: unknown, arg: A) => R, self: unknown, arg: A): R {
  scopes.push(DISABLED);
  try {
    const result = fn.call(self, arg);
    if (result instanceof Promise) throw new TypeError("event scopes must wrap synchronous code");
    return result;
  } finally {
    scopes.pop();
  }
}

/** Runs `fn` in capture mode: calling a registered app method returns an Event instead of executing. */
export function withCaptureMode<T>(fn: () => T): T {
  return withScope(CAPTURE, fn);
}

/** The outermost logged call in progress: nested calls inherit its event type and point at it. */
export function currentActor(): { type: EventType; eventId: string } | undefined {
  return actors[0];
}

export function pushActor(type: EventType, eventId: string): void {
  actors.push({ type, eventId });
}

export function popActor(): void {
  actors.pop();
}
