import { z } from "zod";
import { type AttachmentInfo, blobInfo, FileBlob } from "../files/file-blob.js";

export const Message = z.object({
  message_id: z.string().min(1),
  sender_id: z.string().min(1),
  content: z.string(),
  /** Simulated POSIX seconds. */
  timestamp: z.number().finite(),
  /** The attached file with its content, if any (tools show its name, type and size). */
  attachment: FileBlob.nullable(),
});
export type Message = z.infer<typeof Message>;

export const Conversation = z.object({
  conversation_id: z.string().min(1),
  /** Distinct user ids, the current user included while they take part. */
  participant_ids: z.array(z.string().min(1)),
  /** Oldest first (tools show newest first). */
  messages: z.array(Message),
  title: z.string(),
  last_updated: z.number().finite(),
});
export type Conversation = z.infer<typeof Conversation>;

export const MessagingState = z.object({
  current_user_id: z.string().min(1),
  current_user_name: z.string().min(1),
  /** Everyone the app knows, the current user included. Names are unique. */
  id_to_name: z.record(z.string(), z.string()),
  conversations: z.record(z.string(), Conversation),
});
export type MessagingState = z.infer<typeof MessagingState>;

/** A message as tools show it: its attachment by name, type and size (download it to read it). */
export type MessageView = Omit<Message, "attachment"> & { attachment: AttachmentInfo | null };
export type ConversationView = Omit<Conversation, "messages"> & { messages: MessageView[] };

export function messageView(m: Message): MessageView {
  return { ...m, attachment: m.attachment === null ? null : blobInfo(m.attachment) };
}

export interface ReadConversationResult {
  messages: MessageView[];
  metadata: {
    message_range: [number, number];
    conversation_length: number;
    conversation_id: string;
    conversation_title: string;
  };
}

export { DateTimeText, TimeInput, timeValue } from "../datetime-args.js";

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

function ratio(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 100 : (100 * (longest - levenshtein(a, b))) / longest;
}

/**
 * How well a query matches a name, 0..100 (case-insensitive): whole-string similarity, word-order-free
 * similarity, and a strong score when the query is one of the name's words or a clear part of it
 * ("alice" for "Alice Smith"). The original used a fuzzy-matching library; this is our own scoring.
 */
export function nameMatchScore(query: string, name: string): number {
  const q = query.trim().toLowerCase().replace(/\s+/g, " ");
  const n = name.trim().toLowerCase().replace(/\s+/g, " ");
  if (q.length === 0 || n.length === 0) return 0;
  if (q === n) return 100;
  const sorted = (s: string) => s.split(" ").sort().join(" ");
  let score = Math.max(ratio(q, n), ratio(sorted(q), sorted(n)));
  const words = n.split(" ");
  if (q.split(" ").every((w) => words.includes(w))) score = Math.max(score, 90);
  else if (q.length >= 3 && n.includes(q)) score = Math.max(score, 85);
  else {
    // A misspelt first or last name ("Jon" for "John Smith").
    for (const w of words) if (q.length >= 3) score = Math.max(score, ratio(q, w) - 5);
  }
  return score;
}
