import { z } from "zod";
import { type AttachmentInfo, blobInfo, FileBlob } from "../files/file-blob.js";

export const FOLDER_NAMES = ["INBOX", "SENT", "DRAFT", "TRASH"] as const;
export const FolderName = z.enum(FOLDER_NAMES);
export type FolderName = z.infer<typeof FolderName>;

/**
 * A folder name as tools accept it: case-insensitive, normalised to the canonical upper-case name. The
 * output is a valid input, so captured (scheduled) arguments re-validate unchanged.
 */
export const FolderInput = z.string().transform((raw, ctx): FolderName => {
  const upper = raw.trim().toUpperCase();
  const hit = FOLDER_NAMES.find((f) => f === upper || (f === "DRAFT" && upper === "DRAFTS"));
  if (hit === undefined) {
    ctx.issues.push({
      code: "custom",
      input: raw,
      message: `Unknown email folder '${raw}'; folders are ${FOLDER_NAMES.join(", ")}`,
    });
    return z.NEVER;
  }
  return hit;
});

/** Deliberately loose: one `@`, something on each side, no spaces. */
const ADDRESS = /^[^\s@]+@[^\s@]+$/;
export const Address = z.string().trim().regex(ADDRESS, "expected an email address such as name@example.com");

export { DateTimeText, TimeInput, timeValue } from "../datetime-args.js";

export const Email = z.object({
  email_id: z.string().min(1),
  sender: z.string(),
  recipients: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  content: z.string(),
  /** Attached files with their content (tools show their name, type and size). */
  attachments: z.array(FileBlob),
  /** Simulated POSIX seconds. */
  timestamp: z.number().finite(),
  is_read: z.boolean(),
  /** The email this one replies to, if any. */
  parent_id: z.string().nullable(),
});
export type Email = z.infer<typeof Email>;

export const EmailFolder = z.object({
  folder_name: FolderName,
  /** Newest first. */
  emails: z.array(Email),
});
export type EmailFolder = z.infer<typeof EmailFolder>;

export const EmailState = z.object({
  user_email: Address,
  folders: z.object({ INBOX: EmailFolder, SENT: EmailFolder, DRAFT: EmailFolder, TRASH: EmailFolder }),
});
export type EmailState = z.infer<typeof EmailState>;

/** An email as tools show it: its attachments by name, type and size (download them to read them). */
export type EmailView = Omit<Email, "attachments"> & { attachments: AttachmentInfo[] };

export function emailView(e: Email): EmailView {
  return { ...e, recipients: [...e.recipients], cc: [...e.cc], attachments: e.attachments.map(blobInfo) };
}

export interface ReturnedEmails {
  emails: EmailView[];
  /** [start, end) of the page within the folder. */
  emails_range: [number, number];
  total_returned_emails: number;
  total_emails: number;
}

/** What the compose screen edits before anything reaches a folder. */
export const ComposeDraft = z.object({
  recipients: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  /** Paths of files in Files; they are read when the email is sent or saved. */
  attachments: z.array(z.string()),
  reply_to: z.string().nullable(),
  reply_to_folder: FolderName.nullable(),
});
export type ComposeDraft = z.infer<typeof ComposeDraft>;

export function emptyDraft(): ComposeDraft {
  return {
    recipients: [],
    cc: [],
    subject: "",
    body: "",
    attachments: [],
    reply_to: null,
    reply_to_folder: null,
  };
}

/** Subject of a reply: one "Re: " prefix, never stacked. */
export function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject : `Re: ${subject}`;
}

export function forwardSubject(subject: string): string {
  return /^fwd?:/i.test(subject.trim()) ? subject : `FWD: ${subject}`;
}
