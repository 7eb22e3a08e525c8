import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const between = (text: string, from: string, to: string): boolean => {
  const t = parseDateTime(text);
  return t !== null && t >= (parseDateTime(from) as number) && t <= (parseDateTime(to) as number);
};

const LEO_PHONE = "+44 7700 900418";

/**
 * At +10 s a friend writes "don't forget Leo's birthday on Saturday". Two contacts go by Leo; the
 * address book says Leo Marchetti's birthday is 22 November (Saturday). Ideal help: offer a reminder
 * for Saturday and, on acceptance, add one that names Leo Marchetti (or carries his number).
 */
@registerScenario("contact_birthday_reminder")
export class ContactBirthdayReminder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "contacts-comms";
  override description =
    "A friend mentions Leo's birthday on Saturday; identify the right Leo in contacts and add a reminder.";
  override additionalSystemPrompt =
    "You are John Doe. You always forget birthdays and would like a reminder on the day (or the evening " +
    "before) so you can call.";

  private contacts!: StatefulContactsApp;
  private messaging!: StatefulMessagingApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private sofiaId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.contacts = new StatefulContactsApp();
    this.messaging = new StatefulMessagingApp();
    this.reminders = new StatefulReminderApp();
    this.contacts.add_contacts({
      contacts: [
        {
          contact_id: "contact-leo-marchetti",
          first_name: "Leo",
          last_name: "Marchetti",
          phone: LEO_PHONE,
          email: "leo.marchetti@fastmail.example",
          city_living: "Bristol",
          description: "Old flatmate from uni. Birthday: 22 November. Into vinyl and jazz.",
        },
        {
          contact_id: "contact-leo-hart",
          first_name: "Leopold",
          last_name: "Hart",
          phone: "+44 7700 900233",
          description: "Goes by Leo. Landlord's handyman - boiler and plumbing. Birthday: 3 April.",
        },
        { first_name: "Sofia", last_name: "Lindgren", phone: "+44 7700 900771" },
        { first_name: "Leonie", last_name: "Fischer", phone: "+49 151 5550198", job: "Architect" },
      ],
    });
    const ids = this.messaging.add_users({ user_names: ["Sofia Lindgren", "Leonie Fischer"] });
    this.sofiaId = ids["Sofia Lindgren"] as string;
    this.messaging.add_conversation({
      conversation_id: "conv-sofia",
      participants: ["Sofia Lindgren"],
      messages: [
        {
          sender: "Sofia Lindgren",
          content: "That ramen place was amazing, thanks for the tip!",
          time: "2025-11-15 21:14:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["Leonie Fischer"],
      messages: [
        {
          sender: "Leonie Fischer",
          content: "Sending the floor plans tomorrow.",
          time: "2025-11-17 17:48:00",
        },
      ],
    });
    this.reminders.create_reminder_with_time({
      title: "Car MOT",
      due_datetime: "2025-11-25 08:30:00",
      description: "Garage on Station Road.",
    });
    this.reminders.create_reminder_with_time({
      title: "Mum's anniversary card",
      due_datetime: "2025-11-29 10:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.contacts, this.messaging, this.reminders];
  }

  protected buildEventsFlow(): void {
    const nudge = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-sofia",
        sender_id: this.sofiaId,
        content: "Don't forget Leo's birthday on Saturday! He'd love a call, he's turning 35 🎉",
      }),
    )
      .withId("sofia_nudge")
      .delayed(10);
    const lookup = ev(this.contacts.search_contacts({ query: "Leo" }))
      .oracle()
      .dependsOn(nudge, { delaySeconds: 3 });
    const existing = ev(this.reminders.get_all_reminders()).oracle().dependsOn(lookup, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Sofia reminded you that Leo Marchetti's birthday is this Saturday (22 November). Shall I add a " +
          "reminder for Saturday at 10:00 to call him?",
      }),
    )
      .oracle()
      .dependsOn(existing, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const remind = ev(
      this.reminders.add_reminder({
        title: "Leo Marchetti's birthday - call him",
        due_datetime: "2025-11-22 10:00:00",
        description: `Leo turns 35 today. Phone: ${LEO_PHONE}.`,
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [nudge, lookup, existing, propose, accept, remind];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const reminded = agentCalls(log, { className: "StatefulReminderApp", function: "add_reminder" }).some(
      (e) => {
        const text = `${argText(e, "title")} ${argText(e, "description")}`;
        return (
          mentionsAll(text, "Leo", "birthday") &&
          mentionsAny(text, "Marchetti", LEO_PHONE) &&
          !mentionsAny(text, "Leopold") &&
          between(argText(e, "due_datetime"), "2025-11-21 12:00:00", "2025-11-22 18:00:00")
        );
      },
    );
    return new Checklist()
      .require(
        "a proposal of a reminder for Leo's birthday",
        proposals(log).some((e) => mentionsAll(argText(e, "content"), "Leo", "birthday")),
      )
      .require("a reminder for Leo Marchetti's birthday, due Friday afternoon to Saturday evening", reminded)
      .verdict();
  }
}
