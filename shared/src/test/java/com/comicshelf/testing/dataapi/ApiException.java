package com.comicshelf.testing.dataapi;

import java.util.Map;

/** An RDS Data API error answer: the error code the SDK model knows, its HTTP status, the message. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * HTTP status of each error code, as the SDK model gives it ({@code DefaultRdsDataClient}'s
   * {@code errorCode(..).httpStatusCode(..)} pairs in rdsdata 2.57.8), plus AWS's common errors.
   */
  static final Map<String, Integer> STATUS_BY_CODE = Map.ofEntries(
      Map.entry("AccessDeniedException", 403),
      Map.entry("BadRequestException", 400),
      Map.entry("DatabaseErrorException", 400),
      Map.entry("DatabaseNotFoundException", 404),
      Map.entry("DatabaseResumingException", 400),
      Map.entry("DatabaseUnavailableException", 504),
      Map.entry("ForbiddenException", 403),
      Map.entry("HttpEndpointNotEnabledException", 400),
      Map.entry("InternalServerErrorException", 500),
      Map.entry("InvalidResourceStateException", 400),
      Map.entry("InvalidSecretException", 400),
      Map.entry("NotFoundException", 404),
      Map.entry("SecretsErrorException", 400),
      Map.entry("ServiceUnavailableError", 503),
      Map.entry("StatementTimeoutException", 400),
      Map.entry("TransactionNotFoundException", 404),
      Map.entry("UnsupportedResultException", 400),
      // AWS common errors (Common Errors page of every AWS API reference)
      Map.entry("IncompleteSignature", 400),
      Map.entry("InternalFailure", 500),
      Map.entry("InvalidAction", 400),
      Map.entry("InvalidClientTokenId", 403),
      Map.entry("NotAuthorized", 400),
      Map.entry("OptInRequired", 403),
      Map.entry("RequestExpired", 400),
      Map.entry("ServiceUnavailable", 503),
      Map.entry("ThrottlingException", 400),
      Map.entry("ValidationError", 400),
      Map.entry("UnknownOperationException", 404));

  private final String errorCode;
  private final int status;
  private final Long dbConnectionId;

  private ApiException(String errorCode, String message, Long dbConnectionId) {
    super(message, null, false, false);
    Integer known = STATUS_BY_CODE.get(errorCode);
    if (known == null) {
      throw new IllegalArgumentException("unknown RDS Data API error code: " + errorCode);
    }
    this.errorCode = errorCode;
    this.status = known;
    this.dbConnectionId = dbConnectionId;
  }

  static ApiException of(String errorCode, String message) {
    return new ApiException(errorCode, message, null);
  }

  static ApiException badRequest(String message) {
    return of("BadRequestException", message);
  }

  /** A SQL error reported by the database, keeping the vendor code readable in the message. */
  static ApiException databaseError(int vendorCode, String serverMessage) {
    return of("DatabaseErrorException",
        "Database error code: " + vendorCode + ". Message: " + serverMessage);
  }

  static ApiException statementTimeout(String message, long dbConnectionId) {
    return new ApiException("StatementTimeoutException", message, dbConnectionId);
  }

  String errorCode() {
    return errorCode;
  }

  int status() {
    return status;
  }

  Long dbConnectionId() {
    return dbConnectionId;
  }
}
