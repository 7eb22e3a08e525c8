import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails } from "../email-verdicts.js";
import { groupPosts, messagesElsewhere } from "../messaging-verdicts.js";
import { noteAtEnd } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  argText,
  assistantWrites,
  Checklist,
  mentionsAll,
  mentionsAmount,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const MAYA = "+15550321";
const THEO = "+15550322";
const GROUP = "conv-larch-flat";
const BILL = 186.5;
const JOHN_SHARE = 74.6;
const ROOM_SHARE = 55.95;
const LOG =
  "- Sep/Oct electricity $142.00: John $56.80, Maya $42.60, Theo $42.60 (paid)\n" +
  "- Oct gas $64.20: John $25.68, Maya $19.26, Theo $19.26 (paid)\n" +
  "- Oct water $54.90: $18.30 each (paid)";

/**
 * Voltaro Energy's electricity bill arrives (+6 s): $186.50 for 14 Oct-13 Nov, taken from John's account on
 * 2 Dec. The flat's bills note says electricity and gas are split by room size, John 40%, Maya 30%, Theo 30%
 * (water and internet equally), and logs earlier bills. Ideal help: offer to post each share in the flat group
 * (John $74.60, Maya $55.95, Theo $55.95) and log the bill; on acceptance do both, keeping the old log lines.
 * Distractors: the equal split for water (which would give $62.17 each), last month's electricity bill, Maya's
 * 1:1 chat, the "Larch Road book club" group.
 */
@registerScenario("flat_electricity_bill_split")
export class FlatElectricityBillSplit extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "cost-sharing";
  override description =
    "The electricity bill arrives and the flat's note splits it 40/30/30 by room; post each flatmate's amount in the flat group and log it.";
  override additionalSystemPrompt =
    "You are John Doe. The energy bills come out of your account and Maya and Theo pay you back their share, " +
    "as the bills note says. Post the amounts in the flat group and keep the log in the note.";

  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private billsNote = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.billsNote = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Flat bills - 12 Larch Road",
      content:
        "Electricity and gas: split by room size, John 40%, Maya 30%, Theo 30%.\nWater and internet: split " +
        `equally.\n\nLog:\n${LOG}`,
      created_at: "2025-09-01 10:00:00",
      updated_at: "2025-11-02 18:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Larch Road book club",
      content: "December: The Left Hand of Darkness. Theo hosts.",
      created_at: "2025-11-05 21:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "billing@voltaro-energy.example",
          subject: "Your electricity bill, 14 Sep - 13 Oct",
          content: "Amount due: $142.00, collected on 2 Nov.",
          time: "2025-10-15 07:00:00",
        },
        {
          sender: "accounts@hollow-water.example",
          subject: "Water bill October",
          content: "Amount due: $54.90.",
          time: "2025-10-28 07:00:00",
        },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Maya Osei", phone: MAYA },
        { name: "Theo Grant", phone: THEO },
        { name: "Ruth Abara", phone: "+15550323" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "12 Larch Road",
      participants: [MAYA, THEO],
      messages: [
        { sender: THEO, content: "Sent you the gas money John", time: "2025-11-03 19:00:00" },
        { sender: MAYA, content: "Same! Also we're out of bin bags", time: "2025-11-03 19:30:00" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-book-club",
      title: "Larch Road book club",
      participants: [THEO, "+15550323"],
      messages: [{ sender: "+15550323", content: "Chapter 5 is wild", time: "2025-11-16 22:00:00" }],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-maya",
      participants: [MAYA],
      messages: [{ sender: MAYA, content: "Can I borrow your bike Sat?", time: "2025-11-15 09:00:00" }],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.messaging, this.notes];
  }

  protected buildEventsFlow(): void {
    const bill = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-voltaro-nov",
        sender: "billing@voltaro-energy.example",
        subject: "Your electricity bill, 14 Oct - 13 Nov",
        content:
          "Hello J. Doe,\n\nYour electricity bill for 14 Oct - 13 Nov is ready. Amount due: $186.50, collected " +
          "by direct debit on 2 Dec.\n\nVoltaro Energy",
      }),
    )
      .withId("electricity_bill")
      .delayed(6);
    const note = ev(this.notes.search_notes({ query: "bills" }))
      .oracle()
      .dependsOn(bill, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Voltaro's electricity bill is $186.50 (14 Oct - 13 Nov, taken on 2 Dec). By your flat's 40/30/30 split " +
          "that's you $74.60, Maya $55.95, Theo $55.95. Shall I post the amounts in 12 Larch Road and add the " +
          "bill to the log in 'Flat bills - 12 Larch Road'?",
      }),
    )
      .oracle()
      .dependsOn(note, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const group = ev(this.messaging.search({ query: "12 Larch Road" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content:
          "Electricity bill is in: $186.50 for 14 Oct - 13 Nov, out of my account on 2 Dec. By room size: Maya " +
          "$55.95, Theo $55.95 (me $74.60). Thanks!",
      }),
    )
      .oracle()
      .dependsOn(group, { delaySeconds: 1 });
    const find = ev(this.notes.search_notes({ query: "Flat bills" }))
      .oracle()
      .dependsOn(post, { delaySeconds: 1 });
    const log = ev(
      this.notes.update_note({
        note_id: this.billsNote,
        content:
          "Electricity and gas: split by room size, John 40%, Maya 30%, Theo 30%.\nWater and internet: split " +
          `equally.\n\nLog:\n${LOG}\n- Oct/Nov electricity $186.50: John $74.60, Maya $55.95, Theo $55.95 ` +
          "(posted in the group)",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    this.events = [bill, note, propose, accept, group, post, find, log];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const posts = groupPosts(log, GROUP).map((e) => argText(e, "content"));
    const note = noteAtEnd(env, this.billsNote)?.content ?? "";
    const shared = (text: string) => mentionsAll(text, "Maya", "Theo") && mentionsAmount(text, ROOM_SHARE);
    const otherNotes = assistantWrites(log, { className: "StatefulNotesApp" }).filter(
      (e) => argText(e, "note_id") !== this.billsNote,
    );
    return new Checklist()
      .require(
        "a proposal with the 40/30/30 shares",
        proposals(log).some((e) => mentionsAmount(argText(e, "content"), ROOM_SHARE)),
      )
      .require("a post in 12 Larch Road giving Maya and Theo $55.95 each", posts.some(shared))
      .require(
        "no equal split posted ($62.17)",
        posts.every((p) => !mentionsAmount(p, 62.17)),
      )
      .require(
        "the bill logged in the bills note with the shares, the old entries kept",
        mentionsAmount(note, BILL) &&
          mentionsAmount(note, JOHN_SHARE) &&
          mentionsAmount(note, ROOM_SHARE) &&
          mentionsAmount(note, 142) &&
          mentionsAmount(note, 64.2),
      )
      .require("no other note written", otherNotes.length === 0)
      .require(
        "nothing sent outside the flat group, no email",
        messagesElsewhere(log, { conversations: [GROUP] }).length === 0 && assistantEmails(env).length === 0,
      )
      .verdict();
  }
}
