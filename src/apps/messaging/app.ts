import { RE2JS } from "re2js";
import { z } from "zod";
import type { App, AppOptions } from "../../core/app.js";
import { InvalidStateError, NotFoundError, ToolError } from "../../core/errors.js";
import type { JsonValue } from "../../core/json.js";
import type { NotificationTemplates } from "../../core/notifications.js";
import type { ProtocolProviders } from "../../core/protocols.js";
import { agentTool, dataTool, envTool, parsed, type ToolSpec } from "../../core/tool-decorators.js";
import type { StatefulFilesApp } from "../files/app.js";
import { attachFromFiles, fileSystemOf, saveAttachments } from "../files/attachments.js";
import { BlobSeed, blobFromSeed, copyBlob, describeBlob, type FileBlob } from "../files/file-blob.js";
import type { Screen } from "../screen.js";
import { StatefulApp } from "../stateful-app.js";
import {
  type Conversation,
  type ConversationView,
  DateTimeText,
  type Message,
  MessagingState,
  messageView,
  nameMatchScore,
  type ReadConversationResult,
  TimeInput,
  timeValue,
} from "./model.js";
import { ConversationList } from "./screens.js";

export const DEFAULT_USER_NAME = "John Doe";
const CONVERSATION_VIEW_LIMIT = 5;
const MESSAGES_VIEW_LIMIT = 10;
const LOOKUP_THRESHOLD = 80;

const UserName = z.object({ user_name: z.string().trim().min(1).describe("Full name of the person") });
const UserId = z.object({ user_id: z.string().min(1).describe("Id of the person") });
const ConversationId = z.string().min(1).describe("Id of the conversation");
const Content = z.string().default("").describe("Text of the message");
const AttachmentPath = z
  .string()
  .min(1)
  .optional()
  .describe("Path of a file in Files to attach, e.g. 'Documents/plan.pdf'");
const MAX_REGEX_CHARS = 500;

const SendParams = z.object({
  user_id: z.string().min(1).describe("Id of the person to write to (see get_user_id / lookup_user_id)"),
  content: Content,
  attachment_path: AttachmentPath,
});
const SendGroupParams = z.object({
  conversation_id: ConversationId,
  content: Content,
  attachment_path: AttachmentPath,
});
const CreateGroupParams = z.object({
  user_ids: z
    .array(z.string().min(1))
    .min(1)
    .describe("Ids of the other members (at least two; you are added)"),
  title: z.string().trim().min(1).optional().describe("Name of the group (default: the members' names)"),
});
const UserIdsParams = z.object({
  user_ids: z.array(z.string().min(1)).min(1).describe("Ids of the other participants (you are implied)"),
});
const pagingShape = {
  offset: z.number().int().min(0).default(0).describe("Number of most recent conversations to skip"),
  limit: z
    .number()
    .int()
    .min(1)
    .max(CONVERSATION_VIEW_LIMIT)
    .default(CONVERSATION_VIEW_LIMIT)
    .describe(`How many conversations to return (at most ${CONVERSATION_VIEW_LIMIT})`),
  offset_recent_messages_per_conversation: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe("Number of newest messages to skip in each conversation"),
  limit_recent_messages_per_conversation: z
    .number()
    .int()
    .min(0)
    .max(MESSAGES_VIEW_LIMIT)
    .default(MESSAGES_VIEW_LIMIT)
    .describe(`How many recent messages to include per conversation (at most ${MESSAGES_VIEW_LIMIT})`),
};
const ListRecentParams = z.object(pagingShape);
const ByParticipantParams = z.object({
  user_id: z.string().min(1).describe("Id of the person whose conversations to list"),
  ...pagingShape,
});
const ReadParams = z.object({
  conversation_id: ConversationId,
  offset: z.number().int().min(0).default(0).describe("Number of newest messages to skip"),
  limit: z.number().int().min(1).max(100).default(10).describe("How many messages to return, newest first"),
  min_date: DateTimeText.optional().describe(
    "Only messages sent at or after this time, 'YYYY-MM-DD HH:MM:SS'",
  ),
  max_date: DateTimeText.optional().describe(
    "Only messages sent at or before this time, 'YYYY-MM-DD HH:MM:SS'",
  ),
});
const ParticipantParams = z.object({
  conversation_id: ConversationId,
  user_id: z.string().min(1).describe("Id of the person"),
});
const TitleParams = z.object({
  conversation_id: ConversationId,
  title: z.string().trim().min(1).describe("New title"),
});
const SearchParams = z.object({
  query: z.string().trim().min(1).describe("Text to look for in participant names, titles and messages"),
  min_date: DateTimeText.optional().describe("Only consider messages sent at or after this time"),
  max_date: DateTimeText.optional().describe("Only consider messages sent at or before this time"),
});
const RegexSearchParams = z.object({
  query: z
    .string()
    .min(1)
    .max(MAX_REGEX_CHARS)
    .describe(
      "Regular expression, matched case-insensitively (RE2 syntax: no look-around or back-references), e.g. 'invoice|receipt'",
    ),
  min_date: DateTimeText.optional().describe("Only consider messages sent at or after this time"),
  max_date: DateTimeText.optional().describe("Only consider messages sent at or before this time"),
});
const DownloadParams = z.object({
  conversation_id: ConversationId,
  message_id: z.string().min(1).describe("Id of the message carrying the attachment (see read_conversation)"),
  download_path: z
    .string()
    .min(1)
    .default("Downloads/")
    .describe("Folder of Files to save the attachment into (default Downloads/)"),
});
const IncomingParams = z.object({
  conversation_id: ConversationId,
  sender_id: z.string().min(1).describe("Id of the participant who sends it"),
  content: z.string().describe("Text of the message"),
  attachment: BlobSeed.optional().describe(
    "A file the sender attaches: a file name, or {name, text, mime_type, size}",
  ),
});

const ReceiveConversationParams = z.object({
  conversation_id: z.string().min(1).describe("Id of the new conversation"),
  participant_ids: z.array(z.string().min(1)).min(1).describe("Ids of the other participants"),
  title: z.string().nullable().default(null).describe("Title of the conversation"),
});

const AddUsersParams = z.object({
  user_names: z.array(z.string().trim().min(1)).min(1).describe("Full names of people to register"),
});
const AddPhoneContactsParams = z.object({
  contacts: z
    .array(
      z.object({
        name: z.string().trim().min(1),
        phone: z.string().trim().regex(/\d/, "phone needs a digit"),
      }),
    )
    .min(1)
    .describe("People to register under their phone number as id"),
});
const SeedMessage = z.object({
  sender: z.string().min(1).describe("Id or registered name of the sender (a participant)"),
  content: z.string().describe("Text"),
  time: TimeInput.describe("When it was sent: 'YYYY-MM-DD HH:MM:SS' or POSIX seconds"),
  attachment: BlobSeed.nullable()
    .default(null)
    .describe("Attached file: a file name, or {name, text, mime_type, size}"),
});
const AddConversationParams = z.object({
  participants: z
    .array(z.string().min(1))
    .min(1)
    .describe("Ids or registered names of the other participants (the current user is added)"),
  title: z.string().trim().min(1).optional().describe("Title (default: the other participants' names)"),
  conversation_id: z.string().min(1).optional().describe("Id (generated when omitted)"),
  messages: z.array(SeedMessage).default([]).describe("Messages, in any order"),
});
const TimedMessageParams = z.object({
  conversation_id: ConversationId,
  sender_id: z.string().min(1).describe("Id or registered name of the sender (a participant)"),
  content: z.string().describe("Text of the message"),
  time: TimeInput.describe("When it was sent: 'YYYY-MM-DD HH:MM:SS' or POSIX seconds"),
  attachment: BlobSeed.nullable()
    .default(null)
    .describe("Attached file: a file name, or {name, text, mime_type, size}"),
});

const str = (v: JsonValue | undefined): string => (v === undefined || v === null ? "" : String(v));
const preview = (v: JsonValue | undefined): string => {
  const text = str(v);
  return text.length > 20 ? `${text.slice(0, 20)}...` : text;
};
const list = (v: JsonValue | undefined): string => (Array.isArray(v) ? v.map(str).join(", ") : str(v));

const SPEC_CREATE_GROUP: ToolSpec = {
  description:
    "Create a group conversation with at least two other people (you are included). Returns the conversation id.",
  params: CreateGroupParams,
  op: "write",
  returns: "str (conversation id)",
};
const SPEC_ADD_PARTICIPANT: ToolSpec = {
  description: "Add a person to a conversation.",
  params: ParticipantParams,
  op: "write",
};
const SPEC_REMOVE_PARTICIPANT: ToolSpec = {
  description: "Remove a person from a conversation.",
  params: ParticipantParams,
  op: "write",
};
const SPEC_CHANGE_TITLE: ToolSpec = {
  description: "Rename a conversation.",
  params: TitleParams,
  op: "write",
};

/** Who sent a message and where, by name: notifications read like a phone's, ids stay in the agent text. */
function describeMessage(
  app: App | undefined,
  a: Record<string, JsonValue>,
): { name: string; title: string } {
  const messaging = app instanceof StatefulMessagingApp ? app : undefined;
  const sender = str(a.sender_id);
  const conversation = str(a.conversation_id);
  return {
    name: messaging?.idToName.get(sender) ?? sender,
    title: messaging?.conversations.get(conversation)?.title ?? conversation,
  };
}

/** The file attached to the message an event created, if any. */
function attachedTo(app: App | undefined, a: Record<string, JsonValue>, messageId: unknown): FileBlob | null {
  if (!(app instanceof StatefulMessagingApp) || typeof messageId !== "string") return null;
  const c = app.conversations.get(str(a.conversation_id));
  return c?.messages.find((m) => m.message_id === messageId)?.attachment ?? null;
}

export interface MessagingAppOptions extends AppOptions {
  /** The phone owner's name (default John Doe). */
  current_user_name?: string;
}

/**
 * The phone's chat app. People are known by id (`id_to_name`); the current user (John Doe) has an id
 * drawn from the app's seeded generator at construction. A 1:1 conversation is the one whose only
 * participants are the user and one other person; groups have at least three participants.
 */
export class StatefulMessagingApp extends StatefulApp<MessagingState> {
  static notificationTemplates: NotificationTemplates = {
    create_and_add_message: {
      user: (a, r, app) => {
        const { name, title } = describeMessage(app, a);
        const file = attachedTo(app, a, r);
        return `New message from ${name} in ${title}: ${preview(a.content)}${file ? ` [${file.name}]` : ""}`;
      },
      agent: (a, r, app) => {
        const { name, title } = describeMessage(app, a);
        const file = attachedTo(app, a, r);
        const attached = file ? `\nAttachment: ${describeBlob(file)} (message id ${String(r)})` : "";
        return `New message from ${name} (user id ${str(a.sender_id)}) in conversation ${str(a.conversation_id)} (${title}):\n${str(a.content)}${attached}`;
      },
    },
    create_group_conversation: {
      user: (a) => `New group chat created with ${list(a.user_ids)}${a.title ? ` (${str(a.title)})` : ""}`,
      agent: (a, r) =>
        "Messaging update: new group conversation created" +
        (typeof r === "string" ? `\nConversation: ${r}` : "") +
        `\nParticipants: ${list(a.user_ids)}${a.title ? `\nTitle: ${str(a.title)}` : ""}`,
    },
    add_participant_to_conversation: {
      user: (a) => `Added ${str(a.user_id)} to conversation ${str(a.conversation_id)}`,
      agent: (a) =>
        `Messaging update: participant added\nConversation: ${str(a.conversation_id)}\nUser added: ${str(a.user_id)}`,
    },
    remove_participant_from_conversation: {
      user: (a) => `Removed ${str(a.user_id)} from conversation ${str(a.conversation_id)}`,
      agent: (a) =>
        `Messaging update: participant removed\nConversation: ${str(a.conversation_id)}\nUser removed: ${str(a.user_id)}`,
    },
    change_conversation_title: {
      user: (a) => `Conversation ${str(a.conversation_id)} renamed to: ${str(a.title)}`,
      agent: (a) =>
        `Messaging update: title changed\nConversation: ${str(a.conversation_id)}\nNew title: ${str(a.title)}`,
    },
  };

  readonly stateSchema = MessagingState;
  currentUserId: string;
  currentUserName: string;
  idToName = new Map<string, string>();
  conversations = new Map<string, Conversation>();
  /** Identity fixed at construction, so a reset keeps the same user id. */
  private readonly initialUser: { id: string; name: string };

  constructor(options: MessagingAppOptions = {}) {
    super({ name: options.name ?? "Messages" });
    const name = (options.current_user_name ?? DEFAULT_USER_NAME).trim();
    if (name.length === 0) throw new TypeError("current_user_name: must not be empty");
    this.initialUser = { id: this.newId(), name };
    this.currentUserId = this.initialUser.id;
    this.currentUserName = name;
    this.restoreState(this.emptyState());
  }

  /** The phone's file system, once connected (attachments come from and go to it). */
  private files: StatefulFilesApp | undefined;

  protected createRootScreen(): Screen {
    return new ConversationList();
  }

  override connectToProtocols(providers: ProtocolProviders): void {
    this.files = fileSystemOf(providers) ?? this.files;
  }

  private attachment(path: string | undefined): FileBlob | null {
    return path === undefined
      ? null
      : (attachFromFiles(this.files, [path], "attachment_path")[0] as FileBlob);
  }

  protected dumpState(): MessagingState {
    return {
      current_user_id: this.currentUserId,
      current_user_name: this.currentUserName,
      id_to_name: Object.fromEntries(this.idToName),
      conversations: Object.fromEntries(this.conversations),
    };
  }

  protected restoreState(state: MessagingState): void {
    this.currentUserId = state.current_user_id;
    this.currentUserName = state.current_user_name;
    this.idToName = new Map(Object.entries(state.id_to_name));
    this.idToName.set(state.current_user_id, state.current_user_name);
    this.conversations = new Map(
      Object.entries(state.conversations).map(([id, c]) => [id, copyConversation(c)]),
    );
  }

  protected emptyState(): MessagingState {
    const { id, name } = this.initialUser;
    return { current_user_id: id, current_user_name: name, id_to_name: { [id]: name }, conversations: {} };
  }

  // --- internal helpers (not tools: nothing here is logged) ---------------------------------------

  conversationOrThrow(conversationId: string): Conversation {
    const c = this.conversations.get(conversationId);
    if (!c) throw new NotFoundError(`Conversation ${conversationId} does not exist`);
    return c;
  }

  private idForName(name: string): string | undefined {
    for (const [id, n] of this.idToName) if (n === name) return id;
    return undefined;
  }

  private knownUser(userId: string, field: string): void {
    if (!this.idToName.has(userId))
      throw new NotFoundError(
        `${field}: unknown user id ${userId}; find ids with get_user_id or lookup_user_id`,
      );
  }

  /** For seeding: an id, or the id of a registered name. */
  private resolveUser(ref: string, field: string): string {
    if (this.idToName.has(ref)) return ref;
    const id = this.idForName(ref.trim());
    if (id !== undefined) return id;
    throw new NotFoundError(`${field}: unknown user '${ref}'; register people with add_users first`);
  }

  /** The title a conversation gets when nobody named it: the other participants' names. */
  defaultTitle(participantIds: readonly string[]): string {
    const others = participantIds.filter((id) => id !== this.currentUserId);
    const ids = others.length > 0 ? others : participantIds;
    return ids.map((id) => this.idToName.get(id) ?? id).join(", ");
  }

  /** The 1:1 conversation with someone: exactly the user and them; the most recently active wins. */
  oneToOneWith(userId: string): Conversation | undefined {
    let best: Conversation | undefined;
    for (const c of this.conversations.values()) {
      const p = c.participant_ids;
      if (p.length === 2 && p.includes(userId) && p.includes(this.currentUserId))
        if (!best || c.last_updated > best.last_updated) best = c;
    }
    return best;
  }

  private newConversation(participantIds: string[], title: string | undefined, id?: string): Conversation {
    const ids = [...new Set([this.currentUserId, ...participantIds])];
    return {
      conversation_id: id ?? this.newId(),
      participant_ids: ids,
      messages: [],
      title: title ?? this.defaultTitle(ids),
      last_updated: this.clock.now(),
    };
  }

  private append(c: Conversation, message: Omit<Message, "message_id">): string {
    const full: Message = { message_id: this.newId(), ...message };
    // Kept oldest first; a message as old as others goes after them.
    const at = c.messages.findIndex((m) => m.timestamp > full.timestamp);
    c.messages.splice(at < 0 ? c.messages.length : at, 0, full);
    c.last_updated = Math.max(c.last_updated, full.timestamp);
    return full.message_id;
  }

  private requireSomething(content: string, attachmentPath: string | undefined): void {
    if (content.trim().length === 0 && attachmentPath === undefined)
      throw new ToolError("invalid_arguments", "content: the message is empty", "content");
  }

  private view(c: Conversation, offset: number, limit: number): ConversationView {
    const newestFirst = [...c.messages].reverse();
    return {
      ...copyConversation(c),
      messages: newestFirst.slice(offset, offset + limit).map(messageView),
    };
  }

  private recent(convs: Conversation[], a: z.output<typeof ListRecentParams>): ConversationView[] {
    return [...convs]
      .sort((x, y) => y.last_updated - x.last_updated)
      .slice(a.offset, a.offset + a.limit)
      .map((c) =>
        this.view(c, a.offset_recent_messages_per_conversation, a.limit_recent_messages_per_conversation),
      );
  }

  private retitleIfDefault(c: Conversation, before: readonly string[]): void {
    if (c.title === this.defaultTitle(before)) c.title = this.defaultTitle(c.participant_ids);
  }

  private registerUser(name: string, id: string): void {
    const clash = this.idToName.get(id);
    if (clash !== undefined && clash !== name)
      throw new InvalidStateError(`Id ${id} already belongs to ${clash}`);
    this.idToName.set(id, name);
  }

  // --- agent tools --------------------------------------------------------------------------------

  @agentTool({
    description: "Get the user id of a person from their exact full name; null when nobody has that name.",
    params: UserName,
    returns: "str | None",
  })
  get_user_id(args: z.input<typeof UserName>): string | null {
    return this.idForName(parsed(UserName, args).user_name) ?? null;
  }

  @agentTool({
    description: "Get a person's name from their user id; null when the id is unknown.",
    params: UserId,
    returns: "str | None",
  })
  get_user_name_from_id(args: z.input<typeof UserId>): string | null {
    return this.idToName.get(parsed(UserId, args).user_id) ?? null;
  }

  @agentTool({
    description:
      "Find user ids by name, tolerating partial names and small misspellings. Returns {name: user_id} for every good match (empty when none).",
    params: UserName,
    returns: "dict[str, str]",
  })
  lookup_user_id(args: z.input<typeof UserName>): Record<string, string> {
    const { user_name } = parsed(UserName, args);
    const exact = this.idForName(user_name);
    if (exact !== undefined) return { [user_name]: exact };
    const scored = [...this.idToName]
      .map(([id, name]) => ({ id, name, score: nameMatchScore(user_name, name) }))
      .filter((s) => s.score >= LOOKUP_THRESHOLD)
      .sort((a, b) => b.score - a.score);
    return Object.fromEntries(scored.map((s) => [s.name, s.id]));
  }

  @agentTool({
    description:
      "Send a direct message to one person, in your 1:1 conversation with them (created if needed). Returns the conversation id.",
    params: SendParams,
    op: "write",
    returns: "str (conversation id)",
  })
  send_message(args: z.input<typeof SendParams>): string {
    const { user_id, content, attachment_path } = parsed(SendParams, args);
    this.knownUser(user_id, "user_id");
    if (user_id === this.currentUserId)
      throw new ToolError("invalid_arguments", "user_id: that is your own id", "user_id");
    this.requireSomething(content, attachment_path);
    const attachment = this.attachment(attachment_path);
    let c = this.oneToOneWith(user_id);
    if (!c) {
      c = this.newConversation([user_id], undefined);
      this.conversations.set(c.conversation_id, c);
    }
    this.append(c, { sender_id: this.currentUserId, content, timestamp: this.clock.now(), attachment });
    return c.conversation_id;
  }

  @agentTool({
    description:
      "Post a message to a group conversation (three or more participants). Returns the conversation id.",
    params: SendGroupParams,
    op: "write",
    returns: "str (conversation id)",
  })
  send_message_to_group_conversation(args: z.input<typeof SendGroupParams>): string {
    const { conversation_id, content, attachment_path } = parsed(SendGroupParams, args);
    const c = this.conversationOrThrow(conversation_id);
    if (c.participant_ids.length < 3)
      throw new InvalidStateError(
        `Conversation ${conversation_id} is not a group conversation; use send_message with the person's user id`,
      );
    if (!c.participant_ids.includes(this.currentUserId))
      throw new InvalidStateError(`You are not a participant of conversation ${conversation_id}`);
    this.requireSomething(content, attachment_path);
    const attachment = this.attachment(attachment_path);
    this.append(c, { sender_id: this.currentUserId, content, timestamp: this.clock.now(), attachment });
    return c.conversation_id;
  }

  @envTool(SPEC_CREATE_GROUP)
  @agentTool(SPEC_CREATE_GROUP)
  create_group_conversation(args: z.input<typeof CreateGroupParams>): string {
    const { user_ids, title } = parsed(CreateGroupParams, args);
    user_ids.forEach((id, i) => {
      this.knownUser(id, `user_ids.${i}`);
    });
    const others = new Set(user_ids.filter((id) => id !== this.currentUserId));
    if (others.size < 2)
      throw new ToolError(
        "invalid_arguments",
        "user_ids: a group needs at least two other people; use send_message for one person",
        "user_ids",
      );
    const c = this.newConversation([...others], title);
    this.conversations.set(c.conversation_id, c);
    return c.conversation_id;
  }

  @agentTool({
    description:
      "Ids of the conversations whose participants are exactly these people and you, most recent first.",
    params: UserIdsParams,
    returns: "list[str]",
  })
  get_existing_conversation_ids(args: z.input<typeof UserIdsParams>): string[] {
    const { user_ids } = parsed(UserIdsParams, args);
    const wanted = new Set([this.currentUserId, ...user_ids]);
    return [...this.conversations.values()]
      .filter(
        (c) => c.participant_ids.length === wanted.size && c.participant_ids.every((id) => wanted.has(id)),
      )
      .sort((a, b) => b.last_updated - a.last_updated)
      .map((c) => c.conversation_id);
  }

  @agentTool({
    description:
      "List conversations, most recently active first, each with its latest messages (newest first).",
    params: ListRecentParams,
    returns: "list[Conversation]",
  })
  list_recent_conversations(args: z.input<typeof ListRecentParams> = {}): ConversationView[] {
    return this.recent([...this.conversations.values()], parsed(ListRecentParams, args));
  }

  @agentTool({
    description: "List the conversations a person takes part in, most recently active first.",
    params: ByParticipantParams,
    returns: "list[Conversation]",
  })
  list_conversations_by_participant(args: z.input<typeof ByParticipantParams>): ConversationView[] {
    const a = parsed(ByParticipantParams, args);
    this.knownUser(a.user_id, "user_id");
    const convs = [...this.conversations.values()].filter((c) => c.participant_ids.includes(a.user_id));
    return this.recent(convs, a);
  }

  @agentTool({
    description:
      "Read the messages of a conversation, newest first, optionally within a time window. Returns the messages and the conversation's details.",
    params: ReadParams,
    returns: "{messages: list[Message], metadata: {...}}",
  })
  read_conversation(args: z.input<typeof ReadParams>): ReadConversationResult {
    const { conversation_id, offset, limit, min_date, max_date } = parsed(ReadParams, args);
    const [from, to] = window(min_date, max_date);
    const c = this.conversationOrThrow(conversation_id);
    const inWindow = [...c.messages].reverse().filter((m) => m.timestamp >= from && m.timestamp <= to);
    const end = Math.min(offset + limit, inWindow.length);
    return {
      messages: inWindow.slice(offset, end).map(messageView),
      metadata: {
        message_range: [Math.min(offset, inWindow.length), end],
        conversation_length: inWindow.length,
        conversation_id,
        conversation_title: c.title,
      },
    };
  }

  @envTool(SPEC_ADD_PARTICIPANT)
  @agentTool(SPEC_ADD_PARTICIPANT)
  add_participant_to_conversation(args: z.input<typeof ParticipantParams>): string {
    const { conversation_id, user_id } = parsed(ParticipantParams, args);
    const c = this.conversationOrThrow(conversation_id);
    this.knownUser(user_id, "user_id");
    if (c.participant_ids.includes(user_id))
      throw new InvalidStateError(`${user_id} is already in conversation ${conversation_id}`);
    const before = [...c.participant_ids];
    c.participant_ids.push(user_id);
    this.retitleIfDefault(c, before);
    return conversation_id;
  }

  @envTool(SPEC_REMOVE_PARTICIPANT)
  @agentTool(SPEC_REMOVE_PARTICIPANT)
  remove_participant_from_conversation(args: z.input<typeof ParticipantParams>): string {
    const { conversation_id, user_id } = parsed(ParticipantParams, args);
    const c = this.conversationOrThrow(conversation_id);
    if (!c.participant_ids.includes(user_id))
      throw new InvalidStateError(`${user_id} is not in conversation ${conversation_id}`);
    const before = [...c.participant_ids];
    c.participant_ids = c.participant_ids.filter((id) => id !== user_id);
    this.retitleIfDefault(c, before);
    return conversation_id;
  }

  @envTool(SPEC_CHANGE_TITLE)
  @agentTool(SPEC_CHANGE_TITLE)
  change_conversation_title(args: z.input<typeof TitleParams>): string {
    const { conversation_id, title } = parsed(TitleParams, args);
    this.conversationOrThrow(conversation_id).title = title;
    return conversation_id;
  }

  @agentTool({
    description:
      "Find conversations whose participants' names, title or messages contain the query (case-insensitive), optionally only looking at messages in a time window. Returns conversation ids, most recent first.",
    params: SearchParams,
    returns: "list[str]",
  })
  search(args: z.input<typeof SearchParams>): string[] {
    const { query, min_date, max_date } = parsed(SearchParams, args);
    const [from, to] = window(min_date, max_date);
    const windowed = min_date !== undefined || max_date !== undefined;
    const q = query.toLowerCase();
    const hit = (s: string) => s.toLowerCase().includes(q);
    return [...this.conversations.values()]
      .filter((c) => {
        const messages = c.messages.filter((m) => m.timestamp >= from && m.timestamp <= to);
        if (windowed && messages.length === 0) return false;
        if (messages.some((m) => hit(m.content) || (m.attachment !== null && hit(m.attachment.name))))
          return true;
        return hit(c.title) || c.participant_ids.some((id) => hit(id) || hit(this.idToName.get(id) ?? ""));
      })
      .sort((a, b) => b.last_updated - a.last_updated)
      .map((c) => c.conversation_id);
  }

  @agentTool({
    description:
      "Find conversations whose participants' names or ids, title or messages match a regular expression (case-insensitive), optionally only looking at messages in a time window. Returns conversation ids, most recent first.",
    params: RegexSearchParams,
    returns: "list[str]",
  })
  regex_search(args: z.input<typeof RegexSearchParams>): string[] {
    const { query, min_date, max_date } = parsed(RegexSearchParams, args);
    const [from, to] = window(min_date, max_date);
    let pattern: RE2JS;
    try {
      // RE2 matches in linear time, so no query can stall the simulation (backtracking engines can).
      pattern = RE2JS.compile(query, RE2JS.CASE_INSENSITIVE);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new ToolError(
        "invalid_arguments",
        `query: not a valid regular expression (${detail}); look-around and back-references are not supported`,
        "query",
      );
    }
    const hit = (s: string) => pattern.matcher(s).find();
    return [...this.conversations.values()]
      .filter((c) => {
        const people = c.participant_ids.some((id) => hit(id) || hit(this.idToName.get(id) ?? ""));
        if (people || hit(c.title)) return true;
        return c.messages.some(
          (m) =>
            m.timestamp >= from &&
            m.timestamp <= to &&
            (hit(m.content) || (m.attachment !== null && hit(m.attachment.name))),
        );
      })
      .sort((a, b) => b.last_updated - a.last_updated)
      .map((c) => c.conversation_id);
  }

  @agentTool({
    description:
      "Save a message's attachment into a folder of Files (a different file with the same name is kept; the new one gets a number). Returns the saved file's path.",
    params: DownloadParams,
    op: "write",
    returns: "str (path)",
  })
  download_attachment(args: z.input<typeof DownloadParams>): string {
    const { conversation_id, message_id, download_path } = parsed(DownloadParams, args);
    const c = this.conversationOrThrow(conversation_id);
    const message = c.messages.find((m) => m.message_id === message_id);
    if (!message) throw new NotFoundError(`Message ${message_id} is not in conversation ${conversation_id}`);
    if (message.attachment === null) throw new InvalidStateError(`Message ${message_id} has no attachment`);
    return saveAttachments(this.files, download_path, [message.attachment], "download_path")[0] as string;
  }

  // --- environment tools --------------------------------------------------------------------------

  @envTool({
    description: "A participant posts a message into a conversation now. Returns the message id.",
    params: IncomingParams,
    op: "write",
  })
  create_and_add_message(args: z.input<typeof IncomingParams>): string {
    const { conversation_id, sender_id, content, attachment } = parsed(IncomingParams, args);
    const c = this.conversationOrThrow(conversation_id);
    this.knownUser(sender_id, "sender_id");
    if (!c.participant_ids.includes(sender_id))
      throw new InvalidStateError(`${sender_id} is not a participant of conversation ${conversation_id}`);
    const file = attachment === undefined ? null : blobFromSeed(attachment, "attachment");
    return this.append(c, { sender_id, content, timestamp: Math.floor(this.clock.now()), attachment: file });
  }

  @envTool({
    description:
      "Someone starts a conversation with the user (participants by id; unknown ids are registered under their id). Returns the conversation id.",
    params: ReceiveConversationParams,
    op: "write",
  })
  receive_conversation(args: z.input<typeof ReceiveConversationParams>): string {
    const { conversation_id, participant_ids, title } = parsed(ReceiveConversationParams, args);
    if (this.conversations.has(conversation_id))
      throw new InvalidStateError(`Conversation ${conversation_id} already exists`);
    for (const id of participant_ids) if (!this.idToName.has(id)) this.registerUser(id, id);
    const c = this.newConversation(participant_ids, title ?? undefined, conversation_id);
    this.conversations.set(c.conversation_id, c);
    return c.conversation_id;
  }

  // --- data tools (scenario seeding) --------------------------------------------------------------

  @dataTool({
    description:
      "Register people by full name (names already known keep their id). Returns {name: user_id} for every name given.",
    params: AddUsersParams,
    op: "write",
  })
  add_users(args: z.input<typeof AddUsersParams>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of parsed(AddUsersParams, args).user_names) {
      let id = this.idForName(name);
      if (id === undefined) {
        id = this.newId();
        this.idToName.set(id, name);
      }
      out[name] = id;
    }
    return out;
  }

  @dataTool({
    description: "Register people with their phone number as user id. Returns {name: user_id}.",
    params: AddPhoneContactsParams,
    op: "write",
  })
  add_contacts(args: z.input<typeof AddPhoneContactsParams>): Record<string, string> {
    const { contacts } = parsed(AddPhoneContactsParams, args);
    for (const { name, phone } of contacts) {
      const clash = this.idToName.get(phone);
      if (clash !== undefined && clash !== name)
        throw new InvalidStateError(`Id ${phone} already belongs to ${clash}`);
      const other = this.idForName(name);
      if (other !== undefined && other !== phone)
        throw new InvalidStateError(`${name} is already registered with id ${other}`);
    }
    for (const { name, phone } of contacts) this.registerUser(name, phone);
    return Object.fromEntries(contacts.map(({ name, phone }) => [name, phone]));
  }

  @dataTool({
    description:
      "Seed a conversation with the current user and the given people (ids or registered names), optionally with its past messages. Returns the conversation id.",
    params: AddConversationParams,
    op: "write",
  })
  add_conversation(args: z.input<typeof AddConversationParams>): string {
    const { participants, title, conversation_id, messages } = parsed(AddConversationParams, args);
    const ids = participants.map((p, i) => this.resolveUser(p, `participants.${i}`));
    if (conversation_id !== undefined && this.conversations.has(conversation_id))
      throw new InvalidStateError(`Conversation ${conversation_id} already exists`);
    const c = this.newConversation(ids, title, conversation_id);
    if (c.participant_ids.length < 2)
      throw new ToolError(
        "invalid_arguments",
        "participants: name at least one other person",
        "participants",
      );
    const seeded = messages.map((m, i) => {
      const sender = this.resolveUser(m.sender, `messages.${i}.sender`);
      if (!c.participant_ids.includes(sender))
        throw new ToolError(
          "invalid_arguments",
          `messages.${i}.sender: ${m.sender} is not a participant`,
          `messages.${i}.sender`,
        );
      return {
        sender_id: sender,
        content: m.content,
        timestamp: timeValue(m.time),
        attachment: m.attachment === null ? null : blobFromSeed(m.attachment, `messages.${i}.attachment`),
      };
    });
    if (seeded.length > 0) c.last_updated = Math.max(...seeded.map((m) => m.timestamp));
    for (const m of seeded) this.append(c, m);
    this.conversations.set(c.conversation_id, c);
    return c.conversation_id;
  }

  @dataTool({
    description: "Seed one past message into a conversation at a given time. Returns the message id.",
    params: TimedMessageParams,
    op: "write",
  })
  create_and_add_message_with_time(args: z.input<typeof TimedMessageParams>): string {
    const { conversation_id, sender_id, content, time, attachment } = parsed(TimedMessageParams, args);
    const c = this.conversationOrThrow(conversation_id);
    const sender = this.resolveUser(sender_id, "sender_id");
    if (!c.participant_ids.includes(sender))
      throw new InvalidStateError(`${sender_id} is not a participant of conversation ${conversation_id}`);
    const file = attachment === null ? null : blobFromSeed(attachment, "attachment");
    return this.append(c, { sender_id: sender, content, timestamp: timeValue(time), attachment: file });
  }
}

function window(min: string | undefined, max: string | undefined): [number, number] {
  const from = min === undefined ? Number.NEGATIVE_INFINITY : timeValue(min);
  const to = max === undefined ? Number.POSITIVE_INFINITY : timeValue(max);
  if (from > to)
    throw new ToolError("invalid_arguments", "min_date: must not be later than max_date", "min_date");
  return [from, to];
}

function copyConversation(c: Conversation): Conversation {
  return {
    ...c,
    participant_ids: [...c.participant_ids],
    messages: c.messages.map((m) => ({
      ...m,
      attachment: m.attachment === null ? null : copyBlob(m.attachment),
    })),
  };
}
