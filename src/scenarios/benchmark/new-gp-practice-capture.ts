import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  mentionsAny,
  proposals,
  timeBetween,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const PHONE = "+15550148";
const PRACTICE = "appointments@elmfield-surgery.example";
const OLD_GP = "contact-northgate-medical";

/**
 * The new GP practice confirms John's registration by email (+7 s): his doctor is Dr Amara Bello, and he
 * should phone +1 555 0148 (weekdays 08:00-18:30) to book a new-patient check by Friday 5 December.
 * Contacts hold his old practice (Northgate Medical) and a dentist; a pharmacy newsletter is a distractor.
 * Ideal help: offer to save the practice as a contact and add a reminder to call during his lunch break; on
 * acceptance add the contact (phone, email) and a reminder before 5 Dec with the number. The old practice's
 * card stays.
 */
@registerScenario("new_gp_practice_capture")
export class NewGpPracticeCapture extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "capture";
  override description =
    "The new GP practice confirms registration; save it as a contact and remind the user to book the check in time.";
  override additionalSystemPrompt =
    "You are John Doe. You save every practice and service you deal with as a contact, with phone and email. You make phone calls " +
    "in your lunch break (12:30-13:30) on weekdays. Keep your old GP's card for now.";

  private email!: StatefulEmailApp;
  private contacts!: StatefulContactsApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.contacts = new StatefulContactsApp();
    this.reminders = new StatefulReminderApp();
    this.contacts.add_contacts({
      contacts: [
        {
          contact_id: OLD_GP,
          first_name: "Northgate",
          last_name: "Medical",
          phone: "+15550120",
          job: "GP practice",
          description: "Old GP, before the move",
        },
        { first_name: "Hanna", last_name: "Berg", phone: "+15550133", job: "Dentist" },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          sender: "news@corner-pharmacy.example",
          subject: "Flu jabs now available",
          content: "Walk in Monday to Saturday, or call us on +15550177.",
          time: "2025-11-17 09:00:00",
        },
      ],
    });
    this.reminders.add_reminder({ title: "Pay council tax", due_datetime: "2025-11-28 09:00:00" });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.contacts, this.reminders];
  }

  protected buildEventsFlow(): void {
    const letter = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-elmfield-registration",
        sender: PRACTICE,
        subject: "Welcome to Elmfield Surgery",
        content:
          "Dear Mr Doe,\n\nYour registration is complete. Your named GP is Dr Amara Bello.\nPlease phone us on " +
          `${PHONE} (weekdays 08:00-18:30) to book your new-patient health check by Friday 5 December.\n\n` +
          "Elmfield Surgery, 40 Elm Row",
      }),
    )
      .withId("elmfield_registration")
      .delayed(7);
    const existing = ev(this.contacts.search_contacts({ query: "Elmfield" }))
      .oracle()
      .dependsOn(letter, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `Elmfield Surgery confirmed your registration (Dr Amara Bello). Shall I save them as a contact (${PHONE}, ` +
          `${PRACTICE}) and add a reminder for tomorrow 12:30 to phone and book your health check, due by Fri 5 Dec?`,
      }),
    )
      .oracle()
      .dependsOn(existing, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const save = ev(
      this.contacts.add_new_contact({
        first_name: "Elmfield",
        last_name: "Surgery",
        phone: PHONE,
        email: PRACTICE,
        address: "40 Elm Row",
        job: "GP practice",
        description: "New GP: Dr Amara Bello",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const remind = ev(
      this.reminders.add_reminder({
        title: "Call Elmfield Surgery to book the health check",
        due_datetime: "2025-11-19 12:30:00",
        description: `Phone ${PHONE} (weekdays 08:00-18:30). New-patient check must be booked by Fri 5 Dec.`,
      }),
    )
      .oracle()
      .dependsOn(save, { delaySeconds: 1 });
    this.events = [letter, existing, propose, accept, save, remind];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const app = env.getAppByClass(StatefulContactsApp);
    const digits = (s: string | null) => (s ?? "").replace(/\D/g, "");
    const cards = [...(app?.contacts.values() ?? [])].filter((c) => digits(c.phone).endsWith(digits(PHONE)));
    const card = cards.find((c) =>
      mentionsAny(`${c.first_name} ${c.last_name} ${c.job ?? ""} ${c.description ?? ""}`, "Elmfield"),
    );
    const old = app?.contacts.get(OLD_GP);
    const reminder = agentCalls(log, { className: "StatefulReminderApp", function: "add_reminder" }).some(
      (e) =>
        mentionsAny(
          `${argText(e, "title")} ${argText(e, "description")}`,
          "Elmfield",
          "health check",
          "GP",
        ) && timeBetween(argText(e, "due_datetime"), "2025-11-18 09:00:00", "2025-12-05 18:30:00"),
    );
    const otherWrites = assistantWrites(log, { className: "StatefulContactsApp" }).filter(
      (e) => e.action?.function !== "add_new_contact",
    );
    return new Checklist()
      .require(
        "a proposal to save the practice and remind about the check",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Elmfield")),
      )
      .require("one Elmfield Surgery card with its phone number", !!card && cards.length === 1)
      .require("the card has the practice's email", card?.email?.toLowerCase() === PRACTICE)
      .require("a reminder to book the health check, due before Fri 5 Dec", reminder)
      .require(
        "the old Northgate card kept unchanged",
        old?.phone === "+15550120" && otherWrites.length === 0,
      )
      .verdict();
  }
}
