import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { StatefulFilesApp } from "../../src/apps/files/index.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { type NotesPage, type NoteView, StatefulNotesApp } from "../../src/apps/notes/index.js";
import { withAppConstruction } from "../../src/core/app.js";
import { parseDateTime, SimClock } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import { InvalidStateError, NotFoundError, ToolError } from "../../src/core/errors.js";
import { withCaptureMode } from "../../src/core/event-context.js";
import type { Event } from "../../src/core/events.js";
import { connectProtocols } from "../../src/core/protocols.js";
import {
  toolErrorFrom as failure,
  currentScreen as screen,
  callUserTool as userCall,
} from "../support/phone.js";

const at = (s: string): number => parseDateTime(s) as number;
const T0 = at("2025-03-10 09:00:00");

function standalone(now = T0): StatefulNotesApp {
  return withAppConstruction({ clock: new SimClock(now), seed: 1 }, () => new StatefulNotesApp());
}

/** A realistic set of notes written over a few days before T0. */
function seed(notes: StatefulNotesApp) {
  return {
    groceries: notes.create_note_with_time({
      title: "Groceries",
      content: "Milk\nEggs\nSpinach",
      created_at: "2025-03-08 10:00:00",
    }),
    trip: notes.create_note_with_time({
      folder: "Personal",
      title: "Lisbon trip",
      content: "Flight TP 1351 on Friday; hotel near Alfama",
      created_at: "2025-03-01 20:00:00",
      updated_at: "2025-03-09 21:30:00",
      attachments: [{ name: "itinerary.txt", text: "Day 1: Belém\nDay 2: Sintra" }],
    }),
    ideas: notes.create_note_with_time({
      title: "Gift ideas",
      content: "Mia: a cookbook",
      pinned: true,
      created_at: "2025-03-02 09:00:00",
    }),
    meeting: notes.create_note_with_time({
      folder: "Work",
      title: "Q2 planning",
      content: "Hiring plan; budget review with Raj",
      created_at: "2025-03-07 14:00:00",
    }),
  };
}

function setup() {
  const env = new Environment({ startTime: T0 });
  const notes = withAppConstruction({ clock: env.clock, seed: 9 }, () => new StatefulNotesApp());
  const files = withAppConstruction({ clock: env.clock, seed: 9 }, () => new StatefulFilesApp());
  files.add_file({ path: "Documents/recipe.txt", text: "Omelette" });
  const ids = seed(notes);
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), notes, files]);
  env.start();
  return { env, notes, ids };
}

const titles = (views: readonly NoteView[]) => views.map((n) => n.title);

describe("Notes folders", () => {
  it("starts with the default folders and creates new ones", () => {
    const notes = standalone();
    expect(notes.list_folders()).toEqual(["Inbox", "Personal", "Work"]);
    expect(notes.new_folder({ folder_name: " Recipes " })).toBe("Recipes");
    expect(notes.list_folders()).toEqual(["Inbox", "Personal", "Work", "Recipes"]);
    expect(() => notes.new_folder({ folder_name: "Recipes" })).toThrow(InvalidStateError);
    expect(failure(() => notes.new_folder({ folder_name: "  " })).field).toBe("folder_name");
    expect(notes.name).toBe("Notes");
  });

  it("deletes a folder with its notes, never a default one", () => {
    const notes = standalone();
    notes.new_folder({ folder_name: "Old" });
    const id = notes.create_note({ folder: "Old", title: "Stale" });
    expect(notes.delete_folder({ folder_name: "Old" })).toBe("Old");
    expect(() => notes.get_note_by_id({ note_id: id })).toThrow(NotFoundError);
    expect(() => notes.delete_folder({ folder_name: "Work" })).toThrow(/default folder/);
    expect(() => notes.delete_folder({ folder_name: "Nope" })).toThrow(NotFoundError);
    expect(notes.list_folders()).toEqual(["Inbox", "Personal", "Work"]);
  });

  it("renames a folder in place", () => {
    const notes = standalone();
    notes.new_folder({ folder_name: "Rcp" });
    notes.new_folder({ folder_name: "Books" });
    const id = notes.create_note({ folder: "Rcp", title: "Pancakes" });
    expect(notes.rename_folder({ folder: "Rcp", new_folder: "Recipes" })).toBe("Recipes");
    expect(notes.list_folders()).toEqual(["Inbox", "Personal", "Work", "Recipes", "Books"]);
    expect(notes.get_note_by_id({ note_id: id }).folder).toBe("Recipes");
    expect(() => notes.rename_folder({ folder: "Nope", new_folder: "X" })).toThrow(NotFoundError);
    expect(() => notes.rename_folder({ folder: "Recipes", new_folder: "Books" })).toThrow(/already exists/);
    expect(() => notes.rename_folder({ folder: "Inbox", new_folder: "Mail" })).toThrow(/default folder/);
  });
});

describe("Notes data operations", () => {
  it("creates notes on the scenario clock, honouring pinned", () => {
    const notes = standalone();
    const id = notes.create_note({ title: "Packing", content: "Passport", pinned: true });
    expect(notes.get_note_by_id({ note_id: id })).toEqual({
      note_id: id,
      folder: "Inbox",
      title: "Packing",
      content: "Passport",
      pinned: true,
      attachments: [],
      created_at: "2025-03-10 09:00:00",
      updated_at: "2025-03-10 09:00:00",
    });
    const untitled = notes.create_note({
      folder: "Work",
      content: "\n  Call the plumber about the leaking kitchen tap before the weekend\nmore",
    });
    expect(notes.get_note_by_id({ note_id: untitled }).title).toBe(
      "Call the plumber about the leaking kitchen tap bef",
    );
    expect(() => notes.create_note({ folder: "Nope", title: "x" })).toThrow(NotFoundError);
    expect(() => notes.get_note_by_id({ note_id: "nope" })).toThrow(/Note nope not found/);
    expect(failure(() => notes.get_note_by_id({ note_id: "" })).field).toBe("note_id");
  });

  it("updates title, content and pin, bumping updated_at", () => {
    const notes = standalone();
    const { groceries } = seed(notes);
    notes.clock.set(T0 + 600);
    expect(notes.update_note({ note_id: groceries, content: "Milk\nEggs\nSpinach\nBread" })).toBe(groceries);
    expect(notes.get_note_by_id({ note_id: groceries })).toMatchObject({
      title: "Groceries",
      content: "Milk\nEggs\nSpinach\nBread",
      updated_at: "2025-03-10 09:10:00",
      created_at: "2025-03-08 10:00:00",
    });
    notes.update_note({ note_id: groceries, title: "Shopping list", pinned: true });
    expect(notes.get_note_by_id({ note_id: groceries })).toMatchObject({
      title: "Shopping list",
      pinned: true,
    });
    notes.update_note({ note_id: groceries, title: " " });
    expect(notes.get_note_by_id({ note_id: groceries }).title).toBe("Milk");
    const before = notes.getState();
    expect(failure(() => notes.update_note({ note_id: groceries })).code).toBe("invalid_arguments");
    expect(() => notes.update_note({ note_id: "nope", title: "x" })).toThrow(NotFoundError);
    expect(notes.getState()).toEqual(before);
  });

  it("deletes a note", () => {
    const notes = standalone();
    const { trip } = seed(notes);
    expect(notes.delete_note({ note_id: trip })).toBe(trip);
    expect(() => notes.get_note_by_id({ note_id: trip })).toThrow(NotFoundError);
    expect(() => notes.delete_note({ note_id: trip })).toThrow(NotFoundError);
  });

  it("lists a folder pinned first, then most recently updated, one page at a time", () => {
    const notes = standalone();
    seed(notes);
    notes.create_note({ title: "Just now" });
    const page = notes.list_notes({ folder: "Inbox" });
    expect(titles(page.notes)).toEqual(["Gift ideas", "Just now", "Groceries"]);
    expect([page.notes_range, page.total_returned_notes, page.total_notes]).toEqual([[0, 3], 3, 3]);
    const second = notes.list_notes({ folder: "Inbox", offset: 1, limit: 1 });
    expect([titles(second.notes), second.notes_range, second.total_notes]).toEqual([["Just now"], [1, 2], 3]);
    expect(notes.list_notes({ offset: 3 }).notes).toEqual([]);
    expect(failure(() => notes.list_notes({ offset: 4 })).field).toBe("offset");
    expect(() => notes.list_notes({ folder: "Nope" })).toThrow(/Folder Nope not found/);
  });

  it("moves a note between folders", () => {
    const notes = standalone();
    const { groceries, meeting } = seed(notes);
    expect(notes.move_note({ note_id: groceries, dest_folder_name: "Personal" })).toBe(groceries);
    expect(notes.get_note_by_id({ note_id: groceries }).folder).toBe("Personal");
    notes.move_note({ note_id: groceries, source_folder_name: "Personal", dest_folder_name: "Inbox" });
    const before = notes.getState();
    expect(() =>
      notes.move_note({ note_id: meeting, source_folder_name: "Inbox", dest_folder_name: "Personal" }),
    ).toThrow(/not in folder Inbox/);
    expect(() => notes.move_note({ note_id: meeting, dest_folder_name: "Work" })).toThrow(InvalidStateError);
    expect(() => notes.move_note({ note_id: meeting, dest_folder_name: "Nope" })).toThrow(NotFoundError);
    expect(() => notes.move_note({ note_id: "nope", dest_folder_name: "Inbox" })).toThrow(NotFoundError);
    expect(notes.getState()).toEqual(before);
  });

  it("duplicates a note with its attachments on the scenario clock", () => {
    const notes = standalone();
    const { trip } = seed(notes);
    notes.clock.set(T0 + 3600);
    const copy = notes.duplicate_note({ note_id: trip });
    expect(notes.get_note_by_id({ note_id: copy })).toEqual({
      note_id: copy,
      folder: "Personal",
      title: "Copy of Lisbon trip",
      content: "Flight TP 1351 on Friday; hotel near Alfama",
      pinned: false,
      attachments: ["itinerary.txt"],
      created_at: "2025-03-10 10:00:00",
      updated_at: "2025-03-10 10:00:00",
    });
    const elsewhere = notes.duplicate_note({ note_id: trip, folder_name: "Work" });
    expect(notes.get_note_by_id({ note_id: elsewhere }).folder).toBe("Work");
    // The copy's attachments are its own.
    notes.remove_attachment({ note_id: copy, attachment: "itinerary.txt" });
    expect(notes.list_attachments({ note_id: trip })).toEqual(["itinerary.txt"]);
    expect(() => notes.duplicate_note({ note_id: trip, folder_name: "Nope" })).toThrow(NotFoundError);
    expect(() => notes.duplicate_note({ note_id: "nope" })).toThrow(NotFoundError);
  });

  it("searches titles and content, everywhere or in one folder", () => {
    const notes = standalone();
    seed(notes);
    expect(titles(notes.search_notes({ query: "RAJ" }))).toEqual(["Q2 planning"]);
    expect(titles(notes.search_notes({ query: "i" }))).toEqual([
      "Gift ideas",
      "Lisbon trip",
      "Groceries",
      "Q2 planning",
    ]);
    expect(titles(notes.search_notes_in_folder({ query: "i", folder_name: "Inbox" }))).toEqual([
      "Gift ideas",
      "Groceries",
    ]);
    expect(notes.search_notes({ query: "zebra" })).toEqual([]);
    expect(() => notes.search_notes_in_folder({ query: "i", folder_name: "Nope" })).toThrow(NotFoundError);
    expect(failure(() => notes.search_notes({ query: "" })).field).toBe("query");
  });

  it("attaches files from Files (a copy under the file's name), lists and removes them", () => {
    const notes = standalone();
    const files = withAppConstruction({ clock: notes.clock, seed: 1 }, () => new StatefulFilesApp());
    connectProtocols([notes, files]);
    files.add_files({
      files: [
        { path: "Downloads/recipe.txt", text: "Omelette" },
        { path: "Documents/store.txt", text: "Open 8-20" },
        { path: "Documents/Old/recipe.txt", text: "Quiche" },
        { path: "Pictures/shelf.jpg", size: 800_000 },
      ],
    });
    const { groceries } = seed(notes);
    notes.clock.set(T0 + 60);
    notes.add_attachment_to_note({ note_id: groceries, attachment_path: "Downloads/recipe.txt" });
    notes.add_attachment_to_note({ note_id: groceries, attachment_path: "/Documents/store.txt" });
    notes.add_attachment_to_note({ note_id: groceries, attachment_path: "Documents/Old/recipe.txt" });
    notes.add_attachment_to_note({ note_id: groceries, attachment_path: "Pictures/shelf.jpg" });
    expect(notes.list_attachments({ note_id: groceries })).toEqual(["recipe.txt", "store.txt", "shelf.jpg"]);
    const stored = notes.getState().folders[0]?.notes.find((n) => n.note_id === groceries);
    expect(stored?.attachments[0]).toEqual({
      name: "recipe.txt",
      mime_type: "text/plain",
      size: 6,
      text: "Quiche",
    });
    expect(stored?.attachments[2]).toEqual({
      name: "shelf.jpg",
      mime_type: "image/jpeg",
      size: 800_000,
      text: null,
    });
    expect(stored?.updated_at).toBe(T0 + 60);
    // The note keeps its copy: changing or deleting the file in Files does not touch it.
    files.rm({ path: "Documents/store.txt" });
    expect(notes.list_attachments({ note_id: groceries })).toContain("store.txt");
    // Exported back into Files: same content, never over another file.
    expect(notes.export_attachment({ note_id: groceries, attachment: "store.txt" })).toBe(
      "/Downloads/store.txt",
    );
    expect(files.cat({ path: "Downloads/store.txt" })).toBe("Open 8-20");
    expect(notes.export_attachment({ note_id: groceries, attachment: "recipe.txt" })).toBe(
      "/Downloads/recipe (1).txt",
    );
    expect(
      notes.export_attachment({ note_id: groceries, attachment: "shelf.jpg", path_to_save: "Pictures" }),
    ).toBe("/Pictures/shelf.jpg");
    const before = [notes.getState(), files.getState()];
    expect(() => notes.export_attachment({ note_id: groceries, attachment: "nope.txt" })).toThrow(
      /no attachment named nope\.txt; it has: recipe\.txt, store\.txt, shelf\.jpg/,
    );
    expect(
      failure(() =>
        notes.export_attachment({ note_id: groceries, attachment: "store.txt", path_to_save: "Nope" }),
      ).message,
    ).toMatch(/Folder \/Nope does not exist/);
    expect(
      failure(() => notes.add_attachment_to_note({ note_id: groceries, attachment_path: "Downloads/../x" }))
        .field,
    ).toBe("attachment_path");
    expect(() =>
      notes.add_attachment_to_note({ note_id: groceries, attachment_path: "Downloads/none.txt" }),
    ).toThrow(NotFoundError);
    expect([notes.getState(), files.getState()]).toEqual(before);
    expect(notes.remove_attachment({ note_id: groceries, attachment: "store.txt" })).toBe(groceries);
    expect(notes.list_attachments({ note_id: groceries })).toEqual(["recipe.txt", "shelf.jpg"]);
    expect(() => notes.remove_attachment({ note_id: groceries, attachment: "store.txt" })).toThrow(
      NotFoundError,
    );
    expect(() => notes.list_attachments({ note_id: "nope" })).toThrow(NotFoundError);
    expect(
      failure(() => notes.add_attachment_to_note({ note_id: groceries, attachment_path: "" })).field,
    ).toBe("attachment_path");
  });

  it("cannot attach or export without a Files app", () => {
    const notes = standalone();
    const { trip } = seed(notes);
    expect(
      failure(() => notes.add_attachment_to_note({ note_id: trip, attachment_path: "a.txt" })).code,
    ).toBe("not_available");
    expect(
      failure(() => notes.export_attachment({ note_id: trip, attachment: "itinerary.txt" })).message,
    ).toMatch(/no Files app/);
  });

  it("seeds notes with explicit times, creating missing folders", () => {
    const notes = standalone();
    const id = notes.create_note_with_time({
      folder: "Recipes",
      content: "Pancakes\n2 eggs",
      created_at: "2025-02-01 08:00:00",
    });
    expect(notes.get_note_by_id({ note_id: id })).toMatchObject({
      folder: "Recipes",
      title: "Pancakes",
      created_at: "2025-02-01 08:00:00",
      updated_at: "2025-02-01 08:00:00",
    });
    const now = notes.create_note_with_time({ title: "Now" });
    expect(notes.get_note_by_id({ note_id: now }).created_at).toBe("2025-03-10 09:00:00");
    const before = notes.getState();
    expect(
      failure(() =>
        notes.create_note_with_time({ created_at: "2025-02-02 08:00:00", updated_at: "2025-02-01 08:00:00" }),
      ).field,
    ).toBe("updated_at");
    expect(failure(() => notes.create_note_with_time({ folder: "New", created_at: "yesterday" })).field).toBe(
      "created_at",
    );
    expect(
      failure(() =>
        notes.create_note_with_time({
          attachments: [
            { name: "a.txt", text: "1" },
            { name: "a.txt", text: "2" },
          ],
        }),
      ).field,
    ).toBe("attachments");
    expect(notes.getState()).toEqual(before);
  });

  it("round-trips its state through a fresh app and always keeps the default folders", () => {
    const notes = standalone();
    seed(notes);
    notes.new_folder({ folder_name: "Recipes" });
    const state = notes.getState();
    const fresh = new StatefulNotesApp();
    fresh.loadState(state);
    expect(fresh.getState()).toEqual(state);
    fresh.loadState({ folders: [{ folder_name: "Recipes", notes: [] }] });
    expect(fresh.list_folders()).toEqual(["Inbox", "Personal", "Work", "Recipes"]);
    expect(() => fresh.loadState({ folders: [{ folder_name: "X", notes: [{ note_id: "n" }] }] })).toThrow(
      /folders\.0\.notes\.0/,
    );
    fresh.reset();
    expect(fresh.getState()).toEqual({
      folders: [
        { folder_name: "Inbox", notes: [] },
        { folder_name: "Personal", notes: [] },
        { folder_name: "Work", notes: [] },
      ],
    });
  });

  it("marks tools truthfully", () => {
    const notes = standalone();
    expect(Object.fromEntries(notes.getAgentTools().map((t) => [t.methodName, t.operation]))).toEqual({
      new_folder: "write",
      delete_folder: "write",
      rename_folder: "write",
      list_folders: "read",
      create_note: "write",
      get_note_by_id: "read",
      update_note: "write",
      delete_note: "write",
      list_notes: "read",
      move_note: "write",
      duplicate_note: "write",
      search_notes: "read",
      search_notes_in_folder: "read",
      add_attachment_to_note: "write",
      export_attachment: "write",
      remove_attachment: "write",
      list_attachments: "read",
    });
    expect(notes.getTools("env").map((t) => t.methodName)).toEqual(["delete_folder"]);
    expect(notes.getTools("data").map((t) => t.methodName)).toEqual([
      "new_folder",
      "create_note",
      "create_note_with_time",
    ]);
  });
});

describe("Notes notifications", () => {
  it("announces a folder deleted by the environment", () => {
    const { env, notes } = setup();
    notes.new_folder({ folder_name: "Old projects" });
    const del = (
      withCaptureMode(() => notes.delete_folder({ folder_name: "Old projects" })) as unknown as Event
    ).delayed(30);
    env.schedule([del]);
    env.advanceTo(T0 + 30);
    expect(env.notifications.takeFor("user", env.now()).map((m) => m.text)).toEqual([
      'Notes folder "Old projects" was deleted',
    ]);
    expect(env.notifications.takeFor("agent", env.now()).map((m) => m.text)).toEqual([
      'Notes: the folder "Old projects" was deleted, together with every note in it',
    ]);
    expect(notes.list_folders()).toEqual(["Inbox", "Personal", "Work"]);
  });
});

describe("Notes screens", () => {
  it("opens on the Inbox list and logs nested reads as the user's", () => {
    const { env } = setup();
    userCall(env, "System__open_app", { app_name: "Notes" });
    expect(screen(env)).toBe("NoteList");
    const page = userCall(env, "Notes__list_notes") as NotesPage;
    expect(titles(page.notes)).toEqual(["Gift ideas", "Groceries"]);
    const log = env.eventLog.listView().filter((e) => e.action?.app === "Notes");
    expect(
      log.map((e) => [e.eventType, e.action?.function, e.metadata.parentEventId === log[1]?.eventId]),
    ).toEqual([
      ["USER", "list_notes", true],
      ["USER", "list_notes", false],
    ]);
  });

  it("opens a note; an unknown id leaves the user on the list", () => {
    const { env, notes, ids } = setup();
    env.openApp("Notes");
    expect(() => userCall(env, "Notes__open", { note_id: "nope" })).toThrow(NotFoundError);
    expect(screen(env)).toBe("NoteList");
    expect(notes.navigationStack).toHaveLength(0);
    expect(userCall(env, "Notes__open", { note_id: ids.groceries })).toMatchObject({ title: "Groceries" });
    expect(screen(env)).toBe("NoteDetail");
    expect(userCall(env, "Notes__refresh")).toMatchObject({ content: "Milk\nEggs\nSpinach" });
    expect(userCall(env, "Notes__go_back")).toBe("Navigated back to the screen NoteList.");
  });

  it("manages attachments and the pin on the detail screen", () => {
    const { env, notes, ids } = setup();
    env.openApp("Notes");
    userCall(env, "Notes__open", { note_id: ids.groceries });
    userCall(env, "Notes__add_attachment", { attachment_path: "Documents/recipe.txt" });
    expect(userCall(env, "Notes__list_attachments")).toEqual(["recipe.txt"]);
    expect(userCall(env, "Notes__export_attachment", { attachment: "recipe.txt" })).toBe(
      "/Downloads/recipe.txt",
    );
    expect(screen(env)).toBe("NoteDetail");
    userCall(env, "Notes__remove_attachment", { attachment: "recipe.txt" });
    expect(userCall(env, "Notes__list_attachments")).toEqual([]);
    userCall(env, "Notes__set_pinned", { pinned: true });
    expect(notes.get_note_by_id({ note_id: ids.groceries }).pinned).toBe(true);
    const nested = env.eventLog.listView().filter((e) => e.action?.function === "add_attachment_to_note");
    expect(nested.map((e) => [e.eventType, e.metadata.parentEventId !== null, e.action?.operation])).toEqual([
      ["USER", true, "write"],
    ]);
  });

  it("edits a note and returns to its detail screen", () => {
    const { env, notes, ids } = setup();
    env.openApp("Notes");
    userCall(env, "Notes__open", { note_id: ids.groceries });
    expect(userCall(env, "Notes__edit")).toMatchObject({ note_id: ids.groceries });
    expect(screen(env)).toBe("EditNote");
    expect(() => userCall(env, "Notes__update")).toThrow(ToolError);
    expect(screen(env)).toBe("EditNote");
    expect(userCall(env, "Notes__update", { content: "Milk\nBread" })).toMatchObject({
      title: "Groceries",
      content: "Milk\nBread",
    });
    expect(screen(env)).toBe("NoteDetail");
    expect(notes.navigationStack.map((s) => s.name)).toEqual(["NoteList"]);
  });

  it("writes a new note in the current folder", () => {
    const { env, notes } = setup();
    env.openApp("Notes");
    const draft = userCall(env, "Notes__new_note") as NoteView;
    expect(draft).toMatchObject({ folder: "Inbox", title: "", content: "" });
    expect(screen(env)).toBe("EditNote");
    userCall(env, "Notes__update", { title: "Call plumber", content: "Kitchen tap leaks" });
    expect(screen(env)).toBe("NoteDetail");
    expect(notes.navigationStack.map((s) => s.name)).toEqual(["NoteList"]);
    expect(notes.get_note_by_id({ note_id: draft.note_id })).toMatchObject({
      title: "Call plumber",
      created_at: "2025-03-10 09:00:00",
    });
    const create = env.eventLog.listView().find((e) => e.action?.function === "create_note");
    expect(create?.eventType).toBe("USER");
  });

  it("deletes, duplicates and moves from the detail screen", () => {
    const { env, notes, ids } = setup();
    env.openApp("Notes");
    userCall(env, "Notes__open", { note_id: ids.ideas });
    const copy = userCall(env, "Notes__duplicate") as string;
    expect(screen(env)).toBe("NoteDetail");
    expect(userCall(env, "Notes__refresh")).toMatchObject({ note_id: copy, title: "Copy of Gift ideas" });
    expect(userCall(env, "Notes__delete")).toBe(copy);
    expect(userCall(env, "Notes__refresh")).toMatchObject({ note_id: ids.ideas });
    expect(userCall(env, "Notes__move", { dest_folder_name: "Personal" })).toBe(ids.ideas);
    expect(screen(env)).toBe("NoteList");
    expect(titles((userCall(env, "Notes__list_notes") as NotesPage).notes)).toEqual([
      "Gift ideas",
      "Lisbon trip",
    ]);
    expect(() => userCall(env, "Notes__move", { dest_folder_name: "Nope" })).toThrow();
    userCall(env, "Notes__go_back");
    userCall(env, "Notes__delete");
    expect(screen(env)).toBe("NoteList");
    expect(() => notes.get_note_by_id({ note_id: ids.ideas })).toThrow(NotFoundError);
  });

  it("searches the current folder", () => {
    const { env } = setup();
    env.openApp("Notes");
    expect(titles(userCall(env, "Notes__search", { keyword: "i" }) as NoteView[])).toEqual([
      "Gift ideas",
      "Groceries",
    ]);
  });

  it("browses folders and manages them", () => {
    const { env, notes } = setup();
    env.openApp("Notes");
    expect(userCall(env, "Notes__list_folders")).toEqual(["Inbox", "Personal", "Work"]);
    expect(screen(env)).toBe("FolderList");
    expect(userCall(env, "Notes__new_folder", { folder_name: "Recipes" })).toBe("Recipes");
    expect(userCall(env, "Notes__rename_folder", { folder: "Recipes", new_folder: "Cooking" })).toBe(
      "Cooking",
    );
    expect(userCall(env, "Notes__list_folders")).toEqual(["Inbox", "Personal", "Work", "Cooking"]);
    expect(userCall(env, "Notes__delete_folder", { folder_name: "Cooking" })).toBe("Cooking");
    expect(() => userCall(env, "Notes__open", { folder: "Cooking" })).toThrow(NotFoundError);
    expect(screen(env)).toBe("FolderList");
    const work = userCall(env, "Notes__open", { folder: "Work" }) as NotesPage;
    expect(titles(work.notes)).toEqual(["Q2 planning"]);
    expect(screen(env)).toBe("NoteList");
    expect(notes.navigationStack.map((s) => s.name)).toEqual(["NoteList", "FolderList"]);
    userCall(env, "Notes__go_back");
    expect(screen(env)).toBe("FolderList");
    userCall(env, "Notes__go_back");
    expect(titles((userCall(env, "Notes__list_notes") as NotesPage).notes)).toEqual([
      "Gift ideas",
      "Groceries",
    ]);
    expect(env.getUserTools().some((t) => t.name === "Notes__go_back")).toBe(false);
  });
});
