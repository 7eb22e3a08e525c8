/**
 * Cuts the text at the first occurrence of any stop sequence. Engines do this locally because not
 * every model accepts a `stop` parameter, and the agents depend on the cut either way.
 */
export function applyStopSequences(text: string, stop: readonly string[] | undefined): string {
  if (!stop || stop.length === 0) return text;
  let cut = text.length;
  for (const sequence of stop) {
    if (sequence.length === 0) continue;
    const index = text.indexOf(sequence);
    if (index !== -1 && index < cut) cut = index;
  }
  return text.slice(0, cut);
}

/**
 * PARE's engine lowercases every `True`/`False` substring so Python-style literals parse as JSON. It
 * also rewrites prose ("Trueman" → "trueman"); callers opt in for parity, the engines never apply it.
 */
export function lowercaseBooleanLiterals(text: string): string {
  return text.replaceAll("False", "false").replaceAll("True", "true");
}
