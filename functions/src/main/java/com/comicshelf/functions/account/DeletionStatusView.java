package com.comicshelf.functions.account;

import com.comicshelf.deletion.DeletionStatus;
import com.comicshelf.deletion.DeletionTicket;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What the status route tells anyone holding a confirmation code: the status, nothing else. */
public record DeletionStatusView(
    @JsonProperty("confirmation_code") String confirmationCode, DeletionStatus status) {

  static DeletionStatusView of(DeletionTicket ticket) {
    return new DeletionStatusView(ticket.code(), ticket.status());
  }
}
