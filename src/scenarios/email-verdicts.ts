import { StatefulEmailApp } from "../apps/email/app.js";
import type { Environment } from "../core/environment.js";
import { agentCalls } from "./scenario-verdict.js";

/** An email the assistant wrote (a new email or a reply), as it sits in SENT at the end of the run. */
export interface AssistantEmail {
  emailId: string;
  recipients: string[];
  subject: string;
  content: string;
  /** The email it answers (replies), or null. */
  parentId: string | null;
  /** Simulated time of the call that wrote it. */
  time: number;
}

/**
 * The emails the assistant composed: its successful `send_email` and `reply_to_email` calls, each resolved to
 * the email it left in SENT, so a validator checks who it went to however it was addressed (a reply goes to the
 * original sender without naming them in the call).
 */
export function assistantEmails(env: Environment): AssistantEmail[] {
  const mail = env.getAppByClass(StatefulEmailApp);
  if (!mail) return [];
  const sent = mail.folder("SENT");
  const out: AssistantEmail[] = [];
  for (const fn of ["send_email", "reply_to_email"]) {
    for (const call of agentCalls(env.eventLog, { className: "StatefulEmailApp", function: fn })) {
      const email = sent.find((e) => e.email_id === call.metadata.returnValue);
      if (!email) continue;
      out.push({
        emailId: email.email_id,
        recipients: [...email.recipients, ...email.cc].map((r) => r.toLowerCase()),
        subject: email.subject,
        content: email.content,
        parentId: email.parent_id,
        time: call.eventTime,
      });
    }
  }
  return out.sort((a, b) => a.time - b.time);
}

/** The assistant's emails that reached this address (case-insensitive). */
export function assistantEmailsTo(env: Environment, address: string): AssistantEmail[] {
  const wanted = address.toLowerCase();
  return assistantEmails(env).filter((m) => m.recipients.includes(wanted));
}
