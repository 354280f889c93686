package com.comicshelf.assets;

/** The answer to completing an upload: the comic's new cover, where it is served, and what it is. */
public record CompletedUpload(long uploadId, long comicId, String coverUrl, String contentType, long contentLength) {}
