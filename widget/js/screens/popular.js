// Popular among my friends: the ranking, with "liked by …", one-click add and "only comics I don't have".
import { bodyLoader, comicCard, emptyState, h, likedByLine, loadingScreen, problemBox, show, skeletonList } from "../ui.js";

const STORAGE_KEY = "comicShelf.excludeMine";

export function popularScreen({ api, shelf, session, navigate }) {
  const body = document.getElementById("popular-body");
  const status = document.getElementById("popular-status");
  const excludeMine = document.getElementById("popular-exclude-mine");
  const lifecycle = loadingScreen({ name: "popular", title: "Popular among my friends", shelf, load: () => load() });
  const run = bodyLoader({ body, status, signIn: session.prompt });

  excludeMine.checked = remembered();
  excludeMine.addEventListener("change", () => {
    remember(excludeMine.checked);
    load();
  });
  document.getElementById("popular-refresh").addEventListener("click", () => load());

  function load() {
    return run({
      busy: "Loading the ranking…",
      skeleton: !lifecycle.hasLoaded() || body.querySelector(".problem") ? skeletonList(5) : null,
      request: (signal) =>
        api.get(`/me/friends/popular?limit=20${excludeMine.checked ? "&excludeMine=true" : ""}`, { signal }),
      render: async (page, signal) => {
        lifecycle.loaded();
        if (page.items.length === 0) {
          show(body, await emptyRanking(signal));
          status.textContent = "No comics to show.";
        } else {
          show(body, ranking(page.items));
          status.textContent = `${page.items.length} comics, most loved first.`;
        }
      },
      retry: load,
    });
  }

  function ranking(items) {
    const failure = h("div", { class: "list-problem" });
    const list = h(
      "ol",
      { class: "comic-list ranked-list", "aria-label": "Ranking" },
      items.map((item, index) =>
        comicCard({
          comic: item.comic,
          rank: index + 1,
          lines: [h("p", { class: "liked-by" }, likedByLine(item))],
          actions: [shelf.addButton(item.comic, (error) => show(failure, problemBox(error, { signIn: session.prompt })))],
        }),
      ),
    );
    return [failure, list];
  }

  async function emptyRanking(signal) {
    if (excludeMine.checked) {
      return emptyState({
        title: "You have them all",
        text: "You already have every comic your friends like. Untick “Only comics I don’t have” to see the whole ranking.",
      });
    }
    let hasFriends = true;
    try {
      hasFriends = (await api.get("/me/friends?limit=1", { signal })).items.length > 0;
    } catch (error) {
      if (error.name === "AbortError") throw error;
    }
    return hasFriends
      ? emptyState({
          title: "Nothing to rank yet",
          text: "None of your friends has a favorite yet. Add yours, and check back once they have added theirs.",
          action: h("a", { class: "btn", href: "#find" }, "Find a comic"),
        })
      : emptyState({
          title: "No friends here yet",
          text: "This ranking counts the favorites of your friends who use Comic Shelf. Sync your friends to find them.",
          action: h("button", { type: "button", class: "btn btn-primary", onclick: () => navigate("friends") }, "Sync my friends"),
        });
  }

  return lifecycle.screen;
}

function remembered() {
  try {
    return localStorage.getItem(STORAGE_KEY) === "true";
  } catch {
    return false;
  }
}

function remember(value) {
  try {
    localStorage.setItem(STORAGE_KEY, String(value));
  } catch {
    // Storage may be off (private mode, a sandboxed frame): the toggle still works for this visit.
  }
}
