package com.comicshelf.deletion;

/** A deletion request as its asker may see it: the confirmation code and the status, nothing else. */
public record DeletionTicket(String code, DeletionStatus status) {}
