import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { directMessagesTo } from "../messaging-verdicts.js";
import { linesWith, noteAtEnd } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAll, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const LUCA = "+15550331";
const LUKA = "+15550332";
const YES = /\byes\b|(?<!not )(?:coming|attending)|accepted|confirmed|✓|✔|✅/i;
const NO = /\bno\b|not (?:coming|attending)|declined|can't|cannot|won't|unable|regrets|✗|✘|❌/i;
const GUESTS =
  "Wedding guest list - RSVP by 1 Dec\n" +
  "Gwen Doe: yes, +1 (Tom)\n" +
  "Peter & Helen Doe: yes\n" +
  "Rosalind Hale: ?\n" +
  "Luca Benedetti: ?\n" +
  "Sophie Tran: ?\n" +
  "Daniel Osei: ?\n" +
  "Marta Nowak: ?";

/**
 * John's wedding guest list waits for RSVPs. Three arrive: Aunt Rosalind by email (+6 s, yes, bringing her
 * partner Geoff), Luca Benedetti by chat (+11 s, no: he is in Milan), Sophie Tran by email (+16 s, yes, on her
 * own). Distractors: Luka Bennett, a colleague, declines Friday drinks by chat (+9 s); an older email asks John
 * to RSVP to someone else's wedding; two guests have not answered. Ideal help: offer to record the three
 * answers; on acceptance update the guest-list note (Rosalind yes +1 Geoff, Luca no, Sophie yes), leaving the
 * others pending and Luka out of it.
 */
@registerScenario("wedding_rsvp_tracker")
export class WeddingRsvpTracker extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "multi-party";
  override description =
    "Wedding RSVPs arrive by email and chat; update the guest-list note with each yes, no and plus-one.";
  override additionalSystemPrompt =
    "You are John Doe, getting married in March. You keep one guest-list note and want every RSVP recorded " +
    "there as it comes in, with plus-ones by name.";

  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private guestNote = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.guestNote = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Wedding guest list",
      content: GUESTS,
      created_at: "2025-10-20 20:00:00",
      updated_at: "2025-11-12 21:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Wedding suppliers",
      content: "Florist: Bloom & Branch. Cake: Hartley's, tasting 6 Dec.",
      created_at: "2025-10-25 10:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "ana.and.joel@postbox.example",
          subject: "RSVP: Ana & Joel, 31 January",
          content: "Please let us know by 20 November whether you can come, and if you're bringing anyone!",
          time: "2025-11-01 12:00:00",
        },
        {
          sender: "gwen.doe@postbox.example",
          subject: "Re: Save the date!",
          content: "Obviously yes, and Tom's coming too.",
          time: "2025-11-12 20:00:00",
        },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Luca Benedetti", phone: LUCA },
        { name: "Luka Bennett", phone: LUKA },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-luca",
      participants: [LUCA],
      messages: [{ sender: LUCA, content: "Congrats again you two!", time: "2025-10-21 09:00:00" }],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-luka",
      participants: [LUKA],
      messages: [{ sender: LUKA, content: "Drinks Friday after work?", time: "2025-11-17 16:00:00" }],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.messaging, this.notes];
  }

  protected buildEventsFlow(): void {
    const rosalind = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-rsvp-rosalind",
        sender: "rosalind.hale@postbox.example",
        subject: "RSVP",
        content:
          "Dear John, I'd be delighted to come to the wedding, and I'll bring my partner Geoff if that's all " +
          "right. Love, Aunt Rosalind",
      }),
    )
      .withId("rsvp_rosalind")
      .delayed(6);
    const luka = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-luka",
        sender_id: LUKA,
        content: "No, can't make Friday drinks after all, sorry!",
      }),
    )
      .withId("luka_declines_drinks")
      .delayed(9);
    const luca = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-luca",
        sender_id: LUCA,
        content:
          "Gutted, I'm in Milan for work that whole week so I can't make the wedding. Have the best day!",
      }),
    )
      .withId("rsvp_luca")
      .delayed(11);
    const sophie = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-rsvp-sophie",
        sender: "sophie.tran@postbox.example",
        subject: "Wedding RSVP",
        content: "Yes!! Wouldn't miss it. Just me, no plus-one. Sophie",
      }),
    )
      .withId("rsvp_sophie")
      .delayed(16);
    const list = ev(this.notes.search_notes({ query: "guest list" }))
      .oracle()
      .dependsOn([rosalind, luka, luca, sophie], { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Three wedding RSVPs came in: Aunt Rosalind Hale yes, bringing her partner Geoff; Luca Benedetti no " +
          "(in Milan); Sophie Tran yes, on her own. Shall I record them in your 'Wedding guest list' note?",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, update it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.notes.search_notes({ query: "Wedding guest list" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const update = ev(
      this.notes.update_note({
        note_id: this.guestNote,
        content: GUESTS.replace("Rosalind Hale: ?", "Rosalind Hale: yes, +1 (Geoff)")
          .replace("Luca Benedetti: ?", "Luca Benedetti: no (in Milan)")
          .replace("Sophie Tran: ?", "Sophie Tran: yes, no plus-one"),
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    this.events = [rosalind, luka, luca, sophie, list, propose, accept, find, update];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const note = noteAtEnd(env, this.guestNote)?.content ?? "";
    const line = (name: string) => linesWith(note, name).join("\n");
    const rosalind = line("Rosalind");
    const pending = ["Daniel", "Marta"].every((n) => line(n) !== "" && !YES.test(line(n)));
    const otherNotes = assistantWrites(log, { className: "StatefulNotesApp" }).filter(
      (e) => !(e.action?.function === "update_note" && argText(e, "note_id") === this.guestNote),
    );
    return new Checklist()
      .require(
        "a proposal recording the three RSVPs",
        proposals(log).some((e) => mentionsAll(argText(e, "content"), "Rosalind", "Luca", "Sophie")),
      )
      .require("Rosalind: yes, plus-one Geoff", YES.test(rosalind) && /geoff/i.test(rosalind))
      .require("Luca Benedetti: no", NO.test(line("Luca")) && !YES.test(line("Luca")))
      .require("Sophie Tran: yes, without Geoff", YES.test(line("Sophie")) && !/geoff/i.test(line("Sophie")))
      .require("Daniel and Marta still pending, Gwen still yes", pending && YES.test(line("Gwen")))
      .require("Luka Bennett (Friday drinks) not put on the list", !/bennett/i.test(note))
      .require("no other note written", otherNotes.length === 0)
      .require("nothing sent to Luka Bennett", directMessagesTo(log, LUKA).length === 0)
      .verdict();
  }
}
