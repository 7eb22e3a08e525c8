import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import { ConditionCheckEvent, type Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { apartmentsSaved, savedAtEnd } from "../apartment-verdicts.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals, timeBetween } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const LANDLORD = "hello@larkfield-yard.example";
const REPLY = "email-larkfield-reply";
const NAME = "Larkfield Yard, Flat 4";

/** Did the assistant ask the Larkfield landlord anything? */
const asked = (env: Environment) =>
  agentCalls(env.eventLog, { className: "StatefulEmailApp", function: "send_email" }).some((e) =>
    argText(e, "recipients").includes(LANDLORD),
  );

/**
 * John (who has a cat, Miso) hunts for a 1-bedroom in Larkfield up to $1,900 that takes cats (his note). A new
 * listing, Larkfield Yard Flat 4 at $1,820, fits everything but says nothing about pets; the listing site's
 * alert email gives the landlord's address. Round one: offer to ask the landlord whether cats are allowed and
 * email them. The landlord answers only after that email: cats are fine, viewings Thursday 20 Nov 18:00 or
 * Saturday 22 Nov 11:00; Thursday evening is taken by a work dinner. Round two: offer to save the listing, book
 * Saturday 11:00 and confirm; then save it, reply and add the viewing.
 */
@registerScenario("listing_cat_question_then_viewing")
export class ListingCatQuestionThenViewing extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "home-search";
  override description =
    "A new listing fits except for an unstated pet policy; ask the landlord about the cat, then book the free viewing slot they offer.";
  override additionalSystemPrompt =
    "You are John Doe and your cat Miso moves with you: a flat that does not take cats is out. You are happy " +
    "for the assistant to write to landlords for you and to book viewings that fit your calendar.";

  private apartments!: StatefulApartmentApp;
  private calendar!: StatefulCalendarApp;
  private email!: StatefulEmailApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.calendar = new StatefulCalendarApp();
    this.email = new StatefulEmailApp();
    this.notes = new StatefulNotesApp();
    const oneBed = { number_of_bedrooms: 1, number_of_bathrooms: 1, property_type: "Apartment" };
    this.apartments.add_apartment({
      ...oneBed,
      apartment_id: "apt-larkfield-mill-2",
      name: "Larkfield Mill, Flat 2",
      location: "Larkfield, Mill Street",
      zip_code: "61204",
      price: 1860,
      square_footage: 610,
      pet_policy: "No pets",
      lease_term: "1 year",
    });
    this.apartments.add_apartment({
      ...oneBed,
      apartment_id: "apt-orchard-rise-9",
      name: "Orchard Rise 9",
      location: "Eastmoor",
      zip_code: "61230",
      price: 1720,
      square_footage: 580,
      pet_policy: "Cats allowed",
      saved: true,
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Flat hunt",
      content:
        "Area: Larkfield (close to the office)\nSize: 1 bedroom or more\nRent: $1,900/month max\nMUST take cats " +
        "(Miso). If a listing doesn't say, ask the landlord before viewing.\nSaved so far: Orchard Rise 9 (Eastmoor, " +
        "a bit far).",
      created_at: "2025-11-09 20:00:00",
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Quarterly team dinner",
          start_datetime: "2025-11-20 17:30:00",
          end_datetime: "2025-11-20 21:30:00",
          location: "Fennel & Rye",
        },
        { title: "Swim", start_datetime: "2025-11-22 08:00:00", end_datetime: "2025-11-22 09:00:00" },
        {
          title: "Lunch with Ruth",
          start_datetime: "2025-11-22 13:00:00",
          end_datetime: "2025-11-22 14:30:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.apartments, this.email, this.notes, this.calendar];
  }

  protected buildEventsFlow(): void {
    const listed = ev(
      this.apartments.add_new_apartment({
        ...{ number_of_bedrooms: 1, number_of_bathrooms: 1, property_type: "Apartment" },
        name: NAME,
        location: "Larkfield, Yard Lane",
        zip_code: "61204",
        price: 1820,
        square_footage: 655,
        furnished_status: "Unfurnished",
        lease_term: "1 year",
        amenities: ["Balcony", "Laundry in building"],
      }),
    )
      .withId("larkfield_listed")
      .delayed(6);
    const alert = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-larkfield-alert",
        sender: "alerts@nestfinder.example",
        subject: "New match in Larkfield: Larkfield Yard, Flat 4",
        content:
          `A new listing matches your search: ${NAME}, $1,820/month, 1 bedroom.\nQuestions for the landlord: ` +
          `${LANDLORD}\nViewings by appointment.`,
      }),
    )
      .withId("larkfield_alert")
      .dependsOn(listed, { delaySeconds: 2 });
    const details = ev(this.apartments.get_apartment_details({ apartment_id: "{{larkfield_listed}}" }))
      .oracle()
      .dependsOn(alert, { delaySeconds: 3 });
    const hunt = ev(this.notes.search_notes({ query: "Flat hunt" }))
      .oracle()
      .dependsOn(details, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `A new listing, ${NAME} ($1,820, 1 bedroom, Larkfield), fits your flat-hunt note, but it says nothing ` +
          `about pets. Shall I email the landlord (${LANDLORD}) to ask whether a cat is allowed and when you could view it?`,
      }),
    )
      .oracle()
      .dependsOn(hunt, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, ask them." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const ask = ev(
      this.email.send_email({
        recipients: [LANDLORD],
        subject: "Larkfield Yard, Flat 4: cats and a viewing",
        content:
          "Hello,\n\nI'm interested in Flat 4 at Larkfield Yard. I have one indoor cat: would that be allowed? " +
          "If so, when could I come and view the flat?\n\nThank you,\nJohn Doe",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const askDone = ev(
      this.aui.send_message_to_user({
        content: "Sent. I'll let you know when the Larkfield landlord answers.",
      }),
    )
      .oracle()
      .dependsOn(ask, { delaySeconds: 1 });
    const wasAsked = ConditionCheckEvent.fromCondition(asked, {
      description: "the Larkfield landlord was asked about the cat",
      everyTicks: 5,
      timeoutTicks: 3600,
    });
    const reply = ev(
      this.email.send_email_to_user_with_id({
        email_id: REPLY,
        sender: LANDLORD,
        subject: "Re: Larkfield Yard, Flat 4: cats and a viewing",
        content:
          "Hi John,\n\nOne cat is no problem (there is a $200 refundable pet deposit). I can show you the flat on " +
          "Thursday 20 November at 18:00 or on Saturday 22 November at 11:00. Just tell me which suits you.\n\nNadia Brook",
      }),
    )
      .withId("landlord_reply")
      .dependsOn(wasAsked, { delaySeconds: 15 });
    const readReply = ev(this.email.get_email_by_id({ email_id: REPLY }))
      .oracle()
      .dependsOn(reply, { delaySeconds: 2 });
    const week = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-20 00:00:00",
        end_datetime: "2025-11-23 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(readReply, { delaySeconds: 1 });
    const proposeViewing = ev(
      this.aui.send_message_to_user({
        content:
          "The Larkfield landlord says one cat is fine ($200 pet deposit) and offers Thursday 20 Nov 18:00 or " +
          "Saturday 22 Nov 11:00. Thursday clashes with your team dinner, so shall I confirm Saturday 22 Nov at " +
          "11:00, put the viewing in your calendar and save the listing to your favourites?",
      }),
    )
      .oracle()
      .dependsOn(week, { delaySeconds: 2 });
    const acceptViewing = ev(this.aui.accept_proposal({ content: "Perfect, do it." }))
      .oracle()
      .dependsOn(proposeViewing, { delaySeconds: 3 });
    const find = ev(this.apartments.search_apartments({ name: "Larkfield Yard" }))
      .oracle()
      .dependsOn(acceptViewing, { delaySeconds: 1 });
    const save = ev(this.apartments.save_apartment({ apartment_id: "{{larkfield_listed}}" }))
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const findReply = ev(this.email.search_emails({ query: "Larkfield Yard" }))
      .oracle()
      .dependsOn(save, { delaySeconds: 1 });
    const confirm = ev(
      this.email.reply_to_email({
        email_id: REPLY,
        content: "Hi Nadia,\n\nSaturday 22 November at 11:00 works well, see you then.\n\nBest,\nJohn",
      }),
    )
      .oracle()
      .dependsOn(findReply, { delaySeconds: 1 });
    const book = ev(
      this.calendar.add_calendar_event({
        title: "Viewing: Larkfield Yard, Flat 4",
        start_datetime: "2025-11-22 11:00:00",
        end_datetime: "2025-11-22 11:30:00",
        location: "Larkfield, Yard Lane",
      }),
    )
      .oracle()
      .dependsOn(confirm, { delaySeconds: 1 });
    this.events = [
      listed,
      alert,
      details,
      hunt,
      propose,
      accept,
      ask,
      askDone,
      wasAsked,
      reply,
      readReply,
      week,
      proposeViewing,
      acceptViewing,
      find,
      save,
      findReply,
      confirm,
      book,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const repliedAt = log.byId("landlord_reply")?.eventTime;
    const after = (t: number) => repliedAt !== undefined && t > repliedAt;
    const toLandlord = assistantEmailsTo(env, LANDLORD);
    const larkfield = env
      .getAppByClass(StatefulApartmentApp)
      ?.apartments.find((a) => a.name === NAME)?.apartment_id;
    const viewings = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" });
    return new Checklist()
      .require(
        "a proposal to ask the landlord about the cat",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "cat", "pet")),
      )
      .require(
        "the landlord asked whether a cat is allowed",
        toLandlord.some((m) => mentionsAny(m.content, "cat", "pet")),
      )
      .require(
        "after the answer, Saturday 22 Nov 11:00 confirmed to the landlord (not Thursday)",
        toLandlord.some(
          (m) => after(m.time) && mentionsAny(m.content, "Saturday", "Sat", "22") && /11/.test(m.content),
        ) && toLandlord.every((m) => !mentionsAny(m.content, "Thursday works", "18:00 works")),
      )
      .require(
        "after the answer, the viewing in the calendar on Saturday 22 Nov at 11:00, and nothing else added",
        viewings.length === 1 &&
          viewings.every(
            (e) =>
              after(e.eventTime) &&
              timeBetween(argText(e, "start_datetime"), "2025-11-22 11:00:00", "2025-11-22 11:00:00"),
          ),
      )
      .require(
        "the Larkfield Yard listing saved to favourites, and only it",
        larkfield !== undefined &&
          savedAtEnd(env).includes(larkfield) &&
          apartmentsSaved(env).every((id) => id === larkfield),
      )
      .require(
        "no email to anyone but the landlord",
        assistantEmails(env).every((m) => m.recipients.every((r) => r === LANDLORD)),
      )
      .verdict();
  }
}
