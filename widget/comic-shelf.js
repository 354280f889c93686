// Comic Shelf widget: plain ES modules, no build step. Talks to the HTTP API with the signed request as a
// bearer token; the API's base URL comes from config.js (empty: this page's origin, as locally).
import config from "./config.js";
import { createApi } from "./js/api.js";
import { createShelf } from "./js/shelf.js";
import { addScreen } from "./js/screens/add.js";
import { favoritesScreen } from "./js/screens/favorites.js";
import { findScreen } from "./js/screens/find.js";
import { friendsScreen } from "./js/screens/friends.js";
import { popularScreen } from "./js/screens/popular.js";

const TOKEN_KEY = "comicShelf.token";
const DEFAULT_SCREEN = "popular";

const session = createSession();
const api = createApi({
  baseUrl: window.COMIC_SHELF_API || config.apiBaseUrl,
  token: () => session.token,
  onAuthFailure: (error) => session.prompt(error.detail),
});
const shelf = createShelf(api);
let pendingParams = {};
const navigate = (name, params = {}) => {
  pendingParams = params;
  if (location.hash === `#${name}`) activate(name, { focus: true });
  else location.hash = `#${name}`;
};

const context = { api, shelf, session, navigate, config };
const screens = Object.fromEntries(
  [
    popularScreen(context),
    favoritesScreen(context),
    findScreen(context),
    addScreen(context),
    friendsScreen({ ...context, onSynced: () => screens.popular.reset() }),
  ].map((screen) => [screen.name, screen]),
);
let current = null;

function routeFromHash() {
  const name = location.hash.replace(/^#/, "");
  return Object.hasOwn(screens, name) ? name : null;
}

function activate(name, { focus = false } = {}) {
  if (!session.token) {
    session.prompt();
    return;
  }
  document.getElementById("signin").hidden = true;
  if (current && current !== name) screens[current].leave();
  current = name;
  for (const section of document.querySelectorAll("[data-screen]")) {
    section.hidden = section.dataset.screen !== name;
  }
  for (const link of document.querySelectorAll("[data-route]")) {
    if (link.dataset.route === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = `${screens[name].title} · Comic Shelf`;
  const params = pendingParams;
  pendingParams = {};
  screens[name].enter(params);
  if (focus) document.getElementById(`${name}-title`)?.focus();
}

window.addEventListener("hashchange", () => {
  const name = routeFromHash();
  if (name) activate(name, { focus: true });
});

/** The signed request: from ?token= (then taken out of the address), else from this tab's session. */
function createSession() {
  const signin = document.getElementById("signin");
  const reason = document.getElementById("signin-reason");
  const form = document.getElementById("signin-form");
  const input = document.getElementById("signin-token");
  const error = document.getElementById("signin-error");
  const state = { token: "" };

  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get("token");
  if (fromUrl) {
    state.token = fromUrl.trim();
    store(state.token);
    url.searchParams.delete("token");
    // Out of the address bar, the history and any Referer.
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  } else {
    try {
      state.token = sessionStorage.getItem(TOKEN_KEY) || "";
    } catch {
      state.token = "";
    }
  }

  function store(token) {
    try {
      if (token) sessionStorage.setItem(TOKEN_KEY, token);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // Storage may be off: the token then lasts as long as the page.
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!/^[A-Za-z0-9_\-=]+\.[A-Za-z0-9_\-=]+$/.test(token)) {
      error.textContent = "That does not look like a signed request: two parts joined by a dot.";
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    error.hidden = true;
    input.removeAttribute("aria-invalid");
    state.token = token;
    store(token);
    input.value = "";
    document.body.dataset.signedIn = "true";
    Object.values(screens).forEach((screen) => screen.reset());
    shelf.learn();
    activate(routeFromHash() || DEFAULT_SCREEN, { focus: true });
  });

  return {
    get token() {
      return state.token;
    },
    /** Shows the sign-in form, with why (an expired or refused sign-in), and moves focus to it. */
    prompt(why) {
      const message = typeof why === "string" ? why : state.token ? "Your sign-in has expired. Sign in again to continue." : "";
      reason.textContent = message;
      reason.hidden = !message;
      if (why !== undefined || !state.token) {
        state.token = "";
        store("");
      }
      document.body.dataset.signedIn = "false";
      signin.hidden = false;
      for (const section of document.querySelectorAll("[data-screen]")) section.hidden = true;
      document.getElementById("signin-title").focus();
    },
  };
}

document.body.dataset.signedIn = session.token ? "true" : "false";
if (session.token) {
  shelf.learn();
  activate(routeFromHash() || DEFAULT_SCREEN);
} else {
  session.prompt();
}
