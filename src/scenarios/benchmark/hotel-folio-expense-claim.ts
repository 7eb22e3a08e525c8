import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, fileNamesIn, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const CLAIMS = "claims@northwind-finance.example";
const FOLIO_EMAIL = "email-harbourview-folio";
const FOLIO = "folio-58213.pdf";
const CONFIRMATION = "confirmation-58213.pdf";

/**
 * Finance asked that travel claims go to their claims address with the receipt attached and the total
 * stated. The hotel emails its final folio as a PDF; the total is only inside the PDF (the booking
 * confirmation's deposit is a distractor). Ideal help: save the folio, read the total, and send the
 * claim with the folio attached to the claims address.
 */
@registerScenario("hotel_folio_expense_claim")
export class HotelFolioExpenseClaim extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "files-attachments";
  override description =
    "A hotel folio PDF arrives after a work trip; read its total and send the expense claim with the folio attached.";
  override additionalSystemPrompt =
    "You just came back from a work trip to Seattle and want your hotel costs reimbursed without fuss.";

  private email!: StatefulEmailApp;
  private files!: StatefulFilesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.files = new StatefulFilesApp();
    this.email.add_emails({
      emails: [
        {
          sender: "finance-team@northwind.example",
          subject: "How to claim travel expenses",
          content:
            "Hi all,\n\nFrom this month, please send every travel expense claim to " +
            `${CLAIMS}. Attach the receipt or hotel folio, and write the trip and the total amount in the email.` +
            "\n\nThanks,\nNorthwind Finance",
          time: "2025-11-03 10:00:00",
        },
        {
          email_id: "email-harbourview-booking",
          sender: "reservations@harbourview-hotel.example",
          subject: "Booking confirmation 58213",
          content: "Your stay at Harbourview Hotel, Seattle, 14-17 November is confirmed. Details attached.",
          attachments: [
            {
              name: CONFIRMATION,
              text: "Harbourview Hotel - Booking 58213\nGuest: John Doe\nArrival 14 Nov 2025, departure 17 Nov 2025\nDeposit paid: USD 150.00",
              size: 61_000,
            },
          ],
          time: "2025-11-02 16:40:00",
        },
        {
          sender: "billing@streamly.example",
          subject: "Your Streamly receipt",
          content: "Streamly Premium: $15.99. Thanks for watching!",
          attachments: [{ name: "streamly-receipt-nov.pdf", text: "Streamly Premium $15.99", size: 20_000 }],
          time: "2025-11-15 06:00:00",
        },
        {
          sender: "priya.raman@northwind.example",
          subject: "Seattle notes",
          content: "Great sessions this week! I'll circulate the workshop notes on Friday.",
          time: "2025-11-17 18:10:00",
        },
      ],
    });
    this.files.add_file({
      path: "Documents/Work/expense-policy-2025.pdf",
      text: "Travel policy\nHotels up to USD 250 per night in Seattle\nClaims within 30 days of the trip",
      size: 140_000,
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.files];
  }

  protected buildEventsFlow(): void {
    const folio = ev(
      this.email.send_email_to_user_with_id({
        email_id: FOLIO_EMAIL,
        sender: "billing@harbourview-hotel.example",
        subject: "Your folio - Harbourview Hotel, Seattle",
        content:
          "Dear Mr Doe,\n\nThank you for staying with us. Your final folio is attached.\n\nHarbourview Hotel",
        attachments: [
          {
            name: FOLIO,
            text:
              "Harbourview Hotel, Seattle - Folio 58213\nGuest: John Doe\n14 Nov room 612 ... USD 219.00\n" +
              "15 Nov room 612 ... USD 219.00\n16 Nov room 612 ... USD 219.00\nCity tax ... USD 27.30\n" +
              "Total charged: USD 684.30\nDeposit of USD 150.00 applied; paid by card ending 4471",
            size: 96_000,
          },
        ],
      }),
    )
      .withId("folio")
      .delayed(10);
    const read = ev(this.email.get_email_by_id({ email_id: FOLIO_EMAIL }))
      .oracle()
      .dependsOn(folio, { delaySeconds: 3 });
    const how = ev(this.email.search_emails({ query: "expense claim" }))
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `Harbourview Hotel sent your final folio (${FOLIO}) for the Seattle trip. Finance asked for claims at ` +
          `${CLAIMS} with the receipt and the total. Shall I save the folio, read the total and send the claim?`,
      }),
    )
      .oracle()
      .dependsOn(how, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, please send the claim." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "folio" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const save = ev(this.email.download_attachments({ email_id: FOLIO_EMAIL }))
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const total = ev(this.files.read_document({ file_path: `/Downloads/${FOLIO}` }))
      .oracle()
      .dependsOn(save, { delaySeconds: 2 });
    const address = ev(this.email.search_emails({ query: "expense claim" }))
      .oracle()
      .dependsOn(total, { delaySeconds: 2 });
    const claim = ev(
      this.email.send_email({
        recipients: [CLAIMS],
        subject: "Expense claim: Seattle trip, Harbourview Hotel",
        content:
          "Hello,\n\nPlease find attached the Harbourview Hotel folio for my Seattle trip (14-17 November). " +
          "Total: USD 684.30.\n\nThanks,\nJohn",
        attachment_paths: [`/Downloads/${FOLIO}`],
      }),
    )
      .oracle()
      .dependsOn(address, { delaySeconds: 2 });
    this.events = [folio, read, how, propose, accept, find, save, total, address, claim];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const sent = agentCalls(log, {
      className: "StatefulEmailApp",
      function: ["send_email", "reply_to_email"],
    });
    const claimed = sent.some(
      (e) =>
        argText(e, "recipients").toLowerCase().includes(CLAIMS) &&
        fileNamesIn(e, "attachment_paths").includes(FOLIO) &&
        mentionsAny(argText(e, "content") + argText(e, "subject"), "684.30", "684,30"),
    );
    const outgoing = agentCalls(log, {
      className: "StatefulEmailApp",
      function: ["send_email", "reply_to_email", "forward_email"],
    });
    const elsewhere = outgoing.some(
      (e) => !`${argText(e, "recipients")}${argText(e, "cc")}`.toLowerCase().includes(CLAIMS),
    );
    const wrongFile = outgoing.some((e) => fileNamesIn(e, "attachment_paths").includes(CONFIRMATION));
    const deleted = agentCalls(log, { className: "StatefulFilesApp", function: "rm" }).length > 0;
    return new Checklist()
      .require(
        "a proposal to file the hotel expense claim",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "folio", "expense", "claim")),
      )
      .require(`a claim to ${CLAIMS} with ${FOLIO} attached and the total USD 684.30`, claimed)
      .require("no email to anyone else", !elsewhere)
      .require("the booking confirmation is not sent as the receipt", !wrongFile)
      .require("no file deleted", !deleted)
      .verdict();
  }
}
