package com.comicshelf.functions.account;

import com.comicshelf.deletion.DeletionStatus;
import com.comicshelf.deletion.DeletionTicket;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer Facebook's data deletion callback requires ({@code url}, {@code confirmation_code}, in
 * snake case as the platform names them), plus where the deletion stands.
 *
 * @param url where the person (or anyone holding the code) can check the status
 */
public record DeletionReceipt(
    String url, @JsonProperty("confirmation_code") String confirmationCode, DeletionStatus status) {

  static DeletionReceipt of(DeletionTicket ticket, String origin) {
    return new DeletionReceipt(
        origin + AccountHandler.STATUS_PATH + ticket.code(), ticket.code(), ticket.status());
  }
}
