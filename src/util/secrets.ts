/**
 * Secrets the process holds (the API keys engines read, credentials found in base URLs), kept so that every
 * file pare-ts writes is scrubbed of them, whichever code path produced the text: a server or a model that
 * echoes the Authorization header into an error or a completion must not put the key on disk.
 */
const secrets = new Set<string>();

/** Keys shorter than this are not secrets worth scrubbing and would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;

export const REDACTED = "[REDACTED]";

/** Query parameters whose values are secrets (`?api_key=…`, signed URLs). */
export const SECRET_QUERY_PARAM = /(key|token|secret|password|passwd|pwd|auth|signature|sig|credential)/i;

export function registerSecret(secret: string): void {
  if (secret.length >= MIN_SECRET_LENGTH) secrets.add(secret);
}

/** Registers the credentials of a URL: its user name and password, and the values of its secret query parameters. */
export function registerUrlSecrets(url: string | null | undefined): void {
  if (!url) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.password) registerSecret(decodeURIComponent(parsed.password));
  if (parsed.username && parsed.password) registerSecret(decodeURIComponent(parsed.username));
  for (const [name, value] of parsed.searchParams) if (SECRET_QUERY_PARAM.test(name)) registerSecret(value);
}

/** Forgets every registered secret (tests). */
export function clearSecrets(): void {
  secrets.clear();
}

/** Whether any secret is registered (writers skip the scan otherwise). */
export function hasSecrets(): boolean {
  return secrets.size > 0;
}

/** Removes every registered secret, and any `Bearer …` credential (error messages that echo headers). */
export function redactSecrets(text: string): string {
  return redactRegistered(text).replace(/(Bearer\s+)[^\s"',)\\]+/gi, `$1${REDACTED}`);
}

/** Removes every registered secret, as written and as JSON escapes it. */
export function redactRegistered(text: string): string {
  let out = text;
  // Longest first so a key that contains another registered key is removed whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    // JSON writers escape some characters of a key; the escaped form is scrubbed too.
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret && out.includes(escaped)) out = out.split(escaped).join(REDACTED);
  }
  return out;
}

/**
 * Text about to be written, without the registered secrets (a no-op while none is registered, so offline runs
 * write byte-identical files). Ordinary text is never touched.
 */
export function redactForWriting<T extends string | Uint8Array>(content: T): T {
  if (typeof content !== "string" || secrets.size === 0) return content;
  return redactRegistered(content) as T;
}
