package com.comicshelf.auth;

import java.time.Instant;
import java.util.Optional;

/** The verified content of a Facebook {@code signed_request}. */
public record SignedRequest(long userId, Instant issuedAt, Optional<String> oauthToken) {}
