import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, fileNamesIn, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const DANA_CHAT = "conv-dana";
const SAM_CHAT = "conv-sam-tickets";
const MINE = "lumen-drive-row-F-seat-14.pdf";
const SAMS = "lumen-drive-row-F-seat-15.pdf";

/**
 * Dana bought concert tickets and sends them in chat, one file per seat: seat 14 is the user's, seat 15
 * is Sam's and Dana asks the user to pass it on. Ideal help: save Sam's ticket and send it to Sam in a
 * message, never the user's own ticket.
 */
@registerScenario("concert_ticket_pass_on")
export class ConcertTicketPassOn extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "files-attachments";
  override description =
    "A friend sends two concert tickets in chat, one for the user's partner; pass the right ticket on to him.";
  override additionalSystemPrompt =
    "You are going to the Lumen Drive concert on Saturday with your partner Sam; your friend Dana bought the tickets.";

  private messaging!: StatefulMessagingApp;
  private files!: StatefulFilesApp;
  private aui!: PAREAgentUserInterface;
  private dana = "";
  private sam = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.files = new StatefulFilesApp();
    const ids = this.messaging.add_users({ user_names: ["Dana Whitfield", "Sam Rivera", "Omar Haddad"] });
    this.dana = ids["Dana Whitfield"] as string;
    this.sam = ids["Sam Rivera"] as string;
    this.messaging.add_conversation({
      conversation_id: DANA_CHAT,
      participants: ["Dana Whitfield"],
      messages: [
        {
          sender: "Dana Whitfield",
          content: "Got us 3 tickets for Lumen Drive on Saturday at the Fillmore!!",
          time: "2025-11-15 20:00:00",
        },
        { sender: "John Doe", content: "Amazing, thank you! Sam is so excited", time: "2025-11-15 20:03:00" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: SAM_CHAT,
      participants: ["Sam Rivera"],
      messages: [
        {
          sender: "Sam Rivera",
          content: "Don't forget to get my ticket from Dana for Saturday",
          time: "2025-11-17 09:00:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["Omar Haddad"],
      messages: [
        {
          sender: "Omar Haddad",
          content: "Here's the flyer for my gig next month",
          time: "2025-11-16 14:00:00",
          attachment: { name: "omar-gig-flyer.png", size: 850_000 },
        },
      ],
    });
    this.files.add_file({
      path: "Downloads/lumen-drive-setlist-2024.txt",
      text: "Neon Rain\nGlasshouse\nNorthbound",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.files];
  }

  private ticket(seat: number): string {
    return (
      `Lumen Drive - The Fillmore - Saturday 22 November 2025, doors 19:00\nRow F, seat ${seat}\n` +
      `Ticket holder: ${seat === 14 ? "John Doe" : "Sam Rivera"}\nBarcode 4412-88${seat}-0091`
    );
  }

  protected buildEventsFlow(): void {
    const mine = ev(
      this.messaging.create_and_add_message({
        conversation_id: DANA_CHAT,
        sender_id: this.dana,
        content: "Tickets are in! Seat 14 is yours",
        attachment: { name: MINE, text: this.ticket(14), size: 88_000 },
      }),
    )
      .withId("ticket_14")
      .delayed(7);
    const sams = ev(
      this.messaging.create_and_add_message({
        conversation_id: DANA_CHAT,
        sender_id: this.dana,
        content: "And seat 15 is Sam's, can you pass it on to him?",
        attachment: { name: SAMS, text: this.ticket(15), size: 88_000 },
      }),
    )
      .withId("ticket_15")
      .dependsOn(mine, { delaySeconds: 4 });
    const read = ev(this.messaging.read_conversation({ conversation_id: DANA_CHAT, limit: 4 }))
      .oracle()
      .dependsOn(sams, { delaySeconds: 3 });
    const sam = ev(this.messaging.lookup_user_id({ user_name: "Sam" }))
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `Dana sent the Lumen Drive tickets; seat 15 (${SAMS}) is for Sam Rivera. ` +
          "Shall I save it and send it to Sam?",
      }),
    )
      .oracle()
      .dependsOn(sam, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, send Sam his ticket." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const chat = ev(this.messaging.search({ query: "seat 15" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const messages = ev(this.messaging.read_conversation({ conversation_id: DANA_CHAT, limit: 2 }))
      .oracle()
      .dependsOn(chat, { delaySeconds: 2 });
    const save = ev(
      this.messaging.download_attachment({ conversation_id: DANA_CHAT, message_id: "{{ticket_15}}" }),
    )
      .oracle()
      .dependsOn(messages, { delaySeconds: 2 });
    const who = ev(this.messaging.lookup_user_id({ user_name: "Sam Rivera" }))
      .oracle()
      .dependsOn(save, { delaySeconds: 2 });
    const send = ev(
      this.messaging.send_message({
        user_id: this.sam,
        content: "Here's your ticket for Lumen Drive on Saturday (row F, seat 15), from Dana!",
        attachment_path: `/Downloads/${SAMS}`,
      }),
    )
      .oracle()
      .dependsOn(who, { delaySeconds: 2 });
    this.events = [mine, sams, read, sam, propose, accept, chat, messages, save, who, send];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const sent = agentCalls(log, {
      className: "StatefulMessagingApp",
      function: ["send_message", "send_message_to_group_conversation"],
    });
    const toSam = (e: (typeof sent)[number]) =>
      argText(e, "user_id") === this.sam || argText(e, "conversation_id") === SAM_CHAT;
    const passed = sent.some((e) => toSam(e) && fileNamesIn(e, "attachment_path").includes(SAMS));
    const gaveMine = sent.some((e) => fileNamesIn(e, "attachment_path").includes(MINE));
    const ticketElsewhere = sent.some((e) => !toSam(e) && fileNamesIn(e, "attachment_path").length > 0);
    const deleted = agentCalls(log, { className: "StatefulFilesApp", function: "rm" });
    return new Checklist()
      .require(
        "a proposal to pass Sam's ticket on",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "ticket", "seat")),
      )
      .require(`Sam sent ${SAMS}`, passed)
      .require("the user's own ticket (seat 14) not given away", !gaveMine)
      .require("no file sent to anyone else", !ticketElsewhere)
      .require("no file deleted", deleted.length === 0)
      .verdict();
  }
}
