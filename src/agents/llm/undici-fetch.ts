import { type Dispatcher, EnvHttpProxyAgent, request } from "undici";

/**
 * The HTTP transport of the OpenAI client: undici's `request` over an `EnvHttpProxyAgent`, so that `HTTP_PROXY`,
 * `HTTPS_PROXY` and `NO_PROXY` (and their lowercase forms) are honoured, with undici's keep-alive connection pools
 * per origin. `request` skips the WHATWG stream machinery of `fetch`, which is what keeps its CPU per call at or
 * below the hand-written node:http fetch it replaces (measured by `npm run bench`, "transport"). Responses are
 * buffered (chat completions are not streamed here).
 */

/** Connections per origin: enough for hundreds of concurrent calls to one endpoint. */
const CONNECTIONS_PER_ORIGIN = 512;

let shared: Dispatcher | null = null;

/** The process-wide dispatcher, built on first use (the proxy variables are read then). */
export function sharedDispatcher(): Dispatcher {
  shared ??= new EnvHttpProxyAgent({ connections: CONNECTIONS_PER_ORIGIN, keepAliveTimeout: 30_000 });
  return shared;
}

const NO_BODY = new Set([101, 204, 205, 304]);

function requestUrl(input: string | URL | Request): URL {
  if (typeof input === "string") return new URL(input);
  if (input instanceof URL) return input;
  return new URL(input.url);
}

/** A `fetch` for the OpenAI client over undici; `dispatcher` defaults to the shared proxy-aware pool. */
export function createUndiciFetch(dispatcher: () => Dispatcher = sharedDispatcher) {
  return async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = requestUrl(input);
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new TypeError(`fetch failed: unsupported protocol ${url.protocol}`);
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== "string" && !(body instanceof Uint8Array))
      throw new TypeError("the undici transport supports string and byte bodies only");
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: (init.method ?? "GET") as Dispatcher.HttpMethod,
        headers,
        body: body ?? null,
        signal: init.signal ?? undefined,
        dispatcher: dispatcher(),
      });
    } catch (error) {
      if ((error as Error).name === "AbortError") throw error;
      throw new TypeError(`fetch failed: ${(error as Error).message}`, { cause: error });
    }
    const bytes = Buffer.from(await response.body.arrayBuffer());
    const out = new Headers();
    for (const [key, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) out.append(key, v);
    }
    return new Response(NO_BODY.has(response.statusCode) ? null : bytes, {
      status: response.statusCode,
      headers: out,
    });
  };
}

export const undiciFetch = createUndiciFetch();
