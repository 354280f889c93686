// Comic Shelf widget: talks to the HTTP API with the signed request as a bearer token.
// The API base defaults to the page's own origin (the local gateway serves both); set
// window.COMIC_SHELF_API to point elsewhere (e.g. the API Gateway URL behind CloudFront).
(function () {
  "use strict";
  const api = (window.COMIC_SHELF_API || window.location.origin).replace(/\/$/, "");
  const $ = (id) => document.getElementById(id);
  let token = new URLSearchParams(window.location.search).get("token") || sessionStorage.getItem("comicShelfToken") || "";

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method,
      headers: Object.assign({ authorization: "Bearer " + token }, body ? { "content-type": "application/json" } : {}),
      body: body ? JSON.stringify(body) : undefined,
    });
    if (response.status === 204) return null;
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.detail || data.message || "HTTP " + response.status);
    return data;
  }

  function likedByLine(item) {
    const names = item.likedBy.map((f) => f.name || "a friend");
    const others = item.friendCount - names.length;
    const listed = names.length > 1 ? names.slice(0, -1).join(", ") + " and " + names[names.length - 1] : names[0] || "";
    return others > 0 ? "liked by " + (listed ? listed + " and " : "") + others + " other" + (others > 1 ? "s" : "") : "liked by " + listed;
  }

  function comicItem(comic, meta, action) {
    const li = document.createElement("li");
    li.dataset.comicId = comic.id;
    const img = document.createElement("img");
    img.alt = "";
    if (comic.coverUrl) img.src = comic.coverUrl;
    const text = document.createElement("div");
    const title = document.createElement("div");
    title.className = "title";
    title.textContent = comic.title;
    const info = document.createElement("div");
    info.className = "meta";
    info.textContent = comic.publisher + ", " + comic.year + (meta ? " · " + meta : "");
    text.append(title, info);
    li.append(img, text);
    if (action) {
      const button = document.createElement("button");
      button.textContent = action.label;
      button.addEventListener("click", action.run);
      li.append(button);
    }
    return li;
  }

  async function refresh() {
    $("status").textContent = "";
    try {
      const popular = await call("GET", "/me/friends/popular?limit=10");
      $("popular").replaceChildren(
        ...popular.items.map((item) =>
          comicItem(item.comic, likedByLine(item), { label: "♥", run: () => like(item.comic.id) })));
      const favorites = await call("GET", "/me/favorites?limit=20");
      $("favorites").replaceChildren(
        ...favorites.items.map((f) => comicItem(f.comic, f.note, { label: "Remove", run: () => unlike(f.comic.id) })));
    } catch (e) {
      $("status").textContent = e.message;
    }
  }

  async function like(comicId) {
    await call("PUT", "/me/favorites/" + comicId).catch((e) => ($("status").textContent = e.message));
    refresh();
  }

  async function unlike(comicId) {
    await call("DELETE", "/me/favorites/" + comicId).catch((e) => ($("status").textContent = e.message));
    refresh();
  }

  $("login").addEventListener("submit", (event) => {
    event.preventDefault();
    token = $("token").value.trim();
    sessionStorage.setItem("comicShelfToken", token);
    refresh();
  });

  $("search").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const found = await call("GET", "/comics?limit=10&q=" + encodeURIComponent($("q").value));
      $("results").replaceChildren(...found.items.map((c) => comicItem(c, "", { label: "♥", run: () => like(c.id) })));
    } catch (e) {
      $("status").textContent = e.message;
    }
  });

  $("token").value = token;
  if (token) refresh();
})();
