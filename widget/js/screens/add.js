// Add a comic: the form (the API's validation shown at each field), then an optional cover upload:
// checked in the browser, PUT straight to S3 with a progress bar, completed, and shown.
import { newIdempotencyKey } from "../api.js";
import { announce, bytes, cover, h, hidden, problemBox, show } from "../ui.js";
import { checkCover, putToStorage } from "../upload.js";

const FIELDS = ["title", "publisher", "year"];

export function addScreen({ api, shelf, session, config }) {
  const $ = (id) => document.getElementById(id);
  const form = $("add-form");
  const submit = $("add-submit");
  const problem = $("add-problem");
  const result = $("add-result");
  const inputs = { title: $("add-title-input"), publisher: $("add-publisher"), year: $("add-year") };
  const fileInput = $("add-cover");
  const dropzone = $("add-dropzone");
  const preview = $("add-cover-preview");
  const progress = $("add-progress");
  const progressBar = $("add-progress-bar");
  const progressText = $("add-progress-text");
  const progressLabel = $("add-progress-label");
  const cancel = $("add-progress-cancel");
  const maxText = bytes(config.maxUploadBytes);
  document.querySelectorAll("[data-max-upload]").forEach((el) => (el.textContent = maxText));

  let file = null; // the chosen cover
  let created = null; // the comic this form created, while its cover is still to upload
  let attempt = null; // {key, body}: the current submission, so "Try again" resends it with the same key
  let uploading = null; // AbortController of the running upload
  let previewUrl = null;

  // --- choosing a file: the picker, or drag and drop --------------------------------------------
  fileInput.addEventListener("change", () => choose(fileInput.files[0] || null));
  for (const type of ["dragenter", "dragover"]) {
    dropzone.addEventListener(type, (event) => {
      event.preventDefault();
      dropzone.classList.add("is-over");
    });
  }
  for (const type of ["dragleave", "dragend", "drop"]) {
    dropzone.addEventListener(type, () => dropzone.classList.remove("is-over"));
  }
  dropzone.addEventListener("drop", (event) => {
    event.preventDefault();
    const dropped = event.dataTransfer?.files?.[0];
    if (dropped) choose(dropped);
  });

  async function choose(chosen) {
    setFieldError("cover", null);
    file = null;
    showPreview(null);
    if (!chosen) return;
    const check = await checkCover(chosen, config.maxUploadBytes, maxText);
    if (!check.ok) {
      fileInput.value = "";
      setFieldError("cover", check.message);
      return;
    }
    file = { blob: chosen, contentType: check.contentType };
    showPreview(chosen);
  }

  function showPreview(chosen) {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = null;
    if (!chosen) {
      preview.hidden = true;
      preview.replaceChildren();
      return;
    }
    previewUrl = URL.createObjectURL(chosen);
    preview.replaceChildren(
      h("img", { src: previewUrl, alt: "Preview of the chosen cover", width: 80, height: 120, class: "cover cover-list" }),
      h(
        "div",
        {},
        h("p", { class: "file-name" }, chosen.name),
        h("p", { class: "hint" }, bytes(chosen.size)),
        h(
          "button",
          { type: "button", class: "btn btn-quiet", onclick: () => { fileInput.value = ""; choose(null); fileInput.focus(); } },
          "Remove image",
          hidden(`: ${chosen.name}`),
        ),
      ),
    );
    preview.hidden = false;
  }

  // --- submitting --------------------------------------------------------------------------------
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (uploading || form.getAttribute("aria-busy") === "true") return;
    const body = values();
    // A new action gets a new key; the same values sent again (after a failure) keep theirs.
    if (!attempt || JSON.stringify(attempt.body) !== JSON.stringify(body)) {
      attempt = { key: newIdempotencyKey(), body };
    }
    run();
  });
  cancel.addEventListener("click", () => uploading?.abort());

  function values() {
    const yearText = inputs.year.value.trim();
    return {
      title: inputs.title.value,
      publisher: inputs.publisher.value,
      year: yearText === "" ? null : /^-?\d+$/.test(yearText) ? Number(yearText) : yearText,
    };
  }

  async function run() {
    clearErrors();
    busy(true, "Adding…");
    try {
      if (!created) {
        try {
          created = await api.post("/comics", attempt.body, { idempotencyKey: attempt.key });
        } catch (error) {
          onCreateFailed(error);
          return;
        }
      }
      const comic = created;
      if (!file) {
        finish(comic);
        return;
      }
      const coverUrl = await uploadCover(comic);
      if (coverUrl) finish({ ...comic, coverUrl });
    } finally {
      busy(false);
    }
  }

  /** Start, PUT, complete. Returns the cover's URL, or null after showing why it failed. */
  async function uploadCover(comic) {
    uploading = new AbortController();
    setProgress(0, "Uploading the cover");
    progress.hidden = false;
    try {
      const started = await api.post("/me/uploads", {
        contentType: file.contentType,
        contentLength: file.blob.size,
        comicId: comic.id,
      });
      await putToStorage(started, file.blob, { onProgress: (f) => setProgress(f), signal: uploading.signal });
      setProgress(1, "Checking the cover");
      const completed = await api.post(`/me/uploads/${started.uploadId}/complete`, undefined);
      setProgress(1, "Cover uploaded");
      return completed.coverUrl;
    } catch (error) {
      progress.hidden = true;
      onUploadFailed(comic, error);
      return null;
    } finally {
      uploading = null;
    }
  }

  function onCreateFailed(error) {
    if (error.kind === "invalid") {
      // The API's 422 detail lists every problem, each starting with the field it is about.
      const leftover = showFieldErrors(error.detail);
      if (leftover.length) show(problem, problemBox({ ...error, title: "Check the form", detail: leftover.join(" ") }));
      attempt = null; // corrected values are a new action: a new key
      focusFirstInvalid();
      return;
    }
    if (error.kind === "conflict" && error.problem.existingId) {
      const existing = { id: error.problem.existingId, title: String(attempt.body.title || "").trim() };
      attempt = null;
      show(
        problem,
        h(
          "div",
          { class: "callout callout-warn", role: "alert" },
          h("p", { class: "problem-title" }, "Already in the catalog"),
          h("p", {}, `“${existing.title}” by this publisher and year is in the catalog already.`),
          h("p", {}, shelf.addButton({ ...existing, publisher: inputs.publisher.value, year: inputs.year.value }, (e) => show(problem, problemBox(e, { signIn: session.prompt })))),
        ),
      );
      problem.querySelector("button")?.focus();
      return;
    }
    show(problem, problemBox(error, { retry: () => run(), signIn: session.prompt }));
    problem.querySelector("button")?.focus();
  }

  function onUploadFailed(comic, error) {
    const aborted = error.kind === "aborted";
    if (error.kind === "invalid") setFieldError("cover", error.detail);
    show(
      problem,
      h(
        "div",
        { class: "callout callout-warn", role: "alert" },
        h("p", { class: "problem-title" }, aborted ? "Upload cancelled" : "The comic was added, but not its cover"),
        h("p", {}, aborted ? `“${comic.title}” was added without a cover.` : error.detail || error.message),
        error.kind === "auth"
          ? h("p", {}, h("button", { type: "button", class: "btn", onclick: session.prompt }, "Sign in again"))
          : h(
              "p",
              { class: "button-row" },
              h("button", { type: "button", class: "btn btn-primary", onclick: () => run() }, "Try the upload again"),
              " ",
              h("button", { type: "button", class: "btn", onclick: () => finish(comic) }, "Skip the cover"),
            ),
      ),
    );
    problem.querySelector("button")?.focus();
  }

  function finish(comic) {
    created = null;
    attempt = null;
    show(problem);
    form.reset();
    choose(null);
    progress.hidden = true;
    show(
      result,
      h("h2", { class: "result-title" }, `Added “${comic.title}”`),
      h(
        "div",
        { class: "result-card" },
        cover(comic, "large"),
        h(
          "div",
          {},
          h("p", { class: "comic-meta" }, `${comic.publisher} · ${comic.year}`),
          h("p", {}, comic.coverUrl ? "Its cover is up for everyone to see." : "It has no cover yet."),
          h(
            "p",
            { class: "button-row" },
            shelf.addButton(comic, (e) => show(problem, problemBox(e, { signIn: session.prompt }))),
            " ",
            h("button", { type: "button", class: "btn", onclick: addAnother }, "Add another comic"),
          ),
        ),
      ),
    );
    result.hidden = false;
    result.focus();
    announce(`“${comic.title}” added to the catalog${comic.coverUrl ? " with its cover" : ""}.`);
  }

  function addAnother() {
    result.hidden = true;
    result.replaceChildren();
    inputs.title.focus();
  }

  // --- states ------------------------------------------------------------------------------------
  function busy(on, label) {
    submit.setAttribute("aria-disabled", on ? "true" : "false");
    form.setAttribute("aria-busy", on ? "true" : "false");
    submit.textContent = on ? label : created ? "Upload the cover" : "Add comic";
  }

  function setProgress(fraction, label) {
    const percent = Math.round(fraction * 100);
    progressBar.value = percent;
    progressText.textContent = `${percent} %`;
    if (label) progressLabel.textContent = label;
  }

  function clearErrors() {
    show(problem);
    result.hidden = true;
    for (const name of [...FIELDS, "cover"]) setFieldError(name, null);
  }

  /** Puts each "title …; year …" clause under its field; returns the clauses no field claims. */
  function showFieldErrors(detail) {
    const byField = {};
    const leftover = [];
    for (const clause of String(detail || "").replace(/\.$/, "").split(/;\s*/)) {
      const text = clause.trim();
      if (!text) continue;
      const match = text.match(/^(?:field\s+')?(title|publisher|year)\b'?/i);
      const field = match?.[1].toLowerCase();
      if (field === "year" && /wrong type/i.test(text)) {
        byField.year = "Year must be a whole number, e.g. 1986.";
      } else if (field) {
        byField[field] = (byField[field] ? byField[field] + " " : "") + sentence(text.replace(/^field\s+'(\w+)'/i, "$1"));
      } else {
        leftover.push(sentence(text));
      }
    }
    for (const [field, message] of Object.entries(byField)) setFieldError(field, message);
    return leftover;
  }

  function setFieldError(name, message) {
    const input = name === "cover" ? fileInput : inputs[name];
    const error = $(`add-${name}-error`);
    if (message) {
      error.textContent = message;
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      if (name === "cover") dropzone.classList.add("is-invalid");
    } else {
      error.textContent = "";
      error.hidden = true;
      input.removeAttribute("aria-invalid");
      if (name === "cover") dropzone.classList.remove("is-invalid");
    }
  }

  function focusFirstInvalid() {
    const first = [...FIELDS.map((f) => inputs[f]), fileInput].find((input) => input.getAttribute("aria-invalid") === "true");
    first?.focus();
  }

  return {
    name: "add",
    title: "Add a comic",
    enter(params = {}) {
      if (params.title) {
        inputs.title.value = params.title;
        result.hidden = true;
      }
    },
    leave() {},
    reset() {},
  };
}

function sentence(text) {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : capital + ".";
}
