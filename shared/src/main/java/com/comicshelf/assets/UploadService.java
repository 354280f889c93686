package com.comicshelf.assets;

import com.comicshelf.common.ClientError;
import com.comicshelf.common.Timestamps;
import com.comicshelf.observability.Telemetry;
import com.comicshelf.sql.DuplicateKeyException;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cover uploads that never pass through a function: the client announces a file, gets a presigned
 * {@code PUT} into {@code incoming/}, uploads, then asks for completion. Only then is the file checked
 * (size, magic number) and, if it passes, copied under {@code public/} and made the comic's cover.
 * Nothing a user uploads is public before it is checked, and no failed check leaves anything there.
 */
public final class UploadService {
  private static final Logger log = LoggerFactory.getLogger(UploadService.class);
  /** Published keys are never reused (one per upload), so caches may keep them for good. */
  static final String COVER_CACHE_CONTROL = "public, max-age=31536000, immutable";
  /** Upload ids are 16-digit numbers below 2^53: unguessable and exact in JavaScript. */
  private static final long MIN_ID = 1_000_000_000_000_000L;
  private static final long ID_SPAN = 8_000_000_000_000_000L;
  private static final int ID_ATTEMPTS = 3;

  private final SqlClient sql;
  private final UploadRepository uploads;
  private final UserRepository users;
  private final AssetStore store;
  private final UploadLimits limits;
  private final CoverUrls covers;
  private final Clock clock;
  private final RandomGenerator random = new SecureRandom();

  @Inject
  public UploadService(
      SqlClient sql,
      UploadRepository uploads,
      UserRepository users,
      AssetStore store,
      UploadLimits limits,
      CoverUrls covers,
      Clock clock) {
    this.sql = sql;
    this.uploads = uploads;
    this.users = users;
    this.store = store;
    this.limits = limits;
    this.covers = covers;
    this.clock = clock;
  }

  /**
   * Announces a cover upload for a comic the caller created, and returns where and how to {@code PUT}
   * the file. The declared type and size are signed into the URL, so the store refuses anything else.
   */
  public StartedUpload start(long userId, NewUpload request) {
    NewUpload.Valid valid = request.validated(limits.maxBytes());
    requireCreator(valid.comicId(), userId, false);
    Instant now = Timestamps.now(clock);
    Instant expiresAt = now.plus(limits.urlTtl());
    Upload upload = insertWithFreshId(userId, valid, now, expiresAt);
    AssetStore.PresignedPut put =
        store.presignPut(upload.incomingKey(), valid.type().contentType(), valid.contentLength(), limits.urlTtl());
    return new StartedUpload(upload.id(), put.url(), "PUT", put.headers(), expiresAt);
  }

  /**
   * Checks the uploaded file and, if it passes, publishes it as the comic's cover. Safe to repeat: a
   * completed upload answers the same again, a rejected one the same rejection.
   *
   * @throws ClientError 404 for an unknown upload or someone else's (indistinguishable on purpose),
   *     403 when the caller did not create the comic, 409 when no file was uploaded (yet, or before
   *     the URL expired) or it changed during the check, 422 when the file fails a check
   */
  public CompletedUpload complete(long userId, long uploadId) {
    Upload upload =
        uploads
            .findOwned(uploadId, userId)
            .orElseThrow(() -> ClientError.notFound("upload " + uploadId + " does not exist"));
    switch (upload.status()) {
      case COMPLETED:
        return completed(upload);
      case REJECTED:
        throw rejection(upload, upload.failureReason());
      case EXPIRED:
        throw expired(upload);
      case PENDING:
      default:
        break;
    }
    if (!isCreator(upload.comicId(), userId, false)) {
      deleteQuietly(upload.incomingKey());
      throw notCreator(upload.comicId());
    }
    String incoming = upload.incomingKey();
    Optional<AssetStore.StoredObject> object = store.head(incoming);
    if (object.isEmpty()) {
      return whenNothingUploaded(upload, userId);
    }
    long size = object.get().size();
    String etag = object.get().etag();
    if (size > limits.maxBytes()) {
      throw reject(upload, "the file is " + size + " bytes; covers may be at most " + limits.maxBytes() + " bytes");
    }
    if (size != upload.declaredLength()) {
      throw reject(
          upload, "the file is " + size + " bytes but contentLength declared " + upload.declaredLength() + " bytes");
    }
    byte[] head;
    try {
      head =
          store
              .readPrefix(incoming, etag, (int) Math.min(size, ImageType.SNIFF_LENGTH))
              .orElse(null);
    } catch (AssetStore.ObjectChangedException e) {
      throw changedDuringCheck(upload);
    }
    if (head == null) {
      return whenNothingUploaded(upload, userId);
    }
    Optional<ImageType> actual = ImageType.sniff(head);
    if (actual.isEmpty() || actual.get() != upload.type()) {
      String found = actual.map(ImageType::contentType).orElse("none of " + ImageType.allowedContentTypes());
      throw reject(
          upload, "the file's content is " + found + ", not the declared " + upload.type().contentType());
    }
    publish(upload, userId, etag, size);
    store.delete(incoming);
    Telemetry.uploadFinished("completed");
    return completed(upload);
  }

  /** Copies the checked file under public/, then records it and sets the cover in one transaction. */
  private void publish(Upload upload, long userId, String etag, long size) {
    String coverKey = upload.coverKey();
    try {
      store.copy(upload.incomingKey(), etag, coverKey, upload.type().contentType(), COVER_CACHE_CONTROL);
    } catch (AssetStore.ObjectChangedException e) {
      throw changedDuringCheck(upload); // a conditional copy that failed wrote nothing
    }
    Instant now = Timestamps.now(clock);
    try {
      sql.inTransaction(
          () -> {
            Upload.Status status =
                uploads.lockStatus(upload.id()).orElseThrow(() -> new IllegalStateException("upload vanished"));
            if (status == Upload.Status.COMPLETED) {
              return null; // a concurrent completion got here first, with the same file at the same key
            }
            if (!isCreator(upload.comicId(), userId, true)) {
              throw notCreator(upload.comicId());
            }
            uploads.insertAsset(upload, coverKey, size, now);
            uploads.setCover(upload.comicId(), coverKey);
            uploads.finish(upload.id(), Upload.Status.COMPLETED, null, now);
            return null;
          });
    } catch (RuntimeException e) {
      // Nothing stays public unless it is recorded as some comic's cover (a concurrent completion of
      // the same upload may have recorded this very key: then it stays).
      if (!completedElsewhere(upload)) {
        deleteQuietly(coverKey);
      }
      if (e instanceof ClientError) {
        deleteQuietly(upload.incomingKey());
      }
      throw e;
    }
  }

  /** No object at the incoming key: completed meanwhile, expired, or simply not uploaded yet. */
  private CompletedUpload whenNothingUploaded(Upload upload, long userId) {
    Upload now = uploads.findOwned(upload.id(), userId).orElse(upload);
    if (now.status() == Upload.Status.COMPLETED) {
      return completed(now);
    }
    if (clock.instant().isAfter(upload.expiresAt())) {
      uploads.finish(upload.id(), Upload.Status.EXPIRED, null, Timestamps.now(clock));
      Telemetry.uploadFinished("expired");
      throw expired(upload);
    }
    Telemetry.uploadFinished("not-uploaded");
    throw new ClientError(
        ClientError.Kind.CONFLICT,
        "Nothing uploaded",
        "no file has been uploaded for upload " + upload.id()
            + " yet: PUT it to the upload URL before " + upload.expiresAt() + ", then complete again",
        Map.of("uploadId", upload.id()));
  }

  /** Records the rejection, deletes the incoming file, and returns the 422 to throw. */
  private ClientError reject(Upload upload, String reason) {
    uploads.finish(upload.id(), Upload.Status.REJECTED, reason, Timestamps.now(clock));
    deleteQuietly(upload.incomingKey());
    Telemetry.uploadFinished("rejected");
    return rejection(upload, reason);
  }

  private CompletedUpload completed(Upload upload) {
    return new CompletedUpload(
        upload.id(),
        upload.comicId(),
        covers.urlOf(upload.coverKey()),
        upload.type().contentType(),
        upload.declaredLength());
  }

  private Upload insertWithFreshId(long userId, NewUpload.Valid valid, Instant now, Instant expiresAt) {
    for (int attempt = 1; ; attempt++) {
      Upload upload =
          new Upload(
              MIN_ID + random.nextLong(ID_SPAN),
              userId,
              valid.comicId(),
              valid.type(),
              valid.contentLength(),
              Upload.Status.PENDING,
              null,
              now,
              expiresAt);
      try {
        sql.inTransaction(
            () -> {
              users.ensureExists(userId, now);
              uploads.insert(upload);
              return null;
            });
        return upload;
      } catch (DuplicateKeyException e) {
        if (attempt >= ID_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private boolean completedElsewhere(Upload upload) {
    try {
      return uploads
          .findOwned(upload.id(), upload.uploaderId())
          .map(u -> u.status() == Upload.Status.COMPLETED)
          .orElse(false);
    } catch (RuntimeException e) {
      log.warn("could not re-read upload {}", upload.id(), e);
      return false;
    }
  }

  private void requireCreator(long comicId, long userId, boolean lock) {
    if (!isCreator(comicId, userId, lock)) {
      throw notCreator(comicId);
    }
  }

  /** Whether {@code userId} created the comic; a missing comic is a 404. */
  private boolean isCreator(long comicId, long userId, boolean lock) {
    Optional<Long> creator =
        uploads
            .comicCreator(comicId, lock)
            .orElseThrow(() -> ClientError.notFound("comic " + comicId + " does not exist"));
    return creator.isPresent() && creator.get() == userId;
  }

  private void deleteQuietly(String key) {
    try {
      store.delete(key);
    } catch (RuntimeException e) {
      // The incoming/ lifecycle rule removes leftovers there; anything else is worth a look.
      log.warn("could not delete {}", key, e);
    }
  }

  private static ClientError notCreator(long comicId) {
    return ClientError.forbidden("only the person who added comic " + comicId + " can set its cover");
  }

  private static ClientError rejection(Upload upload, String reason) {
    return new ClientError(
        ClientError.Kind.UNPROCESSABLE, "Upload rejected", reason, Map.of("uploadId", upload.id()));
  }

  private static ClientError expired(Upload upload) {
    return new ClientError(
        ClientError.Kind.CONFLICT,
        "Upload expired",
        "upload " + upload.id() + " expired at " + upload.expiresAt()
            + " before a file was uploaded: start a new upload",
        Map.of("uploadId", upload.id()));
  }

  private static ClientError changedDuringCheck(Upload upload) {
    Telemetry.uploadFinished("changed");
    return new ClientError(
        ClientError.Kind.CONFLICT,
        "Upload changed",
        "the file of upload " + upload.id() + " was replaced while it was being checked: complete again",
        Map.of("uploadId", upload.id()));
  }
}
