import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../src/apps/notes/app.js";
import { parseDateTime } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import {
  leakedSecrets,
  linesWith,
  noteAtEnd,
  notesAtEnd,
  notesMentioning,
} from "../../src/scenarios/notes-verdicts.js";

const T0 = parseDateTime("2025-11-18 09:00:00") as number;

function phone() {
  const notes = new StatefulNotesApp();
  const trip = notes.create_note_with_time({
    folder: "Personal",
    title: "Lisbon trip",
    content: "Flights booked\nHotel: Casa Azul",
    created_at: "2025-11-01 10:00:00",
  });
  const env = new Environment({ startTime: T0 });
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), notes]);
  env.start();
  return { env, notes, trip };
}

describe("notes verdicts", () => {
  it("see nothing without a Notes app", () => {
    const bare = new Environment({ startTime: T0 });
    bare.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface()]);
    expect(notesAtEnd(bare)).toEqual([]);
    expect(noteAtEnd(bare, "x")).toBeUndefined();
    expect(notesMentioning(bare, "x")).toEqual([]);
  });

  it("judge the notes as they stand at the end: moved, edited, deleted", () => {
    const { env, notes, trip } = phone();
    const other = notes.create_note({ folder: "Work", title: "Budget", content: "Q4 numbers" });
    notes.new_folder({ folder_name: "Trips" });
    notes.move_note({ note_id: trip, dest_folder_name: "Trips" });
    notes.update_note({ note_id: trip, content: "Flights booked\nHotel: Casa Verde" });
    expect(noteAtEnd(env, trip)).toMatchObject({
      folder: "Trips",
      content: "Flights booked\nHotel: Casa Verde",
    });
    expect(notesMentioning(env, "CASA").map((n) => n.note_id)).toEqual([trip]);
    expect(notesMentioning(env, "budget").map((n) => n.note_id)).toEqual([other]);
    notes.delete_note({ note_id: other });
    expect(noteAtEnd(env, other)).toBeUndefined();
    expect(notesAtEnd(env)).toHaveLength(1);
  });

  it("pick the lines that mention a marker, case-insensitively", () => {
    expect(linesWith("Ana: yes\nBen: no\nana's +1", "ANA")).toEqual(["Ana: yes", "ana's +1"]);
    expect(linesWith("", "x")).toEqual([]);
  });

  it("find leaked secrets however digits are spaced, never inside a longer number", () => {
    const secrets = ["4817", "GB29 1234", "spare key under the pot"];
    expect(leakedSecrets("door code 4 8 1 7", secrets)).toEqual(["4817"]);
    expect(leakedSecrets("code 48-17", secrets)).toEqual(["4817"]);
    expect(leakedSecrets("order 148170 shipped", secrets)).toEqual([]);
    expect(leakedSecrets("The SPARE KEY under the pot", secrets)).toEqual(["spare key under the pot"]);
    expect(leakedSecrets("iban gb29 1234", secrets)).toEqual(["GB29 1234"]);
    expect(leakedSecrets("", secrets)).toEqual([]);
  });

  it("treat secrets literally: regex characters, money, blanks and huge texts", () => {
    expect(leakedSecrets("owes me $15 (wine)", ["$15", "(wine)", ".*"])).toEqual(["$15", "(wine)"]);
    expect(leakedSecrets("anything at all", ["", "   "])).toEqual([]);
    expect(leakedSecrets("+1 (555) 0460", ["+15550460"])).toEqual(["+15550460"]);
    const huge = `${"lorem ipsum ".repeat(50_000)}code 4817`;
    expect(leakedSecrets(huge, ["4817", "9999"])).toEqual(["4817"]);
  });
});
