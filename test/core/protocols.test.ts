import { describe, expect, it } from "vitest";
import { StatefulEmailApp } from "../../src/apps/email/index.js";
import { StatefulFilesApp } from "../../src/apps/files/index.js";
import { StatefulNotesApp } from "../../src/apps/notes/index.js";
import { connectProtocols, Protocol } from "../../src/core/protocols.js";

describe("protocols between apps", () => {
  it("gives every app the first provider of each protocol, idempotently", () => {
    const first = new StatefulFilesApp();
    const second = new StatefulFilesApp({ name: "Work files" });
    first.add_file({ path: "Documents/a.txt", text: "from the first" });
    second.add_file({ path: "Documents/a.txt", text: "from the second" });
    const email = new StatefulEmailApp();
    const notes = new StatefulNotesApp();
    const seen: unknown[] = [];
    notes.connectToProtocols = (providers) => {
      seen.push(providers.get(Protocol.FILE_SYSTEM));
      StatefulNotesApp.prototype.connectToProtocols.call(notes, providers);
    };
    connectProtocols([email, first, notes, second]);
    connectProtocols([email, first, notes, second]);
    expect(seen).toEqual([first, first]);
    const id = email.send_email({ recipients: ["a@b.co"], attachment_paths: ["Documents/a.txt"] });
    expect(email.locate(id)?.email.attachments[0]?.text).toBe("from the first");
    expect(new StatefulEmailApp().implementedProtocols()).toEqual([]);
  });
});
