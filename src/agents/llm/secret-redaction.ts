/**
 * API keys read by engines are registered here so that every LLM error message is scrubbed of them,
 * whichever code path built the message (server bodies sometimes echo the Authorization header).
 */
const secrets = new Set<string>();

/** Keys shorter than this are not secrets worth scrubbing and would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;

export const REDACTED = "[REDACTED]";

export function registerSecret(secret: string): void {
  if (secret.length >= MIN_SECRET_LENGTH) secrets.add(secret);
}

export function redactSecrets(text: string): string {
  let out = text;
  // Longest first so a key that contains another registered key is removed whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(REDACTED);
  }
  return out.replace(/(Bearer\s+)[^\s"',)]+/gi, `$1${REDACTED}`);
}
