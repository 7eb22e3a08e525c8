/**
 * Where the text must be cut: the first occurrence of any stop sequence that is not inside a string of a JSON
 * object (a `"…"` between braces), or -1. A model that writes an argument containing `Observation:` or
 * `<end_action>` (a note "Observation: the sample turned blue") has not finished its action there, so only a
 * stop sequence after the object (or in the prose around it) ends the reply.
 */
export function findStopSequence(text: string, stop: readonly string[] | undefined): number {
  const sequences = (stop ?? []).filter((s) => s.length > 0);
  if (sequences.length === 0) return -1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (sequences.some((s) => text.startsWith(s, i))) return i;
    if (c === "{") depth++;
    else if (c === "}") depth = Math.max(0, depth - 1);
    else if (c === '"' && depth > 0) inString = true;
  }
  return -1;
}

/**
 * Cuts the text at its first stop sequence outside a JSON string (`findStopSequence`). Engines do this locally
 * because not every model accepts a `stop` parameter, and the agents depend on the cut either way.
 */
export function applyStopSequences(text: string, stop: readonly string[] | undefined): string {
  const cut = findStopSequence(text, stop);
  return cut === -1 ? text : text.slice(0, cut);
}

/**
 * PARE's engine lowercases every `True`/`False` substring so Python-style literals parse as JSON. It
 * also rewrites prose ("Trueman" → "trueman"); callers opt in for parity, the engines never apply it.
 */
export function lowercaseBooleanLiterals(text: string): string {
  return text.replaceAll("False", "false").replaceAll("True", "true");
}
