package com.comicshelf.sql.dataapi;

import com.comicshelf.sql.DatabaseUnavailableException;
import com.comicshelf.sql.DuplicateKeyException;
import com.comicshelf.sql.ForeignKeyViolationException;
import com.comicshelf.sql.ResultTooLargeException;
import com.comicshelf.sql.SqlException;
import com.comicshelf.sql.StatementTimeoutException;
import com.comicshelf.sql.TransactionConflictException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rdsdata.model.BadRequestException;
import software.amazon.awssdk.services.rdsdata.model.DatabaseErrorException;
import software.amazon.awssdk.services.rdsdata.model.DatabaseResumingException;
import software.amazon.awssdk.services.rdsdata.model.InternalServerErrorException;
import software.amazon.awssdk.services.rdsdata.model.NotFoundException;
import software.amazon.awssdk.services.rdsdata.model.RdsDataException;
import software.amazon.awssdk.services.rdsdata.model.ServiceUnavailableErrorException;
import software.amazon.awssdk.services.rdsdata.model.TransactionNotFoundException;

/**
 * The Data API's errors as {@link SqlException}s, the same ones the JDBC adapter raises for the same
 * causes. SQL errors carry MySQL's error number only in the message ({@code Database error code:
 * 1062. Message: ...}), so it is read from there.
 */
final class DataApiErrors {
  private static final Pattern VENDOR_CODE = Pattern.compile("Database error code: (\\d+)");
  /** About how long Aurora Serverless v2 takes to resume from zero capacity. */
  static final Duration RESUME_TIME = Duration.ofSeconds(15);
  static final Duration RETRY_AFTER_UNAVAILABLE = Duration.ofSeconds(5);

  private DataApiErrors() {}

  static RuntimeException translate(String operation, SdkException e) {
    if (e instanceof DatabaseResumingException) {
      return new DatabaseUnavailableException("the database is resuming", RESUME_TIME, e);
    }
    if (e instanceof software.amazon.awssdk.services.rdsdata.model.StatementTimeoutException) {
      return new StatementTimeoutException(
          operation + " ran past the Data API's 45 s statement limit and was cancelled", e);
    }
    if (e instanceof ApiCallTimeoutException) {
      return new StatementTimeoutException(operation + " did not answer before the request's deadline", e);
    }
    if (e instanceof TransactionNotFoundException
        || (e instanceof NotFoundException && mentionsTransaction(e))
        || (e instanceof BadRequestException && mentionsTransaction(e) && vendorCode(e).isEmpty())) {
      return new TransactionConflictException(
          "the Data API no longer knows the transaction (aborted or timed out)", e);
    }
    if (e instanceof software.amazon.awssdk.services.rdsdata.model.DatabaseUnavailableException
        || e instanceof ServiceUnavailableErrorException
        || e instanceof InternalServerErrorException
        || (e instanceof SdkClientException && !(e instanceof ApiCallTimeoutException))) {
      return new DatabaseUnavailableException(
          "the Data API could not run " + operation, RETRY_AFTER_UNAVAILABLE, e);
    }
    if (e instanceof BadRequestException || e instanceof DatabaseErrorException) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.toLowerCase(Locale.ROOT).contains("response size")) {
        return new ResultTooLargeException(
            "the result is larger than the Data API's 1 MiB response limit: page the query", e);
      }
      OptionalInt code = vendorCode(e);
      if (code.isPresent()) {
        return switch (code.getAsInt()) {
          case 1062 -> new DuplicateKeyException("duplicate key", e);
          case 1452 -> new ForeignKeyViolationException("missing referenced row", e);
          case 1213, 1205 ->
              new TransactionConflictException("deadlock or lock wait timeout (" + code.getAsInt() + ")", e);
          default -> new SqlException("database call failed (" + code.getAsInt() + ")", e);
        };
      }
    }
    if (e instanceof RdsDataException) {
      return new SqlException(operation + " was refused by the Data API", e);
    }
    return new SqlException(operation + " failed", e);
  }

  /** A resume that is still going on: worth waiting for. */
  static boolean isResuming(RuntimeException e) {
    return e instanceof DatabaseUnavailableException && e.getCause() instanceof DatabaseResumingException;
  }

  /** The resume outlasted the request: the client comes back when it should be done. */
  static RuntimeException resumeTakingTooLong(RuntimeException lastResuming) {
    return new DatabaseUnavailableException(
        "the database is resuming from pause; it takes about " + RESUME_TIME.toSeconds() + " s",
        RESUME_TIME,
        lastResuming.getCause());
  }

  static OptionalInt vendorCode(SdkException e) {
    Matcher matcher = VENDOR_CODE.matcher(e.getMessage() == null ? "" : e.getMessage());
    return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
  }

  private static boolean mentionsTransaction(SdkException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return message.contains("transaction") && message.contains("not found");
  }
}
