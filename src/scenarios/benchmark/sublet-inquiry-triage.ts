import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  Checklist,
  mentionsAmount,
  mentionsAny,
  proposals,
  timeBetween,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const MARTA = "marta.kowalczyk@postbox.example";
const JONAS = "jonas.weber@postbox.example";
const PRIYANKA = "priyanka.rao@postbox.example";
const RENT = 950;
const SLOT =
  /thu[a-z]*\b[^\n]{0,40}18[:.]30|18[:.]30[^\n]{0,40}thu|6[:.]30\s*pm[^\n]{0,40}thu|thu[a-z]*\b[^\n]{0,40}6[:.]30\s*pm/i;

/**
 * John sublets his room (1 Dec-28 Feb) through a listing saved in the flat app ($950 a month). His note sets
 * the rules: one person, non-smoker, no pets, viewings at 18:30 on a weekday evening this week. Three answers
 * arrive (+6 s, +11 s, +16 s): Marta (a nurse on placement, alone, no pets, non-smoker), Jonas (with his dog)
 * and Priyanka (for herself and her partner). This week's calendar leaves only Thursday 20 Nov free at 18:30.
 * Distractors: a similar listing on Heron Road at $1,020, the letting site's 'listing is live' email. Ideal help: offer
 * to invite Marta to a Thursday 18:30 viewing with the rent and decline the other two; on acceptance reply to
 * all three (and pencil in the viewing).
 */
@registerScenario("sublet_inquiry_triage")
export class SubletInquiryTriage extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "multi-party";
  override description =
    "Three people answer the user's room-sublet listing; invite the one who meets the criteria note to a free viewing slot with the rent, decline the others.";
  override additionalSystemPrompt =
    "You are John Doe, subletting your room while you work abroad. Only applicants who meet every rule in your " +
    "sublet note get a viewing; the others get a short, polite no.";

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
    const room = {
      zip_code: "EF4 2HS",
      number_of_bedrooms: 1,
      number_of_bathrooms: 1,
      property_type: "Room in shared flat",
      furnished_status: "Furnished",
      pet_policy: "No pets",
    };
    this.apartments.add_apartment({
      ...room,
      apartment_id: "apt-heron-street-room",
      name: "Double room in 3-bed flat, Heron Street (sublet)",
      location: "Heron Street, Eastfold",
      price: RENT,
      square_footage: 150,
      lease_term: "3 months",
      amenities: ["Washing machine", "Bike storage"],
      saved: true,
    });
    this.apartments.add_apartment({
      ...room,
      apartment_id: "apt-heron-road-room",
      name: "Double room, Heron Road",
      location: "Heron Road, Eastfold",
      price: 1020,
      square_footage: 170,
      lease_term: "6 months",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Subletting my room",
      content:
        "Listing: 'Double room in 3-bed flat, Heron Street (sublet)' in the flat app.\nDates: 1 Dec - 28 Feb " +
        "(back 1 Mar).\nRules: ONE person only, non-smoker, no pets (Theo is allergic).\nViewings: this week " +
        "only (I fly on Saturday), 18:30 on a weekday evening when the flatmates are in. Check my calendar.",
      created_at: "2025-11-12 21:00:00",
    });
    this.calendar.add_calendar_events({
      events: [
        { title: "Choir", start_datetime: "2025-11-18 18:00:00", end_datetime: "2025-11-18 20:30:00" },
        { title: "Five-a-side", start_datetime: "2025-11-19 18:00:00", end_datetime: "2025-11-19 20:00:00" },
        { title: "Dentist", start_datetime: "2025-11-20 08:30:00", end_datetime: "2025-11-20 09:00:00" },
        {
          title: "Leaving drinks",
          start_datetime: "2025-11-21 17:30:00",
          end_datetime: "2025-11-21 22:00:00",
          location: "The Lamplighter",
        },
        {
          title: "Flight to Montreal",
          start_datetime: "2025-11-22 11:00:00",
          end_datetime: "2025-11-22 19:00:00",
        },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          sender: "lettings@eastfold-homes.example",
          subject: "Your listing is live",
          content: "Your room on Heron Street is now listed. Applicants will write to you directly.",
          time: "2025-11-13 09:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.notes, this.calendar, this.apartments];
  }

  protected buildEventsFlow(): void {
    const inquiry = (id: string, sender: string, subject: string, content: string, at: number) =>
      ev(this.email.send_email_to_user_with_id({ email_id: id, sender, subject, content }))
        .withId(id)
        .delayed(at);
    const marta = inquiry(
      "email-sublet-marta",
      MARTA,
      "Room on Heron Street",
      "Hello! I'm a nurse on a placement at Eastfold General from 1 December to the end of February, so your " +
        "room would be perfect. It would be just me; I don't smoke and have no pets. When could I see it, and " +
        "what is the rent? Marta Kowalczyk",
      6,
    );
    const jonas = inquiry(
      "email-sublet-jonas",
      JONAS,
      "Heron Street sublet",
      "Hi, I'd love the room for December to February. I'd bring my little dog Biscuit, he's very calm and " +
        "house-trained. Non-smoker. Jonas Weber",
      11,
    );
    const priyanka = inquiry(
      "email-sublet-priyanka",
      PRIYANKA,
      "Your room for Dec-Feb",
      "Hi John, my partner and I are looking for a place from December to February, both non-smokers, no pets. " +
        "Could the two of us view the room this week? Priyanka Rao",
      16,
    );
    const rules = ev(this.notes.search_notes({ query: "sublet" }))
      .oracle()
      .dependsOn([marta, jonas, priyanka], { delaySeconds: 3 });
    const listing = ev(this.apartments.list_saved_apartments())
      .oracle()
      .dependsOn(rules, { delaySeconds: 1 });
    const week = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-18 00:00:00",
        end_datetime: "2025-11-22 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(listing, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Three replies to your room sublet. Only Marta Kowalczyk meets your rules (alone, non-smoker, no pets); " +
          "Jonas Weber would bring a dog and Priyanka Rao wants it for two. Your only free 18:30 slot this week " +
          "is Thursday 20 Nov. Shall I invite Marta to view on Thursday 20 Nov at 18:30 and tell her the rent " +
          "($950 a month), politely decline Jonas and Priyanka, and put the viewing in your calendar?",
      }),
    )
      .oracle()
      .dependsOn(week, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, go ahead." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "room" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const invite = ev(
      this.email.reply_to_email({
        email_id: "email-sublet-marta",
        content:
          "Hi Marta,\n\nThe room is still free for 1 Dec - 28 Feb and the rent is $950 a month. Could you come " +
          "and see it on Thursday 20 November at 18:30? My flatmates will be in too.\n\nBest,\nJohn",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const declineJonas = ev(
      this.email.reply_to_email({
        email_id: "email-sublet-jonas",
        content:
          "Hi Jonas,\n\nThanks for your interest! Unfortunately the flat can't have pets (a flatmate is " +
          "allergic), so I can't offer you the room. Good luck with your search.\n\nJohn",
      }),
    )
      .oracle()
      .dependsOn(invite, { delaySeconds: 1 });
    const declinePriyanka = ev(
      this.email.reply_to_email({
        email_id: "email-sublet-priyanka",
        content:
          "Hi Priyanka,\n\nThank you for getting in touch. I'm sorry, the room is only for one person, so it " +
          "won't work for the two of you. Good luck finding a place!\n\nJohn",
      }),
    )
      .oracle()
      .dependsOn(declineJonas, { delaySeconds: 1 });
    const pencil = ev(
      this.calendar.add_calendar_event({
        title: "Room viewing: Marta Kowalczyk",
        start_datetime: "2025-11-20 18:30:00",
        end_datetime: "2025-11-20 19:00:00",
      }),
    )
      .oracle()
      .dependsOn(declinePriyanka, { delaySeconds: 1 });
    this.events = [
      marta,
      jonas,
      priyanka,
      rules,
      listing,
      week,
      propose,
      accept,
      find,
      invite,
      declineJonas,
      declinePriyanka,
      pencil,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const toMarta = assistantEmailsTo(env, MARTA);
    const declines = [JONAS, PRIYANKA].map((a) => assistantEmailsTo(env, a));
    const adds = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" });
    return new Checklist()
      .require(
        "a proposal to invite Marta and decline the others",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Marta")),
      )
      .require(
        "Marta invited to view on Thursday 20 Nov at 18:30, with the $950 rent",
        toMarta.some((m) => SLOT.test(m.content) && mentionsAmount(m.content, RENT)),
      )
      .require(
        "Jonas and Priyanka each answered",
        declines.every((d) => d.length > 0),
      )
      .require(
        "no viewing offered to Jonas or Priyanka",
        declines.flat().every((m) => !/18[:.]30|6[:.]30\s*pm/i.test(m.content)),
      )
      .require(
        "no rent from the Heron Road listing, no email to anyone else",
        assistantEmails(env).every(
          (m) =>
            !mentionsAmount(m.content, 1020) &&
            m.recipients.every((r) => [MARTA, JONAS, PRIYANKA].includes(r)),
        ),
      )
      .require(
        "any viewing pencilled in sits on Thursday 20 Nov at 18:30",
        adds.every((e) =>
          timeBetween(argText(e, "start_datetime"), "2025-11-20 18:00:00", "2025-11-20 19:00:00"),
        ),
      )
      .verdict();
  }
}
