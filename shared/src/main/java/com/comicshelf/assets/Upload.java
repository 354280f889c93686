package com.comicshelf.assets;

import java.time.Instant;

/**
 * An upload as recorded in the {@code uploads} table: who announced which file for which comic, and
 * how far it got.
 *
 * @param failureReason why it was rejected; null unless {@code status} is {@link Status#REJECTED}
 */
public record Upload(
    long id,
    long uploaderId,
    long comicId,
    ImageType type,
    long declaredLength,
    Status status,
    String failureReason,
    Instant createdAt,
    Instant expiresAt) {

  /** Where an upload stands; only {@link #PENDING} can change. */
  public enum Status {
    PENDING,
    COMPLETED,
    REJECTED,
    EXPIRED
  }

  /** Where the client puts the file: no part of it comes from the client. */
  public String incomingKey() {
    return incomingKey(uploaderId, id);
  }

  /** Where the client puts the file of upload {@code id} by {@code uploaderId}. */
  public static String incomingKey(long uploaderId, long id) {
    return "incoming/" + uploaderId + "/" + id;
  }

  /** Where the checked file is published. */
  public String coverKey() {
    return "public/covers/" + id + "." + type.extension();
  }
}
