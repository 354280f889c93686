// DOM helpers shared by the screens: elements, covers, comic cards, skeletons, empty and error states.

/** h("p", {class: "x", onclick: fn}, "text", child): an element with attributes, listeners and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      element.className = value;
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Text only screen readers read (e.g. the comic's title inside a short button label). */
export const hidden = (text) => h("span", { class: "vh" }, text);

/** Says `message` through the page's polite live region. */
export function announce(message) {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  // A fresh text node after a tick, so the same message twice is announced twice.
  setTimeout(() => (region.textContent = message), 50);
}

/** Cover sizes (CSS pixels, 2:3): width and height are set so nothing shifts when the image arrives. */
export const COVER = { list: [80, 120], large: [120, 180] };

/** The comic's cover, loaded lazily; a lettered placeholder in the comic's own colour when it has none. */
export function cover(comic, size = "list") {
  const [width, height] = COVER[size];
  if (comic.coverUrl) {
    return h("img", {
      class: `cover cover-${size}`,
      src: comic.coverUrl,
      alt: `Cover of ${comic.title}`,
      width,
      height,
      loading: "lazy",
      decoding: "async",
    });
  }
  return h(
    "span",
    { class: `cover cover-${size} cover-none hue-${hue(comic.title)}`, role: "img", "aria-label": `${comic.title} has no cover yet` },
    h("span", { "aria-hidden": "true" }, initials(comic.title)),
  );
}

function initials(title) {
  const words = String(title).replace(/^(the|a|an)\s+/i, "").split(/\s+/).filter(Boolean);
  return words.slice(0, 2).map((w) => w[0].toUpperCase()).join("");
}

function hue(text) {
  let hash = 0;
  for (const ch of String(text)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 6;
}

/** "liked by Ann, Bob and 3 others": up to three names, the most recent likers first. */
export function likedByLine(item) {
  const names = (item.likedBy || []).map((f) => f.name).filter(Boolean);
  const others = Math.max(0, (item.friendCount || 0) - names.length);
  const othersText = `${others} other${others === 1 ? "" : "s"}`;
  if (names.length === 0) {
    return `liked by ${item.friendCount} friend${item.friendCount === 1 ? "" : "s"}`;
  }
  const parts = others > 0 ? [...names, othersText] : names;
  const listed = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return `liked by ${listed}`;
}

/**
 * A comic as a card: cover, title, publisher and year, extra lines, and actions.
 * @param {{comic: object, rank?: number, lines?: Node[], actions?: Node[], headingLevel?: number}} options
 */
export function comicCard({ comic, rank, lines = [], actions = [], headingLevel = 2 }) {
  return h(
    "li",
    { class: `comic-card${rank ? " ranked" : ""}`, dataset: { comicId: comic.id } },
    rank ? h("span", { class: "rank" }, h("span", { class: "vh" }, "Rank "), String(rank)) : null,
    cover(comic),
    h(
      "div",
      { class: "comic-info" },
      h(`h${headingLevel}`, { class: "comic-title" }, comic.title),
      h("p", { class: "comic-meta" }, `${comic.publisher} · ${comic.year}`),
      lines,
    ),
    actions.length ? h("div", { class: "comic-actions" }, actions) : null,
  );
}

/** Grey stand-ins for `count` cards while a list loads; hidden from screen readers (the status says it). */
export function skeletonList(count = 4) {
  const items = Array.from({ length: count }, () =>
    h(
      "li",
      { class: "comic-card skeleton" },
      h("span", { class: "cover cover-list" }),
      h("div", { class: "comic-info" }, h("span", { class: "line line-title" }), h("span", { class: "line" }), h("span", { class: "line line-short" })),
    ),
  );
  return h("ul", { class: "comic-list", "aria-hidden": "true", "data-skeleton": "" }, items);
}

/** What to do next when a list is empty: a heading, a sentence and an optional action. */
export function emptyState({ title, text, action }) {
  return h(
    "div",
    { class: "empty-state" },
    h("h2", { class: "empty-title" }, title),
    h("p", {}, text),
    action ? h("p", {}, action) : null,
  );
}

/**
 * A failure, from the API's problem+json detail, with what can be done: try again, or sign in again.
 * @param {import("./api.js").ApiError|Error} error
 * @param {{retry?: () => void, retryLabel?: string, signIn?: () => void}} options
 */
export function problemBox(error, { retry, retryLabel = "Try again", signIn } = {}) {
  const auth = error.kind === "auth";
  return h(
    "div",
    { class: "callout callout-error problem", role: "alert" },
    h("p", { class: "problem-title" }, error.title || "Something went wrong"),
    h("p", { class: "problem-detail" }, error.detail || error.message || "Something went wrong. Try again in a moment."),
    auth && signIn
      ? h("p", {}, h("button", { type: "button", class: "btn", onclick: signIn }, "Sign in again"))
      : retry && (!error.kind || error.retryable || error.kind === "not-found")
        ? h("p", {}, h("button", { type: "button", class: "btn", onclick: retry }, retryLabel))
        : null,
  );
}

/** A button that runs an async action once at a time, showing `busyLabel` meanwhile. */
export function actionButton({ label, busyLabel, className = "btn", ariaLabel, run }) {
  const button = h("button", { type: "button", class: className, "aria-label": ariaLabel }, label);
  button.addEventListener("click", async () => {
    if (button.getAttribute("aria-disabled") === "true" || button.dataset.busy) return;
    button.dataset.busy = "1";
    const before = [...button.childNodes];
    if (busyLabel) button.replaceChildren(busyLabel);
    try {
      await run(button);
    } finally {
      delete button.dataset.busy;
      if (button.isConnected && busyLabel && button.textContent === busyLabel) button.replaceChildren(...before);
    }
  });
  return button;
}

/** Replaces `container`'s content with `nodes`. */
export function show(container, ...nodes) {
  container.replaceChildren(...nodes.flat().filter(Boolean));
}

/** "5 MB", "820 KB". */
export function bytes(n) {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/**
 * A screen that loads when it is shown: the first time, after a reset (signed in as someone else), and
 * again when the shelf changed while it was hidden. `load` is the screen's own; call `loaded()` when it
 * has shown fresh data.
 */
/**
 * The loads of one screen's body: each aborts the one before it; the body is busy while it runs; a
 * failure shows the problem with a retry. `request(signal)` fetches, `render(result, signal)` shows it.
 */
export function bodyLoader({ body, status, signIn }) {
  let controller = null;
  return async function run({ busy, skeleton, request, render, retry }) {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    if (skeleton) show(body, skeleton);
    body.setAttribute("aria-busy", "true");
    status.textContent = busy;
    try {
      await render(await request(signal), signal);
    } catch (error) {
      if (error.name === "AbortError") return;
      show(body, problemBox(error, { retry, signIn }));
      status.textContent = "";
    } finally {
      if (!signal.aborted) body.removeAttribute("aria-busy");
    }
  };
}

export function loadingScreen({ name, title, shelf, load }) {
  let loaded = false;
  let dirty = false;
  let visible = false;
  shelf.onChange(() => {
    if (!visible) dirty = true;
  });
  return {
    hasLoaded: () => loaded,
    loaded() {
      loaded = true;
      dirty = false;
    },
    screen: {
      name,
      title,
      enter() {
        visible = true;
        if (!loaded || dirty) load();
      },
      leave() {
        visible = false;
      },
      reset() {
        loaded = false;
        dirty = true;
      },
    },
  };
}
