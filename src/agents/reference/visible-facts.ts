/**
 * The "seen fact" rule of the reference agent: which arguments of a tool call are facts the agent must have
 * seen (ids, email addresses, phone numbers, names, codes, addresses, prices), and whether a fact occurs in
 * the texts it was shown. Free text, times, counts, choices from a tool's own vocabulary and booleans are
 * composed by the agent and left to the scenario's validator.
 *
 * Matching, by the shape of the value (always case-insensitive):
 * - phone-like strings (7+ digits, only digits, spaces, `+().-`): the same digits in the same order, with any
 *   of those separators between them, and no digit right before or after (`(206) 555-0111` = `206-555-0111`;
 *   `2065550111` is not inside `12065550111`);
 * - numbers (and short numeric strings): a number token of the same value (`2350` = `$2,350` = `2,350.00`),
 *   not part of an id, a date or a time (`23` is not in `ord-2350`, `2025-11-23` or `08:23`);
 * - strings with whitespace (names, addresses, places): the same words in the same order, punctuation and
 *   accents ignored (`Eagle Ridge Trailhead north lot` = `Eagle Ridge Trailhead, north lot`); with commas,
 *   each comma-separated part on its own (`Little Saigon Kitchen, Grove St` is seen in a message that says
 *   "Little Saigon Kitchen on Grove St");
 * - other strings (ids, email addresses, codes, single names): the same characters (accents folded), not inside a longer
 *   identifier (`ord-12` is not in `ord-123`, `bo@x.io` is not in `obo@x.io`, but is in `<bo@x.io>.`).
 */

/** Argument names whose values the agent composes: free text. */
const FREE_TEXT = new Set([
  "content",
  "title",
  "subject",
  "description",
  "message",
  "body",
  "text",
  "note",
  "reason",
  "query",
  "product_name",
  "job",
]);
/** Counts and paging. */
const COUNTS = new Set([
  "quantity",
  "offset",
  "limit",
  "idx",
  "index",
  "repetition_value",
  "offset_recent_messages_per_conversation",
  "limit_recent_messages_per_conversation",
  "number_of_bedrooms",
  "number_of_bathrooms",
  "square_footage",
  "age",
  "timeout",
]);
/** Choices from a tool's own vocabulary (folders, tags, kinds), named in the tool descriptions or the app. */
const CHOICES = new Set([
  "folder",
  "folder_name",
  "source_folder_name",
  "dest_folder_name",
  "new_folder",
  "tag",
  "service_type",
  "repetition_unit",
  "property_type",
  "furnished_status",
  "pet_policy",
  "lease_term",
  "floor_level",
  "status",
  "gender",
  "nationality",
  "amenities",
  "path_to_save",
  "attachment_paths",
  "attachment_path",
  "attachment_name",
]);
/** Times and dates (`start_datetime`, `due_datetime`, `ride_time`, `min_date`, …). */
const TIME_KEY = /(?:^|_)(?:date|time|datetime)s?(?:$|_)/;

export type FactKind = "digits" | "number" | "words" | "exact";

/** One identifier-like leaf of a call's arguments. */
export interface FactArgument {
  /** Where it sits in the arguments: `item_id`, `attendees[1]`, `updates.phone`. */
  path: string;
  value: string | number;
  kind: FactKind;
}

/** Why an argument is not a fact, or null when it is one (the innermost argument name decides). */
export function composedReason(key: string): "free text" | "count" | "choice" | "time" | null {
  const k = key.toLowerCase();
  if (FREE_TEXT.has(k)) return "free text";
  if (COUNTS.has(k)) return "count";
  if (CHOICES.has(k)) return "choice";
  if (TIME_KEY.test(k)) return "time";
  return null;
}

const PHONE_SHAPE = /^\+?[\d\s().-]+$/;
const NUMERIC_STRING = /^\d{1,6}(?:\.\d+)?$/;

function kindOf(value: string | number): FactKind {
  if (typeof value === "number") return "number";
  if (PHONE_SHAPE.test(value) && (value.match(/\d/g)?.length ?? 0) >= 7) return "digits";
  if (NUMERIC_STRING.test(value)) return "number";
  return /\s/.test(value) ? "words" : "exact";
}

/** The identifier-like leaves of a call's arguments, in argument order. */
export function factArguments(args: Readonly<Record<string, unknown>>): FactArgument[] {
  const out: FactArgument[] = [];
  const walk = (value: unknown, key: string, path: string): void => {
    if (composedReason(key) !== null) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        walk(v, key, `${path}[${i}]`);
      });
      return;
    }
    if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, k, path === "" ? k : `${path}.${k}`);
      return;
    }
    if (typeof value === "number" && Number.isFinite(value)) {
      out.push({ path, value, kind: "number" });
      return;
    }
    if (typeof value !== "string") return;
    const text = value.trim();
    if (text === "") return;
    out.push({ path, value: text, kind: kindOf(text) });
  };
  for (const [k, v] of Object.entries(args)) walk(v, k, k);
  return out;
}

/** Lower case, accents folded (`Tomás` reads as `tomas`). */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Letters and digits, folded: the words of a text. */
function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const NUMBER_TOKEN =
  /(?<![\p{L}\p{N}_.:\-@/])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\p{L}\p{N}_:\-@]|[.,]\d)/gu;

/** One text the agent was shown, prepared for matching. */
class SeenEntry {
  /** Folded (see `fold`), JSON escapes undone. */
  readonly lower: string;
  private wordList: string[] | undefined;
  private numberList: number[] | undefined;

  constructor(text: string) {
    // JSON escapes read as what they stand for: `\n` is a line break, not an `n` glued to the next word.
    this.lower = fold(text.replace(/\\[nrt]/g, " ").replace(/\\(["\\/])/g, "$1"));
  }

  get words(): string[] {
    this.wordList ??= words(this.lower);
    return this.wordList;
  }

  get numbers(): number[] {
    if (!this.numberList) {
      this.numberList = [];
      for (const m of this.lower.matchAll(NUMBER_TOKEN))
        this.numberList.push(Number(`${(m[1] as string).replace(/,/g, "")}.${m[2] ?? "0"}`));
    }
    return this.numberList;
  }
}

const ID_CHAR = /[\p{L}\p{N}_@.-]/u;
const ID_CHAR_AFTER = /[\p{L}\p{N}_@-]/u;

function containsExact(text: string, value: string): boolean {
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
    const before = text[at - 1];
    const after = text[at + value.length];
    const next = text[at + value.length + 1];
    if (before !== undefined && ID_CHAR.test(before)) continue;
    if (after !== undefined && ID_CHAR_AFTER.test(after)) continue;
    if (after === "." && next !== undefined && /[\p{L}\p{N}]/u.test(next)) continue;
    return true;
  }
  return false;
}

function containsWords(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The parts a fact is matched by: a comma-separated place or name (`Juniper Cafe, 58 Orchard Ave`) is seen
 * when each part is, so an address may be put together from its name and street as a model would.
 */
function factParts(fact: FactArgument): FactArgument[] {
  if (fact.kind !== "words" || typeof fact.value !== "string" || !fact.value.includes(",")) return [fact];
  const parts = fact.value
    .split(",")
    .map((p) => p.trim())
    .filter((p) => words(p).length > 0);
  return parts.map((value) => ({ path: fact.path, value, kind: /\s/.test(value) ? "words" : kindOf(value) }));
}

/** Does one prepared text contain the fact? */
function entryHas(entry: SeenEntry, fact: FactArgument): boolean {
  switch (fact.kind) {
    case "number": {
      const n = typeof fact.value === "number" ? fact.value : Number(fact.value);
      return entry.numbers.some((x) => Math.abs(x - n) < 1e-9);
    }
    case "digits": {
      const digits = String(fact.value).replace(/\D/g, "");
      const pattern = new RegExp(`(?<!\\d)${digits.split("").map(escapeRegExp).join("[\\s().-]*")}(?!\\d)`);
      return pattern.test(entry.lower);
    }
    case "words":
      return containsWords(entry.words, words(String(fact.value)));
    case "exact":
      return containsExact(entry.lower, fold(String(fact.value)));
  }
}

/** Everything one agent was shown (prompts, tasks, notifications, tool results), as a set of texts. */
export class SeenText {
  private readonly entries: SeenEntry[] = [];

  add(text: string): void {
    if (text.trim() !== "") this.entries.push(new SeenEntry(text));
  }

  has(fact: FactArgument): boolean {
    return factParts(fact).every((part) => this.entries.some((e) => entryHas(e, part)));
  }

  get size(): number {
    return this.entries.length;
  }
}

/** Does this one text contain the fact (the same rule as `SeenText.has`)? */
export function textShows(text: string, fact: FactArgument): boolean {
  const entry = new SeenEntry(text);
  return factParts(fact).every((part) => entryHas(entry, part));
}
