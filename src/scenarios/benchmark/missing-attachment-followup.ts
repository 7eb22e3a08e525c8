import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { CompletedEvent, Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const FELIX = "felix.brandauer@ardentworks.example";
const SLIDES_ID = "email-felix-pitch-slides";

/** Words that ask for the missing file. */
const asksForFile = (text: string) =>
  mentionsAny(
    text,
    "attach",
    "missing",
    "resend",
    "re-send",
    "send them",
    "send it",
    "didn't come",
    "not included",
  );

/**
 * A colleague writes that the pitch slides are attached, but the email carries no attachment (his
 * earlier outline email did have one, a distractor). Ideal help: notice the gap and, on acceptance,
 * reply to that email asking him to send the slides.
 */
@registerScenario("missing_attachment_followup")
export class MissingAttachmentFollowup extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "files-attachments";
  override description =
    "A colleague says the slides are attached but the email has none; reply asking for them.";
  override additionalSystemPrompt =
    "You have to review Felix's pitch slides before Wednesday noon and would be glad not to lose time.";

  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.email.add_emails({
      emails: [
        {
          email_id: "email-felix-outline",
          sender: FELIX,
          subject: "Pitch outline for Ardent Foods",
          content: "Hi John,\n\nFirst outline attached, slides to follow early this week.\n\nFelix",
          attachments: ["ardent-pitch-outline.docx"],
          time: "2025-11-14 16:20:00",
        },
        {
          sender: "calendar-noreply@ardentworks.example",
          subject: "Invitation: Ardent Foods pitch, Thu 20 Nov 10:00",
          content: "Felix Brandauer invited you to 'Ardent Foods pitch' on Thursday 20 November at 10:00.",
          time: "2025-11-14 16:25:00",
        },
        {
          sender: "noor.haddad@ardentworks.example",
          subject: "Budget sheet",
          content: "Here's the Q1 budget sheet you asked for.",
          attachments: ["q1-budget.xlsx"],
          time: "2025-11-17 13:05:00",
        },
        {
          folder_name: "SENT",
          recipients: [FELIX],
          subject: "Re: Pitch outline for Ardent Foods",
          content: "Looks good. Send me the slides when ready and I'll review them.",
          parent_id: "email-felix-outline",
          time: "2025-11-14 18:02:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email];
  }

  protected buildEventsFlow(): void {
    const slides = ev(
      this.email.send_email_to_user_with_id({
        email_id: SLIDES_ID,
        sender: FELIX,
        subject: "Slides for Thursday's Ardent Foods pitch",
        content:
          "Hi John,\n\nAs promised, the slides are attached (v2, 18 slides). Could you check the pricing " +
          "section and send me comments by Wednesday noon?\n\nThanks!\nFelix",
      }),
    )
      .withId("slides_email")
      .delayed(8);
    const read = ev(this.email.get_email_by_id({ email_id: SLIDES_ID }))
      .oracle()
      .dependsOn(slides, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Felix says the pitch slides are attached, but his email has no attachment. " +
          "Shall I reply and ask him to resend them?",
      }),
    )
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, please ask him." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it finds the email again before answering it.
    const findEmail = ev(this.email.search_emails({ query: "slides" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: SLIDES_ID,
        content:
          "Hi Felix, thanks! The slides didn't come through, there was no attachment on your email. " +
          "Could you resend them? I'll get you comments by Wednesday noon. John",
      }),
    )
      .oracle()
      .dependsOn(findEmail, { delaySeconds: 2 });
    this.events = [slides, read, propose, accept, findEmail, reply];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const toFelix = (e: CompletedEvent) => argText(e, "recipients").toLowerCase().includes(FELIX);
    const replied = agentCalls(log, { className: "StatefulEmailApp", function: "reply_to_email" }).some(
      (e) => argText(e, "email_id") === SLIDES_ID && asksForFile(argText(e, "content")),
    );
    const wrote = agentCalls(log, { className: "StatefulEmailApp", function: "send_email" }).some(
      (e) =>
        toFelix(e) &&
        mentionsAny(argText(e, "subject") + argText(e, "content"), "slide", "deck") &&
        asksForFile(argText(e, "content")),
    );
    return new Checklist()
      .require(
        "a proposal pointing out the missing slides",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "attach", "missing", "slides")),
      )
      .require("a reply to Felix asking for the slides", replied || wrote)
      .verdict();
  }
}
