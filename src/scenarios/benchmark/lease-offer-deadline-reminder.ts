import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/** The offer lapses on Friday 21 November at noon. */
const EXPIRY = parseDateTime("2025-11-21 12:00:00") as number;

/**
 * The user saved two listings. The manager of one of them (Linden Court) emails a lease offer that
 * expires Friday at noon. Ideal help: connect the email to the saved listing, offer a reminder well
 * before the offer lapses and add it.
 */
@registerScenario("lease_offer_deadline_reminder")
export class LeaseOfferDeadlineReminder extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "home-search";
  override description =
    "The landlord of a saved listing emails that the lease offer expires Friday; add a reminder before the deadline.";
  override additionalSystemPrompt =
    "You are looking for a new flat and have viewed a few; you have not decided yet and want time to think it over.";

  private email!: StatefulEmailApp;
  private apartments!: StatefulApartmentApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.apartments = new StatefulApartmentApp();
    this.reminders = new StatefulReminderApp();
    const common = { property_type: "Apartment", lease_term: "1 year", floor_level: "Upper floors" };
    this.apartments.add_apartment({
      ...common,
      apartment_id: "apt-linden-court-4c",
      name: "Linden Court, Unit 4C",
      location: "Eastgate, Millbrook",
      zip_code: "40217",
      price: 2150,
      number_of_bedrooms: 2,
      number_of_bathrooms: 1,
      square_footage: 860,
      pet_policy: "Cats allowed",
      amenities: ["Laundry in building", "Bike storage"],
      saved: true,
    });
    this.apartments.add_apartment({
      ...common,
      apartment_id: "apt-riverside-lofts-2",
      name: "Riverside Lofts, Loft 2",
      location: "Old Mill District, Millbrook",
      zip_code: "40209",
      price: 1980,
      number_of_bedrooms: 1,
      number_of_bathrooms: 1,
      square_footage: 720,
      amenities: ["Gym", "Roof terrace"],
      saved: true,
    });
    this.apartments.add_apartment({
      ...common,
      apartment_id: "apt-birchwood-11",
      name: "Birchwood House, Flat 11",
      location: "Eastgate, Millbrook",
      zip_code: "40217",
      price: 2400,
      number_of_bedrooms: 2,
      number_of_bathrooms: 2,
      square_footage: 950,
    });
    this.reminders.create_reminder_with_time({
      title: "Ask bank for proof of income letter",
      due_datetime: "2025-11-19 10:00:00",
    });
    this.reminders.create_reminder_with_time({
      title: "Give notice on current flat",
      description: "One month's notice; landlord wants it in writing.",
      due_datetime: "2025-11-28 09:00:00",
    });
    this.email.add_emails({
      emails: [
        {
          sender: "lettings@riversidelofts.example",
          subject: "Open house on Saturday",
          content: "Loft 2 will be open for viewing again on Saturday 22 November, 11:00-13:00.",
          time: "2025-11-17 09:30:00",
        },
        {
          sender: "leasing@lindencourt-homes.example",
          subject: "Viewing confirmed: Linden Court 4C",
          content: "See you Monday 17 November at 18:00 for the viewing of unit 4C.",
          time: "2025-11-14 11:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.apartments, this.reminders];
  }

  protected buildEventsFlow(): void {
    const offer = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-linden-offer",
        sender: "leasing@lindencourt-homes.example",
        subject: "Lease offer: Linden Court, Unit 4C",
        content:
          "Hi John,\n\nThanks for viewing 4C yesterday. We'd be glad to offer you a 12-month lease at " +
          "$2,150/month, starting 1 December. The offer stands until Friday 21 November at 12:00 noon; " +
          "after that we will move on to the next applicant. To accept, sign the lease in the tenant portal." +
          "\n\nBest regards,\nGordon Achebe, Linden Court Homes",
      }),
    )
      .withId("lease_offer")
      .delayed(11);
    const saved = ev(this.apartments.list_saved_apartments()).oracle().dependsOn(offer, { delaySeconds: 3 });
    const existing = ev(this.reminders.get_all_reminders()).oracle().dependsOn(saved, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Linden Court offered you Unit 4C (one of your saved listings) at $2,150/month; the offer expires " +
          "Friday 21 Nov at noon. Shall I set a reminder for Thursday 20 Nov at 18:00 to decide and sign?",
      }),
    )
      .oracle()
      .dependsOn(existing, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const add = ev(
      this.reminders.add_reminder({
        title: "Decide on Linden Court 4C lease offer",
        due_datetime: "2025-11-20 18:00:00",
        description:
          "Offer ($2,150/month, 12 months) expires Friday 21 Nov at 12:00; sign in the tenant portal.",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [offer, saved, existing, propose, accept, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const added = agentCalls(log, { className: "StatefulReminderApp", function: "add_reminder" }).some(
      (e) => {
        const due = parseDateTime(argText(e, "due_datetime"));
        return (
          due !== null &&
          due >= this.startTime &&
          due <= EXPIRY - 60 * 60 &&
          mentionsAny(argText(e, "title") + argText(e, "description"), "Linden", "lease", "4C")
        );
      },
    );
    return new Checklist()
      .require(
        "a proposal about the Linden Court offer deadline",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Linden", "lease")),
      )
      .require("a reminder about the lease offer due at least an hour before Friday noon", added)
      .verdict();
  }
}
