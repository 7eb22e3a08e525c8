import { type Dispatcher, EnvHttpProxyAgent } from "undici";

/**
 * The HTTP layer of the OpenAI-compatible engine: one buffered request and its reply, with a deadline and the
 * caller's abort signal. The default goes straight to an undici dispatcher (`dispatch` with a handler that only
 * collects the body chunks), which skips what a `fetch` or an SDK would build per call (WHATWG Request, Headers,
 * Response and streams, option merging, logging); at hundreds of calls per second that is the harness's largest
 * CPU cost (`npm run bench`, "transport"). Chat completions are not streamed here.
 */

export interface HttpRequest {
  url: URL;
  method: "GET" | "POST";
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
  body: string | null;
  /** The whole exchange, body included, must end within this many milliseconds. */
  timeoutMs: number;
  /** The caller's signal: aborting it rejects the request with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export interface HttpReply {
  status: number;
  /** Lower-case names; a repeated header is an array. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body decoded as UTF-8 (a leading byte-order mark removed, as `Response.text()` does). */
  body: string;
}

export type HttpTransport = (request: HttpRequest) => Promise<HttpReply>;

/** The request ran past its `timeoutMs`. */
export class HttpDeadlineError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no complete reply within ${timeoutMs} ms`);
    this.name = "HttpDeadlineError";
  }
}

/** Connections per origin: enough for hundreds of concurrent calls to one endpoint. */
export const CONNECTIONS_PER_ORIGIN = 512;

let shared: Dispatcher | null = null;

/**
 * The process-wide dispatcher, built on first use (the proxy variables are read then): an `EnvHttpProxyAgent`, so
 * that `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (and their lowercase forms) are honoured, with keep-alive
 * connection pools per origin.
 */
export function sharedDispatcher(): Dispatcher {
  shared ??= new EnvHttpProxyAgent({ connections: CONNECTIONS_PER_ORIGIN, keepAliveTimeout: 30_000 });
  return shared;
}

function decodeBody(chunks: readonly Buffer[]): string {
  const text =
    chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A transport over an undici dispatcher (default: the shared proxy-aware pool), resolved per request so that a
 * dispatcher built lazily picks up the environment of its first use.
 */
export function dispatcherTransport(dispatcher: () => Dispatcher = sharedDispatcher): HttpTransport {
  return (request) =>
    new Promise<HttpReply>((resolve, reject) => {
      const { signal } = request;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let controller: Dispatcher.DispatchController | null = null;
      let failure: unknown = null;
      let settled = false;
      let status = 0;
      let headers: HttpReply["headers"] = {};
      let chunks: Buffer[] = [];
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const fail = (error: unknown) => {
        if (settled) return;
        settle();
        failure = error;
        // Closes the request (and its connection) whether or not it has started.
        controller?.abort(error instanceof Error ? error : new Error(String(error)));
        reject(error);
      };
      const onAbort = () => fail(signal?.reason);
      const timer = setTimeout(() => fail(new HttpDeadlineError(request.timeoutMs)), request.timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart(c) {
          controller = c;
          if (failure !== null) c.abort(failure instanceof Error ? failure : new Error(String(failure)));
        },
        onResponseStart(_c, statusCode, responseHeaders) {
          // 1xx informational answers come first; only the final one counts.
          status = statusCode;
          headers = responseHeaders;
          chunks = [];
        },
        onResponseData(_c, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          if (settled) return;
          settle();
          resolve({ status, headers, body: decodeBody(chunks) });
        },
        onResponseError(_c, error) {
          fail(error);
        },
      };
      const { url } = request;
      dispatcher().dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: request.method,
          // A copy: a proxy agent adds headers (host) to the object it is given.
          headers: { ...request.headers },
          body: request.body,
          // The deadline above covers the whole exchange; undici's own (300 s by default) must not cut it shorter.
          headersTimeout: request.timeoutMs + 1_000,
          bodyTimeout: request.timeoutMs + 1_000,
        },
        handler,
      );
    });
}

type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A transport over any WHATWG `fetch` (another runtime's, a test's); slower than the dispatcher. */
export function fetchTransport(fetchFn: FetchFn): HttpTransport {
  return async (request) => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new HttpDeadlineError(request.timeoutMs));
    }, request.timeoutMs);
    const onAbort = () => controller.abort(request.signal?.reason);
    if (request.signal?.aborted) onAbort();
    request.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const response = await fetchFn(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
      });
      const body = await response.text();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return { status: response.status, headers, body };
    } catch (error) {
      if (timedOut) throw new HttpDeadlineError(request.timeoutMs);
      if (request.signal?.aborted) throw request.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
    }
  };
}

/** One header's value; a repeated header joined with ", ". */
export function headerValue(headers: HttpReply["headers"], name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
