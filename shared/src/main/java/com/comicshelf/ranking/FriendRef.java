package com.comicshelf.ranking;

/** A friend as shown next to a comic: "liked by Ann". The name is null until a friend sync saw it. */
public record FriendRef(long id, String name) {}
