package com.comicshelf.deletion;

import com.comicshelf.common.ClientError;
import com.comicshelf.common.Deadline;
import com.comicshelf.common.Timestamps;
import com.comicshelf.sql.DuplicateKeyException;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person leaving: deletion of everything stored about them (asked by Facebook's data deletion
 * callback or by the person through the API), its status by confirmation code, and deauthorization.
 *
 * <p>A deletion is acknowledged once its request is committed: from then on it completes even if
 * this function dies, because repeating the request, or the scheduled sweep, resumes it (see {@link
 * UserDataEraser}). Most finish within the request that asked for them.
 */
public final class DataDeletionService {
  private static final Logger log = LoggerFactory.getLogger(DataDeletionService.class);
  /** 24 characters of [a-z0-9]: about 124 random bits, so codes cannot be guessed. */
  private static final int CODE_LENGTH = 24;
  private static final String CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final Pattern CODE = Pattern.compile("[a-z0-9]{" + CODE_LENGTH + "}");
  /** Kept back from the request's deadline to commit the last step and answer. */
  static final Duration ANSWER_MARGIN = Duration.ofSeconds(2);

  private final SqlClient sql;
  private final DeletionRequestRepository requests;
  private final UserDataEraser eraser;
  private final UserRepository users;
  private final Clock clock;
  private final RandomGenerator random = new SecureRandom();

  @Inject
  public DataDeletionService(
      SqlClient sql,
      DeletionRequestRepository requests,
      UserDataEraser eraser,
      UserRepository users,
      Clock clock) {
    this.sql = sql;
    this.requests = requests;
    this.eraser = eraser;
    this.users = users;
    this.clock = clock;
  }

  /**
   * Records that everything of {@code userId} is to be deleted (or finds the pending request, so
   * asking twice gives one code), then erases as much as the time allows. The answer is {@code done}
   * when nothing is left, else {@code pending}: the request is durable either way.
   */
  public DeletionTicket requestDeletion(long userId, DeletionOrigin origin) {
    String code = pendingOrNewCode(userId, origin);
    return resume(code);
  }

  /** The status of the deletion with this code; 404 for an unknown (or malformed) code. */
  public DeletionTicket status(String code) {
    return find(code)
        .map(request -> new DeletionTicket(request.code(), request.status()))
        .orElseThrow(() -> ClientError.notFound("no deletion request has this confirmation code"));
  }

  /**
   * Continues the deletion with this code where it stopped; a finished one is left alone. Any failure
   * past the durable request leaves it pending for the next attempt instead of failing the caller.
   */
  public DeletionTicket resume(String code) {
    DeletionRequestRepository.StoredRequest request =
        find(code).orElseThrow(() -> new IllegalArgumentException("no deletion request " + code));
    if (request.status() == DeletionStatus.DONE || request.userId().isEmpty()) {
      return new DeletionTicket(code, DeletionStatus.DONE);
    }
    try {
      boolean done = eraser.erase(request.userId().get(), code, timeLeft()).done();
      return new DeletionTicket(code, done ? DeletionStatus.DONE : DeletionStatus.PENDING);
    } catch (RuntimeException e) {
      log.warn("deletion {} interrupted; it stays pending and resumes on the next attempt", code, e);
      return new DeletionTicket(code, DeletionStatus.PENDING);
    }
  }

  /** What a sweep did. */
  public record Sweep(int resumed, int done, int stillPending) {}

  /** Resumes up to {@code limit} pending deletions, oldest first, while time is left. */
  public Sweep resumePending(int limit) {
    List<String> codes = requests.pendingCodes(limit);
    int resumed = 0;
    int done = 0;
    for (String code : codes) {
      if (!timeLeft().getAsBoolean()) {
        break;
      }
      resumed++;
      if (resume(code).status() == DeletionStatus.DONE) {
        done++;
      }
    }
    Sweep sweep = new Sweep(resumed, done, codes.size() - done);
    log.info("deletion sweep: {}", sweep);
    return sweep;
  }

  /**
   * The person removed the app on Facebook at {@code at}: from then on their friend sync refuses
   * tokens issued before it. Their data stays. Returns false when nothing of theirs is stored.
   */
  public boolean deauthorize(long userId, Instant at) {
    return users.markDeauthorized(userId, at);
  }

  private String pendingOrNewCode(long userId, DeletionOrigin origin) {
    for (int attempt = 1; ; attempt++) {
      try {
        return sql.inTransaction(
            () ->
                requests
                    .pendingCodeOf(userId)
                    .orElseGet(
                        () -> {
                          String code = newCode();
                          requests.insertPending(code, userId, origin, Timestamps.now(clock));
                          return code;
                        }));
      } catch (DuplicateKeyException e) {
        // A concurrent request for the same person won: the next read finds its code.
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  private Optional<DeletionRequestRepository.StoredRequest> find(String code) {
    if (code == null || !CODE.matcher(code).matches()) {
      return Optional.empty();
    }
    return requests.find(code);
  }

  private static BooleanSupplier timeLeft() {
    return () -> Deadline.remaining().compareTo(ANSWER_MARGIN) > 0;
  }

  private String newCode() {
    StringBuilder code = new StringBuilder(CODE_LENGTH);
    for (int i = 0; i < CODE_LENGTH; i++) {
      code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
    }
    return code.toString();
  }
}
