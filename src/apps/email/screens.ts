import { z } from "zod";
import { parseDateTime } from "../../core/clock.js";
import { ToolError } from "../../core/errors.js";
import { parsed, userTool } from "../../core/tool-decorators.js";
import { Screen } from "../screen.js";
import type { StatefulEmailApp } from "./app.js";
import {
  Address,
  type ComposeDraft,
  DateTimeText,
  type EmailView,
  emptyDraft,
  FolderInput,
  type FolderName,
  type ReturnedEmails,
  replySubject,
} from "./model.js";

const ListParams = z.object({
  offset: z.number().int().min(0).default(0).describe("Index of the first email to show (0 = newest)"),
  limit: z.number().int().min(1).max(100).default(10).describe("How many emails to show"),
});
const SearchParams = z.object({
  query: z.string().trim().min(1).describe("Text to look for"),
  min_date: DateTimeText.optional().describe("Only emails sent at or after this time, 'YYYY-MM-DD HH:MM:SS'"),
  max_date: DateTimeText.optional().describe(
    "Only emails sent at or before this time, 'YYYY-MM-DD HH:MM:SS'",
  ),
  limit: z.number().int().min(1).default(10).describe("Maximum number of results"),
});
const OpenByIdParams = z.object({ email_id: z.string().min(1).describe("Id of the email to open") });
const OpenByIndexParams = z.object({
  index: z.number().int().min(0).describe("Position of the email in this folder, 0 = newest"),
});
const FolderParams = z.object({
  folder_name: FolderInput.describe("Folder to show: INBOX, SENT, DRAFT or TRASH"),
});
const ReplyParams = z.object({
  content: z.string().default("").describe("Text of the reply"),
  attachment_paths: z.array(z.string().min(1)).default([]).describe("Files to attach"),
});
const ForwardParams = z.object({
  recipients: z.array(Address).min(1).describe("Addresses to forward the email to"),
});
const MoveParams = z.object({
  destination_folder: FolderInput.describe("Folder to move the email to: INBOX, SENT, DRAFT or TRASH"),
});
const DownloadParams = z.object({
  path_to_save: z
    .string()
    .min(1)
    .default("Downloads/")
    .describe("Folder of Files to save the attachments into"),
});
const RecipientsParams = z.object({ recipients: z.array(Address).describe("Recipient addresses") });
const RecipientParams = z.object({ recipient: Address.describe("Address to add") });
const CcParams = z.object({ cc: z.array(Address).describe("Addresses to copy") });
const SubjectParams = z.object({ subject: z.string().describe("Subject line") });
const BodyParams = z.object({ body: z.string().describe("Text of the email") });
const AttachParams = z.object({
  attachment_path: z.string().min(1).describe("Path of a file in Files to attach, e.g. 'Documents/cv.pdf'"),
});

/** One folder of the mailbox (the app opens on INBOX). */
export class MailboxView extends Screen<StatefulEmailApp> {
  constructor(readonly folderName: FolderName) {
    super();
  }

  @userTool({ description: "Show a page of the emails in this folder, newest first.", params: ListParams })
  list_emails(args: z.input<typeof ListParams> = {}): ReturnedEmails {
    const { offset, limit } = parsed(ListParams, args);
    return this.app.list_emails({ folder_name: this.folderName, offset, limit });
  }

  @userTool({ description: "Search this folder, optionally within a time window.", params: SearchParams })
  search_emails(args: z.input<typeof SearchParams>): EmailView[] {
    const { query, min_date, max_date, limit } = parsed(SearchParams, args);
    const from = min_date === undefined ? Number.NEGATIVE_INFINITY : (parseDateTime(min_date) as number);
    const to = max_date === undefined ? Number.POSITIVE_INFINITY : (parseDateTime(max_date) as number);
    if (from > to)
      throw new ToolError("invalid_arguments", "min_date: must not be later than max_date", "min_date");
    return this.app
      .search_emails({ query, folder_name: this.folderName })
      .filter((e) => e.timestamp >= from && e.timestamp <= to)
      .slice(0, limit);
  }

  @userTool({ description: "Open an email of this folder by its id.", params: OpenByIdParams })
  open_email_by_id(args: z.input<typeof OpenByIdParams>): EmailView {
    const { email_id } = parsed(OpenByIdParams, args);
    const email = this.app.get_email_by_id({ email_id, folder_name: this.folderName });
    this.app.pushScreen(new EmailDetail(email_id, this.folderName));
    return email;
  }

  @userTool({
    description: "Open the email at a position of this folder (0 = newest).",
    params: OpenByIndexParams,
  })
  open_email_by_index(args: z.input<typeof OpenByIndexParams>): EmailView {
    const { index } = parsed(OpenByIndexParams, args);
    const email = this.app.get_email_by_index({ idx: index, folder_name: this.folderName });
    this.app.pushScreen(new EmailDetail(email.email_id, this.folderName));
    return email;
  }

  @userTool({ description: "Go to another folder and show its newest emails.", params: FolderParams })
  switch_folder(args: z.input<typeof FolderParams>): ReturnedEmails {
    const { folder_name } = parsed(FolderParams, args);
    const page = this.app.list_emails({ folder_name });
    this.app.pushScreen(mailboxFor(folder_name));
    return page;
  }

  @userTool({ description: "Start writing a new email." })
  start_compose(): ComposeDraft {
    const draft = emptyDraft();
    this.app.pushScreen(new ComposeEmail(draft));
    return { ...draft };
  }
}

/** One open email. */
export class EmailDetail extends Screen<StatefulEmailApp> {
  constructor(
    readonly emailId: string,
    readonly folderName: FolderName,
  ) {
    super();
  }

  override onEnter(): void {
    this.app.emailOrThrow(this.folderName, this.emailId);
  }

  @userTool({ description: "Show this email again." })
  refresh(): EmailView {
    return this.app.get_email_by_id({ email_id: this.emailId, folder_name: this.folderName });
  }

  @userTool({ description: "Reply to the sender right away.", params: ReplyParams, op: "write" })
  reply(args: z.input<typeof ReplyParams> = {}): string {
    const { content, attachment_paths } = parsed(ReplyParams, args);
    return this.app.reply_to_email({
      email_id: this.emailId,
      folder_name: this.folderName,
      content,
      attachment_paths,
    });
  }

  @userTool({ description: "Forward this email to other people.", params: ForwardParams, op: "write" })
  forward(args: z.input<typeof ForwardParams>): string {
    const { recipients } = parsed(ForwardParams, args);
    return this.app.forward_email({ email_id: this.emailId, folder_name: this.folderName, recipients });
  }

  @userTool({
    description: "Move this email to another folder and go back.",
    params: MoveParams,
    op: "write",
  })
  move(args: z.input<typeof MoveParams>): string {
    const { destination_folder } = parsed(MoveParams, args);
    const result = this.app.move_email({
      email_id: this.emailId,
      source_folder_name: this.folderName,
      dest_folder_name: destination_folder,
    });
    this.leave();
    return result;
  }

  @userTool({ description: "Delete this email (to TRASH) and go back.", op: "write" })
  delete(): string {
    const result = this.app.delete_email({ email_id: this.emailId, folder_name: this.folderName });
    this.leave();
    return result;
  }

  @userTool({ description: "Save this email's attachments.", params: DownloadParams, op: "write" })
  download_attachments(args: z.input<typeof DownloadParams> = {}): string[] {
    const { path_to_save } = parsed(DownloadParams, args);
    return this.app.download_attachments({
      email_id: this.emailId,
      folder_name: this.folderName,
      path_to_save,
    });
  }

  @userTool({ description: "Write a reply in the editor, addressed to the sender." })
  start_compose_reply(): { draft: ComposeDraft } {
    const email = this.app.get_email_by_id({ email_id: this.emailId, folder_name: this.folderName });
    const draft: ComposeDraft = {
      ...emptyDraft(),
      recipients: this.app.replyRecipients(email),
      subject: replySubject(email.subject),
      reply_to: email.email_id,
      reply_to_folder: this.folderName,
    };
    this.app.pushScreen(new ComposeEmail(draft));
    return { draft: { ...draft, recipients: [...draft.recipients] } };
  }

  private leave(): void {
    if (!this.app.popScreen()) this.app.resetToRoot();
  }
}

/** The email editor: a new email or a reply, kept as a draft until sent, saved or discarded. */
export class ComposeEmail extends Screen<StatefulEmailApp> {
  readonly draft: ComposeDraft;

  constructor(draft: ComposeDraft) {
    super();
    this.draft = {
      ...draft,
      recipients: [...draft.recipients],
      cc: [...draft.cc],
      attachments: [...draft.attachments],
    };
  }

  // Editing the draft changes only this screen, not the mailbox, so these tools are reads.

  @userTool({ description: "Show the draft as it is now." })
  view_draft(): ComposeDraft {
    return this.snapshot();
  }

  @userTool({ description: "Replace the draft's recipients.", params: RecipientsParams })
  set_recipients(args: z.input<typeof RecipientsParams>): string[] {
    this.draft.recipients = [...parsed(RecipientsParams, args).recipients];
    return [...this.draft.recipients];
  }

  @userTool({ description: "Add one recipient to the draft.", params: RecipientParams })
  add_recipient(args: z.input<typeof RecipientParams>): string[] {
    const { recipient } = parsed(RecipientParams, args);
    if (!this.draft.recipients.includes(recipient)) this.draft.recipients.push(recipient);
    return [...this.draft.recipients];
  }

  @userTool({ description: "Replace the draft's copied addresses.", params: CcParams })
  set_cc(args: z.input<typeof CcParams>): string[] {
    this.draft.cc = [...parsed(CcParams, args).cc];
    return [...this.draft.cc];
  }

  @userTool({ description: "Set the subject line.", params: SubjectParams })
  set_subject(args: z.input<typeof SubjectParams>): string {
    this.draft.subject = parsed(SubjectParams, args).subject;
    return this.draft.subject;
  }

  @userTool({ description: "Set the text of the email.", params: BodyParams })
  set_body(args: z.input<typeof BodyParams>): string {
    this.draft.body = parsed(BodyParams, args).body;
    return this.draft.body;
  }

  @userTool({ description: "Attach a file from Files.", params: AttachParams })
  attach_file(args: z.input<typeof AttachParams>): string[] {
    const { attachment_path } = parsed(AttachParams, args);
    // Checked now, so a wrong path is reported while composing, not when sending.
    this.app.attachmentsAt([attachment_path], "attachment_path");
    this.draft.attachments.push(attachment_path);
    return [...this.draft.attachments];
  }

  @userTool({ description: "Send the email and close the editor.", op: "write" })
  send_composed_email(): string {
    const d = this.draft;
    let id: string;
    if (d.reply_to !== null) {
      const folder = d.reply_to_folder ?? "INBOX";
      const original = this.app.emailOrThrow(folder, d.reply_to);
      const unchanged =
        d.cc.length === 0 &&
        d.subject === replySubject(original.subject) &&
        sameSet(d.recipients, this.app.replyRecipients(original));
      if (unchanged) {
        id = this.app.reply_to_email({
          email_id: d.reply_to,
          folder_name: folder,
          content: d.body,
          attachment_paths: d.attachments,
        });
      } else {
        id = this.sendNew();
        this.app.linkReply(id, d.reply_to);
      }
    } else {
      id = this.sendNew();
    }
    this.close();
    return id;
  }

  @userTool({ description: "Keep the email in DRAFT and close the editor.", op: "write" })
  save_draft(): string {
    const id = this.app.saveDraft(this.draft);
    this.close();
    return id;
  }

  @userTool({ description: "Throw the draft away and close the editor." })
  discard_draft(): string {
    this.close();
    return "draft_discarded";
  }

  private sendNew(): string {
    const d = this.draft;
    return this.app.send_email({
      recipients: d.recipients,
      cc: d.cc,
      subject: d.subject,
      content: d.body,
      attachment_paths: d.attachments,
    });
  }

  private snapshot(): ComposeDraft {
    const d = this.draft;
    return { ...d, recipients: [...d.recipients], cc: [...d.cc], attachments: [...d.attachments] };
  }

  private close(): void {
    if (!this.app.popScreen()) this.app.resetToRoot();
  }
}

/**
 * Built outside the class on purpose: a decorated class that names itself in its own body is renamed
 * (`_MailboxView`) by esbuild's decorator lowering, and screen names come from the constructor's name.
 */
function mailboxFor(folder: FolderName): MailboxView {
  return new MailboxView(folder);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map((s) => s.toLowerCase()));
  const y = new Set(b.map((s) => s.toLowerCase()));
  return x.size === y.size && [...x].every((s) => y.has(s));
}
