package com.comicshelf.friends;

/** A friend as the social network reports them: an app-scoped id and a display name. */
public record FriendProfile(long id, String name) {}
