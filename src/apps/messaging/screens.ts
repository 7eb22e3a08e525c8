import { z } from "zod";
import { InvalidStateError } from "../../core/errors.js";
import { parsed, userTool } from "../../core/tool-decorators.js";
import { Screen } from "../screen.js";
import type { StatefulMessagingApp } from "./app.js";
import { type ConversationView, DateTimeText, type ReadConversationResult } from "./model.js";

const ListParams = z.object({
  offset: z.number().int().min(0).default(0).describe("Number of most recent conversations to skip"),
  limit: z.number().int().min(1).max(5).default(5).describe("How many conversations to show (at most 5)"),
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
    .max(10)
    .default(10)
    .describe("How many recent messages to show per conversation (at most 10)"),
});
const SearchParams = z.object({
  query: z.string().trim().min(1).describe("Name, title or words to look for"),
  min_date: DateTimeText.optional().describe(
    "Only messages sent at or after this time, 'YYYY-MM-DD HH:MM:SS'",
  ),
  max_date: DateTimeText.optional().describe(
    "Only messages sent at or before this time, 'YYYY-MM-DD HH:MM:SS'",
  ),
  limit: z.number().int().min(1).default(10).describe("Maximum number of results"),
});
const OpenParams = z.object({
  conversation_id: z.string().min(1).describe("Id of the conversation to open"),
  offset: z.number().int().min(0).default(0).describe("Number of newest messages to skip"),
  limit: z.number().int().min(1).max(100).default(20).describe("How many messages to show, newest first"),
});
const ReadParams = z.object({
  offset: z.number().int().min(0).default(0).describe("Number of newest messages to skip"),
  limit: z.number().int().min(1).max(100).default(10).describe("How many messages to show, newest first"),
  min_date: DateTimeText.optional().describe(
    "Only messages sent at or after this time, 'YYYY-MM-DD HH:MM:SS'",
  ),
  max_date: DateTimeText.optional().describe(
    "Only messages sent at or before this time, 'YYYY-MM-DD HH:MM:SS'",
  ),
});
const DownloadParams = z.object({
  message_id: z.string().min(1).describe("Id of the message carrying the attachment"),
  download_path: z.string().min(1).default("Downloads/").describe("Folder of Files to save it into"),
});
const SendParams = z.object({
  content: z.string().default("").describe("Text of the message"),
  attachment_path: z.string().min(1).optional().describe("Path of a file in Files to attach"),
});

/** The list of chats (the app's main screen). */
export class ConversationList extends Screen<StatefulMessagingApp> {
  @userTool({
    description: "Show the most recent conversations with their latest messages.",
    params: ListParams,
  })
  list_recent_conversations(args: z.input<typeof ListParams> = {}): ConversationView[] {
    return this.app.list_recent_conversations(parsed(ListParams, args));
  }

  @userTool({ description: "Search conversations; returns the ids of the matches.", params: SearchParams })
  search_conversations(args: z.input<typeof SearchParams>): string[] {
    const { query, min_date, max_date, limit } = parsed(SearchParams, args);
    return this.app.search({ query, min_date, max_date }).slice(0, limit);
  }

  @userTool({ description: "Open a conversation and show its latest messages.", params: OpenParams })
  open_conversation(args: z.input<typeof OpenParams>): ReadConversationResult {
    const { conversation_id, offset, limit } = parsed(OpenParams, args);
    const result = this.app.read_conversation({ conversation_id, offset, limit });
    this.app.pushScreen(new ConversationOpened(conversation_id));
    return result;
  }
}

/** One open conversation. */
export class ConversationOpened extends Screen<StatefulMessagingApp> {
  constructor(public conversationId: string) {
    super();
  }

  override onEnter(): void {
    this.app.conversationOrThrow(this.conversationId);
  }

  @userTool({ description: "Show messages of this conversation, newest first.", params: ReadParams })
  read_messages(args: z.input<typeof ReadParams> = {}): ReadConversationResult {
    return this.app.read_conversation({ conversation_id: this.conversationId, ...parsed(ReadParams, args) });
  }

  @userTool({ description: "Save a message's attachment to Files.", params: DownloadParams, op: "write" })
  download_attachment(args: z.input<typeof DownloadParams>): string {
    const { message_id, download_path } = parsed(DownloadParams, args);
    return this.app.download_attachment({ conversation_id: this.conversationId, message_id, download_path });
  }

  @userTool({ description: "Send a message in this conversation.", params: SendParams, op: "write" })
  send_message(args: z.input<typeof SendParams>): string {
    const { content, attachment_path } = parsed(SendParams, args);
    const app = this.app;
    const c = app.conversationOrThrow(this.conversationId);
    if (!c.participant_ids.includes(app.currentUserId))
      throw new InvalidStateError(`You are no longer a participant of conversation ${this.conversationId}`);
    const others = c.participant_ids.filter((id) => id !== app.currentUserId);
    if (others.length >= 2)
      return app.send_message_to_group_conversation({
        conversation_id: c.conversation_id,
        content,
        attachment_path,
      });
    const [other] = others;
    if (other === undefined)
      throw new InvalidStateError(`Nobody else is left in conversation ${this.conversationId}`);
    // A direct message lands in the 1:1 conversation with that person; when two such chats exist it is the
    // most recently active one, and the screen follows it.
    const target = app.send_message({ user_id: other, content, attachment_path });
    if (target !== this.conversationId) this.app.replaceScreen(conversationScreen(target));
    return target;
  }
}

/**
 * Built outside the class on purpose: a decorated class that names itself in its own body is renamed
 * (`_ConversationOpened`) by esbuild's decorator lowering, and screen names come from the constructor's name.
 */
function conversationScreen(conversationId: string): ConversationOpened {
  return new ConversationOpened(conversationId);
}
