import type { App } from "./app.js";
import { formatDateTime } from "./clock.js";
import { EventType } from "./event-types.js";
import type { CompletedEvent } from "./events.js";
import type { JsonValue } from "./json.js";

export const MessageType = {
  /** The assistant's message to the user (a proposal or a report). */
  AGENT_MESSAGE: "AGENT_MESSAGE",
  /** The user's answer to the assistant (`[ACCEPT]: …` / `[REJECT]: …`). */
  USER_MESSAGE: "USER_MESSAGE",
  /** A user action, as the assistant observes it. */
  USER_ACTION: "USER_ACTION",
  ENVIRONMENT_NOTIFICATION_USER: "ENVIRONMENT_NOTIFICATION_USER",
  ENVIRONMENT_NOTIFICATION_AGENT: "ENVIRONMENT_NOTIFICATION_AGENT",
  ENVIRONMENT_STOP: "ENVIRONMENT_STOP",
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

export type Audience = "user" | "agent";

const AUDIENCE: Record<MessageType, Audience | "both"> = {
  AGENT_MESSAGE: "user",
  USER_MESSAGE: "agent",
  USER_ACTION: "agent",
  ENVIRONMENT_NOTIFICATION_USER: "user",
  ENVIRONMENT_NOTIFICATION_AGENT: "agent",
  ENVIRONMENT_STOP: "both",
};

export interface Message {
  type: MessageType;
  text: string;
  /** Simulated time the message was produced. */
  timestamp: number;
  eventId: string | null;
}

/** Texts an app shows when one of its functions runs as an environment (or agent) event. */
export interface NotificationTemplate {
  /** `app` is the app the event ran on, as it is after the event (for names behind ids). */
  user?: (args: Record<string, JsonValue>, returnValue: unknown, app: App | undefined) => string | null;
  agent?: (args: Record<string, JsonValue>, returnValue: unknown, app: App | undefined) => string | null;
}

export type NotificationTemplates = Record<string, NotificationTemplate>;

/** The agent UI app's class name: its events are routed as proposals and replies, not as templates. */
export const AGENT_UI_CLASS = "PAREAgentUserInterface";

export interface NotificationOptions {
  /** Emit `None` notifications for events without a template, as PARE's HIGH verbosity does. */
  nullNotifications?: boolean;
}

/** Renders an argument value the way the assistant sees user actions: JSON for structures, quoted strings. */
export function renderArg(value: JsonValue): string {
  return typeof value === "string"
    ? `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`
    : JSON.stringify(value);
}

export function renderUserAction(event: CompletedEvent): string {
  const action = event.action;
  if (!action) return "";
  const args = Object.entries(action.args)
    .map(([k, v]) => `${k}=${renderArg(v)}`)
    .join(", ");
  return `${action.app}__${action.function}(${args})`;
}

export function renderTimedLine(message: Message): string {
  return `[${formatDateTime(message.timestamp)}] ${message.text}`;
}

/**
 * Turns completed events into messages for the user and for the assistant, and hands them out.
 * Consumers take only what is theirs and due; the rest stays queued with its timestamp.
 */
export class NotificationSystem {
  private queue: Message[] = [];
  private news = 0;

  constructor(private readonly options: NotificationOptions = {}) {}

  get pending(): readonly Message[] {
    return this.queue;
  }

  /** Environment notifications produced so far (either audience), `None` placeholders left out: the run's news. */
  get environmentNews(): number {
    return this.news;
  }

  push(message: Message, placeholder = false): void {
    const environment =
      message.type === MessageType.ENVIRONMENT_NOTIFICATION_AGENT ||
      message.type === MessageType.ENVIRONMENT_NOTIFICATION_USER;
    if (environment && !placeholder) this.news += 1;
    // Timestamps are non-decreasing in practice (the clock never goes back); keep the queue ordered anyway.
    const queue = this.queue;
    let i = queue.length;
    if (i === 0 || !((queue[i - 1] as Message).timestamp > message.timestamp)) {
      queue.push(message);
      return;
    }
    while (i > 0 && (queue[i - 1] as Message).timestamp > message.timestamp) i--;
    queue.splice(i, 0, message);
  }

  handleEvent(event: CompletedEvent, app: App | undefined, now: number): void {
    const action = event.action;
    if (!action) return;
    // Messages are built as literals with the keys in one order (timestamp, eventId, type, text): no spreads.
    const eventId = event.eventId;
    const args = action.args;
    if (action.className === AGENT_UI_CLASS) {
      if (event.metadata.exception !== null) return;
      if (action.function === "send_message_to_user") {
        this.push({
          timestamp: now,
          eventId,
          type: MessageType.AGENT_MESSAGE,
          text: String(args.content ?? ""),
        });
      } else if (action.function === "accept_proposal" || action.function === "reject_proposal") {
        const tag = action.function === "accept_proposal" ? "[ACCEPT]" : "[REJECT]";
        this.push({
          timestamp: now,
          eventId,
          type: MessageType.USER_MESSAGE,
          text: `${tag}: ${String(args.content ?? "")}`,
        });
      }
      return;
    }
    if (event.eventType === EventType.USER) {
      if (event.metadata.parentEventId === null) {
        this.push({ timestamp: now, eventId, type: MessageType.USER_ACTION, text: renderUserAction(event) });
      }
      return;
    }
    if (event.eventType !== EventType.AGENT && event.eventType !== EventType.ENV) return;
    // A failed event changed nothing, so nobody is told about it (the original notified anyway).
    if (event.metadata.exception !== null) return;
    const templates = app
      ? (app.constructor as { notificationTemplates?: NotificationTemplates }).notificationTemplates
      : undefined;
    const template = templates?.[action.function];
    const userText = template?.user ? template.user(args, event.metadata.returnValue, app) : null;
    const agentText = template?.agent ? template.agent(args, event.metadata.returnValue, app) : null;
    const withNull = this.options.nullNotifications === true;
    if (userText !== null || withNull)
      this.push(
        {
          timestamp: now,
          eventId,
          type: MessageType.ENVIRONMENT_NOTIFICATION_USER,
          text: userText ?? "None",
        },
        userText === null,
      );
    if (agentText !== null || withNull)
      this.push(
        {
          timestamp: now,
          eventId,
          type: MessageType.ENVIRONMENT_NOTIFICATION_AGENT,
          text: agentText ?? "None",
        },
        agentText === null,
      );
  }

  /** Removes and returns the messages of these types due at `now`, in time order. */
  take(types: readonly MessageType[], now: number): Message[] {
    const taken: Message[] = [];
    const kept: Message[] = [];
    for (const m of this.queue) {
      if (m.timestamp <= now && types.includes(m.type)) taken.push(m);
      else kept.push(m);
    }
    this.queue = kept;
    return taken;
  }

  /** Everything due for one audience. */
  takeFor(audience: Audience, now: number): Message[] {
    const types = (Object.keys(AUDIENCE) as MessageType[]).filter(
      (t) => AUDIENCE[t] === audience || AUDIENCE[t] === "both",
    );
    return this.take(types, now);
  }

  nextTimestamp(): number | null {
    return this.queue[0]?.timestamp ?? null;
  }

  clear(): void {
    this.queue = [];
  }
}
