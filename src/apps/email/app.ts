import { z } from "zod";
import type { App, AppOptions } from "../../core/app.js";
import { InvalidStateError, NotFoundError, ToolError } from "../../core/errors.js";
import type { JsonValue } from "../../core/json.js";
import type { NotificationTemplates } from "../../core/notifications.js";
import type { ProtocolProviders } from "../../core/protocols.js";
import { agentTool, dataTool, envTool, parsed, type ToolSpec } from "../../core/tool-decorators.js";
import type { StatefulFilesApp } from "../files/app.js";
import { attachFromFiles, fileSystemOf, saveAttachments, worldAttachment } from "../files/attachments.js";
import { BlobSeed, blobFromSeed, copyBlob, describeBlob, type FileBlob } from "../files/file-blob.js";
import type { Screen } from "../screen.js";
import { StatefulApp } from "../stateful-app.js";
import {
  Address,
  type ComposeDraft,
  type Email,
  EmailState,
  type EmailView,
  emailView,
  FOLDER_NAMES,
  FolderInput,
  type FolderName,
  forwardSubject,
  type ReturnedEmails,
  replySubject,
  TimeInput,
  timeValue,
} from "./model.js";
import { MailboxView } from "./screens.js";

export const DEFAULT_USER_EMAIL = "john@pare.com";

const folderArg = (what: string) =>
  FolderInput.default("INBOX").describe(`${what}: INBOX, SENT, DRAFT or TRASH (default INBOX)`);
const EmailId = z.string().min(1).describe("Id of the email");
const Addresses = (what: string) => z.array(Address).default([]).describe(what);
const AttachmentPaths = z
  .array(z.string().min(1))
  .default([])
  .describe("Paths of files in Files to attach, e.g. 'Documents/report.pdf'");
const InlineAttachments = z
  .array(BlobSeed)
  .default([])
  .describe(
    "Files the sender attaches (not on the phone yet): a file name, or {name, text, mime_type, size}",
  );

const ListParams = z.object({
  folder_name: folderArg("Folder to list"),
  offset: z.number().int().min(0).default(0).describe("Index of the first email to return (0 = newest)"),
  limit: z.number().int().min(1).max(100).default(10).describe("Maximum number of emails to return"),
});
const GetByIdParams = z.object({ email_id: EmailId, folder_name: folderArg("Folder holding the email") });
const GetByIndexParams = z.object({
  idx: z.number().int().min(0).describe("Position of the email in the folder, 0 = newest"),
  folder_name: folderArg("Folder holding the email"),
});
const SendParams = z.object({
  recipients: Addresses("Email addresses of the recipients"),
  subject: z.string().default("").describe("Subject line"),
  content: z.string().default("").describe("Body of the email"),
  cc: Addresses("Email addresses to copy"),
  attachment_paths: AttachmentPaths,
});
const ReplyParams = z.object({
  email_id: z.string().min(1).describe("Id of the email to answer"),
  folder_name: folderArg("Folder holding the email"),
  content: z.string().default("").describe("Body of the reply"),
  attachment_paths: AttachmentPaths,
});
const ForwardParams = z.object({
  email_id: z.string().min(1).describe("Id of the email to forward"),
  recipients: z.array(Address).min(1).describe("Email addresses to forward it to"),
  folder_name: folderArg("Folder holding the email"),
});
const DownloadParams = z.object({
  email_id: EmailId,
  folder_name: folderArg("Folder holding the email"),
  path_to_save: z
    .string()
    .min(1)
    .default("Downloads/")
    .describe("Folder of Files to save the attachments into (default Downloads/)"),
});
const MoveParams = z.object({
  email_id: EmailId,
  source_folder_name: FolderInput.default("INBOX").describe("Folder the email is in now (default INBOX)"),
  dest_folder_name: FolderInput.default("DRAFT").describe(
    "Folder to move it to: INBOX, SENT, DRAFT or TRASH (default DRAFT)",
  ),
});
const DeleteParams = z.object({ email_id: EmailId, folder_name: folderArg("Folder holding the email") });
const SearchParams = z.object({
  query: z.string().trim().min(1).describe("Text to look for in senders, recipients, subjects and bodies"),
  folder_name: folderArg("Folder to search"),
});

const SendToUserWithIdParams = z.object({
  email_id: z.string().min(1).describe("Id to give the new email, so later events can refer to it"),
  sender: Address.describe("Address of the sender"),
  subject: z.string().default("").describe("Subject line"),
  content: z.string().default("").describe("Body of the email"),
  attachment_paths: AttachmentPaths,
  attachments: InlineAttachments,
});
const SendToUserParams = z.object({
  sender: Address.describe("Address of the sender"),
  subject: z.string().default("").describe("Subject line"),
  content: z.string().default("").describe("Body of the email"),
});
const ReplyFromContactParams = z.object({
  sender: Address.describe("Address of the person replying"),
  email_id: z.string().min(1).describe("Id of the email (usually one the user sent) being answered"),
  content: z.string().default("").describe("Body of the reply"),
  attachment_paths: AttachmentPaths,
  attachments: InlineAttachments,
});
const CreateParams = z.object({
  sender: Address.describe("Address of the sender"),
  recipients: z.array(Address).optional().describe("Recipients (default: the user)"),
  subject: z.string().default("").describe("Subject line"),
  content: z.string().default("").describe("Body of the email"),
  folder_name: folderArg("Folder to put it in"),
  attachments: InlineAttachments,
});

/** Seeding shape of one email; everything but the sender is optional. */
const SeedEmail = z.object({
  email_id: z.string().min(1).optional().describe("Id (generated when omitted)"),
  sender: Address.optional().describe("Sender (default: the user, for SENT and DRAFT)"),
  recipients: z.array(Address).optional().describe("Recipients (default: the user, for INBOX and TRASH)"),
  cc: z.array(Address).default([]).describe("Copied addresses"),
  subject: z.string().default("").describe("Subject line"),
  content: z.string().default("").describe("Body"),
  attachments: z
    .array(BlobSeed)
    .default([])
    .describe("Attached files: a file name (an empty file), or {name, text, mime_type, size}"),
  time: TimeInput.optional().describe(
    "When it was sent: 'YYYY-MM-DD HH:MM:SS' or POSIX seconds (default now)",
  ),
  is_read: z.boolean().default(true).describe("Already read (default true)"),
  parent_id: z.string().min(1).nullable().default(null).describe("Id of the email this one answers"),
  folder_name: folderArg("Folder"),
});
type SeedEmail = z.output<typeof SeedEmail>;
const SeedManyParams = z.object({ emails: z.array(SeedEmail).describe("Emails to add") });
const CreateWithTimeParams = z.object({
  sender: Address.describe("Address of the sender"),
  recipients: z.array(Address).optional().describe("Recipients (default: the user)"),
  subject: z.string().default("").describe("Subject line"),
  content: z.string().default("").describe("Body"),
  email_time: TimeInput.describe("When it was sent: 'YYYY-MM-DD HH:MM:SS' or POSIX seconds"),
  folder_name: folderArg("Folder"),
  cc: z.array(Address).default([]).describe("Copied addresses"),
  attachments: z
    .array(BlobSeed)
    .default([])
    .describe("Attached files: a file name (an empty file), or {name, text, mime_type, size}"),
  is_read: z.boolean().default(true).describe("Already read (default true)"),
  parent_id: z.string().min(1).nullable().default(null).describe("Id of the email this one answers"),
});

const str = (v: JsonValue | undefined): string => (v === undefined || v === null ? "" : String(v));
const preview = (v: JsonValue | undefined): string => {
  const text = str(v);
  return text.length > 20 ? `${text.slice(0, 20)}...` : text;
};
/** The short line the user sees: who, what about, and the start of the body when there is one. */
const userLine = (a: Record<string, JsonValue>, r: unknown, app: App | undefined): string =>
  `New email from ${str(a.sender)}: ${str(a.subject)}${clip(r, app)}${str(a.content) ? `\n${preview(a.content)}` : ""}`;
const idLine = (returnValue: unknown): string =>
  typeof returnValue === "string" ? `\n(email id: ${returnValue})` : "";
/** The new email's attachments, for the assistant: what it could download. */
const attachmentLine = (returnValue: unknown, app: App | undefined): string => {
  if (typeof returnValue !== "string" || !(app instanceof StatefulEmailApp)) return "";
  const attached = app.locate(returnValue)?.email.attachments ?? [];
  return attached.length ? `\nAttachments: ${attached.map(describeBlob).join(", ")}` : "";
};
/** The start of the user's line: how many files are attached. */
const clip = (returnValue: unknown, app: App | undefined): string => {
  if (typeof returnValue !== "string" || !(app instanceof StatefulEmailApp)) return "";
  const n = app.locate(returnValue)?.email.attachments.length ?? 0;
  return n === 0 ? "" : ` [${n} attachment${n === 1 ? "" : "s"}]`;
};

const SPEC_SEND_WITH_ID: ToolSpec = {
  description: "Deliver an email from someone to the user's inbox under a chosen id. Returns the id.",
  params: SendToUserWithIdParams,
  op: "write",
};
const SPEC_CREATE_WITH_TIME: ToolSpec = {
  description:
    "Seed an email at a given time into a folder (read by default). Recipients default to the user. Returns its id.",
  params: CreateWithTimeParams,
  op: "write",
};

export interface EmailAppOptions extends AppOptions {
  /** The phone owner's address (default john@pare.com). */
  user_email?: string;
}

/**
 * The user's mailbox: four folders (INBOX, SENT, DRAFT, TRASH), each newest first. Attachments are files
 * with their content: attached from the Files app by path, downloaded into it.
 */
export class StatefulEmailApp extends StatefulApp<EmailState> {
  static notificationTemplates: NotificationTemplates = {
    send_email_to_user_with_id: {
      user: userLine,
      agent: (a, r, app) =>
        `New email from ${str(a.sender)}: ${str(a.subject)}${idLine(r)}${attachmentLine(r, app)}\n\n${str(a.content)}`,
    },
    send_email_to_user_only: {
      user: userLine,
      agent: (a, r) => `New email from ${str(a.sender)}: ${str(a.subject)}${idLine(r)}\n\n${str(a.content)}`,
    },
    create_and_add_email: {
      user: userLine,
      agent: (a, r, app) => {
        const to = Array.isArray(a.recipients) ? a.recipients.map(str).join(", ") : "you";
        return `New email from ${str(a.sender)} to ${to}: ${str(a.subject)}${idLine(r)}${attachmentLine(r, app)}\n\n${str(a.content)}`;
      },
    },
    reply_to_email_from_user: {
      user: (a, r, app) => `Reply from ${str(a.sender)}${clip(r, app)}: ${preview(a.content)}`,
      agent: (a, r, app) =>
        `Reply from ${str(a.sender)} to email ${str(a.email_id)}${idLine(r)}${attachmentLine(r, app)}:\n\n${str(a.content)}`,
    },
  };

  readonly stateSchema = EmailState;
  userEmail: string;
  /** The address given at construction: what a reset goes back to. */
  private readonly initialUserEmail: string;
  folders = new Map<FolderName, Email[]>();
  /** The phone's file system, once connected (attachments come from and go to it). */
  private files: StatefulFilesApp | undefined;

  constructor(options: EmailAppOptions = {}) {
    super({ name: options.name ?? "Emails" });
    const address = Address.safeParse(options.user_email ?? DEFAULT_USER_EMAIL);
    if (!address.success) throw new TypeError(`user_email: ${address.error.issues[0]?.message}`);
    this.initialUserEmail = address.data;
    this.userEmail = address.data;
    this.restoreState(this.emptyState());
  }

  protected createRootScreen(): Screen {
    return new MailboxView("INBOX");
  }

  override connectToProtocols(providers: ProtocolProviders): void {
    this.files = fileSystemOf(providers) ?? this.files;
  }

  /** Files at these paths of Files, to attach; the error names the path that is missing. */
  attachmentsAt(paths: readonly string[], field: string): FileBlob[] {
    return attachFromFiles(this.files, paths, field);
  }

  /** What the world attaches to an email it delivers: files by path (from Files) and inline files. */
  private incoming(paths: readonly string[], inline: readonly z.output<typeof BlobSeed>[]): FileBlob[] {
    return [
      ...paths.map((p, i) => worldAttachment(this.files, p, `attachment_paths.${i}`)),
      ...inline.map((b, i) => blobFromSeed(b, `attachments.${i}`)),
    ];
  }

  protected dumpState(): EmailState {
    const folder = (name: FolderName) => ({ folder_name: name, emails: this.folder(name) });
    return {
      user_email: this.userEmail,
      folders: {
        INBOX: folder("INBOX"),
        SENT: folder("SENT"),
        DRAFT: folder("DRAFT"),
        TRASH: folder("TRASH"),
      },
    };
  }

  protected restoreState(state: EmailState): void {
    this.userEmail = state.user_email;
    this.folders = new Map(
      FOLDER_NAMES.map((name) => [name, sortNewestFirst(state.folders[name].emails.map(copyEmail))]),
    );
  }

  protected emptyState(): EmailState {
    const empty = (name: FolderName) => ({ folder_name: name, emails: [] });
    return {
      user_email: this.initialUserEmail,
      folders: { INBOX: empty("INBOX"), SENT: empty("SENT"), DRAFT: empty("DRAFT"), TRASH: empty("TRASH") },
    };
  }

  // --- internal helpers (not tools: nothing here is logged) ---------------------------------------

  folder(name: FolderName): Email[] {
    return this.folders.get(name) as Email[];
  }

  /** Where an email is, if anywhere. */
  locate(emailId: string): { folder: FolderName; email: Email } | undefined {
    for (const name of FOLDER_NAMES) {
      const email = this.folder(name).find((e) => e.email_id === emailId);
      if (email) return { folder: name, email };
    }
    return undefined;
  }

  /** The live email in a folder; the error says where it is when it is elsewhere. */
  emailOrThrow(folder: FolderName, emailId: string): Email {
    const email = this.folder(folder).find((e) => e.email_id === emailId);
    if (email) return email;
    const elsewhere = this.locate(emailId);
    if (elsewhere)
      throw new NotFoundError(`Email ${emailId} is not in ${folder}; it is in ${elsewhere.folder}`);
    throw new NotFoundError(`Email ${emailId} does not exist`);
  }

  /** Who a reply goes to: the original sender, looking past the user's own messages in the thread. */
  replyRecipients(email: Pick<Email, "email_id" | "sender" | "recipients" | "parent_id">): string[] {
    let current: Pick<Email, "email_id" | "sender" | "recipients" | "parent_id"> | undefined = email;
    const seen = new Set<string>();
    while (current && current.sender === this.userEmail && current.parent_id && !seen.has(current.email_id)) {
      seen.add(current.email_id);
      current = this.locate(current.parent_id)?.email;
    }
    if (!current) return [...email.recipients];
    return current.sender === this.userEmail ? [...current.recipients] : [current.sender];
  }

  private insert(folder: FolderName, email: Email): void {
    if (this.locate(email.email_id))
      throw new InvalidStateError(`An email with id ${email.email_id} already exists`);
    const list = this.folder(folder);
    // Newest first; an email as new as others goes before them (it arrived last).
    const at = list.findIndex((e) => e.timestamp <= email.timestamp);
    list.splice(at < 0 ? list.length : at, 0, email);
  }

  private remove(folder: FolderName, emailId: string): Email {
    const list = this.folder(folder);
    const i = list.findIndex((e) => e.email_id === emailId);
    const [email] = list.splice(i, 1);
    return email as Email;
  }

  private compose(fields: Partial<Email> & Pick<Email, "sender">): Email {
    return {
      email_id: fields.email_id ?? this.newId(),
      sender: fields.sender,
      recipients: fields.recipients ?? [],
      cc: fields.cc ?? [],
      subject: fields.subject ?? "",
      content: fields.content ?? "",
      attachments: fields.attachments ?? [],
      timestamp: fields.timestamp ?? this.clock.now(),
      is_read: fields.is_read ?? false,
      parent_id: fields.parent_id ?? null,
    };
  }

  /** Stores the compose screen's draft in DRAFT (there is no agent tool for drafts). */
  saveDraft(draft: ComposeDraft): string {
    const email = this.compose({
      sender: this.userEmail,
      recipients: [...draft.recipients],
      cc: [...draft.cc],
      subject: draft.subject,
      content: draft.body,
      attachments: this.attachmentsAt(draft.attachments, "attachments"),
      is_read: true,
      parent_id: draft.reply_to,
    });
    this.insert("DRAFT", email);
    return email.email_id;
  }

  /** Marks a sent email as the answer to another (a reply composed with edited recipients or subject). */
  linkReply(sentId: string, parentId: string): void {
    const sent = this.folder("SENT").find((e) => e.email_id === sentId);
    if (sent) sent.parent_id = parentId;
  }

  private seedEmail(e: SeedEmail): string {
    const outgoing = e.folder_name === "SENT" || e.folder_name === "DRAFT";
    const sender = e.sender ?? (outgoing ? this.userEmail : undefined);
    if (sender === undefined)
      throw new ToolError("invalid_arguments", `sender: required for an email in ${e.folder_name}`, "sender");
    const email = this.compose({
      email_id: e.email_id,
      sender,
      recipients: e.recipients ?? (outgoing ? [] : [this.userEmail]),
      cc: e.cc,
      subject: e.subject,
      content: e.content,
      attachments: e.attachments.map((b, i) => blobFromSeed(b, `attachments.${i}`)),
      timestamp: e.time === undefined ? this.clock.now() : timeValue(e.time),
      is_read: e.is_read,
      parent_id: e.parent_id,
    });
    this.insert(e.folder_name, email);
    return email.email_id;
  }

  // --- agent tools --------------------------------------------------------------------------------

  @agentTool({
    description:
      "List the emails of a folder, newest first, one page at a time. Returns the emails, the range shown and the folder's total.",
    params: ListParams,
    returns: "ReturnedEmails",
  })
  list_emails(args: z.input<typeof ListParams> = {}): ReturnedEmails {
    const { folder_name, offset, limit } = parsed(ListParams, args);
    const list = this.folder(folder_name);
    if (offset > 0 && offset >= list.length)
      throw new ToolError(
        "invalid_arguments",
        `offset: ${offset} is past the end of ${folder_name} (${list.length} emails)`,
        "offset",
      );
    const end = Math.min(offset + limit, list.length);
    const emails = list.slice(offset, end).map(emailView);
    return {
      emails,
      emails_range: [offset, end],
      total_returned_emails: emails.length,
      total_emails: list.length,
    };
  }

  @agentTool({
    description: "Read one email by its id (this marks it as read).",
    params: GetByIdParams,
    returns: "Email",
  })
  get_email_by_id(args: z.input<typeof GetByIdParams>): EmailView {
    const { email_id, folder_name } = parsed(GetByIdParams, args);
    const email = this.emailOrThrow(folder_name, email_id);
    email.is_read = true;
    return emailView(email);
  }

  @agentTool({
    description: "Read the email at a position of a folder, 0 being the newest (this marks it as read).",
    params: GetByIndexParams,
    returns: "Email",
  })
  get_email_by_index(args: z.input<typeof GetByIndexParams>): EmailView {
    const { idx, folder_name } = parsed(GetByIndexParams, args);
    const list = this.folder(folder_name);
    const email = list[idx];
    if (!email)
      throw new ToolError(
        "invalid_arguments",
        `idx: no email at position ${idx} of ${folder_name} (${list.length} emails)`,
        "idx",
      );
    email.is_read = true;
    return emailView(email);
  }

  @agentTool({
    description: "Send a new email from the user. Returns the id of the sent email.",
    params: SendParams,
    op: "write",
    returns: "str (email id)",
  })
  send_email(args: z.input<typeof SendParams> = {}): string {
    const { recipients, subject, content, cc, attachment_paths } = parsed(SendParams, args);
    if (recipients.length === 0 && cc.length === 0)
      throw new ToolError("invalid_arguments", "recipients: give at least one recipient", "recipients");
    const email = this.compose({
      sender: this.userEmail,
      recipients,
      cc,
      subject,
      content,
      attachments: this.attachmentsAt(attachment_paths, "attachment_paths"),
      is_read: true,
    });
    this.insert("SENT", email);
    return email.email_id;
  }

  @agentTool({
    description:
      "Reply to an email: the answer goes to the original sender with the subject 'Re: …'. Returns the id of the reply.",
    params: ReplyParams,
    op: "write",
    returns: "str (email id)",
  })
  reply_to_email(args: z.input<typeof ReplyParams>): string {
    const { email_id, folder_name, content, attachment_paths } = parsed(ReplyParams, args);
    const original = this.emailOrThrow(folder_name, email_id);
    const recipients = this.replyRecipients(original);
    if (recipients.length === 0) throw new InvalidStateError(`Email ${email_id} has nobody to reply to`);
    const reply = this.compose({
      sender: this.userEmail,
      recipients,
      subject: replySubject(original.subject),
      content,
      attachments: this.attachmentsAt(attachment_paths, "attachment_paths"),
      is_read: true,
      parent_id: original.email_id,
    });
    this.insert("SENT", reply);
    return reply.email_id;
  }

  @agentTool({
    description:
      "Forward an email, with its attachments, to other people (subject 'FWD: …'). Returns the id of the forwarded email.",
    params: ForwardParams,
    op: "write",
    returns: "str (email id)",
  })
  forward_email(args: z.input<typeof ForwardParams>): string {
    const { email_id, recipients, folder_name } = parsed(ForwardParams, args);
    const original = this.emailOrThrow(folder_name, email_id);
    const quoted = original.content
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n");
    const email = this.compose({
      sender: this.userEmail,
      recipients,
      subject: forwardSubject(original.subject),
      content: quoted,
      attachments: original.attachments.map(copyBlob),
      is_read: true,
      parent_id: original.email_id,
    });
    this.insert("SENT", email);
    return email.email_id;
  }

  @agentTool({
    description:
      "Save an email's attachments into a folder of Files (a different file with the same name is kept; the new one gets a number). Returns the paths of the saved files.",
    params: DownloadParams,
    op: "write",
    returns: "list[str]",
  })
  download_attachments(args: z.input<typeof DownloadParams>): string[] {
    const { email_id, folder_name, path_to_save } = parsed(DownloadParams, args);
    const email = this.emailOrThrow(folder_name, email_id);
    if (email.attachments.length === 0) throw new InvalidStateError(`Email ${email_id} has no attachments`);
    return saveAttachments(this.files, path_to_save, email.attachments, "path_to_save");
  }

  @agentTool({
    description: "Move an email from one folder to another.",
    params: MoveParams,
    op: "write",
  })
  move_email(args: z.input<typeof MoveParams>): string {
    const { email_id, source_folder_name, dest_folder_name } = parsed(MoveParams, args);
    this.emailOrThrow(source_folder_name, email_id);
    if (source_folder_name === dest_folder_name)
      throw new InvalidStateError(`Email ${email_id} is already in ${dest_folder_name}`);
    this.insert(dest_folder_name, this.remove(source_folder_name, email_id));
    return `Email ${email_id} moved from ${source_folder_name} to ${dest_folder_name}.`;
  }

  @agentTool({
    description: "Delete an email: it goes to TRASH; deleting an email already in TRASH removes it for good.",
    params: DeleteParams,
    op: "write",
  })
  delete_email(args: z.input<typeof DeleteParams>): string {
    const { email_id, folder_name } = parsed(DeleteParams, args);
    this.emailOrThrow(folder_name, email_id);
    const email = this.remove(folder_name, email_id);
    if (folder_name === "TRASH") return `Email ${email_id} permanently deleted.`;
    this.insert("TRASH", email);
    return `Email ${email_id} moved to TRASH.`;
  }

  @agentTool({
    description:
      "Search one folder for emails whose sender, recipients, subject or body contains the query (case-insensitive).",
    params: SearchParams,
    returns: "list[Email]",
  })
  search_emails(args: z.input<typeof SearchParams>): EmailView[] {
    const { query, folder_name } = parsed(SearchParams, args);
    const q = query.toLowerCase();
    return this.folder(folder_name)
      .filter((e) =>
        [e.sender, ...e.recipients, ...e.cc, e.subject, e.content].some((f) => f.toLowerCase().includes(q)),
      )
      .map(emailView);
  }

  // --- environment tools --------------------------------------------------------------------------

  @dataTool(SPEC_SEND_WITH_ID)
  @envTool(SPEC_SEND_WITH_ID)
  send_email_to_user_with_id(args: z.input<typeof SendToUserWithIdParams>): string {
    const { email_id, sender, subject, content, attachment_paths, attachments } = parsed(
      SendToUserWithIdParams,
      args,
    );
    const email = this.compose({
      email_id,
      sender,
      recipients: [this.userEmail],
      subject,
      content,
      attachments: this.incoming(attachment_paths, attachments),
    });
    this.insert("INBOX", email);
    return email.email_id;
  }

  @envTool({
    description: "Deliver an email from someone to the user's inbox. Returns its id.",
    params: SendToUserParams,
    op: "write",
  })
  send_email_to_user_only(args: z.input<typeof SendToUserParams>): string {
    const { sender, subject, content } = parsed(SendToUserParams, args);
    const email = this.compose({ sender, recipients: [this.userEmail], subject, content });
    this.insert("INBOX", email);
    return email.email_id;
  }

  @envTool({
    description: "Deliver someone's answer to an email of the user's into the inbox. Returns its id.",
    params: ReplyFromContactParams,
    op: "write",
  })
  reply_to_email_from_user(args: z.input<typeof ReplyFromContactParams>): string {
    const { sender, email_id, content, attachment_paths, attachments } = parsed(ReplyFromContactParams, args);
    const original = this.locate(email_id);
    if (!original) throw new NotFoundError(`Email ${email_id} does not exist`);
    const email = this.compose({
      sender,
      recipients: [this.userEmail],
      subject: replySubject(original.email.subject),
      content,
      attachments: this.incoming(attachment_paths, attachments),
      parent_id: email_id,
    });
    this.insert("INBOX", email);
    return email.email_id;
  }

  @envTool({
    description: "Put a new unread email into a folder (recipients default to the user). Returns its id.",
    params: CreateParams,
    op: "write",
  })
  create_and_add_email(args: z.input<typeof CreateParams>): string {
    const { sender, recipients, subject, content, folder_name, attachments } = parsed(CreateParams, args);
    const email = this.compose({
      sender,
      recipients: recipients ?? [this.userEmail],
      subject,
      content,
      attachments: this.incoming([], attachments),
    });
    this.insert(folder_name, email);
    return email.email_id;
  }

  // --- data tools (scenario seeding) --------------------------------------------------------------

  @dataTool(SPEC_CREATE_WITH_TIME)
  create_and_add_email_with_time(args: z.input<typeof CreateWithTimeParams>): string {
    const a = parsed(CreateWithTimeParams, args);
    return this.seedEmail({ ...a, time: a.email_time });
  }

  @dataTool({
    description:
      "Seed one email into a folder. Sender defaults to the user for SENT/DRAFT, recipients to the user for INBOX/TRASH. Returns its id.",
    params: SeedEmail,
    op: "write",
  })
  add_email(args: z.input<typeof SeedEmail>): string {
    return this.seedEmail(parsed(SeedEmail, args));
  }

  @dataTool({
    description: "Seed several emails at once; all or none are added. Returns their ids in order.",
    params: SeedManyParams,
    op: "write",
  })
  add_emails(args: z.input<typeof SeedManyParams>): string[] {
    const { emails } = parsed(SeedManyParams, args);
    const before = this.getState();
    try {
      return emails.map((e) => this.seedEmail(e));
    } catch (error) {
      this.restoreState(before);
      throw error;
    }
  }
}

function copyEmail(e: Email): Email {
  return { ...e, recipients: [...e.recipients], cc: [...e.cc], attachments: e.attachments.map(copyBlob) };
}

function sortNewestFirst(emails: Email[]): Email[] {
  // Stable: emails with equal timestamps keep their stored order.
  return [...emails].sort((a, b) => b.timestamp - a.timestamp);
}
