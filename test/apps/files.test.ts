import { describe, expect, it } from "vitest";
import {
  canonicalPath,
  FileView,
  FolderView,
  MAX_TEXT_BYTES,
  makeBlob,
  StatefulFilesApp,
  samePath,
} from "../../src/apps/files/index.js";
import { withAppConstruction } from "../../src/core/app.js";
import { parseDateTime, SimClock } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import { InvalidStateError, NotFoundError, ToolError } from "../../src/core/errors.js";
import { withCaptureMode } from "../../src/core/event-context.js";
import type { Event } from "../../src/core/events.js";
import {
  expectToolError,
  expectUnchanged,
  toolErrorFrom as failure,
  currentScreen as screen,
  startPhone,
  undescribedParams,
  callUserTool as userCall,
} from "../support/phone.js";

const T0 = parseDateTime("2025-11-18 09:00:00") as number;

function standalone(): StatefulFilesApp {
  return withAppConstruction({ clock: new SimClock(T0), seed: 3 }, () => new StatefulFilesApp());
}

/** A phone's files: a lease and its older version, a receipt, a photo, a scan without text. */
function seeded(files = standalone()) {
  files.add_files({
    files: [
      {
        path: "Documents/Home/lease-2025.pdf",
        text: "Residential lease\nTenant: John Doe\nDeposit: $1,450\nPets: one cat allowed",
        size: 182_000,
        created_at: "2025-08-01 10:00:00",
      },
      { path: "Documents/Home/lease-2023.pdf", text: "Residential lease\nDeposit: $1,200", size: 150_000 },
      { path: "Documents/todo.md", text: "- renew parking permit\n- call plumber" },
      { path: "Pictures/beach.jpg", size: 3_400_000 },
      { path: "Documents/Scans/id-card.pdf", size: 900_000 },
    ],
  });
  return files;
}

describe("Files: the file system", () => {
  it("is named Files, starts with the phone's folders and says what it offers", () => {
    const files = standalone();
    expect(files.name).toBe("Files");
    expect(files.ls()).toEqual(["/Desktop", "/Documents", "/Downloads", "/Music", "/Pictures", "/Videos"]);
    expect(files.implementedProtocols()).toEqual(["FILE_SYSTEM"]);
    expect(new StatefulFilesApp({ folders: ["Inbox/Scans"] }).ls({ path: "Inbox" })).toEqual([
      "/Inbox/Scans",
    ]);
  });

  it("describes every tool parameter for models and marks every tool truthfully", () => {
    const files = standalone();
    expect(undescribedParams(files, [FolderView, FileView])).toEqual([]);
    expect(Object.fromEntries(files.getAgentTools().map((t) => [t.methodName, t.operation]))).toEqual({
      open: "write",
      cat: "read",
      mkdir: "write",
      makedirs: "write",
      mv: "write",
      ls: "read",
      rm: "write",
      exists: "read",
      display: "read",
      info: "read",
      tree: "read",
      read_document: "read",
    });
    expect(files.getTools("env").map((t) => [t.methodName, t.operation])).toEqual([
      ["receive_file", "write"],
    ]);
    expect(files.getTools("data").map((t) => t.methodName)).toEqual(["makedirs", "add_file", "add_files"]);
  });

  it("lists, describes and draws folders", () => {
    const files = seeded();
    expect(files.ls({ path: "Documents" })).toEqual([
      "/Documents/Home",
      "/Documents/Scans",
      "/Documents/todo.md",
    ]);
    expect(files.ls({ path: "/Documents/Home/", detail: true })).toEqual([
      {
        name: "/Documents/Home/lease-2023.pdf",
        type: "file",
        size: 150_000,
        mime_type: "application/pdf",
        created: "2025-11-18 09:00:00",
        modified: "2025-11-18 09:00:00",
      },
      {
        name: "/Documents/Home/lease-2025.pdf",
        type: "file",
        size: 182_000,
        mime_type: "application/pdf",
        created: "2025-08-01 10:00:00",
        modified: "2025-08-01 10:00:00",
      },
    ]);
    expect(files.ls({ path: "Documents/todo.md" })).toEqual(["/Documents/todo.md"]);
    expect(files.info({ path: "Documents" })).toMatchObject({ type: "directory", entries: 3, size: 0 });
    expect(files.info({ path: "Pictures/beach.jpg" })).toMatchObject({
      mime_type: "image/jpeg",
      size: 3_400_000,
    });
    expect(files.tree({ path: "Documents" })).toBe(
      [
        "/Documents",
        "├── Home/",
        "│   ├── lease-2023.pdf",
        "│   └── lease-2025.pdf",
        "├── Scans/",
        "│   └── id-card.pdf",
        "└── todo.md",
      ].join("\n"),
    );
    expect(files.tree().split("\n")[0]).toBe("/");
    expect(files.exists({ path: "Documents/Home" })).toBe(true);
    expect(files.exists({ path: "/" })).toBe(true);
    expect(files.exists({ path: "Documents/none" })).toBe(false);
    expect(files.display({ path: "Pictures/beach.jpg" })).toBe(true);
    expect(files.display({ path: "Pictures" })).toBe(false);
  });

  it("reads text files with cat and documents with read_document, cut to max_lines", () => {
    const files = seeded();
    expect(files.cat({ path: "Documents/todo.md" })).toBe("- renew parking permit\n- call plumber");
    expect(files.read_document({ file_path: "Documents/todo.md" })).toBe(
      "- renew parking permit\n- call plumber",
    );
    expect(files.read_document({ file_path: "Documents/Home/lease-2025.pdf", max_lines: 2 })).toBe(
      "Residential lease\nTenant: John Doe\n\n[Document truncated. Showing 2 of 4 lines]",
    );
    expect(files.read_document({ file_path: "Documents/Home/lease-2025.pdf", max_lines: null })).toContain(
      "Pets: one cat allowed",
    );
    expect(() => files.cat({ path: "Documents/Home/lease-2025.pdf" })).toThrow(
      /read its text with read_document/,
    );
    expect(() => files.cat({ path: "Pictures/beach.jpg" })).toThrow(/binary image\/jpeg file \(3\.2 MB\)/);
    expect(() => files.read_document({ file_path: "Pictures/beach.jpg" })).toThrow(/not a document/);
    expect(() => files.read_document({ file_path: "Documents/Scans/id-card.pdf" })).toThrow(
      /without a text layer/,
    );
    files.open({ path: "Documents/empty.txt" });
    expect(() => files.read_document({ file_path: "Documents/empty.txt" })).toThrow(/File is empty/);
    expect(() => files.cat({ path: "Documents" })).toThrow(/is a folder, not a file/);
    expect(() => files.cat({ path: "/" })).toThrow(/root folder/);
    expectToolError(() => files.read_document({ file_path: "Documents/todo.md", max_lines: 0 }), /max_lines/);
  });

  it("names what a folder holds when a path is missing", () => {
    const files = seeded();
    const error = failure(() => files.cat({ path: "Documents/Home/lease-2024.pdf" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      "File /Documents/Home/lease-2024.pdf does not exist; /Documents/Home holds: lease-2023.pdf, lease-2025.pdf",
    );
    expect(failure(() => files.ls({ path: "Nope/Deeper" })).message).toMatch(
      /^Folder \/Nope\/Deeper does not exist; \/ holds: Desktop/,
    );
  });

  it("writes, appends and creates text files, and never writes into a photo", () => {
    const files = seeded();
    files.clock.set(T0 + 60);
    expect(files.open({ path: "Documents/packing.txt", content: "socks\n" })).toMatchObject({
      name: "/Documents/packing.txt",
      size: 6,
      mime_type: "text/plain",
      created: "2025-11-18 09:01:00",
    });
    files.clock.set(T0 + 120);
    files.open({ path: "Documents/packing.txt", mode: "a", content: "charger\n" });
    expect(files.cat({ path: "Documents/packing.txt" })).toBe("socks\ncharger\n");
    expect(files.info({ path: "Documents/packing.txt" })).toMatchObject({
      created: "2025-11-18 09:01:00",
      modified: "2025-11-18 09:02:00",
    });
    // Overwrite with 'w' is explicit; 'x' refuses to overwrite.
    files.open({ path: "Documents/packing.txt", mode: "wb", content: "passport" });
    expect(files.cat({ path: "Documents/packing.txt" })).toBe("passport");
    expectUnchanged(
      files,
      () => files.open({ path: "Documents/packing.txt", mode: "x", content: "y" }),
      InvalidStateError,
      /already exists/,
    );
    expectUnchanged(
      files,
      () => files.open({ path: "Pictures/beach.jpg", content: "hi" }),
      InvalidStateError,
      /only text files/,
    );
    expectUnchanged(
      files,
      () => files.open({ path: "Documents/Scans/id-card.pdf", mode: "a", content: "x" }),
      InvalidStateError,
      /no text to append/,
    );
    expectUnchanged(
      files,
      () => files.open({ path: "Documents/Home", content: "x" }),
      InvalidStateError,
      /is a folder/,
    );
    expectUnchanged(
      files,
      () => files.open({ path: "Nowhere/a.txt", content: "x" }),
      NotFoundError,
      /Folder \/Nowhere does not exist/,
    );
    expectUnchanged(
      files,
      () => files.open({ path: "Documents/todo.md/child.txt" }),
      InvalidStateError,
      /is a file, not a folder/,
    );
    expectToolError(
      () => files.open({ path: "Documents/todo.md", mode: "r" }),
      /use cat|Read a file with cat/,
      "mode",
    );
    expectToolError(() => files.open({ path: "Documents/todo.md", mode: "rw" as "w" }), /mode/, "mode");
    // A PDF can be written as a document with text.
    files.open({ path: "Documents/summary.pdf", content: "Summary" });
    expect(files.read_document({ file_path: "Documents/summary.pdf" })).toBe("Summary");
  });

  it("creates folders, with or without their parents", () => {
    const files = seeded();
    expect(files.mkdir({ path: "Documents/Taxes/2025" })).toBe("/Documents/Taxes/2025");
    expectUnchanged(
      files,
      () => files.mkdir({ path: "Documents/Taxes/2025" }),
      InvalidStateError,
      /already exists/,
    );
    expectUnchanged(
      files,
      () => files.mkdir({ path: "A/B", create_parents: false }),
      NotFoundError,
      /Folder \/A does not exist/,
    );
    expectUnchanged(files, () => files.mkdir({ path: "/" }), InvalidStateError, /already exists/);
    expectUnchanged(
      files,
      () => files.mkdir({ path: "Documents/todo.md/x" }),
      InvalidStateError,
      /is a file/,
    );
    expect(files.makedirs({ path: "Music/Live/2024" })).toBe("/Music/Live/2024");
    expect(files.makedirs({ path: "Music/Live", exist_ok: true })).toBe("/Music/Live");
    expectUnchanged(files, () => files.makedirs({ path: "Music/Live" }), InvalidStateError, /exist_ok/);
    expectUnchanged(
      files,
      () => files.makedirs({ path: "Documents/todo.md", exist_ok: true }),
      InvalidStateError,
      /is a file/,
    );
  });

  it("moves and renames files and folders, never over another file", () => {
    const files = seeded();
    expect(files.mv({ path1: "Documents/todo.md", path2: "Desktop" })).toBe("/Desktop/todo.md");
    expect(files.mv({ path1: "Desktop/todo.md", path2: "Desktop/todo-nov.md" })).toBe("/Desktop/todo-nov.md");
    expect(files.mv({ path1: "Documents/Home", path2: "Documents/House" })).toBe("/Documents/House");
    expect(files.ls({ path: "Documents/House" })).toEqual([
      "/Documents/House/lease-2023.pdf",
      "/Documents/House/lease-2025.pdf",
    ]);
    expect(files.read_document({ file_path: "Documents/House/lease-2025.pdf" })).toContain("$1,450");
    expect(files.exists({ path: "Documents/Home/lease-2025.pdf" })).toBe(false);
    files.open({ path: "Desktop/lease-2025.pdf", content: "my notes" });
    expectUnchanged(
      files,
      () => files.mv({ path1: "Documents/House/lease-2025.pdf", path2: "Desktop" }),
      InvalidStateError,
      /already exists; delete it first/,
    );
    expectUnchanged(
      files,
      () => files.mv({ path1: "Documents", path2: "Documents/House" }),
      InvalidStateError,
      /into itself/,
    );
    expectUnchanged(files, () => files.mv({ path1: "/", path2: "Desktop" }), InvalidStateError, /root/);
    expectUnchanged(
      files,
      () => files.mv({ path1: "Nope.txt", path2: "Desktop" }),
      NotFoundError,
      /does not exist/,
    );
    expectUnchanged(
      files,
      () => files.mv({ path1: "Desktop/todo-nov.md", path2: "Gone/x.md" }),
      NotFoundError,
      /Folder \/Gone/,
    );
    expectUnchanged(
      files,
      () => files.mv({ path1: "Desktop/todo-nov.md", path2: "/Desktop/todo-nov.md" }),
      InvalidStateError,
      /already is/,
    );
  });

  it("deletes files, and folders only when asked to recursively", () => {
    const files = seeded();
    expect(files.rm({ path: "Documents/todo.md" })).toBe("Deleted file /Documents/todo.md");
    expectUnchanged(files, () => files.rm({ path: "Documents/Home" }), InvalidStateError, /recursive=true/);
    expect(files.rm({ path: "Documents/Home", recursive: true })).toBe(
      "Deleted folder /Documents/Home and 2 entries inside it",
    );
    expect(files.ls({ path: "Documents" })).toEqual(["/Documents/Scans"]);
    expectUnchanged(
      files,
      () => files.rm({ path: "/", recursive: true }),
      InvalidStateError,
      /root folder cannot be deleted/,
    );
    expectUnchanged(files, () => files.rm({ path: "Documents/Home" }), NotFoundError, /does not exist/);
  });
});

describe("Files: paths never leave the phone's file system", () => {
  const hostile: [string, RegExp][] = [
    ["../etc/passwd", /'\.\.' is not allowed/],
    ["Documents/../../etc/passwd", /'\.\.' is not allowed/],
    ["Documents/./../Downloads", /'\.\.' is not allowed/],
    ["/..", /'\.\.' is not allowed/],
    ["..", /'\.\.' is not allowed/],
    ["Documents\\..\\secret.txt", /backslashes/],
    ["C:\\Windows\\system.ini", /backslashes|drive letters/],
    ["C:/Windows/system.ini", /drive letters/],
    ["file:///etc/passwd", /URLs/],
    ["https://evil.example/x.pdf", /URLs/],
    ["~/notes.txt", /home shortcuts/],
    ["~root/.ssh/id_rsa", /home shortcuts/],
    ["Documents/a\u0000b.txt", /control characters/],
    ["Documents/line\nbreak.txt", /control characters/],
    ["Documents/invoice\u202Efdp.exe", /text-direction/],
    [`Documents/${"x".repeat(256)}.txt`, /at most 255 characters/],
    [`${"a/".repeat(40)}z.txt`, /at most 32 levels/],
    ["x".repeat(1100), /at most 1024 characters/],
  ];

  it.each(hostile)("refuses %j with a tool error naming the argument", (path, pattern) => {
    const files = seeded();
    for (const call of [
      () => files.cat({ path }),
      () => files.exists({ path }),
      () => files.open({ path, content: "x" }),
      () => files.rm({ path, recursive: true }),
    ]) {
      const error = failure(call);
      expect(error.code).toBe("invalid_arguments");
      expect(error.message).toMatch(pattern);
      expect(error.field).toBe("path");
    }
    expect(failure(() => files.mv({ path1: "Documents/todo.md", path2: path })).field).toBe("path2");
    expect(failure(() => files.read_document({ file_path: path })).field).toBe("file_path");
  });

  it("reads a leading slash as the phone's root, and tidies slashes and dots", () => {
    const files = seeded();
    expect(files.cat({ path: "/Documents/todo.md" })).toBe(files.cat({ path: "Documents/todo.md" }));
    expect(files.cat({ path: "//Documents///./todo.md" })).toContain("plumber");
    expect(files.ls({ path: "." })).toContain("/Documents");
    // An absolute host path is only a path inside the phone: there is nothing there.
    expect(() => files.cat({ path: "/etc/passwd" })).toThrow(NotFoundError);
    expect(() => files.cat({ path: "/tmp/are_simulation_fs_sandbox_x/Documents/todo.md" })).toThrow(
      NotFoundError,
    );
    expect(canonicalPath(" Downloads//a.pdf ")).toBe("/Downloads/a.pdf");
    expect(samePath("Downloads/a.pdf", "/Downloads/./a.pdf")).toBe(true);
    expect(samePath("Downloads/a.pdf", "../Downloads/a.pdf")).toBe(false);
  });

  it("keeps odd but harmless names, including ones that look like object keys", () => {
    const files = standalone();
    for (const name of [
      "__proto__",
      "constructor",
      "hasOwnProperty",
      "Résumé 2025 (final).pdf",
      "🎟️ ticket.txt",
      ".hidden",
      "...",
    ]) {
      files.open({ path: `Documents/${name}`, content: "ok" });
      expect(files.exists({ path: `Documents/${name}` })).toBe(true);
    }
    const fresh = standalone();
    fresh.loadState(files.getState());
    expect(fresh.getState()).toEqual(files.getState());
    expect(fresh.cat({ path: "Documents/__proto__" })).toBe("ok");
    expect(Object.getPrototypeOf(fresh.getState())).toBe(Object.prototype);
  });
});

describe("Files: limits", () => {
  it("refuses a file over 1 MiB of text, a declared size over 16 GiB, and a full storage", () => {
    const files = standalone();
    const big = "x".repeat(MAX_TEXT_BYTES + 1);
    expectUnchanged(
      files,
      () => files.open({ path: "Documents/big.txt", content: big }),
      ToolError,
      /over the 1 MB limit/,
    );
    expect(failure(() => files.add_file({ path: "Videos/film.mp4", size: 17 * 1024 ** 3 })).field).toBe(
      "file.size",
    );
    files.add_file({ path: "Videos/film.mp4", size: 4 * 1024 ** 3 });
    expect(files.info({ path: "Videos/film.mp4" }).size).toBe(4 * 1024 ** 3);
    // Appending cannot grow a file past the limit either.
    files.open({ path: "Documents/log.txt", content: "x".repeat(MAX_TEXT_BYTES - 2) });
    expectUnchanged(
      files,
      () => files.open({ path: "Documents/log.txt", mode: "a", content: "abc" }),
      ToolError,
      /limit/,
    );
    // Multi-byte text counts in bytes.
    expect(
      failure(() => files.open({ path: "Documents/e.txt", content: "é".repeat(MAX_TEXT_BYTES / 2 + 1) }))
        .field,
    ).toBe("content");
    const chunk = "y".repeat(MAX_TEXT_BYTES);
    let error: unknown;
    for (let i = 0; i < 40 && !error; i++) {
      try {
        files.open({ path: `Documents/chunk-${i}.txt`, content: chunk });
      } catch (e) {
        error = e;
      }
    }
    expect(String(error)).toMatch(/storage is full/);
  });

  it("checks seeded files: text only where the type has text, sizes that add up", () => {
    expect(() => makeBlob({ name: "cat.jpg", text: "meow" }, "f")).toThrow(/binary files carry no text/);
    expect(() => makeBlob({ name: "a.txt", text: "abc", size: 99 }, "f")).toThrow(
      /text's length \(3 bytes\)/,
    );
    expect(() => makeBlob({ name: "a.bin", mime_type: "not a type" }, "f")).toThrow(/media type/);
    expect(makeBlob({ name: "notes.md" }, "f")).toEqual({
      name: "notes.md",
      mime_type: "text/markdown",
      size: 0,
      text: "",
    });
    expect(makeBlob({ name: "odd.xyz" }, "f")).toEqual({
      name: "odd.xyz",
      mime_type: "application/octet-stream",
      size: 0,
      text: null,
    });
    const files = standalone();
    expectUnchanged(
      files,
      () =>
        files.add_files({
          files: [
            { path: "Documents/ok.txt", text: "fine" },
            { path: "Documents/ok.txt", text: "again" },
          ],
        }),
      InvalidStateError,
      /already exists/,
    );
    expect(failure(() => files.add_file({ path: "Documents/x.txt", created_at: "yesterday" })).field).toBe(
      "created_at",
    );
  });
});

describe("Files: state", () => {
  it("round-trips through getState and loadState, and refuses broken states naming the field", () => {
    const files = seeded();
    files.mkdir({ path: "Documents/Empty" });
    const state = files.getState();
    const fresh = standalone();
    fresh.loadState(state);
    expect(fresh.getState()).toEqual(state);
    expect(fresh.read_document({ file_path: "Documents/Home/lease-2025.pdf" })).toContain("$1,450");
    expect(fresh.ls({ path: "Documents/Empty" })).toEqual([]);
    const bad = (patch: object) => () => fresh.loadState({ ...state, ...patch });
    expect(bad({ files: [{ ...state.files[0], path: "../x.txt" }] })).toThrow(
      /Invalid state for app Files: files\.0: .*'\.\.'/,
    );
    expect(bad({ files: [{ ...state.files[0], path: "/Documents/x.txt" }] })).toThrow(/not canonical/);
    expect(bad({ files: [state.files[0], state.files[0]] })).toThrow(/appears twice/);
    expect(
      bad({ files: [{ ...state.files[0], path: "a.jpg", mime_type: "image/jpeg", text: "x" }] }),
    ).toThrow(/binary/);
    expect(bad({ folders: "nope" })).toThrow(/folders/);
    expect(fresh.getState()).toEqual(state);
  });

  it("goes back to its default folders on reset", () => {
    const files = seeded();
    files.reset();
    expect(files.getState().files).toEqual([]);
    expect(files.ls()).toHaveLength(6);
  });
});

describe("Files: a file arrives", () => {
  function phone() {
    const env = new Environment({ startTime: T0 });
    const files = withAppConstruction({ clock: env.clock, seed: 3 }, () => new StatefulFilesApp());
    seeded(files);
    return { env, files };
  }

  it("saves an arriving file (creating its folder), numbers a clash, and notifies both sides", () => {
    const { env, files } = phone();
    const capture = (fn: () => unknown) => withCaptureMode(fn) as unknown as Event;
    files.add_file({ path: "Downloads/boarding-pass.pdf", text: "old pass", size: 50_000 });
    env.registerApps([files]);
    env.schedule([
      capture(() =>
        files.receive_file({
          path: "Documents/Scans/permission-slip-signed.pdf",
          text: "Field trip permission\nSigned: John Doe",
          size: 420_000,
          source: "Scanner",
        }),
      )
        .withId("scan")
        .delayed(5),
      capture(() =>
        files.receive_file({ path: "Downloads/boarding-pass.pdf", text: "new pass", size: 51_000 }),
      )
        .withId("pass")
        .delayed(6),
      capture(() => files.receive_file({ path: "Downloads/../../x.pdf" }))
        .withId("bad")
        .delayed(7),
    ]);
    env.start();
    env.runUntilIdle();
    expect(env.eventLog.byId("scan")?.metadata.returnValue).toBe(
      "/Documents/Scans/permission-slip-signed.pdf",
    );
    expect(env.eventLog.byId("pass")?.metadata.returnValue).toBe("/Downloads/boarding-pass (1).pdf");
    expect(env.eventLog.byId("bad")?.metadata.exception).toMatch(/'\.\.' is not allowed/);
    expect(files.read_document({ file_path: "Downloads/boarding-pass.pdf" })).toBe("old pass");
    expect(env.notifications.takeFor("user", env.now()).map((m) => m.text)).toEqual([
      "New file from Scanner: /Documents/Scans/permission-slip-signed.pdf",
      "New file: /Downloads/boarding-pass (1).pdf",
    ]);
    expect(env.notifications.takeFor("agent", env.now()).map((m) => m.text)).toEqual([
      "Files: a new file arrived from Scanner: permission-slip-signed.pdf (application/pdf, 410 KB) saved at /Documents/Scans/permission-slip-signed.pdf",
      "Files: a new file arrived: boarding-pass (1).pdf (application/pdf, 50 KB) saved at /Downloads/boarding-pass (1).pdf",
    ]);
  });
});

describe("Files: screens", () => {
  function phone() {
    const env = new Environment({ startTime: T0 });
    const files = withAppConstruction({ clock: env.clock, seed: 3 }, () => new StatefulFilesApp());
    seeded(files);
    startPhone(env, files);
    env.openApp("Files");
    return { env, files };
  }

  it("browses folders and back, and opens a file to read it", () => {
    const { env, files } = phone();
    expect(screen(env)).toBe("FolderView");
    expect((userCall(env, "Files__list_folder") as { name: string }[]).map((e) => e.name)).toContain(
      "/Documents",
    );
    userCall(env, "Files__open_folder", { name: "Documents" });
    expect((files.currentScreen as FolderView).folder).toEqual(["Documents"]);
    expect(userCall(env, "Files__tree")).toMatch(/^\/Documents\n├── Home\//);
    expect(() => userCall(env, "Files__open_folder", { name: "Nope" })).toThrow(NotFoundError);
    expect(() => userCall(env, "Files__open_folder", { name: "../Pictures" })).toThrow(
      /'\.\.' is not allowed/,
    );
    expect(() => userCall(env, "Files__open_folder", { name: "todo.md" })).toThrow(/is a file, not a folder/);
    expect((files.currentScreen as FolderView).folder).toEqual(["Documents"]);
    const opened = userCall(env, "Files__open_file", { name: "Home/lease-2025.pdf" });
    expect(opened).toMatchObject({
      info: { name: "/Documents/Home/lease-2025.pdf" },
      text: expect.stringContaining("$1,450"),
    });
    expect(screen(env)).toBe("FileView");
    expect(userCall(env, "Files__read", { max_lines: 1 })).toMatchObject({
      text: expect.stringMatching(/Showing 1 of 4 lines/),
    });
    expect(userCall(env, "Files__details")).toMatchObject({ size: 182_000 });
    expect(userCall(env, "Files__go_back")).toBe("Navigated back to the screen FolderView.");
    expect(userCall(env, "Files__go_back")).toBe("Navigated back to the screen FolderView.");
    expect((files.currentScreen as FolderView).folder).toEqual([]);
    expect(env.getUserTools().some((t) => t.name === "Files__go_back")).toBe(false);
  });

  it("shows a photo's details instead of text, and never enters a missing file", () => {
    const { env } = phone();
    expect(userCall(env, "Files__open_file", { name: "Pictures/beach.jpg" })).toMatchObject({
      info: { mime_type: "image/jpeg" },
      text: null,
    });
    userCall(env, "Files__go_back");
    expect(() => userCall(env, "Files__open_file", { name: "Pictures/none.jpg" })).toThrow(NotFoundError);
    expect(() => userCall(env, "Files__open_file", { name: "Pictures" })).toThrow(/is a folder/);
    expect(screen(env)).toBe("FolderView");
  });

  it("renames, moves and deletes the open file, and creates folders", () => {
    const { env, files } = phone();
    expect(userCall(env, "Files__new_folder", { name: "Archive" })).toBe("/Archive");
    expect(() => userCall(env, "Files__new_folder", { name: "Archive" })).toThrow(/already exists/);
    userCall(env, "Files__open_file", { name: "Documents/Home/lease-2023.pdf" });
    expect(userCall(env, "Files__rename", { new_name: "lease-2023-old.pdf" })).toBe(
      "/Documents/Home/lease-2023-old.pdf",
    );
    expect((files.currentScreen as FileView).path).toBe("/Documents/Home/lease-2023-old.pdf");
    expect(() => userCall(env, "Files__rename", { new_name: "lease-2025.pdf" })).toThrow(/already exists/);
    expect(() => userCall(env, "Files__rename", { new_name: "../x.pdf" })).toThrow(/'\.\.'/);
    expect(userCall(env, "Files__move_to", { folder: "Archive" })).toBe("/Archive/lease-2023-old.pdf");
    expect(screen(env)).toBe("FolderView");
    userCall(env, "Files__open_file", { name: "Documents/todo.md" });
    expect(userCall(env, "Files__delete")).toBe("Deleted file /Documents/todo.md");
    expect(screen(env)).toBe("FolderView");
    expect(files.exists({ path: "Documents/todo.md" })).toBe(false);
    // The user's screen actions are the user's, all the way down.
    const moved = env.eventLog
      .listView()
      .filter((e) => e.action?.function === "mv" && e.metadata.exception === null);
    expect(moved.map((e) => [e.eventType, e.metadata.parentEventId !== null])).toEqual([
      ["USER", true],
      ["USER", true],
    ]);
  });
});
