// The HTTP API client: bearer token, JSON, problem+json errors, Idempotency-Key and Retry-After.

/** Automatic retries of one request when the API asks to wait (409 in progress, 503) for at most this long. */
const AUTO_RETRY_MAX_SECONDS = 10;
const AUTO_RETRIES = 2;

/**
 * A failed call, with a message written for people. `kind` tells the screens what to offer:
 * "auth" (sign in again), "network", "rate-limit", "busy", "invalid", "conflict", "forbidden",
 * "not-found", "server".
 */
export class ApiError extends Error {
  constructor({ status, kind, title, detail, retryAfter = null, problem = {} }) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.kind = kind;
    this.title = title;
    this.detail = detail;
    this.retryAfter = retryAfter;
    this.problem = problem;
  }

  /** Whether the same request (same Idempotency-Key) may simply be sent again. */
  get retryable() {
    return ["network", "rate-limit", "busy", "server"].includes(this.kind);
  }
}

/** A fresh Idempotency-Key: a random UUID, one per user action. */
export function newIdempotencyKey() {
  if (globalThis.crypto && typeof crypto.randomUUID === "function") {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Retry-After as whole seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value, now = Date.now()) {
  if (value == null || value === "") return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** "about 20 minutes", "45 seconds": how long to wait, for a sentence. */
export function humanWait(seconds) {
  if (seconds == null) return "a little while";
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `about ${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `about ${Math.round(minutes / 60)} hours`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {{baseUrl: string, token: () => string, onAuthFailure: (error: ApiError) => void}} options
 */
export function createApi({ baseUrl, token, onAuthFailure }) {
  const base = (baseUrl || window.location.origin).replace(/\/+$/, "");

  async function send(method, path, { body, idempotencyKey, signal } = {}) {
    const headers = { accept: "application/json, application/problem+json" };
    const bearer = token();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
    for (let attempt = 0; ; attempt++) {
      let response;
      try {
        response = await fetch(base + path, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal,
          credentials: "omit",
          cache: "no-store",
        });
      } catch (e) {
        if (e && e.name === "AbortError") throw e;
        throw new ApiError({
          status: 0,
          kind: "network",
          title: "No connection",
          detail: "Comic Shelf could not be reached. Check your connection, then try again.",
        });
      }
      if (response.status === 204) return null;
      const data = await readBody(response);
      if (response.ok) return data;
      const error = toError(response, data);
      // The API asks us to come back shortly (an earlier try with this key still running, a database
      // waking up): wait as told and send the same request again, key included.
      if (error.kind === "busy" && attempt < AUTO_RETRIES && (error.retryAfter ?? 1) <= AUTO_RETRY_MAX_SECONDS) {
        await sleep(Math.max(1, error.retryAfter ?? 1) * 1000);
        continue;
      }
      if (error.kind === "auth") onAuthFailure(error);
      throw error;
    }
  }

  return {
    get: (path, options) => send("GET", path, options),
    put: (path, body, options) => send("PUT", path, { ...options, body }),
    delete: (path, options) => send("DELETE", path, options),
    /** POSTs create things: each carries an Idempotency-Key (pass the action's key to retry it). */
    post: (path, body, { idempotencyKey = newIdempotencyKey(), ...options } = {}) =>
      send("POST", path, { ...options, body, idempotencyKey }),
  };
}

async function readBody(response) {
  const type = response.headers.get("content-type") || "";
  if (!/json/i.test(type)) {
    await response.text().catch(() => "");
    return null;
  }
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function toError(response, data) {
  const status = response.status;
  const isProblem = /application\/problem\+json/i.test(response.headers.get("content-type") || "");
  const problem = isProblem && data && typeof data === "object" ? data : {};
  const detail = typeof problem.detail === "string" && problem.detail ? sentence(problem.detail) : null;
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  const make = (kind, title, text) => new ApiError({ status, kind, title, detail: text, retryAfter, problem });
  if (status === 401) {
    return make("auth", "Signed out", "You are signed out, or your sign-in has expired. Sign in again to continue.");
  }
  if (status === 403 && !isProblem) {
    // API Gateway's own answer: the authorizer refused the token (forged, expired, malformed).
    return make("auth", "Sign-in refused", "Your sign-in is no longer accepted (it may have expired). Sign in again to continue.");
  }
  if (status === 403) return make("forbidden", problem.title || "Not allowed", detail || "You are not allowed to do that.");
  if (status === 404) return make("not-found", problem.title || "Not found", detail || "That no longer exists.");
  if (status === 429) {
    return make(
      "rate-limit",
      "Slow down",
      `${detail ? detail + " " : ""}You can try again in ${humanWait(retryAfter)}.`,
    );
  }
  if (status === 409 && retryAfter != null) {
    return make("busy", "Still working", "Your earlier request is still being processed. Try again in a few seconds.");
  }
  if (status === 503) {
    return make("busy", "Temporarily unavailable", detail || `Comic Shelf is busy. Try again in ${humanWait(retryAfter)}.`);
  }
  if (status === 409) return make("conflict", problem.title || "Conflict", detail || "That clashes with something that exists already.");
  if (status === 400 || status === 413 || status === 415 || status === 422) {
    return make("invalid", problem.title || "Check what you entered", detail || "Something in the request was not accepted.");
  }
  if (status >= 500) {
    return make("server", "Something went wrong", detail || "Something went wrong on our side. Try again in a moment.");
  }
  return make("server", "Something went wrong", detail || "The request did not work. Try again in a moment.");
}

/** The API's details are lower-case clauses; shown to people they read better as sentences. */
function sentence(text) {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : capital + ".";
}
