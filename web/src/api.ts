/**
 * Data access: the JSON API of `pare view`, or, in an exported site opened from disk, the responses the export
 * wrote into data.js (`window.__PARE_STATIC__`, keyed by API path).
 */
declare global {
  interface Window {
    __PARE_STATIC__?: Record<string, unknown> | null;
  }
}

export const isStatic = (): boolean => !!window.__PARE_STATIC__;

export class ApiError extends Error {}

export async function get<T>(path: string): Promise<T> {
  const table = window.__PARE_STATIC__;
  if (table) {
    if (!(path in table)) throw new ApiError(`this exported site does not include ${path}`);
    return table[path] as T;
  }
  const response = await fetch(path, { headers: headers() });
  return read<T>(response);
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  if (isStatic()) throw new ApiError("an exported site is read-only");
  const response = await fetch(path, {
    method: "POST",
    headers: { ...headers(), "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return read<T>(response);
}

async function read<T>(response: Response): Promise<T> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`the server answered ${response.status} without JSON`);
  }
  if (!response.ok) throw new ApiError((body as { error?: string })?.error ?? `HTTP ${response.status}`);
  return body as T;
}

let annotator: string | null = null;
export function setAnnotator(id: string | null): void {
  annotator = id;
}
function headers(): Record<string, string> {
  return annotator ? { "X-Annotator-ID": annotator } : {};
}
