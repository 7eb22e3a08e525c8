/**
 * Generates `data/augmentation/pare_augmentation_data.json`: the pool environmental noise draws from.
 *
 * The file has the same shape as PARE's `metaare_augmentation_data.json` (entries `Messages`, `Chats`,
 * `Emails`, `RentAFlat`, `Shopping`, in that order, because the expander's RNGs are shared across entries in
 * file order), then a `Files` entry (files arriving on the phone; the original's file has none), in ARE's
 * file-tree shape with each file's text, type and size. All text is original. Everything derives from one seeded generator, so the output is
 * byte-identical for a given seed.
 *
 *   npx tsx scripts/generate-augmentation-data.ts [--seed N] [--out PATH]
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import seedrandom from "seedrandom";
import { z } from "zod";
import {
  type AugmentationConversation,
  type AugmentationData,
  type AugmentationEmail,
  type AugmentationMessage,
  type AugmentationProduct,
  type AugmentationProductVariant,
  DEFAULT_AUGMENTATION_DATA_RELATIVE_PATH,
  emailEntries,
  filesEntries,
  messagingEntries,
  parseAugmentationData,
  projectRoot,
  shoppingEntries,
} from "../src/scenarios/noise/augmentation-data.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";

export const DEFAULT_AUGMENTATION_SEED = 20251001;

export const AUGMENTATION_COUNTS = {
  messagesConversations: 40,
  chatsConversations: 20,
  emails: 80,
  products: 40,
  files: 24,
} as const;

/** 2025-10-01T00:00:00Z .. 2025-12-15T00:00:00Z: "late 2025". */
const WINDOW_START = 1_759_276_800;
const WINDOW_DAYS = 75;
const DAY = 86_400;

// ---------------------------------------------------------------------------------------------------------
// Seeded helpers
// ---------------------------------------------------------------------------------------------------------

class Rng {
  private readonly prng: seedrandom.PRNG;
  constructor(seed: number) {
    this.prng = seedrandom(`pare-augmentation-${seed}`);
  }
  next(): number {
    return this.prng();
  }
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  /** 32 lowercase hex characters, the id format of ARE's `uuid_hex`. */
  hex32(): string {
    let out = "";
    for (let i = 0; i < 32; i += 1) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
  digits(n: number): string {
    let out = "";
    for (let i = 0; i < n; i += 1) out += String(this.int(i === 0 ? 1 : 0, 9));
    return out;
  }
}

function fill(template: string, slots: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-z_0-9]+)\}/g, (_, key: string) => {
    const value = slots[key];
    if (value === undefined) throw new Error(`template slot {${key}} has no value in: ${template}`);
    return value;
  });
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

// Formatted by hand: Intl output depends on the ICU build, and the file must be byte-identical everywhere.
function longDate(posixSeconds: number): string {
  const d = new Date(posixSeconds * 1000);
  return `${WEEKDAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

function monthName(posixSeconds: number): string {
  return MONTHS[new Date(posixSeconds * 1000).getUTCMonth()]!;
}

function money(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

function asciiSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}

/** A timestamp inside the window, during waking hours, optionally skewed towards office hours. */
function timestampInWindow(rng: Rng, firstHour: number, lastHour: number): number {
  const day = rng.int(0, WINDOW_DAYS - 1);
  const hour = rng.int(firstHour, lastHour);
  return WINDOW_START + day * DAY + hour * 3600 + rng.int(0, 59) * 60 + rng.int(0, 59);
}

// ---------------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------------

interface Person {
  first: string;
  last: string;
  id: string;
}

const USER = { first: "Jordan", last: "Reyes", email: "jordan.reyes@pare-mail.com" } as const;

const PEOPLE: ReadonlyArray<readonly [string, string]> = [
  ["Maya", "Chen"],
  ["Daniel", "Okafor"],
  ["Priya", "Raman"],
  ["Lucas", "Moreau"],
  ["Sofia", "Alvarez"],
  ["Ethan", "Brooks"],
  ["Amara", "Nwosu"],
  ["Jonas", "Lindqvist"],
  ["Hannah", "Keller"],
  ["Mateo", "Rossi"],
  ["Leila", "Haddad"],
  ["Owen", "Fitzgerald"],
  ["Yuki", "Tanaka"],
  ["Grace", "Mensah"],
  ["Tomás", "Duarte"],
  ["Ingrid", "Halvorsen"],
  ["Ravi", "Menon"],
  ["Chloé", "Dubois"],
  ["Marcus", "Bell"],
  ["Nadia", "Petrova"],
  ["Felix", "Wagner"],
  ["Aisha", "Karimi"],
  ["Ben", "Carter"],
  ["Elena", "Novak"],
  ["Samuel", "Adeyemi"],
  ["Zoe", "Whitfield"],
  ["Kenji", "Mori"],
  ["Rosa", "Delgado"],
  ["Liam", "O'Connor"],
  ["Fatima", "Zahra"],
  ["Noah", "Silverman"],
  ["Clara", "Jensen"],
  ["Diego", "Herrera"],
  ["Mei", "Lin"],
  ["Oscar", "Nilsson"],
  ["Tara", "Singh"],
  ["Hugo", "Laurent"],
  ["Julia", "Kowalski"],
  ["Isaac", "Mwangi"],
  ["Lena", "Fischer"],
];

// ---------------------------------------------------------------------------------------------------------
// Conversations
// ---------------------------------------------------------------------------------------------------------

type Role = "A" | "B" | "C";
type Line = readonly [Role, readonly string[]];

interface Topic {
  id: string;
  /** Which data entries may use the topic. */
  channels: ReadonlyArray<"Messages" | "Chats">;
  /** "direct": two people; "group": three or four; "either": mostly direct. */
  shape: "direct" | "group" | "either";
  groupTitles?: readonly string[];
  lines: readonly Line[];
}

const TOPICS: readonly Topic[] = [
  {
    id: "dinner",
    channels: ["Messages", "Chats"],
    shape: "either",
    groupTitles: ["Dinner plans", "Food friends", "{day} dinner"],
    lines: [
      [
        "A",
        [
          "Are you free for dinner on {day}?",
          "Want to grab dinner {day}? It's been ages.",
          "Dinner {day}? My treat this time.",
        ],
      ],
      [
        "B",
        [
          "{day} works for me! Where were you thinking?",
          "Yes please, it's been a long week. Any ideas where?",
          "Count me in. Somewhere new?",
        ],
      ],
      [
        "A",
        [
          "How about {restaurant}? I heard their {dish} is amazing.",
          "I was thinking {restaurant}. Apparently the {dish} is the thing to order.",
        ],
      ],
      [
        "B",
        [
          "Sounds perfect. What time?",
          "Love it. Around what time?",
          "Oh I've walked past it so many times. What time?",
        ],
      ],
      [
        "A",
        [
          "Let's say {evening}. I'll book a table.",
          "{evening}? I'll call ahead and reserve.",
          "I'll book for {evening}, they fill up fast.",
        ],
      ],
      ["B", ["Great, see you there!", "Perfect, see you {day} 🙂", "Can't wait. I'm starving already."]],
    ],
  },
  {
    id: "running_late",
    channels: ["Messages"],
    shape: "direct",
    lines: [
      [
        "A",
        [
          "Running about {mins} minutes late, so sorry!",
          "Train is delayed, I'll be there in {mins} min.",
          "Stuck in traffic, eta {mins} minutes.",
        ],
      ],
      [
        "B",
        [
          "No worries, I'll grab us a table.",
          "All good, I'm still parking anyway.",
          "No rush, I'll order a coffee while I wait.",
        ],
      ],
      ["A", ["Thanks! Can you order me a {drink}?", "You're the best. Get me a {drink} if they have it."]],
      [
        "B",
        ["Done. They were out of oat milk so I got regular.", "Ordered. It'll be waiting for you.", "On it."],
      ],
      ["A", ["Almost there, just crossing the bridge.", "Parking now!", "Two stops to go."]],
      [
        "B",
        [
          "I'm by the window on the left.",
          "I'm at the back near the bookshelf.",
          "Look for the green jacket, I'm by the door.",
        ],
      ],
    ],
  },
  {
    id: "borrow_item",
    channels: ["Messages"],
    shape: "direct",
    lines: [
      [
        "A",
        [
          "Hey, could I borrow your {item} this weekend?",
          "Do you still have that {item}? Mind if I borrow it for a few days?",
        ],
      ],
      [
        "B",
        [
          "Of course! When do you need it?",
          "Sure thing, it's just sitting in the garage.",
          "Yes, as long as you bring it back in one piece 😄",
        ],
      ],
      ["A", ["Could I pick it up {day} morning?", "Would {day} after work be okay?"]],
      [
        "B",
        [
          "Works for me. I'll leave it by the front door if I'm out.",
          "Yes, I'm home all day. Just ring the bell.",
        ],
      ],
      [
        "A",
        [
          "Amazing, thank you! I'll bring it back by {day2}.",
          "Thanks a lot, I owe you one. Back by {day2} at the latest.",
        ],
      ],
      ["B", ["No rush at all.", "Keep it as long as you need.", "Deal."]],
    ],
  },
  {
    id: "group_gift",
    channels: ["Messages", "Chats"],
    shape: "group",
    groupTitles: ["Gift for {honoree}", "{honoree}'s birthday", "Secret birthday plan"],
    lines: [
      [
        "A",
        [
          "{honoree}'s birthday is on {day}. Should we chip in for a gift together?",
          "Reminder that {honoree}'s birthday is coming up! Group gift?",
        ],
      ],
      [
        "B",
        [
          "Yes! I was thinking about that {gift} they mentioned.",
          "Definitely. They've been talking about a {gift} for weeks.",
        ],
      ],
      ["C", ["Great idea. How much is it?", "I'm in. What's the budget?"]],
      [
        "A",
        [
          "It's about {price}, so not bad split between us.",
          "Around {price} total. Totally doable together.",
        ],
      ],
      [
        "B",
        [
          "I can order it tonight and you can send me your share.",
          "I'll buy it and we settle up later, easier that way.",
        ],
      ],
      ["C", ["Perfect. Who's getting the card?", "Sounds good. I'll get a card and we can all sign it."]],
    ],
  },
  {
    id: "hike",
    channels: ["Messages", "Chats"],
    shape: "either",
    groupTitles: ["Weekend hikers", "Trail crew", "Hike on {day}"],
    lines: [
      ["A", ["Anyone up for a hike at {park} on {day}?", "Weather looks great for {day}. Hike at {park}?"]],
      [
        "B",
        [
          "Yes! How long is the loop?",
          "I'm in if we start early.",
          "Oh I've never been there. How hard is it?",
        ],
      ],
      ["A", ["About {km} km, maybe three hours with breaks.", "Roughly {km} km. Not too steep."]],
      ["B", ["Perfect. I'll bring snacks.", "Nice, I'll pack sandwiches for everyone."]],
      ["A", ["Let's meet at the trailhead parking at {morning}.", "Meet at the main entrance at {morning}?"]],
      ["B", ["See you there. Don't forget sunscreen!", "Deal. I'll text if I'm running late."]],
    ],
  },
  {
    id: "movie",
    channels: ["Messages", "Chats"],
    shape: "either",
    groupTitles: ["Movie night", "Cinema club"],
    lines: [
      ["A", ["Have you seen {movie} yet?", "Want to see {movie} this week?"]],
      [
        "B",
        [
          "Not yet, I've been dying to!",
          "No, but the trailer looked great.",
          "No! Everyone keeps talking about it.",
        ],
      ],
      [
        "A",
        [
          "There's a showing on {day} at {evening}. Shall I get tickets?",
          "{day} at {evening} at the Rialto? I can book seats.",
        ],
      ],
      ["B", ["Yes please, middle row if possible.", "Sounds good. I'll get the popcorn."]],
      [
        "A",
        [
          "Booked! Seats F7 and F8.",
          "Done, the tickets are in my email. Row G.",
          "Got the last two seats together!",
        ],
      ],
      ["B", ["Perfect, see you in the lobby.", "Can't wait!"]],
    ],
  },
  {
    id: "groceries",
    channels: ["Messages"],
    shape: "direct",
    lines: [
      ["A", ["Are you passing by {store} on the way home?", "Could you stop at {store} after work?"]],
      ["B", ["Yes, need anything?", "I can. What do we need?"]],
      ["A", ["We're out of {groceries}.", "Just {groceries}, thanks!"]],
      ["B", ["Got it. Anything for dinner?", "On it. Should I grab something for dinner too?"]],
      ["A", ["Maybe some salmon? Or whatever looks fresh.", "Surprise me, as long as it's not pizza again."]],
      ["B", ["Ha, noted. Home by {evening}.", "Okay, see you around {evening}."]],
    ],
  },
  {
    id: "carpool",
    channels: ["Messages"],
    shape: "direct",
    lines: [
      [
        "A",
        [
          "Can you still drive on {day}? My car is at the mechanic.",
          "Any chance I could get a ride to work {day}?",
        ],
      ],
      [
        "B",
        ["Sure, I'll pick you up at {morning}.", "No problem. I leave around {morning}, does that work?"],
      ],
      ["A", ["That's perfect, thank you!", "Great, I'll be outside."]],
      [
        "B",
        ["I might be a couple of minutes late, school drop-off first.", "I'll text when I'm on your street."],
      ],
      [
        "A",
        ["No problem at all. Coffee's on me.", "Totally fine. I'll bring you a coffee for your trouble."],
      ],
      ["B", ["Deal!", "You don't have to, but I won't say no."]],
    ],
  },
  {
    id: "pet_sitting",
    channels: ["Messages"],
    shape: "direct",
    lines: [
      [
        "A",
        [
          "Would you be able to feed {pet} while I'm away {day} to {day2}?",
          "Big favour: could you look after {pet} for a few days next week?",
        ],
      ],
      ["B", ["Of course, I love that little furball.", "Happy to! What's the routine?"]],
      [
        "A",
        [
          "Breakfast at 8 and dinner at 6, half a cup each. The food is in the pantry.",
          "Twice a day, one scoop each time. And fresh water please.",
        ],
      ],
      ["B", ["Easy. Where do you keep the spare key?", "Noted. Should I come by to get the key?"]],
      ["A", ["I'll drop it off on {day} evening.", "It's under the blue flower pot by the door."]],
      ["B", ["Perfect. I'll send you photos!", "Great, have a good trip!"]],
    ],
  },
  {
    id: "recipe",
    channels: ["Messages", "Chats"],
    shape: "direct",
    lines: [
      [
        "A",
        [
          "That {dish} you made last night was incredible. Can I have the recipe?",
          "Still thinking about your {dish}. Recipe please?",
        ],
      ],
      ["B", ["Haha thank you! It's really simple.", "Of course! It's my grandmother's."]],
      [
        "B",
        [
          "The trick is to toast the spices first and let it simmer for at least 40 minutes.",
          "Most of the flavour comes from browning the onions slowly, don't rush that part.",
        ],
      ],
      ["A", ["Good to know. How many does it serve?", "Do you use fresh or canned tomatoes?"]],
      [
        "B",
        ["I'll send you a photo of the recipe card tonight.", "I'll write it all out and send it later."],
      ],
      ["A", ["Thank you!! Trying it this weekend.", "Amazing, I'll report back."]],
    ],
  },
  {
    id: "book_club",
    channels: ["Chats"],
    shape: "group",
    groupTitles: ["Book club", "Page Turners", "Second Tuesday Readers"],
    lines: [
      [
        "A",
        [
          "Reminder: book club is on {day} at {evening}. We're discussing {book}.",
          "Hi all! Next meeting {day} at {evening}, still on {book}.",
        ],
      ],
      ["B", ["I'm only halfway through, no spoilers please!", "Finished it last night. That ending!"]],
      [
        "C",
        [
          "Can we meet at my place this time? I'll make snacks.",
          "I might be 15 minutes late, start without me.",
        ],
      ],
      [
        "A",
        [
          "Works for me. Who's picking the next book?",
          "Sounds good. Let's vote on the next book at the meeting.",
        ],
      ],
      [
        "B",
        [
          "I'd like to suggest something lighter after this one.",
          "I have a couple of ideas, I'll bring a list.",
        ],
      ],
      ["C", ["See you all {day}!", "Great, see you then."]],
    ],
  },
  {
    id: "moving_help",
    channels: ["Messages", "Chats"],
    shape: "either",
    groupTitles: ["Moving day", "Help {a} move"],
    lines: [
      [
        "A",
        [
          "I'm moving on {day}. Any chance you could help for a couple of hours?",
          "Moving day is {day}! Could I borrow your muscles for the morning?",
        ],
      ],
      ["B", ["Sure, what time do you need me?", "Of course. Do you have a van?"]],
      [
        "A",
        [
          "I've rented a van. Starting at {morning} would be ideal.",
          "The van is booked for {morning}. Pizza and drinks afterwards!",
        ],
      ],
      [
        "B",
        ["I'll be there. Should I bring anything?", "Count me in. I can bring my dolly for the heavy stuff."],
      ],
      ["A", ["Maybe some tape and gloves if you have them.", "Just comfy shoes. The sofa is a beast."]],
      ["B", ["No problem. See you {day}.", "Ha, we'll manage. See you then."]],
    ],
  },
  {
    id: "kids_practice",
    channels: ["Messages"],
    shape: "direct",
    lines: [
      [
        "A",
        [
          "Is practice still on {day} with this rain?",
          "Did you hear whether {sport} practice is cancelled {day}?",
        ],
      ],
      ["B", ["Coach said it's moved indoors to the school gym.", "Still on as far as I know. Same time."]],
      [
        "A",
        [
          "Great. Could you take the kids? I have a meeting until 5.",
          "Would you mind driving this week? I'll do the next two.",
        ],
      ],
      ["B", ["Sure, I'll pick them up at {afternoon}.", "No problem, I'll grab them after school."]],
      [
        "A",
        [
          "Thank you! Don't forget they need their water bottles.",
          "You're a lifesaver. I'll collect them afterwards.",
        ],
      ],
      ["B", ["Will do.", "Got it, see you later."]],
    ],
  },
  {
    id: "new_job",
    channels: ["Messages"],
    shape: "direct",
    lines: [
      ["A", ["I got the job!!", "Guess who starts a new job next month?"]],
      ["B", ["WHAT! Congratulations!!", "No way, that's fantastic news! Congrats!"]],
      ["B", ["When do you start?", "Tell me everything. Is it the {jobtype} role?"]],
      ["A", ["In two weeks. Still can't believe it.", "Yes! First day is the 1st. Nervous but excited."]],
      ["B", ["We have to celebrate. Drinks this weekend?", "This calls for a celebration. Dinner on me?"]],
      ["A", ["Absolutely, I'll bring the bubbly.", "Yes please! {day} evening?"]],
    ],
  },
  {
    id: "lost_keys",
    channels: ["Messages"],
    shape: "direct",
    lines: [
      [
        "A",
        [
          "Did I leave my keys at your place last night?",
          "Random question, have you seen a set of keys with a red keychain?",
        ],
      ],
      [
        "B",
        ["Let me check... yes! They were on the couch.", "Hmm, hold on. Found them under the coat rack!"],
      ],
      ["A", ["Phew, thank goodness. Can I come grab them?", "Oh what a relief. When can I pick them up?"]],
      [
        "B",
        [
          "I'm home until {afternoon}, come by any time before that.",
          "I'll be out this afternoon but back by {afternoon}.",
        ],
      ],
      ["A", ["On my way in 20.", "Perfect, I'll swing by after lunch."]],
      ["B", ["Okay, just knock, the bell is broken.", "See you soon!"]],
    ],
  },
  {
    id: "concert",
    channels: ["Messages", "Chats"],
    shape: "either",
    groupTitles: ["{band} tickets", "Concert squad"],
    lines: [
      [
        "A",
        [
          "{band} is playing at Riverside Hall on {day}! Tickets go on sale tomorrow at 10.",
          "Just saw {band} announced a show on {day}. We have to go.",
        ],
      ],
      ["B", ["No way, I've wanted to see them for years!", "I'm in! How much are tickets?"]],
      ["A", ["Around {price} for standing.", "About {price} each, plus fees of course."]],
      [
        "B",
        [
          "Worth it. Can you try to get them? I'll pay you back.",
          "Let's both try at 10 and whoever gets through buys for everyone.",
        ],
      ],
      ["A", ["Got them!! Standing, section B.", "Success! Tickets secured."]],
      ["B", ["You legend.", "Best news all week!"]],
    ],
  },
  {
    id: "plants",
    channels: ["Messages"],
    shape: "direct",
    lines: [
      [
        "A",
        [
          "Could you water my plants while I'm at my sister's?",
          "I'm away {day} to {day2}. Would you mind watering my plants?",
        ],
      ],
      ["B", ["Sure! How often?", "Happy to. Any that need special treatment?"]],
      [
        "A",
        [
          "Every two days is fine. The fern by the window is thirsty, the cactus only once.",
          "Just the big ones in the living room, every other day. Skip the succulents.",
        ],
      ],
      ["B", ["Got it. Do I still have your spare key?", "Easy. I'll come by after work."]],
      ["A", ["Yes, you should have it from last time.", "I'll leave it with the concierge."]],
      ["B", ["Enjoy the trip!", "Have fun, your jungle is in good hands."]],
    ],
  },
  {
    id: "gym",
    channels: ["Messages", "Chats"],
    shape: "direct",
    lines: [
      ["A", ["Gym tomorrow at {time}?", "Still on for our workout {day}?"]],
      ["B", ["Yes, leg day though, so be warned.", "Yes but can we make it 30 minutes later?"]],
      ["A", ["Ugh, fine. I'll survive.", "Sure, that works better for me too."]],
      ["B", ["I booked the squat rack for us.", "There's a new spin class after, want to try it?"]],
      ["A", ["Great. Bring a spare towel, I always forget mine.", "Maybe, if my legs still work."]],
      ["B", ["Ha! See you there.", "See you tomorrow."]],
    ],
  },
  {
    id: "trip_photos",
    channels: ["Messages", "Chats"],
    shape: "either",
    groupTitles: ["{city} trip", "Travel buddies"],
    lines: [
      [
        "A",
        [
          "Just uploaded the photos from {city} to the shared album!",
          "Finally sorted the trip photos from {city}.",
        ],
      ],
      [
        "B",
        [
          "Yay! The one at the market is my favourite.",
          "These are so good. Can you send me the sunset one in full size?",
        ],
      ],
      ["A", ["Sending it now.", "Sure, I'll email you the originals."]],
      ["B", ["Thanks! I want to print it for the hallway.", "Thank you! I'm making it my lock screen."]],
      ["A", ["We should plan the next trip already.", "Same time next year?"]],
      ["B", ["Absolutely. I vote somewhere with a beach.", "Yes! Let's start a list."]],
    ],
  },
  {
    id: "appointment_family",
    channels: ["Messages"],
    shape: "direct",
    lines: [
      [
        "A",
        [
          "Just a reminder that your dentist appointment is on {day} at {time}.",
          "Don't forget you have the eye doctor on {day} at {time}.",
        ],
      ],
      ["B", ["Thanks for reminding me, I totally forgot!", "Oh right, thank you!"]],
      ["A", ["Do you need a ride?", "Want me to drive you there?"]],
      ["B", ["That would be great, if you don't mind.", "No thanks, I'll take the bus."]],
      [
        "A",
        [
          "Not at all. I'll pick you up 20 minutes before.",
          "Okay, call me afterwards and tell me how it went.",
        ],
      ],
      ["B", ["You're the best.", "Will do, love you."]],
    ],
  },
  {
    id: "team_lunch",
    channels: ["Chats"],
    shape: "group",
    groupTitles: ["Team lunch", "Lunch crew", "Design team"],
    lines: [
      ["A", ["Team lunch on {day}? I was thinking {restaurant}.", "Anyone up for a team lunch {day}?"]],
      [
        "B",
        ["Yes! Can we do 12? I have a call at 1:30.", "I'm in, any place with vegetarian options works."],
      ],
      ["C", ["Count me in.", "I'll join, but I need to leave by 1:15."]],
      ["A", ["Booked a table for {n} at noon.", "Reservation made for 12:15, under my name."]],
      ["B", ["Great, I'll walk over with whoever's at the office.", "Thanks for organising!"]],
      ["C", ["See you all there.", "Perfect."]],
    ],
  },
  {
    id: "project_deadline",
    channels: ["Chats"],
    shape: "group",
    groupTitles: ["Q4 launch", "Website refresh", "Client report"],
    lines: [
      [
        "A",
        [
          "Quick check-in: are we still on track for the {day} deadline?",
          "How are we looking for {day}? Anything blocking?",
        ],
      ],
      [
        "B",
        ["Slides are done, I just need the final numbers.", "Mostly there. Waiting on feedback from legal."],
      ],
      ["C", ["I'll have the numbers to you by tomorrow noon.", "I can send the updated chart tonight."]],
      [
        "A",
        [
          "Perfect. Let's do a quick review on {day2} morning.",
          "Great. I'll put 30 minutes in the calendar to go through it.",
        ],
      ],
      ["B", ["Works for me.", "Sounds good, I'll share the draft before then."]],
      ["C", ["Thanks, see you then.", "👍"]],
    ],
  },
  {
    id: "neighbours",
    channels: ["Chats"],
    shape: "group",
    groupTitles: ["Maple Street neighbours", "Building 4 residents", "Oak Court"],
    lines: [
      [
        "A",
        [
          "Hi neighbours, street cleaning is on {day}, please move your cars by 8.",
          "Heads up: the water will be off on {day} from 9 to 12 for repairs.",
        ],
      ],
      ["B", ["Thanks for the heads up!", "Good to know, thank you."]],
      [
        "C",
        [
          "Does anyone have a spare visitor parking permit for that day?",
          "Will the laundry room be affected too?",
        ],
      ],
      [
        "A",
        ["I have one, I'll drop it in your mailbox.", "I believe so, best to do laundry the day before."],
      ],
      [
        "B",
        [
          "Also, a grey cat with one white paw is hanging around the bins. Anyone missing one?",
          "Also, the community garden meeting moved to {day2}.",
        ],
      ],
      ["C", ["I think that's the cat from number 12, I'll let them know.", "Thanks, I'll be there."]],
    ],
  },
  {
    id: "board_games",
    channels: ["Chats"],
    shape: "group",
    groupTitles: ["Board game night", "Game night", "Dice & Snacks"],
    lines: [
      ["A", ["Game night at mine on {day}? Starting around {evening}.", "Who's in for board games {day}?"]],
      [
        "B",
        ["Yes! Can we play the one with the trains again?", "I'm in. I'll bring the new card game I got."],
      ],
      ["C", ["I'll bring snacks. Any allergies?", "Count me in, I'll bring drinks."]],
      ["A", ["No allergies, but no more spicy chips please 😅", "Perfect. Someone bring ice please."]],
      ["B", ["Haha noted.", "I'll grab a bag of ice on the way."]],
      ["C", ["See you {day}!", "Looking forward to it."]],
    ],
  },
  {
    id: "volunteering",
    channels: ["Chats"],
    shape: "group",
    groupTitles: ["Food bank volunteers", "Saturday shift", "Park cleanup"],
    lines: [
      [
        "A",
        [
          "We still need two people for the {day} morning shift. Anyone available?",
          "Shift sign-up for {day} is open. We're short on drivers.",
        ],
      ],
      ["B", ["I can do it.", "Put me down for {day}."]],
      ["C", ["I can drive if someone helps me load the van.", "I'm away that weekend, sorry! Next time."]],
      [
        "A",
        [
          "Thank you both! Please arrive 10 minutes early for the briefing.",
          "Amazing, that covers it. Thanks everyone!",
        ],
      ],
      ["B", ["Should we bring our own gloves?", "Is there parking nearby?"]],
      [
        "A",
        ["Gloves are provided, just wear closed shoes.", "Yes, behind the building, it's free on weekends."],
      ],
    ],
  },
  {
    id: "flat_chores",
    channels: ["Chats"],
    shape: "group",
    groupTitles: ["Flat 3B", "House chores", "Housemates"],
    lines: [
      [
        "A",
        ["Whose turn is it to take out the recycling? It's overflowing.", "Reminder: bins go out tonight!"],
      ],
      ["B", ["Mine, sorry! Doing it now.", "I did it last week, I think it's {c}'s turn."]],
      ["C", ["Oops, yes it's me. On it.", "I'll do it when I get home at {evening}."]],
      [
        "A",
        [
          "Thanks! Also we're out of dish soap.",
          "Cheers. Also, the landlord is coming to fix the heater on {day}.",
        ],
      ],
      ["B", ["I'll pick some up.", "Good, it's freezing in the mornings."]],
      ["C", ["I'll be home that day so I can let them in.", "Added it to the shopping list."]],
    ],
  },
  {
    id: "cycling",
    channels: ["Chats"],
    shape: "group",
    groupTitles: ["Sunday riders", "Cycling club", "Early birds"],
    lines: [
      [
        "A",
        [
          "Route for {day}: {km} km along the river and back over the hill. Start {morning}.",
          "Planning a {km} km ride on {day}. Who's in?",
        ],
      ],
      ["B", ["In! Weather says dry until noon.", "I'm in, but I'll take the short loop."]],
      ["C", ["Can we stop for coffee halfway?", "I've got a flat to fix first, but should make it."]],
      ["A", ["Of course, the bakery at the marina.", "There's a great café at the halfway point."]],
      ["B", ["Bring lights, it's still dark at that hour.", "See you at the fountain."]],
      ["C", ["👍 See you there.", "Will do."]],
    ],
  },
  {
    id: "band_rehearsal",
    channels: ["Chats"],
    shape: "group",
    groupTitles: ["Band practice", "The Garage Sessions", "Rehearsal"],
    lines: [
      [
        "A",
        ["Rehearsal on {day} at {evening}, studio 2.", "Can everyone make {day} at {evening} for practice?"],
      ],
      ["B", ["Yes. Can we run the new song twice?", "I'll be there. I'm bringing the new amp."]],
      ["C", ["I might be 10 minutes late, work stuff.", "Yes, and I finished the lyrics for the bridge!"]],
      ["A", ["No worries. We'll start with warm-ups.", "Amazing, can't wait to hear it."]],
      ["B", ["Should we book the room for an extra hour?", "Who has the setlist for the gig?"]],
      ["C", ["I'll print it out.", "Let's decide at practice."]],
    ],
  },
  {
    id: "work_review",
    channels: ["Chats"],
    shape: "direct",
    lines: [
      [
        "A",
        [
          "Hey, do you have a minute to look at the {doc} before I send it?",
          "Could you review the {doc} when you get a chance?",
        ],
      ],
      ["B", ["Sure, send it over.", "Yes, I'm free after 3."]],
      [
        "A",
        ["Shared it with you. Mostly worried about the intro.", "Just sent it. Page 2 is the tricky bit."],
      ],
      [
        "B",
        [
          "Looks good overall. I left a few comments on the numbers.",
          "Read it. I'd shorten the intro and move the timeline up.",
        ],
      ],
      ["A", ["Thanks, that's really helpful.", "Great suggestions, updating now."]],
      ["B", ["Anytime.", "Happy to help."]],
    ],
  },
  {
    id: "coffee_catchup",
    channels: ["Messages", "Chats"],
    shape: "direct",
    lines: [
      ["A", ["Coffee this week? Feels like forever since we caught up.", "Long time no see! Coffee soon?"]],
      ["B", ["Yes! How's {day} morning?", "Would love that. {day} morning works for me."]],
      ["A", ["Perfect. The usual place?", "Great, how about that café near the library?"]],
      ["B", ["Yes, see you at {morning}.", "Sounds good, {morning} it is."]],
      ["A", ["Can't wait to hear about the new apartment.", "Looking forward to it!"]],
      ["B", ["So much to tell you 😄", "Same here!"]],
    ],
  },
];

const CHAT_SLOTS: Readonly<Record<string, readonly string[]>> = {
  day: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  time: ["10:30", "noon", "2", "4:30", "6"],
  morning: ["7:30", "8", "8:30", "9", "9:30"],
  afternoon: ["3:30", "4", "4:30", "5"],
  evening: ["6:30", "7", "7:30", "8"],
  park: ["Riverside Park", "the Cedar Ridge trail", "the lake loop", "Hawthorne Hill", "the old quarry path"],
  movie: [
    "the new space movie",
    "that heist film everyone's talking about",
    "the octopus documentary",
    "the animated one with the robot",
    "the thriller at the Rialto",
  ],
  item: [
    "ladder",
    "camping stove",
    "drill",
    "pasta machine",
    "cake tin",
    "tent",
    "projector",
    "pressure cooker",
  ],
  store: [
    "the hardware store",
    "the farmers market",
    "the grocery store",
    "the pharmacy",
    "the bakery on 5th",
  ],
  groceries: [
    "oat milk, eggs and a loaf of sourdough",
    "bananas, coffee beans and spinach",
    "pasta, tomatoes and parmesan",
    "rice, limes and a bunch of cilantro",
    "yogurt, apples and dish soap",
  ],
  mins: ["5", "10", "15", "20"],
  drink: ["flat white", "chai latte", "mint tea", "cappuccino", "hot chocolate"],
  km: ["8", "10", "12", "14", "25", "40"],
  pet: ["Biscuit", "Luna", "Pepper", "Mochi", "Otis"],
  gift: [
    "espresso grinder",
    "weekend pottery class",
    "pair of noise-cancelling headphones",
    "vintage record player",
  ],
  price: ["$60", "$85", "$120", "$150"],
  book: [
    "The Lighthouse Keeper's Daughter",
    "Salt and Static",
    "A Map of Small Hours",
    "The Orchard in Winter",
  ],
  sport: ["soccer", "basketball", "swim", "hockey"],
  jobtype: ["product designer", "data analyst", "project manager", "teaching", "nursing"],
  band: ["Velvet Harbor", "Marigold Static", "Juniper and the Tides", "Glass Canyon"],
  city: ["Lisbon", "Kyoto", "Edinburgh", "Oaxaca", "Copenhagen", "Montreal"],
  doc: ["budget proposal", "client deck", "hiring plan", "quarterly summary", "release notes"],
  n: ["5", "6", "7", "8"],
};

/** Restaurant and signature dish are drawn together so the chat never orders ramen at a trattoria. */
const RESTAURANT_DISHES: ReadonlyArray<readonly [string, string]> = [
  ["the Thai place on Elm Street", "pad see ew"],
  ["Casa Verde", "fish tacos"],
  ["the new ramen spot downtown", "spicy miso ramen"],
  ["Luigi's Trattoria", "mushroom risotto"],
  ["the Olive Tree", "lamb tagine"],
  ["Saffron Kitchen", "butter chicken"],
  ["Bluebird Diner", "shakshuka"],
];

function pickSlots(rng: Rng, pool: Readonly<Record<string, readonly string[]>>): Record<string, string> {
  const slots: Record<string, string> = {};
  for (const key of Object.keys(pool).sort()) slots[key] = rng.pick(pool[key]!);
  return slots;
}

interface ConversationPlan {
  topic: Topic;
  group: boolean;
}

function planConversations(rng: Rng, channel: "Messages" | "Chats", count: number): ConversationPlan[] {
  const eligible = TOPICS.filter((topic) => topic.channels.includes(channel));
  const plans: ConversationPlan[] = [];
  // Cycle through shuffled rounds so every topic is used before any repeats.
  while (plans.length < count) {
    for (const topic of rng.shuffle(eligible)) {
      if (plans.length >= count) break;
      const groupChance = channel === "Chats" ? 0.5 : 0.25;
      const group = topic.shape === "group" || (topic.shape === "either" && rng.chance(groupChance));
      plans.push({ topic, group });
    }
  }
  return plans;
}

function buildConversation(
  rng: Rng,
  plan: ConversationPlan,
  user: Person,
  people: readonly Person[],
): AugmentationConversation {
  const others = rng.shuffle(people).slice(0, plan.group ? rng.int(2, 3) : 1);
  const participants = [user, ...others];
  const roles = rng.shuffle(participants);
  const [a, b] = [roles[0]!, roles[1]!];
  const c = roles[2] ?? b;
  const outsiders = people.filter((p) => !participants.includes(p));
  const slots = pickSlots(rng, CHAT_SLOTS);
  const days = CHAT_SLOTS["day"]!;
  slots["day2"] = days[(days.indexOf(slots["day"]!) + rng.int(1, 3)) % days.length]!;
  slots["honoree"] = rng.pick(outsiders).first;
  const [restaurant, dish] = rng.pick(RESTAURANT_DISHES);
  slots["restaurant"] = restaurant;
  slots["dish"] = dish;
  slots["a"] = a.first;
  slots["b"] = b.first;
  slots["c"] = c.first;

  const title = plan.group
    ? fill(rng.pick(plan.topic.groupTitles ?? ["Group chat"]), slots)
    : `${others[0]!.first} ${others[0]!.last}`;
  const speakers: Record<Role, Person> = { A: a, B: b, C: c };
  const length = rng.int(2, 6);
  let timestamp = timestampInWindow(rng, 8, 21);
  const messages: AugmentationMessage[] = plan.topic.lines.slice(0, length).map(([role, variants], index) => {
    if (index > 0) timestamp += rng.int(30, 45 * 60);
    return {
      sender_id: speakers[role].id,
      message_id: rng.hex32(),
      timestamp,
      content: fill(rng.pick(variants), slots),
    };
  });
  return {
    participant_ids: participants.map((p) => p.id),
    messages,
    title,
    conversation_id: rng.hex32(),
    last_updated: timestamp,
  };
}

function conversationMap(
  conversations: readonly AugmentationConversation[],
): Record<string, AugmentationConversation> {
  const sorted = [...conversations].sort(
    (x, y) =>
      (x.last_updated ?? 0) - (y.last_updated ?? 0) || compareText(x.conversation_id, y.conversation_id),
  );
  return Object.fromEntries(sorted.map((conv) => [`pare_augmentation_${conv.conversation_id}`, conv]));
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Emails
// ---------------------------------------------------------------------------------------------------------

interface EmailContext {
  rng: Rng;
  timestamp: number;
  colleague: Person;
  friend: Person;
}

/** One message template: any of the subjects fits the body. */
interface EmailVariant {
  subjects: readonly string[];
  body: string;
}

interface EmailKind {
  id: string;
  sender: (ctx: EmailContext) => string;
  variants: readonly EmailVariant[];
  /** Extra slots for this kind, drawn per email. */
  slots?: (ctx: EmailContext) => Record<string, string>;
  cc?: (ctx: EmailContext) => string[];
}

function workAddress(person: Person): string {
  return `${asciiSlug(person.first)}.${asciiSlug(person.last)}@harborpine.com`;
}

function personalAddress(person: Person): string {
  return `${asciiSlug(person.first)}${asciiSlug(person.last).slice(0, 1)}@pare-mail.com`;
}

const RECIPE_THEMES = [
  ["one-pot soups", "Roasted squash soup with crispy sage", "Ten-minute miso noodle soup"],
  ["sheet-pan dinners", "Sheet-pan gnocchi with peppers", "Lemon herb chicken with potatoes"],
  ["holiday baking", "Brown butter oat cookies", "Spiced pear galette"],
  ["weeknight pasta", "Creamy spinach orzo", "Lemon ricotta rigatoni"],
  ["meal prep basics", "Chickpea and farro salad jars", "Slow-cooker black bean chili"],
] as const;

const NEWS_HEADLINES = [
  "City council approves new bike lanes on Harbor Avenue",
  "Winter farmers market returns to the old rail depot",
  "Library extends weekend opening hours through January",
  "Riverside Park playground reopens after renovation",
  "Local bakery wins regional bread competition",
  "Road works on Route 9 expected to finish early",
  "Volunteers plant 300 trees along the river path",
  "New ferry timetable starts next month",
];

const GROCERY_ITEMS: ReadonlyArray<readonly [string, number]> = [
  ["Organic bananas", 2.49],
  ["Sourdough loaf", 5.99],
  ["Free-range eggs (12)", 4.79],
  ["Oat milk 1 L", 3.29],
  ["Cherry tomatoes", 3.99],
  ["Greek yogurt", 4.49],
  ["Ground coffee 250 g", 8.99],
  ["Baby spinach", 2.99],
  ["Cheddar block", 6.49],
  ["Dish soap", 3.19],
];

const EMAIL_KINDS: readonly EmailKind[] = [
  {
    id: "newsletter_recipes",
    sender: () => "hello@greenpantry-kitchen.com",
    variants: [
      {
        subjects: ["This week at The Green Pantry: {theme}", "Fresh ideas: {theme}"],
        body: "Hi {user},\n\nThis week we're all about {theme}. Two reader favourites to try:\n\n- {recipe1}\n- {recipe2}\n\nBoth take under 45 minutes and reheat well for lunch the next day.\n\nHappy cooking,\nThe Green Pantry team\n\nYou are receiving this because you subscribed at greenpantry-kitchen.com. Unsubscribe any time.",
      },
      {
        subjects: ["Short on time? Try {theme}", "Our editors' picks for {month}"],
        body: "Hello {user},\n\nShort on time this {month}? Our editors rounded up their favourite {theme}, starting with {recipe1} and {recipe2}.\n\nFull recipes, shopping lists and swaps for dietary needs are on our website.\n\nSee you in the kitchen,\nThe Green Pantry",
      },
    ],
    slots: ({ rng }) => {
      const [theme, recipe1, recipe2] = rng.pick(RECIPE_THEMES);
      return { theme, recipe1, recipe2 };
    },
  },
  {
    id: "newsletter_local",
    sender: () => "digest@citypulse-news.com",
    variants: [
      {
        subjects: ["Your morning digest: {headline1}", "Today in town: {headline1}"],
        body: "Good morning {user},\n\nHere is what's happening around town:\n\n1. {headline1}\n2. {headline2}\n3. {headline3}\n\nRead the full stories on citypulse-news.com.\n\nThe CityPulse newsroom",
      },
      {
        subjects: ["CityPulse weekly: the stories you read most", "Top stories this week"],
        body: "Hi {user},\n\nThe stories our readers talked about most this week:\n\n- {headline1}\n- {headline2}\n- {headline3}\n\nHave a tip? Reply to this email and our newsroom will take a look.\n\nCityPulse",
      },
    ],
    slots: ({ rng }) => {
      const [headline1, headline2, headline3] = rng.shuffle(NEWS_HEADLINES);
      return { headline1: headline1!, headline2: headline2!, headline3: headline3! };
    },
  },
  {
    id: "grocery_receipt",
    sender: () => "receipts@cornerstone-market.com",
    variants: [
      {
        subjects: ["Your Cornerstone Market receipt", "Thanks for shopping with us"],
        body: "Thank you for shopping at Cornerstone Market.\n\nReceipt #{order}\n{lines}\nTotal: {amount}\nPaid with card ending in {last4}\n\nYou earned {points} loyalty points on this visit.",
      },
      {
        subjects: ["Receipt for your purchase on {short_date}", "Your digital receipt #{order}"],
        body: "Hi {user},\n\nHere is your digital receipt (#{order}).\n\n{lines}\nTotal charged: {amount} (card ending {last4})\n\nKeep this email for returns within 30 days.\nCornerstone Market",
      },
    ],
    slots: ({ rng }) => {
      const items = rng.shuffle(GROCERY_ITEMS).slice(0, rng.int(3, 6));
      const total = items.reduce((sum, [, price]) => sum + price, 0);
      return {
        lines: items.map(([name, price]) => `${name}  ${money(price)}`).join("\n"),
        amount: money(total),
        points: String(Math.floor(total)),
      };
    },
  },
  {
    id: "shipping",
    sender: () => "orders@northwind-outfitters.com",
    variants: [
      {
        subjects: ["Your order #{order} has shipped", "Order #{order} is on its way"],
        body: "Hi {user},\n\nYour order #{order} has left our warehouse.\n\nItem: {product}\nCarrier: ParcelPoint\nTracking number: {tracking}\nEstimated delivery: {date}\n\nThanks for shopping with Northwind Outfitters.",
      },
      {
        subjects: ["Delivery update for order #{order}", "Your {product} arrives {date}"],
        body: "Hello {user},\n\nThe {product} from order #{order} is with the courier and should arrive by {date}. You can follow the parcel with tracking number {tracking}.\n\nIf nobody is home, the courier will leave a card with pickup instructions.\n\nNorthwind Outfitters customer care",
      },
    ],
    slots: ({ rng }) => ({
      product: rng.pick([
        "merino hiking socks",
        "rain shell jacket",
        "insulated water bottle",
        "trail running shoes",
        "wool beanie",
      ]),
    }),
  },
  {
    id: "colleague_note",
    sender: ({ colleague }) => workAddress(colleague),
    variants: [
      {
        subjects: ["Notes from today's sync", "Sync notes + next steps"],
        body: "Hi {user},\n\nThanks for joining today. My notes:\n\n- The {doc} draft goes out for review by {date}.\n- {other} will pull the latest numbers.\n- We'll revisit hiring at the next sync.\n\nShout if I missed anything.\n\n{colleague}",
      },
      {
        subjects: ["Slides for {weekday}", "Can you review the {doc} section?"],
        body: "Hey {user},\n\nI've put the slides for {weekday} in the shared folder. Could you take a look at the section on the {doc} and add your comments before end of day?\n\nThanks!\n{colleague}",
      },
      {
        subjects: ["Quick question about the {doc}", "Re: {doc} timeline"],
        body: "Hi {user},\n\nQuick one: do you know whether the {doc} needs sign-off from finance before we share it with the client? I'd like to send it on {date} if possible.\n\nCheers,\n{colleague}",
      },
      {
        subjects: ["Out of office {date}", "Away on {date}"],
        body: "Hi {user},\n\nHeads up that I'm out on {date}. {other} is covering anything urgent on the {doc}, and I'll catch up on email the day after.\n\nThanks,\n{colleague}",
      },
    ],
    slots: ({ rng }) => ({ doc: rng.pick(CHAT_SLOTS["doc"]!) }),
    cc: ({ rng, friend }) => (rng.chance(0.4) ? [workAddress(friend)] : []),
  },
  {
    id: "dentist",
    sender: () => "appointments@brightsmile-dental.com",
    variants: [
      {
        subjects: ["Appointment confirmed: {date} at {appt_time}", "Your BrightSmile appointment is booked"],
        body: "Dear {user},\n\nThis confirms your appointment with Dr. {doctor} on {date} at {appt_time}.\n\nPlease arrive 10 minutes early and bring your insurance card. To reschedule, call us at least 24 hours in advance.\n\nBrightSmile Dental\n42 Linden Road",
      },
      {
        subjects: ["Reminder: your dental check-up on {date}", "See you soon at BrightSmile Dental"],
        body: "Hello {user},\n\nA friendly reminder of your check-up and cleaning on {date} at {appt_time} with Dr. {doctor}.\n\nReply C to confirm or call the front desk to change the time.\n\nBrightSmile Dental",
      },
    ],
    slots: ({ rng }) => ({ doctor: rng.pick(["Patel", "Lindgren", "Osei", "Romero"]) }),
  },
  {
    id: "salon",
    sender: () => "bookings@studio-fern-hair.com",
    variants: [
      {
        subjects: ["Your booking at Studio Fern", "See you on {date}"],
        body: "Hi {user},\n\nYou're booked in for a {service} with {stylist} on {date} at {appt_time}.\n\nNeed to change something? Use the link in your account or reply to this email.\n\nSee you soon,\nStudio Fern",
      },
      {
        subjects: ["Booking confirmed for {date}", "Your appointment details"],
        body: "Hello {user},\n\nThanks for booking with us! Appointment details:\n\nService: {service}\nStylist: {stylist}\nWhen: {date}, {appt_time}\n\nCancellations less than 24 hours before the appointment are charged at 50%.\n\nStudio Fern",
      },
    ],
    slots: ({ rng }) => ({
      service: rng.pick(["haircut and blow-dry", "colour refresh", "beard trim", "cut and style"]),
      stylist: rng.pick(["Alina", "Marco", "Jess", "Theo"]),
    }),
  },
  {
    id: "bank",
    sender: () => "alerts@northbridge-bank.com",
    variants: [
      {
        subjects: ["Your {month} statement is ready", "New statement available"],
        body: "Dear {user},\n\nYour statement for the account ending in {last4} is now available in online banking.\n\nFor your security we never ask for your password or PIN by email.\n\nNorthbridge Bank",
      },
      {
        subjects: ["Payment received", "Thank you for your payment"],
        body: "Hi {user},\n\nWe received your payment of {amount} towards the card ending in {last4}. Thank you.\n\nYour available credit has been updated.\n\nNorthbridge Bank",
      },
      {
        subjects: ["Card ending {last4}: new transaction", "Purchase alert: {amount} at {merchant}"],
        body: "Hello {user},\n\nA purchase of {amount} was made with your card ending in {last4} at {merchant}.\n\nIf you don't recognise this transaction, call the number on the back of your card.\n\nNorthbridge Bank",
      },
    ],
    slots: ({ rng }) => ({
      amount: money(rng.int(800, 24000) / 100),
      merchant: rng.pick([
        "Cornerstone Market",
        "Harbor Cinemas",
        "Northwind Outfitters",
        "Greenline Energy",
      ]),
    }),
  },
  {
    id: "utility",
    sender: () => "billing@greenline-energy.com",
    variants: [
      {
        subjects: ["Your {month} energy bill", "Your energy bill is ready"],
        body: "Hi {user},\n\nYour energy bill for {month} is ready.\n\nAmount due: {amount}\nDue date: {date}\nUsage: {kwh} kWh\n\nYou're on autopay, so no action is needed.\n\nGreenline Energy",
      },
      {
        subjects: ["Bill available: {amount} due {date}", "Payment due {date}"],
        body: "Hello {user},\n\nYour latest bill of {amount} is due on {date}. Your usage this period was {kwh} kWh, about the same as last year.\n\nTip: lowering your thermostat by one degree can save around 5% on heating.\n\nGreenline Energy customer service",
      },
    ],
    slots: ({ rng }) => ({ amount: money(rng.int(6000, 18000) / 100), kwh: String(rng.int(240, 620)) }),
  },
  {
    id: "subscription",
    sender: () => "no-reply@streamvault.tv",
    variants: [
      {
        subjects: ["Your StreamVault subscription renews on {date}", "Renewal reminder"],
        body: "Hi {user},\n\nJust a heads-up: your {plan} plan renews on {date} for {amount}. Nothing to do if you'd like to keep watching.\n\nManage your plan any time from Account settings.\n\nStreamVault",
      },
      {
        subjects: ["New this week on StreamVault", "Fresh picks for your watchlist"],
        body: "Hi {user},\n\nNew arrivals this week include a cosy baking competition, a six-part mystery set on a windswept island, and a nature series about urban foxes.\n\nYour {plan} plan includes all of them.\n\nHappy watching,\nStreamVault",
      },
    ],
    slots: ({ rng }) => {
      const [plan, price] = rng.pick([
        ["Basic", 7.99],
        ["Standard", 12.99],
        ["Premium", 17.99],
      ] as const);
      return { plan, amount: money(price) };
    },
  },
  {
    id: "invitation",
    sender: ({ friend }) => personalAddress(friend),
    variants: [
      {
        subjects: ["Housewarming on {date}!", "Come see the new place"],
        body: "Hi {user}!\n\nWe finally finished unpacking, so we're having a small housewarming on {date} from 7 pm. New address: {address}.\n\nNo gifts needed, just bring yourself (and maybe a snack).\n\nHope you can make it!\n{friend_first}",
      },
      {
        subjects: ["You're invited: {friend_first}'s birthday dinner", "Birthday dinner on {date}"],
        body: "Hey {user},\n\nI'm turning another year older and celebrating with dinner at {restaurant} on {date} at 7:30. Let me know by the weekend so I can book the right table size.\n\nLove,\n{friend_first}",
      },
      {
        subjects: ["Save the date", "Winter picnic on {date}"],
        body: "Hi {user},\n\nSave the date: we're hosting a winter picnic in the park on {date}, weather permitting. Hot drinks provided, bring blankets!\n\nMore details soon,\n{friend_first}",
      },
    ],
    slots: ({ rng }) => ({
      address: `${rng.int(3, 180)} ${rng.pick(["Birch Lane", "Harbor Avenue", "Willow Street", "Kingfisher Road"])}`,
      restaurant: rng.pick(["Casa Verde", "Saffron Kitchen", "the Olive Tree", "Luigi's Trattoria"]),
    }),
  },
  {
    id: "travel",
    sender: () => "bookings@skylark-air.com",
    variants: [
      {
        subjects: ["Booking confirmed: flight to {city}", "Your e-ticket for {city}"],
        body: "Dear {user},\n\nYour booking is confirmed.\n\nBooking reference: {ref}\nFlight: SK{flight} to {city}\nDeparture: {date}, {dep_time}\nSeat: {seat}\n\nOnline check-in opens 24 hours before departure.\n\nSkylark Air",
      },
      {
        subjects: ["Check-in is open for your flight to {city}", "Check in now: SK{flight}"],
        body: "Hi {user},\n\nCheck-in is now open for flight SK{flight} to {city} on {date}. Check in online to choose your seat and get your boarding pass on your phone.\n\nBooking reference: {ref}\n\nHave a great trip,\nSkylark Air",
      },
      {
        subjects: ["Your trip to {city}: what to know", "Getting ready for {city}"],
        body: "Hello {user},\n\nYour trip to {city} is coming up on {date}. Remember: one cabin bag up to 8 kg, and arrive at the airport at least two hours before departure.\n\nBooking reference: {ref}\n\nSkylark Air",
      },
    ],
    slots: ({ rng }) => ({
      city: rng.pick(CHAT_SLOTS["city"]!),
      ref: Array.from({ length: 6 }, () => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[rng.int(0, 31)]).join(""),
      flight: String(rng.int(100, 989)),
      dep_time: rng.pick(["06:40", "09:15", "13:05", "17:50", "20:25"]),
      seat: `${rng.int(4, 31)}${rng.pick(["A", "C", "D", "F"])}`,
    }),
  },
  {
    id: "school",
    sender: () => "office@willowbrook-elementary.org",
    variants: [
      {
        subjects: ["Parent-teacher conferences: sign up by {date}", "Conference sign-ups are open"],
        body: "Dear families,\n\nParent-teacher conferences take place soon. Please choose a 15-minute slot using the sign-up sheet by {date}.\n\nThank you,\nWillowbrook Elementary front office",
      },
      {
        subjects: ["Field trip permission slip", "Grade 3 museum trip on {date}"],
        body: "Dear parents and guardians,\n\nGrade 3 is visiting the science museum on {date}. Please sign and return the permission slip, along with $8 for the bus, by Friday.\n\nWillowbrook Elementary",
      },
      {
        subjects: ["Reminder: no school on {date}", "Staff training day"],
        body: "Dear families,\n\nA reminder that there is no school on {date} because of a staff training day. After-school club will run as usual.\n\nWillowbrook Elementary",
      },
    ],
  },
  {
    id: "library",
    sender: () => "notices@riverside-library.org",
    variants: [
      {
        subjects: ["Items due soon", "Due date reminder"],
        body: "Hello {user},\n\nThe following item is due on {date}:\n\n{book}\n\nYou can renew it online up to two times if nobody else has placed a hold.\n\nRiverside Public Library",
      },
      {
        subjects: ["Your hold is ready for pickup", '"{book}" is waiting for you'],
        body: 'Hi {user},\n\nGood news! Your hold on "{book}" is ready. It will be kept at the front desk until {date}.\n\nRiverside Public Library',
      },
      {
        subjects: ["Library card renewal", "Your library card expires soon"],
        body: "Dear {user},\n\nYour library card expires on {date}. Renew it for free at any branch with a proof of address.\n\nRiverside Public Library",
      },
    ],
    slots: ({ rng }) => ({ book: rng.pick(CHAT_SLOTS["book"]!) }),
  },
  {
    id: "fitness",
    sender: () => "team@pulsefit-studio.com",
    variants: [
      {
        subjects: ["Your class is booked: {class_name}", "See you at {class_name}"],
        body: "Hi {user},\n\nYou're booked into {class_name} on {date} at {appt_time}. Please cancel at least 12 hours before if you can't make it so someone on the waitlist can join.\n\nPulseFit Studio",
      },
      {
        subjects: ["New winter timetable at PulseFit", "More early classes from {date}"],
        body: "Hi {user},\n\nOur winter timetable starts {date}, with extra early-morning {class_name} sessions and a new Sunday stretch class.\n\nBook through the app as usual.\n\nPulseFit Studio",
      },
      {
        subjects: ["We miss you at PulseFit", "Come back for {class_name}"],
        body: "Hi {user},\n\nWe haven't seen you in a while! Your membership includes unlimited {class_name} classes, so come back and say hi.\n\nPulseFit Studio",
      },
    ],
    slots: ({ rng }) => ({
      class_name: rng.pick(["Spin 45", "Vinyasa Flow", "Strength Circuit", "Pilates Core"]),
    }),
  },
  {
    id: "hr",
    sender: () => "people@harborpine.com",
    variants: [
      {
        subjects: ["Reminder: submit your timesheet", "Timesheets due {date}"],
        body: "Hi {user},\n\nA friendly reminder to submit your timesheet for this period by {date}. Late submissions delay payroll for everyone.\n\nThanks,\nPeople Team, Harbor & Pine",
      },
      {
        subjects: ["Open enrollment ends {date}", "Last call: benefits enrollment"],
        body: "Hi all,\n\nOpen enrollment for health and dental benefits closes on {date}. If you don't make changes, your current elections will roll over.\n\nPeople Team",
      },
      {
        subjects: ["Holiday schedule for the office", "Office closure over the holidays"],
        body: "Hi everyone,\n\nThe office will be closed from December 24 to January 1. Please plan handovers with your team and set your out-of-office message.\n\nPeople Team",
      },
    ],
  },
  {
    id: "food_delivery",
    sender: () => "orders@forkful-delivery.com",
    variants: [
      {
        subjects: ["Your order from {restaurant} is on its way", "Your food is on the way"],
        body: "Hi {user},\n\nYour order from {restaurant} has been picked up and should arrive in about 20 minutes.\n\nOrder #{order}\nTotal: {amount}\n\nForkful",
      },
      {
        subjects: ["Receipt for your Forkful order", "Your Forkful receipt #{order}"],
        body: "Hi {user},\n\nThanks for ordering with Forkful. Your receipt:\n\n{restaurant}\nOrder #{order}\nTotal (incl. delivery and tip): {amount}\n\nForkful",
      },
      {
        subjects: ["Rate your meal from {restaurant}", "How was {restaurant}?"],
        body: "Hi {user},\n\nHow was your meal from {restaurant}? Leave a rating to help other customers and the restaurant.\n\nForkful",
      },
    ],
    slots: ({ rng }) => ({
      restaurant: rng.pick(["Saffron Kitchen", "Bluebird Diner", "Casa Verde", "Noodle Bar 88"]),
      amount: money(rng.int(1800, 6500) / 100),
    }),
  },
];

function buildEmail(rng: Rng, kind: EmailKind, people: readonly Person[]): AugmentationEmail {
  const [colleague, friend, other] = rng.shuffle(people).slice(0, 3) as [Person, Person, Person];
  const timestamp = timestampInWindow(rng, 6, 22);
  const ctx: EmailContext = { rng, timestamp, colleague, friend };
  const later = timestamp + rng.int(2, 14) * DAY;
  const slots: Record<string, string> = {
    user: USER.first,
    colleague: colleague.first,
    friend_first: friend.first,
    other: other.first,
    date: longDate(later),
    weekday: WEEKDAYS[new Date(later * 1000).getUTCDay()]!,
    short_date: `${monthName(timestamp).slice(0, 3)} ${new Date(timestamp * 1000).getUTCDate()}`,
    month: monthName(timestamp),
    appt_time: rng.pick(["8:30 am", "10:00 am", "11:45 am", "2:15 pm", "4:30 pm", "6:00 pm"]),
    order: rng.digits(6),
    tracking: `PP${rng.digits(10)}`,
    last4: rng.digits(4),
    amount: money(rng.int(1500, 25000) / 100),
    ...(kind.slots?.(ctx) ?? {}),
  };
  const variant = rng.pick(kind.variants);
  return {
    sender: kind.sender(ctx),
    recipients: [USER.email],
    subject: fill(rng.pick(variant.subjects), slots),
    content: fill(variant.body, slots),
    email_id: rng.hex32(),
    parent_id: null,
    cc: kind.cc?.(ctx) ?? [],
    attachments: {},
    timestamp,
    is_read: null,
  };
}

function buildEmails(rng: Rng, count: number, people: readonly Person[]): AugmentationEmail[] {
  const seen = new Set<string>();
  const emails: AugmentationEmail[] = [];
  while (emails.length < count) {
    for (const kind of rng.shuffle(EMAIL_KINDS)) {
      if (emails.length >= count) break;
      // A few redraws keep the pool free of exact duplicates (as the original's de-duplication did).
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const email = buildEmail(rng, kind, people);
        const key = `${email.sender}\u0000${email.subject}\u0000${email.content}`;
        if (seen.has(key)) continue;
        seen.add(key);
        emails.push(email);
        break;
      }
    }
  }
  return emails.sort(
    (x, y) => (x.timestamp ?? 0) - (y.timestamp ?? 0) || compareText(x.email_id, y.email_id),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Products
// ---------------------------------------------------------------------------------------------------------

interface ProductBase {
  name: string;
  options: Readonly<Record<string, readonly string[]>>;
  price: readonly [number, number];
}

const PRODUCTS: readonly ProductBase[] = [
  {
    name: "Insulated Stainless Steel Water Bottle",
    options: { Size: ["500 ml", "750 ml", "1 L"], Color: ["Slate", "Sage", "Coral", "White"] },
    price: [18, 34],
  },
  {
    name: "Ceramic Pour-Over Coffee Dripper",
    options: { Color: ["White", "Matte Black", "Terracotta"] },
    price: [16, 28],
  },
  {
    name: "Organic Cotton Crew Neck T-Shirt",
    options: { Size: ["S", "M", "L", "XL"], Color: ["Navy", "Heather Grey", "Olive", "White"] },
    price: [12, 24],
  },
  {
    name: "Wireless Over-Ear Headphones",
    options: { Color: ["Black", "Silver", "Midnight Blue"] },
    price: [79, 149],
  },
  {
    name: "Pre-Seasoned Cast Iron Skillet",
    options: { Size: ["8 inch", "10 inch", "12 inch"] },
    price: [24, 48],
  },
  {
    name: "Merino Wool Hiking Socks (3 Pack)",
    options: { Size: ["S", "M", "L"], Cushion: ["Light", "Medium"] },
    price: [19, 29],
  },
  {
    name: "LED Desk Lamp with USB Charging Port",
    options: { Color: ["White", "Black"], Finish: ["Matte", "Brushed Aluminum"] },
    price: [29, 55],
  },
  {
    name: "Non-Slip Yoga Mat, 6 mm",
    options: { Color: ["Plum", "Ocean", "Charcoal", "Sand"] },
    price: [22, 40],
  },
  { name: "Bamboo Cutting Board Set", options: { Pieces: ["2", "3"] }, price: [19, 35] },
  {
    name: "Kids' Waterproof Rain Jacket",
    options: { Size: ["4", "6", "8", "10"], Color: ["Yellow", "Red", "Navy"] },
    price: [28, 42],
  },
  {
    name: "Scented Soy Candle",
    options: { Scent: ["Cedar & Sage", "Vanilla Bean", "Sea Salt", "Fig"], Size: ["8 oz", "14 oz"] },
    price: [14, 30],
  },
  { name: "Portable Bluetooth Speaker", options: { Color: ["Black", "Teal", "Red"] }, price: [39, 89] },
  {
    name: "Lightweight Running Shoes",
    options: { Size: ["7", "8", "9", "10", "11"], Color: ["Black/White", "Blue/Orange", "Grey"] },
    price: [69, 129],
  },
  {
    name: "Washed Linen Duvet Cover",
    options: { Size: ["Twin", "Queen", "King"], Color: ["Natural", "White", "Dusty Rose"] },
    price: [89, 179],
  },
  { name: "Chef's Knife, 8 inch", options: { Handle: ["Walnut", "Black Composite"] }, price: [39, 99] },
  { name: "Reusable Beeswax Food Wraps", options: { Pack: ["3", "5", "7"] }, price: [12, 26] },
  {
    name: "Electric Kettle, 1.7 L",
    options: { Color: ["Stainless", "Matte White", "Black"], "Temperature Control": ["Yes", "No"] },
    price: [29, 69],
  },
  {
    name: "Hardcover Dotted Notebook, A5",
    options: { Color: ["Forest", "Burgundy", "Black", "Mustard"] },
    price: [11, 19],
  },
  { name: "Indoor Plant Potting Mix", options: { Size: ["4 qt", "8 qt", "16 qt"] }, price: [7, 19] },
  { name: "Smart Wi-Fi Plug", options: { Pack: ["2", "4"] }, price: [19, 35] },
  {
    name: "Aluminum Baking Sheet",
    options: { Size: ["Quarter Sheet", "Half Sheet"], Pieces: ["1", "2"] },
    price: [11, 24],
  },
  {
    name: "Wool Blend Beanie",
    options: { Color: ["Charcoal", "Rust", "Cream", "Forest Green"] },
    price: [15, 25],
  },
  {
    name: "Slim Protective Phone Case",
    options: { Size: ["6.1 inch", "6.7 inch"], Color: ["Clear", "Black", "Lavender"] },
    price: [15, 35],
  },
  {
    name: "Braided USB-C Charging Cable",
    options: { Length: ["1 m", "2 m", "3 m"], Pack: ["1", "2"] },
    price: [9, 19],
  },
  {
    name: "Glass Meal Prep Containers",
    options: { Pieces: ["5", "10"], "Lid Color": ["Grey", "Blue"] },
    price: [24, 42],
  },
  { name: "Durable Rubber Dog Chew Toy", options: { Size: ["Small", "Medium", "Large"] }, price: [8, 16] },
  {
    name: "Sisal Cat Scratching Post",
    options: { Height: ["60 cm", "80 cm"], Color: ["Beige", "Grey"] },
    price: [25, 49],
  },
  {
    name: "Cooling Weighted Blanket",
    options: { Weight: ["5 kg", "7 kg", "9 kg"], Color: ["Grey", "Navy"] },
    price: [59, 109],
  },
  {
    name: "Adjustable Dumbbells (Pair)",
    options: { "Weight Range": ["2-10 kg", "2-20 kg"] },
    price: [79, 189],
  },
  {
    name: "Wooden Building Blocks, 100 Pieces",
    options: { Finish: ["Natural", "Painted"] },
    price: [24, 39],
  },
  {
    name: "Jigsaw Puzzle, 1000 Pieces",
    options: { Theme: ["Mountain Lake", "City at Night", "Botanical Garden", "Vintage Map"] },
    price: [15, 24],
  },
  {
    name: "French Press Coffee Maker",
    options: { Size: ["350 ml", "1 L"], Color: ["Copper", "Chrome", "Black"] },
    price: [22, 45],
  },
  { name: "Waterproof Daypack, 28 L", options: { Color: ["Olive", "Black", "Orange"] }, price: [49, 89] },
  {
    name: "Stoneware Dinner Plates (Set of 4)",
    options: { Color: ["Speckled White", "Ocean Blue", "Moss"] },
    price: [36, 58],
  },
  {
    name: "Mulberry Silk Pillowcase",
    options: { Size: ["Standard", "Queen", "King"], Color: ["Champagne", "Silver", "Blush"] },
    price: [22, 39],
  },
  { name: "Harbor Traders Board Game", options: { Edition: ["Standard", "Deluxe"] }, price: [34, 59] },
  {
    name: "Rechargeable LED Headlamp",
    options: { Color: ["Black", "Orange"], Brightness: ["300 lumens", "600 lumens"] },
    price: [19, 39],
  },
  {
    name: "Organic Loose Leaf Green Tea",
    options: { Size: ["100 g", "250 g"], Flavor: ["Sencha", "Jasmine", "Genmaicha"] },
    price: [9, 22],
  },
  {
    name: "Cordless Handheld Vacuum",
    options: { Color: ["Grey", "White"], Battery: ["Standard", "Extended"] },
    price: [59, 129],
  },
  {
    name: "Kids' Balance Bike",
    options: { Color: ["Red", "Blue", "Mint"], "Seat Height": ["Low", "Standard"] },
    price: [59, 99],
  },
  { name: "Insulated Lunch Bag", options: { Color: ["Navy", "Floral", "Grey"] }, price: [14, 26] },
  {
    name: "Solid Oak Picture Frame",
    options: { Size: ["5x7 inch", "8x10 inch", "11x14 inch"], Finish: ["Natural", "Black"] },
    price: [14, 38],
  },
  {
    name: "Gardening Gloves",
    options: { Size: ["S", "M", "L"], Pack: ["1 pair", "3 pairs"] },
    price: [9, 21],
  },
  {
    name: "Ultrasonic Aroma Diffuser",
    options: { Capacity: ["300 ml", "500 ml"], Finish: ["Light Wood", "Dark Wood", "White"] },
    price: [24, 45],
  },
  {
    name: "Hooded Winter Parka",
    options: { Size: ["S", "M", "L", "XL"], Color: ["Black", "Camel", "Forest"] },
    price: [129, 249],
  },
];

function optionCombinations(
  options: Readonly<Record<string, readonly string[]>>,
): Array<Record<string, string>> {
  let combos: Array<Record<string, string>> = [{}];
  for (const [axis, values] of Object.entries(options)) {
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [axis]: value })));
  }
  return combos;
}

/** Prices end in .99 or .49 like shop prices; rounding keeps the JSON free of float noise. */
function shopPrice(rng: Rng, [lo, hi]: readonly [number, number]): number {
  const whole = rng.int(lo, hi);
  return Math.round((whole + (rng.chance(0.7) ? 0.99 : 0.49)) * 100) / 100;
}

function buildProduct(rng: Rng, base: ProductBase): AugmentationProduct {
  const combos = rng.shuffle(optionCombinations(base.options));
  const variantCount = Math.min(rng.int(1, 4), combos.length);
  const variants: Record<string, AugmentationProductVariant> = {};
  for (const options of combos.slice(0, variantCount)) {
    const item_id = rng.hex32();
    variants[item_id] = { item_id, options, available: rng.chance(0.8), price: shopPrice(rng, base.price) };
  }
  return { name: base.name, product_id: rng.hex32(), variants };
}

// ---------------------------------------------------------------------------------------------------------
// Tool renames
// ---------------------------------------------------------------------------------------------------------

/**
 * Keyed by bare method name so one entry covers every app instance. Upstream keys these maps by the internal
 * tool name `<App instance>__<fn>` (are-substrate §7.1), so whoever applies them must also try the bare name.
 */
const TOOL_RENAMES: ReadonlyArray<readonly [string, string, string]> = [
  [
    "send_email",
    "compose_and_send_mail",
    "Write a new email and deliver it to one or more recipients, with optional CC and attachments.",
  ],
  ["reply_to_email", "respond_to_mail", "Send a reply to an existing email, identified by its id."],
  ["forward_email", "pass_mail_along", "Forward an existing email to other recipients."],
  [
    "list_emails",
    "browse_mailbox",
    "List the emails in a mailbox folder, most recent first, a page at a time.",
  ],
  ["get_email_by_id", "open_mail", "Open one email by its id and return its full content."],
  ["search_emails", "find_mail", "Find emails whose sender, subject or body matches a text query."],
  ["delete_email", "trash_mail", "Move an email to the trash folder."],
  ["move_email", "file_mail_in_folder", "Move an email from one mailbox folder to another."],
  ["send_message", "text_contact", "Send a text message to a person in a one-to-one conversation."],
  [
    "send_message_to_group_conversation",
    "post_to_group_chat",
    "Post a message in an existing group conversation.",
  ],
  [
    "read_conversation",
    "open_chat_thread",
    "Read the messages of a conversation, with an offset and a limit.",
  ],
  [
    "list_recent_conversations",
    "recent_chat_threads",
    "List the conversations with the most recent activity.",
  ],
  ["search", "search_chat_history", "Search message contents and conversation titles for a text query."],
  [
    "add_calendar_event",
    "schedule_event",
    "Create a calendar event with a title, a time range, a location and attendees.",
  ],
  ["edit_calendar_event", "modify_event", "Change the fields of an existing calendar event."],
  ["delete_calendar_event", "remove_event", "Delete a calendar event by its id."],
  [
    "get_calendar_events_from_to",
    "events_in_range",
    "List the calendar events that fall between a start and an end time.",
  ],
  [
    "search_events",
    "find_events",
    "Find calendar events whose title, description or location matches a query.",
  ],
  ["search_contacts", "lookup_people", "Find contacts by name, phone number or email address."],
  ["get_contact", "contact_card", "Show the full details of one contact."],
  ["add_new_contact", "save_new_contact", "Add a person to the address book."],
  ["edit_contact", "update_contact_details", "Change the details stored for an existing contact."],
  ["list_all_products", "browse_catalog", "List the products in the shop catalog, a page at a time."],
  ["search_product", "find_products", "Search the shop catalog for products matching a name."],
  ["get_product_details", "product_info", "Show a product's variants, options, prices and availability."],
  ["add_to_cart", "put_in_basket", "Add a quantity of a product variant to the shopping cart."],
  ["checkout", "place_order", "Buy everything in the cart, optionally applying a discount code."],
  ["cancel_order", "withdraw_order", "Cancel an order that has not been delivered yet."],
  ["list_orders", "order_history", "List past and current orders with their status."],
  ["get_quotation", "ride_price_estimate", "Estimate the price and wait time of a ride between two places."],
  ["order_ride", "book_ride", "Book a ride from a pickup location to a destination."],
  ["user_cancel_ride", "cancel_booked_ride", "Cancel the ride that is currently booked."],
  ["list_all_apartments", "browse_rentals", "List the apartments available for rent."],
  ["search_apartments", "find_rentals", "Search rental apartments by location, price, size and amenities."],
  ["save_apartment", "bookmark_rental", "Add an apartment to the saved list."],
  ["add_reminder", "set_reminder", "Create a reminder that goes off at a given time."],
  ["get_all_reminders", "list_reminders", "List every reminder with its due time."],
  ["delete_reminder", "remove_reminder", "Delete a reminder by its id."],
  ["create_note", "write_note", "Create a note with a title and content in a folder."],
  ["update_note", "revise_note", "Change the title or content of an existing note."],
  ["search_notes", "find_notes", "Find notes whose title or content matches a text query."],
  ["list_notes", "browse_notes", "List the notes in a folder, a page at a time."],
];

function sortedRecord(entries: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  return Object.fromEntries([...entries].sort(([x], [y]) => compareText(x, y)));
}

// ---------------------------------------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------------------------------------

interface FileTemplate {
  folder: string;
  name: (rng: Rng) => string;
  size: [number, number];
  text?: (rng: Rng) => string;
}

/** Files that land on a phone in passing: photos, screenshots, statements, manuals, tickets. */
const FILE_TEMPLATES: readonly FileTemplate[] = [
  { folder: "Pictures", name: (r) => `IMG_${r.digits(4)}.jpg`, size: [1_800_000, 4_600_000] },
  {
    folder: "Pictures",
    name: (r) => `Screenshot 2025-1${r.int(0, 1)}-${r.int(10, 28)} at ${r.int(10, 21)}.${r.int(10, 59)}.png`,
    size: [240_000, 1_100_000],
  },
  {
    folder: "Pictures",
    name: (r) => `PXL_20251${r.int(0, 1)}${r.int(10, 28)}_${r.digits(6)}.jpg`,
    size: [2_200_000, 5_900_000],
  },
  { folder: "Music", name: (r) => `voice-memo-${r.digits(3)}.m4a`, size: [300_000, 3_500_000] },
  {
    folder: "Downloads",
    name: (r) => `statement-${r.pick(["checking", "savings", "card"])}-${r.digits(4)}.pdf`,
    size: [60_000, 240_000],
    text: (r) =>
      `Monthly statement\nAccount ending ${r.digits(4)}\nOpening balance: ${money(r.int(40000, 900000) / 100)}\nClosing balance: ${money(r.int(40000, 900000) / 100)}`,
  },
  {
    folder: "Downloads",
    name: (r) =>
      `${r.pick(["thai-garden", "la-piazza", "green-bowl", "harbor-grill"])}-menu-${r.digits(2)}.pdf`,
    size: [90_000, 400_000],
    text: (r) =>
      `Menu\n${r.pick(RESTAURANT_DISHES)[1]} ... ${money(r.int(900, 2600) / 100)}\n${r.pick(RESTAURANT_DISHES)[1]} ... ${money(r.int(900, 2600) / 100)}`,
  },
  {
    folder: "Downloads",
    name: (r) =>
      `${r.pick(["kettle", "blender", "router", "thermostat", "vacuum"])}-manual-${r.digits(3)}.pdf`,
    size: [500_000, 3_200_000],
    text: (r) =>
      `User manual\nModel ${r.digits(4)}\nSafety instructions\nCleaning and care\nWarranty: ${r.int(1, 3)} years`,
  },
  {
    folder: "Downloads",
    name: (r) =>
      `newsletter-${r.pick(["pta", "climbing-gym", "neighborhood", "library"])}-${r.digits(3)}.html`,
    size: [0, 0],
    text: (r) => `<h1>News</h1><p>${r.pick(NEWS_HEADLINES)}</p>`,
  },
  { folder: "Downloads", name: (r) => `archive-${r.digits(5)}.zip`, size: [800_000, 12_000_000] },
  {
    folder: "Documents/Shared",
    name: (r) =>
      `${r.pick(["book-club", "running-group", "garden-plot", "choir"])}-schedule-${r.digits(2)}.txt`,
    size: [0, 0],
    text: (r) => `Schedule\n${r.pick(WEEKDAYS)} ${r.int(6, 9)} pm\n${r.pick(WEEKDAYS)} ${r.int(6, 9)} pm`,
  },
];

/** The Files entry: files in ARE's tree shape (`{name, type, children}`), each with its text, type and size. */
function buildFiles(rng: Rng, count: number): Record<string, unknown> {
  const byFolder = new Map<string, Map<string, Record<string, unknown>>>();
  while ([...byFolder.values()].reduce((n, m) => n + m.size, 0) < count) {
    const t = rng.pick(FILE_TEMPLATES);
    const name = t.name(rng);
    const folder = byFolder.get(t.folder) ?? new Map<string, Record<string, unknown>>();
    byFolder.set(t.folder, folder);
    if (folder.has(name)) continue;
    const text = t.text?.(rng);
    folder.set(name, {
      name,
      type: "file",
      ...(text !== undefined ? { content: text } : {}),
      ...(t.size[1] > 0 ? { size: rng.int(t.size[0], t.size[1]) } : {}),
    });
  }
  const root: { name: string; type: "directory"; children: Record<string, unknown>[] } = {
    name: "",
    type: "directory",
    children: [],
  };
  for (const folderPath of [...byFolder.keys()].sort(compareText)) {
    let node = root;
    for (const part of folderPath.split("/")) {
      let child = node.children.find((c) => c.name === part) as typeof root | undefined;
      if (!child) {
        child = { name: part, type: "directory", children: [] };
        node.children.push(child);
      }
      node = child;
    }
    const files = byFolder.get(folderPath) as Map<string, Record<string, unknown>>;
    node.children.push(
      ...[...files.keys()].sort(compareText).map((k) => files.get(k) as Record<string, unknown>),
    );
  }
  return root;
}

export function generateAugmentationData(seed: number = DEFAULT_AUGMENTATION_SEED): AugmentationData {
  const rng = new Rng(seed);
  const user: Person = { first: USER.first, last: USER.last, id: rng.hex32() };
  const people: Person[] = PEOPLE.map(([first, last]) => ({ first, last, id: rng.hex32() }));

  const messages = planConversations(rng, "Messages", AUGMENTATION_COUNTS.messagesConversations).map((plan) =>
    buildConversation(rng, plan, user, people),
  );
  const chats = planConversations(rng, "Chats", AUGMENTATION_COUNTS.chatsConversations).map((plan) =>
    buildConversation(rng, plan, user, people),
  );
  const emails = buildEmails(rng, AUGMENTATION_COUNTS.emails, people);
  const products = rng
    .shuffle(PRODUCTS)
    .slice(0, AUGMENTATION_COUNTS.products)
    .map((base) => buildProduct(rng, base))
    .sort((x, y) => compareText(x.name, y.name));
  const files = buildFiles(rng, AUGMENTATION_COUNTS.files);

  const data = {
    apps: [
      { name: "Messages", app_state: { conversations: conversationMap(messages) } },
      { name: "Chats", app_state: { conversations: conversationMap(chats) } },
      { name: "Emails", app_state: { folders: { INBOX: { emails } } } },
      { name: "RentAFlat", app_state: {} },
      {
        name: "Shopping",
        app_state: {
          products: Object.fromEntries(products.map((p) => [`pare_augmentation_${p.product_id}`, p])),
        },
      },
      { name: "Files", app_state: { files } },
    ],
    tool_names_mapping: sortedRecord(TOOL_RENAMES.map(([method, name]) => [method, name] as const)),
    tool_descriptions_mapping: sortedRecord(
      TOOL_RENAMES.map(([method, , description]) => [method, description] as const),
    ),
  };
  // The generator must never emit a file its own loader rejects.
  return parseAugmentationData(data, `generateAugmentationData(${seed})`);
}

export function serializeAugmentationData(data: AugmentationData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

export function writeAugmentationData(path: string, seed: number = DEFAULT_AUGMENTATION_SEED): string {
  const text = serializeAugmentationData(generateAugmentationData(seed));
  writeFileAtomic(path, text);
  return text;
}

const CliOptions = z.object({
  seed: z.coerce.number().int().default(DEFAULT_AUGMENTATION_SEED),
  out: z.string().min(1).optional(),
});

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: { seed: { type: "string" }, out: { type: "string" } },
  });
  const parsed = CliOptions.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid arguments: ${problems.join("; ")}`);
  }
  const out = resolve(parsed.data.out ?? resolve(projectRoot(), DEFAULT_AUGMENTATION_DATA_RELATIVE_PATH));
  const text = writeAugmentationData(out, parsed.data.seed);
  const data = parseAugmentationData(JSON.parse(text), out);
  const counts = [
    ...messagingEntries(data).map((e) => `${e.name}: ${e.conversations.length} conversations`),
    ...emailEntries(data).map((e) => `${e.name}: ${e.emails.length} emails`),
    ...shoppingEntries(data).map((e) => `${e.name}: ${e.products.length} products`),
    ...filesEntries(data).map((e) => `${e.name}: ${e.files.length} files`),
  ];
  console.log(
    `Wrote ${out} (${Buffer.byteLength(text)} bytes, seed ${parsed.data.seed}; ${counts.join(", ")})`,
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
