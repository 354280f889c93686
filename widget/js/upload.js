// Cover uploads: checked in the browser first, then PUT straight to S3 with a presigned URL.

/** The types the API accepts, by the magic number their files start with. */
const SIGNATURES = [
  { type: "image/jpeg", name: "JPEG", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/png", name: "PNG", test: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x) },
  { type: "image/gif", name: "GIF", test: (b) => ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a" },
  { type: "image/webp", name: "WebP", test: (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP" },
];

function ascii(bytes, from, to) {
  return String.fromCharCode(...bytes.slice(from, to));
}

/**
 * Checks a chosen file as the API will: size, and type by its first bytes (not by its name).
 * @returns {Promise<{ok: true, contentType: string} | {ok: false, message: string}>}
 */
export async function checkCover(file, maxBytes, describeMax) {
  if (!file) return { ok: false, message: "Choose an image first." };
  if (file.size === 0) return { ok: false, message: `“${file.name}” is empty. Choose another image.` };
  if (file.size > maxBytes) {
    return { ok: false, message: `“${file.name}” is too large: covers may be at most ${describeMax}. Choose a smaller image.` };
  }
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const match = SIGNATURES.find((s) => s.test(head));
  if (!match) {
    return { ok: false, message: `“${file.name}” is not a JPEG, PNG, WebP or GIF image. Choose an image file.` };
  }
  return { ok: true, contentType: match.type };
}

/** A failed PUT to storage. */
export class UploadError extends Error {
  constructor(message, kind = "upload") {
    super(message);
    this.name = "UploadError";
    this.kind = kind;
    this.title = "The cover did not upload";
    this.detail = message;
  }
  get retryable() {
    return this.kind !== "aborted";
  }
}

/**
 * PUTs `file` to the presigned URL of a started upload with XMLHttpRequest, whose upload events give
 * the progress (fetch has none). Sends the signed headers except those the browser sets itself.
 * @param {{url: string, method?: string, headers?: Object<string,string>}} started
 * @param {File} file
 * @param {{onProgress?: (fraction: number) => void, signal?: AbortSignal}} options
 */
export function putToStorage(started, file, { onProgress = () => {}, signal } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(started.method || "PUT", started.url);
    for (const [name, value] of Object.entries(started.headers || {})) {
      if (!/^(host|content-length)$/i.test(name)) xhr.setRequestHeader(name, value);
    }
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else if (xhr.status === 403) {
        reject(new UploadError("Storage refused the file; the upload link may have expired. Try the upload again."));
      } else {
        reject(new UploadError("Storage did not accept the file. Try the upload again."));
      }
    });
    xhr.addEventListener("error", () =>
      reject(new UploadError("The cover could not be sent to storage. Check your connection, then try the upload again.")));
    xhr.addEventListener("abort", () => reject(new UploadError("The upload was cancelled.", "aborted")));
    if (signal) {
      if (signal.aborted) {
        reject(new UploadError("The upload was cancelled.", "aborted"));
        return;
      }
      signal.addEventListener("abort", () => xhr.abort(), { once: true });
    }
    xhr.send(file);
  });
}
