import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { CompletedEvent, Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const CORRECT = "r.quintero@lumenarch-studio.com";
const TYPO = "r.quinterro@lumenarch-studio.com";
const SENT_ID = "email-sent-loft-notes";
const SUBJECT = "Revised floor plan notes for the Elm Street loft";
const BODY =
  "Hi Rafael,\n\nThanks for the drawings. My notes after walking through them with Ana:\n" +
  "1. Move the kitchen island about 40 cm toward the window wall.\n" +
  "2. We'd like the second skylight over the stairwell after all.\n" +
  "3. Please drop the built-in desk in the guest room.\n\n" +
  "Could you send an updated version before our site visit on Thursday?\n\nThanks,\nJohn";

/** Lowercased addresses of a call's recipients (and copies). */
function addresses(e: CompletedEvent): string[] {
  return [
    ...argText(e, "recipients").matchAll(/[^\s",[\]]+@[^\s",[\]]+/g),
    ...argText(e, "cc").matchAll(/[^\s",[\]]+@[^\s",[\]]+/g),
  ].map((m) => m[0].toLowerCase());
}

/**
 * The user emailed his architect at a mistyped address; the mail server bounces it. Contacts holds the
 * right address (and a similarly named person as a trap). Ideal help: spot the typo and, on acceptance,
 * resend the same notes to the address from Contacts.
 */
@registerScenario("bounced_email_resend")
export class BouncedEmailResend extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "contacts-comms";
  override description =
    "An email to a mistyped address bounces; resend it to the correct address found in Contacts.";

  private email!: StatefulEmailApp;
  private contacts!: StatefulContactsApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.contacts = new StatefulContactsApp();
    this.contacts.add_contacts({
      contacts: [
        {
          first_name: "Rafael",
          last_name: "Quintero",
          job: "Architect",
          description: "Lumenarch Studio, Elm Street loft renovation",
          email: CORRECT,
          phone: "+1 (312) 555-0148",
        },
        {
          first_name: "Rafaela",
          last_name: "Quintana",
          description: "Pilates instructor",
          email: "rafaela.q@mailbox.example",
          phone: "+1 (312) 555-0193",
        },
        { first_name: "Ana", last_name: "Doe", description: "Sister", email: "ana.doe@postbox.example" },
        {
          first_name: "Lionel",
          last_name: "Baptiste",
          job: "Contractor",
          email: "lionel@baptiste-build.example",
          phone: "+1 (312) 555-0110",
        },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          email_id: "email-rafael-drawings",
          sender: CORRECT,
          subject: "Elm Street loft - updated drawings",
          content: "Hi John,\n\nHere are the updated plans. Let me know your comments.\n\nRafael",
          attachments: ["elm-street-loft-v3.pdf"],
          time: "2025-11-17 15:20:00",
        },
        {
          sender: "lionel@baptiste-build.example",
          subject: "Demolition schedule",
          content: "We can start on the 1st of December if the permit comes through. Lionel",
          time: "2025-11-17 11:02:00",
        },
        {
          email_id: SENT_ID,
          folder_name: "SENT",
          recipients: [TYPO],
          subject: SUBJECT,
          content: BODY,
          time: "2025-11-18 08:47:00",
        },
        {
          folder_name: "SENT",
          recipients: ["ana.doe@postbox.example"],
          subject: "Sunday lunch",
          content: "Still on for Sunday? I'll bring dessert.",
          time: "2025-11-17 19:40:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.contacts];
  }

  protected buildEventsFlow(): void {
    const bounce = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-bounce-loft-notes",
        sender: "mailer-daemon@pare.com",
        subject: `Undeliverable: ${SUBJECT}`,
        content:
          `Your message could not be delivered to ${TYPO}.\n\n` +
          "Reason: 550 5.1.1 The email account that you tried to reach does not exist.\n\n" +
          `Original message sent Tue, 18 Nov 2025 08:47, subject "${SUBJECT}".`,
      }),
    )
      .withId("bounce")
      .delayed(10);
    const findSent = ev(this.email.search_emails({ query: "floor plan", folder_name: "SENT" }))
      .oracle()
      .dependsOn(bounce, { delaySeconds: 3 });
    const readSent = ev(this.email.get_email_by_id({ email_id: SENT_ID, folder_name: "SENT" }))
      .oracle()
      .dependsOn(findSent, { delaySeconds: 2 });
    const lookup = ev(this.contacts.search_contacts({ query: "Quintero" }))
      .oracle()
      .dependsOn(readSent, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `Your floor plan notes to Rafael bounced: they went to ${TYPO} (extra 'r'). ` +
          `His address in Contacts is ${CORRECT}. Shall I resend the same email there?`,
      }),
    )
      .oracle()
      .dependsOn(lookup, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Oops, yes please resend it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const resend = ev(this.email.send_email({ recipients: [CORRECT], subject: SUBJECT, content: BODY }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [bounce, findSent, readSent, lookup, propose, accept, resend];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rightPeople = (e: CompletedEvent) => {
      const to = addresses(e);
      return to.includes(CORRECT) && !to.includes(TYPO);
    };
    const sent = agentCalls(log, { className: "StatefulEmailApp", function: "send_email" }).some(
      (e) =>
        rightPeople(e) &&
        mentionsAll(argText(e, "subject") + argText(e, "content"), "floor plan") &&
        mentionsAll(argText(e, "content"), "island", "skylight"),
    );
    const forwarded = agentCalls(log, { className: "StatefulEmailApp", function: "forward_email" }).some(
      (e) => argText(e, "email_id") === SENT_ID && rightPeople(e),
    );
    return new Checklist()
      .require(
        "a proposal about the bounced email",
        proposals(log).some((e) =>
          mentionsAny(argText(e, "content"), "bounce", "undeliver", "not delivered", "typo", "Rafael"),
        ),
      )
      .require(`the notes resent to ${CORRECT} (not the typo)`, sent || forwarded)
      .verdict();
  }
}
