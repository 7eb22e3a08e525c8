import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
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

const CURRENT = "/Documents/Home/lease-quill-street-2024.pdf";

/**
 * No environment event: a reminder seeded due at +15 s asks John to work out when to give notice on his
 * current flat. The saved new flat (Marlow Yard 7) starts on 1 February 2026, so he moves out on 31 January.
 * The current lease in Files (Quill Street) needs 60 days' written notice, sent to the landlord by email;
 * an older lease in the same folder said 30 days. Ideal help: notice must reach the landlord by 2 December,
 * so offer a reminder a little before (here 1 December) with the landlord's address, and add it.
 */
@registerScenario("notice_period_reminder_from_lease")
export class NoticePeriodReminderFromLease extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "home-search";
  override description =
    "A due reminder asks when to give notice; the current lease in Files needs 60 days before the move to the new flat, so remind the user by 1-2 December.";
  override additionalSystemPrompt =
    "You are John Doe. You move into Marlow Yard 7 when its lease starts and want to give notice on your " +
    "current flat on time but not much earlier than needed.";

  private apartments!: StatefulApartmentApp;
  private files!: StatefulFilesApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.files = new StatefulFilesApp();
    this.reminders = new StatefulReminderApp();
    this.apartments.add_apartment({
      apartment_id: "apt-marlow-yard-7",
      name: "Marlow Yard 7 (signed, lease starts 1 February 2026)",
      location: "Marlow Yard, Southgate",
      zip_code: "33061",
      price: 1720,
      number_of_bedrooms: 1,
      number_of_bathrooms: 1,
      square_footage: 610,
      property_type: "Apartment",
      lease_term: "1 year",
      saved: true,
    });
    this.apartments.add_apartment({
      apartment_id: "apt-marlow-yard-3",
      name: "Marlow Yard 3",
      location: "Marlow Yard, Southgate",
      zip_code: "33061",
      price: 1690,
      number_of_bedrooms: 1,
      number_of_bathrooms: 1,
      square_footage: 590,
      property_type: "Apartment",
      lease_term: "6 months",
    });
    this.files.add_files({
      files: [
        {
          path: CURRENT,
          text:
            "Tenancy agreement - 9 Quill Street, Flat 2\nTenant: John Doe. Landlord: Morven Estates.\n" +
            "Term: from 1 March 2024, rolling monthly after 28 February 2025.\nRent: USD 1,540 per month.\n" +
            "Ending the tenancy: the tenant must give at least 60 days' notice in writing, by email to " +
            "notices@morven-estates.example, before the last day of the tenancy.",
          size: 210_000,
          created_at: "2024-02-20 10:00:00",
        },
        {
          path: "/Documents/Home/lease-ferry-road-2022.pdf",
          text:
            "Tenancy agreement - 41 Ferry Road\nTenant: John Doe.\nTerm: 1 March 2022 - 29 February 2024.\n" +
            "Notice: 30 days in writing.",
          size: 180_000,
          created_at: "2022-02-10 10:00:00",
        },
        {
          path: "/Documents/Home/contents-insurance.pdf",
          text: "Contents insurance, policy HC-2231. Tell us within 14 days if you move house.",
          size: 95_000,
        },
        { path: "/Pictures/quill-street-living-room.jpg", size: 1_800_000 },
      ],
    });
    this.reminders.add_reminder({
      title: "Work out when to give notice on Quill Street",
      due_datetime: "2025-11-18 09:00:15",
      description: "Check the lease for the notice period; the new flat (see saved listings) starts soon.",
    });
    this.reminders.add_reminder({
      title: "Order moving boxes",
      due_datetime: "2025-12-15 09:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.reminders, this.apartments, this.files];
  }

  protected buildEventsFlow(): void {
    const saved = ev(this.apartments.list_saved_apartments()).oracle().delayed(20);
    const root = ev(this.files.ls({})).oracle().dependsOn(saved, { delaySeconds: 1 });
    const documents = ev(this.files.ls({ path: "/Documents" }))
      .oracle()
      .dependsOn(root, { delaySeconds: 1 });
    const tree = ev(this.files.ls({ path: "/Documents/Home" }))
      .oracle()
      .dependsOn(documents, { delaySeconds: 1 });
    const lease = ev(this.files.read_document({ file_path: CURRENT }))
      .oracle()
      .dependsOn(tree, { delaySeconds: 1 });
    const existing = ev(this.reminders.get_all_reminders()).oracle().dependsOn(lease, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your Quill Street lease needs at least 60 days' written notice by email to notices@morven-estates.example. " +
          "Marlow Yard 7 starts 1 February, so if you move out on 31 January the notice must arrive by 2 December. " +
          "Shall I add a reminder for Monday 1 December at 09:00 to send it?",
      }),
    )
      .oracle()
      .dependsOn(existing, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, add it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const add = ev(
      this.reminders.add_reminder({
        title: "Give notice on Quill Street",
        due_datetime: "2025-12-01 09:00:00",
        description:
          "Email notices@morven-estates.example: 60 days' notice, last day 31 January 2026 (Marlow Yard 7 starts 1 Feb).",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [saved, root, documents, tree, lease, existing, propose, accept, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const adds = agentCalls(log, { className: "StatefulReminderApp", function: "add_reminder" });
    const good = adds.some(
      (e) =>
        timeBetween(argText(e, "due_datetime"), "2025-11-24 00:00:00", "2025-12-02 12:00:00") &&
        mentionsAny(`${argText(e, "title")} ${argText(e, "description")}`, "notice"),
    );
    return new Checklist()
      .require(
        "a proposal about the 60-day notice",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "60", "notice")),
      )
      .require("a reminder to give notice due between 24 Nov and 2 Dec (not the old lease's 30 days)", good)
      .require(
        "one reminder added, nothing else changed",
        adds.length === 1 && assistantWrites(log).length === 1,
      )
      .verdict();
  }
}
