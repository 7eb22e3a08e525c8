import { StatefulEmailApp } from "../../apps/email/app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { AbstractEvent, Event } from "../../core/events.js";
import { Rng } from "../../core/random.js";
import type { PAREScenario } from "../pare-scenario.js";
import {
  type AugmentationData,
  type AugmentationEmail,
  type AugmentationMessage,
  attachmentFromBase64,
  emailEntries,
  filesEntries,
  messagingEntries,
  resolveAppAlias,
  shoppingEntries,
} from "./augmentation-data.js";
import type { EnvEventsConfig } from "./noise-config.js";

/** Horizon used when a scenario has no duration (PARE's default). */
export const DEFAULT_NOISE_HORIZON_SECONDS = 360;
export const NOISE_ID_PREFIX = "env_expansion_";

const asEvent = (x: unknown) => x as Event;

export interface NoisePlan {
  /** Events per data entry name. */
  budgets: Record<string, number>;
  total: number;
  horizon: number;
}

/**
 * How many noise events each data entry gets: rate × horizon, split by class weight over the entries
 * whose app the scenario has.
 */
export function planNoise(
  scenario: PAREScenario,
  config: EnvEventsConfig,
  data: AugmentationData,
): NoisePlan {
  const horizon = scenario.duration ?? DEFAULT_NOISE_HORIZON_SECONDS;
  const total = Math.floor((config.numEnvEventsPerMinute * horizon) / 60);
  const present = new Set(scenario.apps.map((a) => a.className));
  const kept = data.apps.filter((a) => {
    const cls = resolveAppAlias(a.name);
    return cls !== undefined && present.has(cls) && (config.weightPerAppClass[cls] ?? 0) > 0;
  });
  const weightOf = (name: string) => config.weightPerAppClass[resolveAppAlias(name) as string] ?? 0;
  const sum = kept.reduce((s, a) => s + weightOf(a.name), 0);
  const budgets: Record<string, number> = {};
  for (const a of kept) budgets[a.name] = sum > 0 ? Math.floor((weightOf(a.name) / sum) * total) : 0;
  return { budgets, total, horizon };
}

/** Cumulative sums of `n` exponential inter-arrival draws with the given mean. */
function arrivals(rng: Rng, n: number, mean: number, start = 0): number[] {
  const out: number[] = [];
  let t = start;
  for (let i = 0; i < n; i++) {
    t += rng.exponential(mean);
    out.push(t);
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Turns augmentation data into environmental noise for a scenario: message chains in (new) conversations
 * and emails arriving in the inbox (with their attachments), files arriving in Files, at seeded exponential
 * times from the scenario start, tagged as noise
 * by their ids. Unlike PARE, noise messages land (their conversation is created first), the amount
 * follows the rate, every messaging entry feeds the scenario's messaging app, and nothing is scheduled
 * past the horizon. Must run in capture mode (the scenario's initialize does that).
 */
export function expandEnvEvents(
  scenario: PAREScenario,
  config: EnvEventsConfig,
  data: AugmentationData,
): AbstractEvent[] {
  const plan = planNoise(scenario, config, data);
  const sampling = new Rng(`noise-sampling:${config.envEventsSeed}`);
  const timing = new Rng(`noise-timing:${config.envEventsSeed}`);
  const events: AbstractEvent[] = [];
  const horizon = plan.horizon;

  const messaging = scenario.apps.find((a): a is StatefulMessagingApp => a instanceof StatefulMessagingApp);
  if (messaging) {
    for (const entry of messagingEntries(data)) {
      const budget = plan.budgets[entry.name] ?? 0;
      const perConversation = Math.max(1, config.nMessageEventsPerConversation);
      const usable = entry.conversations.filter((c) => c.messages.length > 0);
      const k = Math.min(Math.ceil(budget / perConversation), usable.length);
      if (budget === 0 || k === 0) continue;
      const chosen = sampling.sample(usable, k);
      const starts = arrivals(timing, k, horizon / k);
      let left = budget;
      chosen.forEach((conversation, ci) => {
        const offset = starts[ci] as number;
        if (offset > horizon || left <= 0) return;
        const m = Math.min(conversation.messages.length, perConversation, left);
        left -= m;
        const conversationId = `${NOISE_ID_PREFIX}${entry.name}_${conversation.conversation_id}`;
        const others = conversation.participant_ids.filter((id) => id !== messaging.currentUserId);
        const open = asEvent(
          messaging.receive_conversation({
            conversation_id: conversationId,
            participant_ids: others.length ? others : conversation.participant_ids,
            title: conversation.title ?? null,
          }),
        )
          .withId(`${NOISE_ID_PREFIX}${entry.name}_${conversation.conversation_id}_open`)
          .delayed(round(offset));
        events.push(open);
        const gaps = arrivals(timing, m, (horizon - offset) / m).map(
          (t, i, all) => t - (i === 0 ? 0 : (all[i - 1] as number)),
        );
        let previous: AbstractEvent = open;
        let at = offset;
        for (let i = 0; i < m; i++) {
          const message = conversation.messages[i];
          if (!message) break;
          const gap = i === 0 ? 0 : (gaps[i - 1] as number);
          at += gap;
          if (at > horizon) break;
          const event = asEvent(
            messaging.create_and_add_message({
              conversation_id: conversationId,
              sender_id: message.sender_id,
              content: message.content,
              ...messageAttachment(message),
            }),
          )
            .withId(`${NOISE_ID_PREFIX}${entry.name}_${conversation.conversation_id}_${i}`)
            .dependsOn(previous, { delaySeconds: round(gap) });
          events.push(event);
          previous = event;
        }
      });
    }
  }

  const email = scenario.apps.find((a): a is StatefulEmailApp => a instanceof StatefulEmailApp);
  if (email) {
    for (const entry of emailEntries(data)) {
      const budget = plan.budgets[entry.name] ?? 0;
      const n = Math.min(entry.emails.length, budget);
      if (n === 0) continue;
      const chosen: AugmentationEmail[] = sampling.shuffle(entry.emails).slice(0, n);
      const times = arrivals(timing, n, horizon / n);
      chosen.forEach((mail, i) => {
        const offset = times[i] as number;
        if (offset > horizon) return;
        events.push(
          asEvent(
            email.create_and_add_email({
              sender: mail.sender,
              recipients: mail.recipients.length ? mail.recipients : [email.userEmail],
              subject: mail.subject,
              content: mail.content,
              folder_name: "INBOX",
              attachments: Object.entries(mail.attachments ?? {}).map(([name, b64]) =>
                attachmentFromBase64(name, b64),
              ),
            }),
          )
            .withId(`${NOISE_ID_PREFIX}email_${mail.email_id}`)
            .delayed(round(offset)),
        );
      });
    }
  }

  const shopping = scenario.apps.find((a): a is StatefulShoppingApp => a instanceof StatefulShoppingApp);
  if (shopping) {
    for (const entry of shoppingEntries(data)) {
      const budget = plan.budgets[entry.name] ?? 0;
      const perProduct = Math.max(0, config.nItemEventsPerProduct);
      const k = Math.min(Math.ceil(budget / (1 + perProduct)), entry.products.length);
      if (k === 0) continue;
      const chosen = sampling.sample(entry.products, k);
      const times = arrivals(timing, k, horizon / k);
      let left = budget;
      chosen.forEach((product, i) => {
        const offset = times[i] as number;
        if (offset > horizon || left <= 0) return;
        left -= 1;
        const id = `${NOISE_ID_PREFIX}shopping_product_${product.product_id}`;
        const add = asEvent(shopping.add_product({ name: product.name }))
          .withId(id)
          .delayed(round(offset));
        events.push(add);
        const variants = Object.values(product.variants).slice(0, Math.min(perProduct, left));
        variants.forEach((variant, j) => {
          left -= 1;
          events.push(
            asEvent(
              shopping.add_item_to_product({
                product_id: `{{${id}}}`,
                price: variant.price,
                available: variant.available,
                options: Object.fromEntries(
                  Object.entries(variant.options).map(([k2, v]) => [k2, String(v)]),
                ),
              }),
            )
              .withId(`${id}_item_${j}`)
              .dependsOn(add, { delaySeconds: 1 + j }),
          );
        });
      });
    }
  }
  const files = scenario.apps.find((a): a is StatefulFilesApp => a instanceof StatefulFilesApp);
  if (files) {
    for (const entry of filesEntries(data)) {
      const budget = plan.budgets[entry.name] ?? 0;
      const n = Math.min(entry.files.length, budget);
      if (n === 0) continue;
      const indexed = entry.files.map((file, index) => ({ file, index }));
      const chosen = sampling.sample(indexed, n);
      const times = arrivals(timing, n, horizon / n);
      chosen.forEach(({ file, index }, i) => {
        const offset = times[i] as number;
        if (offset > horizon) return;
        events.push(
          asEvent(files.receive_file({ ...file }))
            .withId(`${NOISE_ID_PREFIX}files_${entry.name}_${index}`)
            .delayed(round(offset)),
        );
      });
    }
  }
  return events;
}

/** A noise message's file, when the data's message carries one. */
function messageAttachment(message: AugmentationMessage): {
  attachment?: ReturnType<typeof attachmentFromBase64>;
} {
  if (typeof message.attachment !== "string" || !message.attachment_name) return {};
  return { attachment: attachmentFromBase64(message.attachment_name, message.attachment) };
}
