import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulShoppingApp } from "../../apps/shopping/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  Checklist,
  mentionsAll,
  mentionsAmount,
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";
import { assistantOrders } from "../shopping-verdicts.js";

const ev = (x: unknown) => x as Event;

const PRIYA = "+15550161";
const TOMASZ = "+15550162";
const LENA = "+15550163";
const FLAT = "conv-flat-3b";
/** What each flatmate asked for: item id, quantity, and what they owe. */
const WANTED: [string, string, number, number][] = [
  ["Priya", "item-cups-50", 2, 13],
  ["Tomasz", "item-lights-warm-10", 1, 18.99],
  ["Lena", "item-balloons-gold-30", 1, 8.75],
];

/**
 * In the Flat 3B group the three flatmates each ask (+6 s, +10 s, +14 s) for party supplies on John's order: 2
 * packs of 50 cups (Priya), the warm-white 10 m fairy lights (Tomasz), the gold 30-balloon pack (Lena). Every
 * product has near-miss variants (100 cups, multicolour or 5 m lights, silver or 60 balloons) and napkins sit
 * beside them. Ideal help: offer one order of exactly those items and a post of what each owes; on acceptance
 * fill the cart, check out once and post Priya $13.00, Tomasz $18.99, Lena $8.75 in the group.
 */
@registerScenario("party_supplies_split")
export class PartySuppliesSplit extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "cost-sharing";
  override description =
    "Three flatmates each ask for party supplies; order exactly those in one checkout and post what each owes.";
  override additionalSystemPrompt =
    "You are John Doe. You are happy to pay for the flat party supplies in one order as long as everyone pays " +
    "you back for what they asked for; you are not buying anything for yourself.";

  private messaging!: StatefulMessagingApp;
  private shopping!: StatefulShoppingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.shopping = new StatefulShoppingApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Priya Raman", phone: PRIYA },
        { name: "Tomasz Nowak", phone: TOMASZ },
        { name: "Lena Fischer", phone: LENA },
        { name: "Priya Ramesh", phone: "+15550169" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: FLAT,
      title: "Flat 3B",
      participants: [PRIYA, TOMASZ, LENA],
      messages: [
        {
          sender: LENA,
          content: "Party on Saturday, 8pm! Everyone invite max 3 people",
          time: "2025-11-17 19:00:00",
        },
        {
          sender: this.messaging.currentUserId,
          content: "I'm doing a shop order tomorrow morning, tell me what you need from the party section",
          time: "2025-11-17 19:12:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["+15550169"],
      messages: [
        {
          sender: "+15550169",
          content: "Can you send me the slides from Friday?",
          time: "2025-11-17 16:00:00",
        },
      ],
    });
    const seed = (name: string, id: string, variants: [string, number, Record<string, string | number>][]) =>
      this.shopping.add_product_with_variants({
        name,
        product_id: id,
        variants: variants.map(([item_id, price, options]) => ({ item_id, price, options })),
      });
    seed("Party Compostable Cups", "prod-party-cups", [
      ["item-cups-50", 6.5, { pack: "50 cups" }],
      ["item-cups-100", 11, { pack: "100 cups" }],
    ]);
    seed("Party Fairy Lights", "prod-party-lights", [
      ["item-lights-warm-10", 18.99, { colour: "Warm white", length: "10 m" }],
      ["item-lights-multi-10", 16.99, { colour: "Multicolour", length: "10 m" }],
      ["item-lights-warm-5", 11.49, { colour: "Warm white", length: "5 m" }],
    ]);
    seed("Party Balloons", "prod-party-balloons", [
      ["item-balloons-gold-30", 8.75, { colour: "Gold", pack: "30 balloons" }],
      ["item-balloons-silver-30", 8.75, { colour: "Silver", pack: "30 balloons" }],
      ["item-balloons-gold-60", 14.5, { colour: "Gold", pack: "60 balloons" }],
    ]);
    seed("Party Napkins", "prod-party-napkins", [["item-napkins-40", 4.2, { pack: "40 napkins" }]]);
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.shopping];
  }

  protected buildEventsFlow(): void {
    const ask = (id: string, sender: string, content: string, at: number) =>
      ev(this.messaging.create_and_add_message({ conversation_id: FLAT, sender_id: sender, content }))
        .withId(id)
        .delayed(at);
    const priya = ask(
      "priya_cups",
      PRIYA,
      "Could you add 2 packs of the 50 compostable cups for me? I'll pay you back",
      6,
    );
    const tomasz = ask(
      "tomasz_lights",
      TOMASZ,
      "For me the warm white fairy lights, the 10 m ones. Not the multicolour please!",
      10,
    );
    const lena = ask(
      "lena_balloons",
      LENA,
      "And one pack of the gold balloons, the 30 pack. Thanks John!",
      14,
    );
    const catalogue = ev(this.shopping.search_product({ product_name: "Party" }))
      .oracle()
      .dependsOn([priya, tomasz, lena], { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your flatmates asked in Flat 3B for party supplies. Shall I order, in one checkout: 2 x Party " +
          "Compostable Cups 50-pack ($6.50 each) for Priya, 1 x Party Fairy Lights warm white 10 m ($18.99) for " +
          "Tomasz and 1 x Party Balloons gold 30-pack ($8.75) for Lena, $40.74 in all, and post in Flat 3B what " +
          "each owes you (Priya $13.00, Tomasz $18.99, Lena $8.75)?",
      }),
    )
      .oracle()
      .dependsOn(catalogue, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, order it and post the amounts." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const lookup = ev(this.shopping.search_product({ product_name: "Party" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    let previous = lookup;
    const adds = WANTED.map(([, item_id, quantity]) => {
      previous = ev(this.shopping.add_to_cart({ item_id, quantity }))
        .oracle()
        .dependsOn(previous, { delaySeconds: 1 });
      return previous;
    });
    const checkout = ev(this.shopping.checkout()).oracle().dependsOn(previous, { delaySeconds: 1 });
    const group = ev(this.messaging.search({ query: "Flat 3B" }))
      .oracle()
      .dependsOn(checkout, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: FLAT,
        content:
          "Party supplies ordered! What you each owe me: Priya $13.00 (2 packs of 50 cups), Tomasz $18.99 " +
          "(warm white fairy lights, 10 m), Lena $8.75 (gold balloons, 30 pack).",
      }),
    )
      .oracle()
      .dependsOn(group, { delaySeconds: 1 });
    this.events = [priya, tomasz, lena, catalogue, propose, accept, lookup, ...adds, checkout, group, post];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const orders = assistantOrders(env);
    const exact = (o: (typeof orders)[number]) =>
      o.order_items.length === WANTED.length &&
      WANTED.every(([, item, quantity]) =>
        o.order_items.some((line) => line.item_id === item && line.quantity === quantity),
      );
    const posts = agentCalls(log, {
      className: "StatefulMessagingApp",
      function: "send_message_to_group_conversation",
    }).filter((e) => argText(e, "conversation_id") === FLAT);
    const shares = posts.some((e) =>
      WANTED.every(
        ([name, , , owed]) =>
          mentionsAll(argText(e, "content"), name) && mentionsAmount(argText(e, "content"), owed),
      ),
    );
    return new Checklist()
      .require(
        "a proposal about the party supplies order",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "party", "cups", "balloons")),
      )
      .require(
        "one order with exactly the cups, lights and balloons asked for",
        orders.length === 1 && exact(orders[0] as (typeof orders)[number]),
      )
      .require("a post in Flat 3B with Priya $13.00, Tomasz $18.99 and Lena $8.75", shares)
      .verdict();
  }
}
