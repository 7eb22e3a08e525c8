import { StatefulEmailApp } from "../../apps/email/app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { AbstractEvent, Event } from "../../core/events.js";
import { Rng } from "../../core/random.js";
import type { NoiseExpansion, PAREScenario } from "../pare-scenario.js";
import {
  type AugmentationConversation,
  type AugmentationData,
  type AugmentationEmail,
  type AugmentationMessage,
  type AugmentationProduct,
  type AugmentationProductVariant,
  attachmentFromBase64,
  emailEntries,
  filesEntries,
  messagingEntries,
  resolveAppAlias,
  shoppingEntries,
} from "./augmentation-data.js";
import type { EnvEventsConfig } from "./noise-config.js";

/** Horizon used when neither the scenario nor the runner says how long the run is (PARE's default). */
export const DEFAULT_NOISE_HORIZON_SECONDS = 360;
export const NOISE_ID_PREFIX = "env_expansion_";

const asEvent = (x: unknown) => x as Event;

export interface NoisePlan {
  /** Events per data entry name. */
  budgets: Record<string, number>;
  total: number;
  horizon: number;
}

/** Simulated seconds noise is spread over: the scenario's duration, else the runner's planned span, else 360. */
export function noiseHorizon(scenario: PAREScenario): number {
  return scenario.duration ?? scenario.noiseHorizon ?? DEFAULT_NOISE_HORIZON_SECONDS;
}

/** Splits `total` in proportion to `weights` (largest remainder, ties to the earlier entry), summing to `total`. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] as number) + 1;
    left -= 1;
  }
  return out;
}

/**
 * How many noise events each data entry gets: rate × horizon, split by class weight over the entries whose app
 * the scenario has (shares sum to the total, so the whole rate is planned).
 */
export function planNoise(
  scenario: PAREScenario,
  config: EnvEventsConfig,
  data: AugmentationData,
): NoisePlan {
  const horizon = noiseHorizon(scenario);
  const total = Math.floor((config.numEnvEventsPerMinute * horizon) / 60);
  const present = new Set(scenario.apps.map((a) => a.className));
  const kept = data.apps.filter((a) => {
    const cls = resolveAppAlias(a.name);
    return cls !== undefined && present.has(cls) && (config.weightPerAppClass[cls] ?? 0) > 0;
  });
  const weightOf = (name: string) => config.weightPerAppClass[resolveAppAlias(name) as string] ?? 0;
  const shares = apportion(
    total,
    kept.map((a) => weightOf(a.name)),
  );
  const budgets: Record<string, number> = {};
  kept.forEach((a, i) => {
    budgets[a.name] = (budgets[a.name] ?? 0) + (shares[i] as number);
  });
  return { budgets, total, horizon };
}

/**
 * `n` arrival times in (from, to], sorted: uniform draws, which is a Poisson process conditioned on its count. Every
 * arrival falls inside the span and the density is the same all along it, so a run that covers only part of the
 * span meets the configured rate.
 */
function arrivalTimes(rng: Rng, n: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(round(to - rng.next() * (to - from)));
  return out.sort((a, b) => a - b);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Turns augmentation data into environmental noise for a scenario: message chains in (new) conversations, emails
 * arriving in the inbox (with their attachments), products with their items and files arriving in Files, at seeded times spread uniformly over the noise horizon,
 * tagged as noise by their ids. Unlike PARE, noise messages land (their conversation is created first), the
 * amount follows the rate, every messaging entry feeds the scenario's messaging app, products get noise too, and
 * every arrival falls inside the horizon (none is drawn past it, none is dropped). Must run in capture mode (the
 * scenario's initialize does that).
 */
export function expandEnvEvents(
  scenario: PAREScenario,
  config: EnvEventsConfig,
  data: AugmentationData,
): NoiseExpansion {
  const plan = planNoise(scenario, config, data);
  const sampling = new Rng(`noise-sampling:${config.envEventsSeed}`);
  const timing = new Rng(`noise-timing:${config.envEventsSeed}`);
  const events: AbstractEvent[] = [];
  const arrivalIds: string[] = [];
  const horizon = plan.horizon;
  const used = new Set<string>();
  // Two entries may share item ids (an alias and a class-named entry): every event id stays unique.
  const uniqueId = (base: string): string => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return id;
  };
  const arrive = (event: AbstractEvent): void => {
    events.push(event);
    arrivalIds.push(event.id);
  };

  const messaging = scenario.apps.find((a): a is StatefulMessagingApp => a instanceof StatefulMessagingApp);
  if (messaging) {
    for (const entry of messagingEntries(data)) {
      const budget = plan.budgets[entry.name] ?? 0;
      if (budget === 0) continue;
      const perConversation = Math.max(1, config.nMessageEventsPerConversation);
      // Conversations in random order, each giving up to perConversation messages, until the budget is met.
      const chains: { conversation: AugmentationConversation; m: number; times: number[] }[] = [];
      let left = budget;
      for (const conversation of sampling.shuffle(entry.conversations.filter((c) => c.messages.length > 0))) {
        if (left <= 0) break;
        const m = Math.min(conversation.messages.length, perConversation, left);
        chains.push({ conversation, m, times: [] });
        left -= m;
      }
      // Every message gets its own arrival slot; slots go to conversations at random, each conversation's
      // messages taking its slots in order (so the messages as a whole arrive at the configured rate).
      const slots = arrivalTimes(
        timing,
        chains.reduce((n, c) => n + c.m, 0),
        0,
        horizon,
      );
      const owners = timing.shuffle(chains.flatMap((c, ci) => Array.from({ length: c.m }, () => ci)));
      slots.forEach((t, k) => {
        chains[owners[k] as number]?.times.push(t);
      });
      for (const { conversation, times } of chains) {
        const base = `${NOISE_ID_PREFIX}${entry.name}_${conversation.conversation_id}`;
        const conversationId = uniqueId(base);
        const others = conversation.participant_ids.filter((id) => id !== messaging.currentUserId);
        const open = asEvent(
          messaging.receive_conversation({
            conversation_id: conversationId,
            participant_ids: others.length ? others : conversation.participant_ids,
            title: conversation.title ?? null,
          }),
        )
          .withId(`${conversationId}_open`)
          .delayed(times[0] as number);
        events.push(open);
        let previous: AbstractEvent = open;
        times.forEach((at, i) => {
          const message = conversation.messages[i] as AugmentationConversation["messages"][number];
          const gap = i === 0 ? 0 : round(at - (times[i - 1] as number));
          const event = asEvent(
            messaging.create_and_add_message({
              conversation_id: conversationId,
              sender_id: message.sender_id,
              content: message.content,
              ...messageAttachment(message),
            }),
          )
            .withId(`${conversationId}_${i}`)
            .dependsOn(previous, { delaySeconds: gap });
          arrive(event);
          previous = event;
        });
      }
    }
  }

  const email = scenario.apps.find((a): a is StatefulEmailApp => a instanceof StatefulEmailApp);
  if (email) {
    for (const entry of emailEntries(data)) {
      const budget = plan.budgets[entry.name] ?? 0;
      const n = Math.min(entry.emails.length, budget);
      if (n === 0) continue;
      const chosen: AugmentationEmail[] = sampling.shuffle(entry.emails).slice(0, n);
      const times = arrivalTimes(timing, n, 0, horizon);
      chosen.forEach((mail, i) => {
        arrive(
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
            .withId(uniqueId(`${NOISE_ID_PREFIX}email_${mail.email_id}`))
            .delayed(times[i] as number),
        );
      });
    }
  }

  const shopping = scenario.apps.find((a): a is StatefulShoppingApp => a instanceof StatefulShoppingApp);
  if (shopping) {
    for (const entry of shoppingEntries(data)) {
      const budget = plan.budgets[entry.name] ?? 0;
      if (budget === 0) continue;
      const perProduct = Math.max(0, config.nItemEventsPerProduct);
      // Products in random order, each with up to perProduct of its variants, until the budget is met.
      const chosen: { product: AugmentationProduct; variants: AugmentationProductVariant[] }[] = [];
      let left = budget;
      for (const product of sampling.shuffle(entry.products)) {
        if (left <= 0) break;
        const variants = Object.values(product.variants).slice(0, Math.min(perProduct, left - 1));
        chosen.push({ product, variants });
        left -= 1 + variants.length;
      }
      // A product's items follow it second by second, so products arrive early enough for theirs to fit.
      const latest = horizon > perProduct ? horizon - perProduct : horizon;
      const times = arrivalTimes(timing, chosen.length, 0, latest);
      chosen.forEach(({ product, variants }, i) => {
        const id = uniqueId(`${NOISE_ID_PREFIX}shopping_product_${product.product_id}`);
        const add = asEvent(shopping.add_product({ name: product.name }))
          .withId(id)
          .delayed(times[i] as number);
        arrive(add);
        variants.forEach((variant, j) => {
          arrive(
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
      const times = arrivalTimes(timing, n, 0, horizon);
      chosen.forEach(({ file, index }, i) => {
        arrive(
          asEvent(files.receive_file({ ...file }))
            .withId(uniqueId(`${NOISE_ID_PREFIX}files_${entry.name}_${index}`))
            .delayed(times[i] as number),
        );
      });
    }
  }
  return { events, arrivalIds };
}

/** A noise message's file, when the data's message carries one. */
function messageAttachment(message: AugmentationMessage): {
  attachment?: ReturnType<typeof attachmentFromBase64>;
} {
  if (typeof message.attachment !== "string" || !message.attachment_name) return {};
  return { attachment: attachmentFromBase64(message.attachment_name, message.attachment) };
}
