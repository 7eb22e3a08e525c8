import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { ComposeEmail, EmailDetail, MailboxView, StatefulEmailApp } from "../../src/apps/email/index.js";
import { StatefulFilesApp } from "../../src/apps/files/index.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { parseDateTime } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import { NotFoundError } from "../../src/core/errors.js";
import { withCaptureMode } from "../../src/core/event-context.js";
import type { Event } from "../../src/core/events.js";
import { connectProtocols } from "../../src/core/protocols.js";
import { expectToolError, undescribedParams } from "../support/phone.js";

const HEX32 = /^[0-9a-f]{32}$/;
const T0 = parseDateTime("2025-11-11 09:00:00") as number;

const Q3_PDF = { name: "q3.pdf", mime_type: "application/pdf", size: 48_000 };
const Q3_XLSX = {
  name: "q3.xlsx",
  mime_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  size: 12_000,
};

function seeded() {
  const app = new StatefulEmailApp();
  const files = new StatefulFilesApp();
  files.add_file({ path: "Documents/notes.txt", text: "Agenda: budget" });
  files.add_file({ path: "Pictures/map.png", size: 90_000 });
  connectProtocols([app, files]);
  const oldest = app.create_and_add_email_with_time({
    sender: "ann@example.com",
    subject: "Lunch?",
    content: "Free for lunch on Friday?",
    email_time: "2025-11-10 08:00:00",
  });
  const report = app.add_email({
    email_id: "rep-1",
    sender: "boss@example.com",
    cc: ["hr@example.com"],
    subject: "Quarterly report",
    content: "Numbers attached.\nPlease review.",
    attachments: [
      { name: "q3.pdf", text: "Q3 revenue: 1.2M\nCosts: 0.9M", size: 48_000 },
      { name: "q3.xlsx", size: 12_000 },
    ],
    time: "2025-11-10 12:00:00",
    is_read: false,
  });
  const sent = app.add_email({
    email_id: "sent-1",
    folder_name: "SENT",
    recipients: ["carl@example.com"],
    subject: "Trip plan",
    content: "Here is the plan",
    time: T0 - 3600,
  });
  return { app, files, oldest, report, sent };
}

function inEnv(app: StatefulEmailApp) {
  const env = new Environment({ startTime: T0 });
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), app]);
  env.start();
  env.openApp(app.name);
  const call = (name: string, args: Record<string, unknown> = {}) => {
    const t = env.getUserTools().find((x) => x.name === `${app.name}__${name}`);
    if (!t) throw new Error(`no user tool ${name} on ${env.describeLocation().screen}`);
    return t.call(args);
  };
  const screen = () => env.describeLocation().screen;
  return { env, call, screen };
}

describe("StatefulEmailApp data", () => {
  it("is named Emails, belongs to john@pare.com and starts empty", () => {
    const app = new StatefulEmailApp();
    expect(app.name).toBe("Emails");
    expect(app.userEmail).toBe("john@pare.com");
    expect(new StatefulEmailApp({ name: "Email", user_email: "me@x.org" }).userEmail).toBe("me@x.org");
    expect(() => new StatefulEmailApp({ user_email: "not an address" })).toThrow(/user_email/);
    expect(app.list_emails()).toEqual({
      emails: [],
      emails_range: [0, 0],
      total_returned_emails: 0,
      total_emails: 0,
    });
  });

  it("describes every tool parameter for models", () => {
    expect(undescribedParams(new StatefulEmailApp(), [MailboxView, EmailDetail, ComposeEmail])).toEqual([]);
  });

  it("exposes every original tool, marked truthfully", () => {
    const app = new StatefulEmailApp();
    expect(Object.fromEntries(app.getAgentTools().map((t) => [t.methodName, t.operation]))).toEqual({
      list_emails: "read",
      get_email_by_id: "read",
      get_email_by_index: "read",
      send_email: "write",
      reply_to_email: "write",
      forward_email: "write",
      download_attachments: "write",
      move_email: "write",
      delete_email: "write",
      search_emails: "read",
    });
    expect(app.getTools("env").map((t) => [t.methodName, t.operation])).toEqual([
      ["send_email_to_user_with_id", "write"],
      ["send_email_to_user_only", "write"],
      ["reply_to_email_from_user", "write"],
      ["create_and_add_email", "write"],
    ]);
    expect(app.getTools("data").map((t) => t.methodName)).toEqual(
      expect.arrayContaining(["create_and_add_email_with_time", "add_email", "add_emails"]),
    );
  });

  it("lists a folder newest first, page by page, with case-insensitive folder names", () => {
    const { app, oldest, report } = seeded();
    const inbox = app.list_emails();
    expect(inbox.emails.map((e) => e.email_id)).toEqual([report, oldest]);
    expect(inbox).toMatchObject({ emails_range: [0, 2], total_returned_emails: 2, total_emails: 2 });
    const page = app.list_emails({ offset: 1, limit: 1 });
    expect(page.emails.map((e) => e.email_id)).toEqual([oldest]);
    expect(page.emails_range).toEqual([1, 2]);
    expect(app.list_emails({ folder_name: "sent" }).emails[0]?.email_id).toBe("sent-1");
    expectToolError(
      () => app.list_emails({ folder_name: "Spam" }),
      /Unknown email folder 'Spam'/,
      "folder_name",
    );
    expectToolError(() => app.list_emails({ offset: 2 }), /past the end/, "offset");
  });

  it("reads by id or position and marks the email read", () => {
    const { app, report } = seeded();
    expect(app.list_emails().emails[0]?.is_read).toBe(false);
    expect(app.get_email_by_id({ email_id: report })).toMatchObject({
      subject: "Quarterly report",
      is_read: true,
    });
    expect(app.list_emails().emails[0]?.is_read).toBe(true);
    expect(app.get_email_by_index({ idx: 1 }).subject).toBe("Lunch?");
    expect(() => app.get_email_by_id({ email_id: "sent-1" })).toThrow(/not in INBOX; it is in SENT/);
    expect(() => app.get_email_by_id({ email_id: "nope" })).toThrow(NotFoundError);
    expectToolError(() => app.get_email_by_index({ idx: 9 }), /no email at position 9/, "idx");
  });

  it("sends email from the user into SENT, validating addresses", () => {
    const { app } = seeded();
    const id = app.send_email({
      recipients: ["dee@example.com"],
      cc: ["eve@example.com"],
      subject: "Hi",
      content: "Hello",
      attachment_paths: ["Documents/notes.txt"],
    });
    expect(id).toMatch(HEX32);
    expect(app.get_email_by_id({ email_id: id, folder_name: "SENT" })).toMatchObject({
      sender: "john@pare.com",
      recipients: ["dee@example.com"],
      cc: ["eve@example.com"],
      attachments: [{ name: "notes.txt", mime_type: "text/plain", size: 14 }],
      parent_id: null,
    });
    // The sent email carries the file's content, so the recipient gets the file, not a name.
    expect(app.locate(id)?.email.attachments[0]?.text).toBe("Agenda: budget");
    const before = app.getState();
    expectToolError(
      () => app.send_email({ recipients: ["dee@example.com"], attachment_paths: ["Documents/missing.txt"] }),
      /missing\.txt does not exist; \/Documents holds: notes\.txt/,
    );
    expectToolError(
      () => app.send_email({ recipients: ["dee@example.com"], attachment_paths: ["../../etc/passwd"] }),
      /'\.\.' is not allowed/,
      "attachment_paths",
    );
    expectToolError(
      () => app.send_email({ recipients: ["dee@example.com"], attachment_paths: ["Documents"] }),
      /is a folder, not a file/,
    );
    expectToolError(() => app.send_email({ recipients: ["Dee Smith"] }), /recipients\.0/, "recipients.0");
    expectToolError(() => app.send_email({ subject: "nobody" }), /at least one recipient/, "recipients");
    expect(app.getState()).toEqual(before);
  });

  it("replies to the sender, and past the user's own messages in a thread", () => {
    const { app, oldest } = seeded();
    const r1 = app.reply_to_email({ email_id: oldest, content: "Sure!" });
    const reply = app.get_email_by_id({ email_id: r1, folder_name: "SENT" });
    expect(reply).toMatchObject({
      recipients: ["ann@example.com"],
      subject: "Re: Lunch?",
      parent_id: oldest,
    });
    const r2 = app.reply_to_email({ email_id: r1, folder_name: "SENT", content: "Also bring Bo" });
    expect(app.get_email_by_id({ email_id: r2, folder_name: "SENT" })).toMatchObject({
      recipients: ["ann@example.com"],
      subject: "Re: Lunch?",
    });
    const r3 = app.reply_to_email({ email_id: "sent-1", folder_name: "SENT" });
    expect(app.get_email_by_id({ email_id: r3, folder_name: "SENT" }).recipients).toEqual([
      "carl@example.com",
    ]);
    expect(() => app.reply_to_email({ email_id: "nope" })).toThrow(NotFoundError);
  });

  it("forwards with quoted content and the attachments", () => {
    const { app, report } = seeded();
    const id = app.forward_email({ email_id: report, recipients: ["fin@example.com"] });
    expect(app.get_email_by_id({ email_id: id, folder_name: "SENT" })).toMatchObject({
      subject: "FWD: Quarterly report",
      content: "> Numbers attached.\n> Please review.",
      attachments: [Q3_PDF, Q3_XLSX],
      recipients: ["fin@example.com"],
    });
    expectToolError(
      () => app.forward_email({ email_id: report, recipients: [] }),
      /recipients/,
      "recipients",
    );
  });

  it("moves and deletes (to TRASH, then for good)", () => {
    const { app, oldest } = seeded();
    expect(app.move_email({ email_id: oldest, dest_folder_name: "draft" })).toMatch(
      /moved from INBOX to DRAFT/,
    );
    expect(app.list_emails({ folder_name: "DRAFT" }).emails.map((e) => e.email_id)).toEqual([oldest]);
    const before = app.getState();
    expect(() =>
      app.move_email({ email_id: oldest, source_folder_name: "DRAFT", dest_folder_name: "DRAFT" }),
    ).toThrow(/already in DRAFT/);
    expect(() => app.move_email({ email_id: oldest })).toThrow(/not in INBOX; it is in DRAFT/);
    expect(app.getState()).toEqual(before);
    expect(app.delete_email({ email_id: oldest, folder_name: "DRAFT" })).toMatch(/moved to TRASH/);
    expect(app.delete_email({ email_id: oldest, folder_name: "TRASH" })).toMatch(/permanently deleted/);
    expect(app.locate(oldest)).toBeUndefined();
  });

  it("searches one folder across sender, recipients, cc, subject and body", () => {
    const { app, report, oldest } = seeded();
    const ids = (query: string, folder_name = "INBOX") =>
      app.search_emails({ query, folder_name }).map((e) => e.email_id);
    expect(ids("REPORT")).toEqual([report]);
    expect(ids("ann@")).toEqual([oldest]);
    expect(ids("hr@example")).toEqual([report]);
    expect(ids("friday")).toEqual([oldest]);
    expect(ids("plan")).toEqual([]);
    expect(ids("plan", "SENT")).toEqual(["sent-1"]);
  });

  it("downloads attachments into Files, with their content, never overwriting another file", () => {
    const { app, files, report, oldest } = seeded();
    expect(app.download_attachments({ email_id: report })).toEqual([
      "/Downloads/q3.pdf",
      "/Downloads/q3.xlsx",
    ]);
    expect(files.read_document({ file_path: "Downloads/q3.pdf" })).toBe("Q3 revenue: 1.2M\nCosts: 0.9M");
    expect(files.info({ path: "Downloads/q3.xlsx" })).toMatchObject({
      size: 12_000,
      mime_type: Q3_XLSX.mime_type,
    });
    // The same files again: nothing new. A different file of that name is kept; the download is numbered.
    expect(app.download_attachments({ email_id: report })).toEqual([
      "/Downloads/q3.pdf",
      "/Downloads/q3.xlsx",
    ]);
    files.open({ path: "Documents/q3.pdf", content: "my own q3 notes" });
    expect(app.download_attachments({ email_id: report, path_to_save: "/Documents/" })).toEqual([
      "/Documents/q3 (1).pdf",
      "/Documents/q3.xlsx",
    ]);
    expect(files.read_document({ file_path: "Documents/q3.pdf" })).toBe("my own q3 notes");
    const before = files.getState();
    expectToolError(
      () => app.download_attachments({ email_id: report, path_to_save: "Documents/Work" }),
      /Folder \/Documents\/Work does not exist/,
    );
    expectToolError(
      () => app.download_attachments({ email_id: report, path_to_save: "~/x" }),
      /home shortcuts/,
    );
    expect(files.getState()).toEqual(before);
    expect(() => app.download_attachments({ email_id: oldest })).toThrow(/no attachments/);
  });

  it("needs a Files app to attach or download, and refuses without one", () => {
    const app = new StatefulEmailApp();
    app.add_email({ email_id: "m", sender: "a@b.co", attachments: ["menu.pdf"] });
    expectToolError(
      () => app.send_email({ recipients: ["a@b.co"], attachment_paths: ["menu.pdf"] }),
      /no Files app/,
      "attachment_paths",
    );
    expectToolError(() => app.download_attachments({ email_id: "m" }), /no Files app/, "path_to_save");
    // The world still delivers attachments by name: empty files, as when no file system is modelled.
    app.send_email_to_user_with_id({ email_id: "w", sender: "a@b.co", attachment_paths: ["Docs/plan.pdf"] });
    expect(app.get_email_by_id({ email_id: "w" }).attachments).toEqual([
      { name: "plan.pdf", mime_type: "application/pdf", size: 0 },
    ]);
  });

  it("receives email through the environment tools", () => {
    const { app } = seeded();
    app.clock.set(T0);
    expect(
      app.send_email_to_user_with_id({
        email_id: "mail-42",
        sender: "gym@example.com",
        subject: "Class moved",
        attachment_paths: ["Documents/notes.txt"],
        attachments: [{ name: "schedule.pdf", text: "Mon 7:00 spin", size: 3_000 }, "photo.jpg"],
      }),
    ).toBe("mail-42");
    expect(app.get_email_by_id({ email_id: "mail-42" })).toMatchObject({
      recipients: ["john@pare.com"],
      timestamp: T0,
      attachments: [
        { name: "notes.txt", mime_type: "text/plain", size: 14 },
        { name: "schedule.pdf", mime_type: "application/pdf", size: 3_000 },
        { name: "photo.jpg", mime_type: "image/jpeg", size: 0 },
      ],
    });
    expectToolError(
      () =>
        app.send_email_to_user_with_id({ email_id: "x", sender: "a@b.co", attachment_paths: ["nope.pdf"] }),
      /nope\.pdf does not exist/,
    );
    expectToolError(
      () =>
        app.send_email_to_user_with_id({
          email_id: "x",
          sender: "a@b.co",
          attachments: [{ name: "cat.jpg", text: "meow" }],
        }),
      /binary files carry no text/,
      "attachments.0.text",
    );
    expect(() => app.send_email_to_user_with_id({ email_id: "mail-42", sender: "x@y.z" })).toThrow(
      /already exists/,
    );
    const only = app.send_email_to_user_only({
      sender: "news@example.com",
      subject: "Weekly",
      content: "...",
    });
    expect(app.list_emails().emails[0]?.email_id).toBe(only);
    const reply = app.reply_to_email_from_user({
      sender: "carl@example.com",
      email_id: "sent-1",
      content: "Great",
    });
    expect(app.get_email_by_id({ email_id: reply })).toMatchObject({
      subject: "Re: Trip plan",
      parent_id: "sent-1",
    });
    expect(() => app.reply_to_email_from_user({ sender: "carl@example.com", email_id: "nope" })).toThrow(
      NotFoundError,
    );
    const created = app.create_and_add_email({ sender: "ops@example.com", folder_name: "trash" });
    expect(app.get_email_by_id({ email_id: created, folder_name: "TRASH" }).recipients).toEqual([
      "john@pare.com",
    ]);
    expectToolError(() => app.create_and_add_email({ sender: "nobody" }), /sender/, "sender");
  });

  it("seeds emails at given times, newest first, and rejects bad dates", () => {
    const app = new StatefulEmailApp();
    const a = app.create_and_add_email_with_time({ sender: "a@x.io", email_time: "2025-01-02 10:00:00" });
    const b = app.create_and_add_email_with_time({ sender: "b@x.io", email_time: "2025-01-03 10:00:00" });
    const c = app.create_and_add_email_with_time({ sender: "c@x.io", email_time: "2025-01-01 10:00:00" });
    expect(app.list_emails().emails.map((e) => e.email_id)).toEqual([b, a, c]);
    expect(app.get_email_by_id({ email_id: a }).timestamp).toBe(parseDateTime("2025-01-02 10:00:00"));
    const before = app.getState();
    expectToolError(
      () => app.create_and_add_email_with_time({ sender: "d@x.io", email_time: "2025-02-30 10:00:00" }),
      /email_time/,
    );
    expectToolError(() => app.add_email({ subject: "no sender" }), /sender: required/, "sender");
    expectToolError(
      () => app.add_emails({ emails: [{ sender: "e@x.io" }, { sender: "f@x.io", email_id: a }] }),
      /already exists/,
    );
    expect(app.getState()).toEqual(before);
    const draft = app.add_email({ folder_name: "DRAFT", subject: "Unfinished" });
    expect(app.get_email_by_id({ email_id: draft, folder_name: "DRAFT" })).toMatchObject({
      sender: "john@pare.com",
      recipients: [],
    });
  });

  it("round-trips its state, attachments' content included", () => {
    const { app } = seeded();
    app.send_email({ recipients: ["x@y.io"], attachment_paths: ["Pictures/map.png"] });
    const state = app.getState();
    expect(JSON.stringify(state)).toContain("Q3 revenue");
    const fresh = new StatefulEmailApp();
    fresh.loadState(state);
    expect(fresh.getState()).toEqual(state);
    expect(() => fresh.loadState({ ...state, folders: { INBOX: state.folders.INBOX } })).toThrow(
      /folders\.SENT/,
    );
    const other = new StatefulEmailApp({ user_email: "ann@work.example" });
    other.loadState(state);
    expect(other.userEmail).toBe("john@pare.com");
    other.reset();
    expect(other.userEmail).toBe("ann@work.example");
    app.reset();
    expect(app.list_emails().total_emails).toBe(0);
  });
});

describe("StatefulEmailApp notifications", () => {
  it("notifies both sides of scheduled incoming mail", () => {
    const { app } = seeded();
    const env = new Environment({ startTime: T0 });
    env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), app]);
    const capture = (fn: () => unknown) => withCaptureMode(fn) as unknown as Event;
    env.schedule([
      capture(() =>
        app.send_email_to_user_with_id({
          email_id: "m1",
          sender: "amy@example.com",
          subject: "Dinner",
          content: "Are we still on for dinner tonight at eight?",
        }),
      )
        .withId("e1")
        .delayed(5),
      capture(() =>
        app.reply_to_email_from_user({ sender: "carl@example.com", email_id: "sent-1", content: "Ok" }),
      )
        .withId("e2")
        .delayed(6),
      capture(() =>
        app.create_and_add_email({ sender: "x@example.com", recipients: ["a@b.co"], subject: "S" }),
      )
        .withId("e3")
        .delayed(7),
      capture(() =>
        app.send_email_to_user_only({ sender: "y@example.com", subject: "Hey", content: "Short" }),
      )
        .withId("e4")
        .delayed(8),
      capture(() =>
        app.create_and_add_email({ sender: "z@example.com", subject: "Saved", folder_name: "draft" }),
      )
        .withId("e5")
        .delayed(9),
    ]);
    env.start();
    env.runUntilIdle();
    const user = env.notifications.takeFor("user", env.now()).map((m) => m.text);
    expect(user).toEqual([
      "New email from amy@example.com: Dinner\nAre we still on for ...",
      "Reply from carl@example.com: Ok",
      "New email from x@example.com: S",
      "New email from y@example.com: Hey\nShort",
      "New email from z@example.com: Saved",
    ]);
    const agent = env.notifications.takeFor("agent", env.now()).map((m) => m.text);
    expect(agent[0]).toBe(
      "New email from amy@example.com: Dinner\n(email id: m1)\n\nAre we still on for dinner tonight at eight?",
    );
    expect(agent[1]).toMatch(
      /^Reply from carl@example\.com to email sent-1\n\(email id: [0-9a-f]{32}\):\n\nOk$/,
    );
    expect(agent[2]).toMatch(/^New email from x@example\.com to a@b\.co: S/);
    expect(app.get_email_by_id({ email_id: "m1" }).timestamp).toBe(T0 + 5);
    // Captured arguments are the parsed ones ("draft" → "DRAFT") and re-validate when the event runs.
    expect(env.eventLog.byId("e5")?.action?.args.folder_name).toBe("DRAFT");
    expect(app.list_emails({ folder_name: "DRAFT" }).emails[0]?.subject).toBe("Saved");
  });

  it("names arriving attachments, and the phone connects Email to Files when both are registered", () => {
    const app = new StatefulEmailApp();
    const files = new StatefulFilesApp();
    const env = new Environment({ startTime: T0 });
    env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), app, files]);
    env.schedule([
      (
        withCaptureMode(() =>
          app.send_email_to_user_with_id({
            email_id: "inv",
            sender: "billing@hotel.example",
            subject: "Your invoice",
            content: "Thank you for staying with us.",
            attachments: [{ name: "invoice-2291.pdf", text: "Total: EUR 412.80", size: 88_000 }],
          }),
        ) as unknown as Event
      )
        .withId("e1")
        .delayed(3),
    ]);
    env.start();
    env.runUntilIdle();
    expect(env.notifications.takeFor("user", env.now()).map((m) => m.text)).toEqual([
      "New email from billing@hotel.example: Your invoice [1 attachment]\nThank you for stayin...",
    ]);
    expect(env.notifications.takeFor("agent", env.now()).map((m) => m.text)).toEqual([
      "New email from billing@hotel.example: Your invoice\n(email id: inv)\nAttachments: invoice-2291.pdf (application/pdf, 86 KB)\n\nThank you for staying with us.",
    ]);
    expect(app.download_attachments({ email_id: "inv" })).toEqual(["/Downloads/invoice-2291.pdf"]);
    expect(files.read_document({ file_path: "/Downloads/invoice-2291.pdf" })).toBe("Total: EUR 412.80");
  });

  it("does not notify when the scheduled event fails", () => {
    const { app } = seeded();
    const env = new Environment({ startTime: T0 });
    env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), app]);
    const ev = withCaptureMode(() =>
      app.reply_to_email_from_user({ sender: "a@b.co", email_id: "missing" }),
    ) as unknown as Event;
    env.schedule([ev.withId("bad").delayed(1)]);
    env.start();
    env.runUntilIdle();
    expect(env.eventLog.byId("bad")?.metadata.exception).toMatch(/does not exist/);
    expect(env.notifications.takeFor("user", env.now())).toEqual([]);
  });
});

describe("StatefulEmailApp screens", () => {
  it("opens on INBOX and moves mailbox → detail → back", () => {
    const { app, report } = seeded();
    const { call, screen } = inEnv(app);
    expect(screen()).toBe("MailboxView");
    expect((app.currentScreen as MailboxView).folderName).toBe("INBOX");
    expect((call("list_emails") as { total_emails: number }).total_emails).toBe(2);
    expect(call("open_email_by_id", { email_id: report })).toMatchObject({ subject: "Quarterly report" });
    expect(app.currentScreen).toBeInstanceOf(EmailDetail);
    expect(call("refresh")).toMatchObject({ is_read: true });
    expect(call("go_back")).toBe("Navigated back to the screen MailboxView.");
    call("open_email_by_index", { index: 1 });
    expect((app.currentScreen as EmailDetail).emailId).not.toBe(report);
  });

  it("switches folders by pushing a mailbox per folder", () => {
    const { app } = seeded();
    const { call } = inEnv(app);
    expect((call("switch_folder", { folder_name: "sent" }) as { emails: unknown[] }).emails).toHaveLength(1);
    expect((app.currentScreen as MailboxView).folderName).toBe("SENT");
    call("open_email_by_id", { email_id: "sent-1" });
    expect((app.currentScreen as EmailDetail).folderName).toBe("SENT");
    call("go_back");
    call("go_back");
    expect((app.currentScreen as MailboxView).folderName).toBe("INBOX");
    expect(() => call("switch_folder", { folder_name: "junk" })).toThrow(/Unknown email folder/);
    expect((app.currentScreen as MailboxView).folderName).toBe("INBOX");
  });

  it("searches the folder with an optional time window", () => {
    const { app, oldest, report } = seeded();
    const { call } = inEnv(app);
    const ids = (args: Record<string, unknown>) =>
      (call("search_emails", args) as { email_id: string }[]).map((e) => e.email_id);
    expect(ids({ query: "example.com" })).toEqual([report, oldest]);
    expect(ids({ query: "example.com", min_date: "2025-11-10 10:00:00" })).toEqual([report]);
    expect(ids({ query: "example.com", max_date: "2025-11-10 10:00:00" })).toEqual([oldest]);
    expect(ids({ query: "example.com", limit: 1 })).toEqual([report]);
    expect(() => call("search_emails", { query: "x", min_date: "yesterday" })).toThrow(/min_date/);
    expect(() =>
      call("search_emails", { query: "x", min_date: "2025-11-11 00:00:00", max_date: "2025-11-10 00:00:00" }),
    ).toThrow(/later than max_date/);
  });

  it("replies, forwards and downloads from the detail screen, staying there", () => {
    const { app, report } = seeded();
    const { call, screen } = inEnv(app);
    call("open_email_by_id", { email_id: report });
    const replyId = call("reply", { content: "Reviewed." }) as string;
    expect(app.get_email_by_id({ email_id: replyId, folder_name: "SENT" }).recipients).toEqual([
      "boss@example.com",
    ]);
    const fwdId = call("forward", { recipients: ["cfo@example.com"] }) as string;
    expect(app.get_email_by_id({ email_id: fwdId, folder_name: "SENT" }).subject).toBe(
      "FWD: Quarterly report",
    );
    expect(call("download_attachments")).toEqual(["/Downloads/q3.pdf", "/Downloads/q3.xlsx"]);
    expect(screen()).toBe("EmailDetail");
  });

  it("moves and deletes from the detail screen, then goes back", () => {
    const { app, report, oldest } = seeded();
    const { call } = inEnv(app);
    call("open_email_by_id", { email_id: report });
    expect(call("move", { destination_folder: "TRASH" })).toMatch(/moved from INBOX to TRASH/);
    expect(app.currentScreen).toBeInstanceOf(MailboxView);
    call("open_email_by_id", { email_id: oldest });
    expect(() => call("move", { destination_folder: "INBOX" })).toThrow(/already in INBOX/);
    expect(app.currentScreen).toBeInstanceOf(EmailDetail);
    call("delete");
    expect(app.currentScreen).toBeInstanceOf(MailboxView);
    expect(app.list_emails({ folder_name: "TRASH" }).total_emails).toBe(2);
  });

  it("composes, edits and sends a new email", () => {
    const { app } = seeded();
    const { env, call } = inEnv(app);
    expect(call("start_compose")).toMatchObject({ recipients: [], subject: "", body: "" });
    expect(app.currentScreen).toBeInstanceOf(ComposeEmail);
    call("set_recipients", { recipients: ["a@example.com"] });
    expect(call("add_recipient", { recipient: "b@example.com" })).toEqual(["a@example.com", "b@example.com"]);
    call("set_cc", { cc: ["c@example.com"] });
    call("set_subject", { subject: "Plans" });
    call("set_body", { body: "Let's meet." });
    expect(call("attach_file", { attachment_path: "Pictures/map.png" })).toEqual(["Pictures/map.png"]);
    expect(() => call("attach_file", { attachment_path: "Pictures/none.png" })).toThrow(/does not exist/);
    expect(() => call("add_recipient", { recipient: "bob" })).toThrow(/recipient/);
    expect(call("view_draft")).toMatchObject({ subject: "Plans", cc: ["c@example.com"] });
    const id = call("send_composed_email") as string;
    expect(app.currentScreen).toBeInstanceOf(MailboxView);
    expect(app.get_email_by_id({ email_id: id, folder_name: "SENT" })).toMatchObject({
      recipients: ["a@example.com", "b@example.com"],
      cc: ["c@example.com"],
      subject: "Plans",
      content: "Let's meet.",
      attachments: [{ name: "map.png", mime_type: "image/png", size: 90_000 }],
    });
    const nested = env.eventLog.listView().find((e) => e.action?.function === "send_email");
    expect(nested?.eventType).toBe("USER");
    expect(nested?.metadata.parentEventId).not.toBeNull();
  });

  it("keeps the editor open when sending fails, saves drafts and discards", () => {
    const { app } = seeded();
    const { call } = inEnv(app);
    call("start_compose");
    expect(() => call("send_composed_email")).toThrow(/at least one recipient/);
    expect(app.currentScreen).toBeInstanceOf(ComposeEmail);
    call("set_subject", { subject: "Later" });
    const draftId = call("save_draft") as string;
    expect(app.currentScreen).toBeInstanceOf(MailboxView);
    expect(app.get_email_by_id({ email_id: draftId, folder_name: "DRAFT" })).toMatchObject({
      subject: "Later",
      sender: "john@pare.com",
    });
    call("start_compose");
    expect(call("discard_draft")).toBe("draft_discarded");
    expect(app.currentScreen).toBeInstanceOf(MailboxView);
    expect(app.list_emails({ folder_name: "DRAFT" }).total_emails).toBe(1);
  });

  it("composes a reply: as drafted it is a reply, edited it is a linked new email", () => {
    const { app, oldest } = seeded();
    const { env, call } = inEnv(app);
    call("open_email_by_id", { email_id: oldest });
    expect(call("start_compose_reply")).toEqual({
      draft: expect.objectContaining({
        recipients: ["ann@example.com"],
        subject: "Re: Lunch?",
        reply_to: oldest,
      }),
    });
    call("set_body", { body: "Yes, noon works." });
    const replyId = call("send_composed_email") as string;
    expect(app.currentScreen).toBeInstanceOf(EmailDetail);
    expect(app.get_email_by_id({ email_id: replyId, folder_name: "SENT" })).toMatchObject({
      parent_id: oldest,
      content: "Yes, noon works.",
      recipients: ["ann@example.com"],
    });
    expect(env.eventLog.listView().some((e) => e.action?.function === "reply_to_email")).toBe(true);

    call("start_compose_reply");
    call("add_recipient", { recipient: "bo@example.com" });
    const id2 = call("send_composed_email") as string;
    expect(app.get_email_by_id({ email_id: id2, folder_name: "SENT" })).toMatchObject({
      parent_id: oldest,
      recipients: ["ann@example.com", "bo@example.com"],
      subject: "Re: Lunch?",
    });
  });

  it("stays on the mailbox when opening an unknown email", () => {
    const { app } = seeded();
    const { env, call, screen } = inEnv(app);
    expect(() => call("open_email_by_id", { email_id: "nope" })).toThrow(/does not exist/);
    expect(() => call("open_email_by_index", { index: 7 })).toThrow(/idx/);
    expect(screen()).toBe("MailboxView");
    expect(env.getUserTools().some((t) => t.methodName === "go_back")).toBe(false);
  });

  it("logs screen actions and their nested backend calls as USER events", () => {
    const { app, report } = seeded();
    const { env, call } = inEnv(app);
    call("open_email_by_id", { email_id: report });
    call("delete");
    const log = env.eventLog
      .listView()
      .filter((e) => e.action?.app === "Emails")
      .map((e) => [e.eventType, e.action?.function, e.action?.operation, e.metadata.parentEventId !== null]);
    expect(log).toEqual([
      ["USER", "get_email_by_id", "read", true],
      ["USER", "open_email_by_id", "read", false],
      ["USER", "delete_email", "write", true],
      ["USER", "delete", "write", false],
    ]);
    const seen = env.notifications.takeFor("agent", env.now()).map((m) => m.text);
    expect(seen).toContain(`Emails__open_email_by_id(email_id='${report}')`);
    expect(seen).toContain("Emails__delete()");
  });
});
