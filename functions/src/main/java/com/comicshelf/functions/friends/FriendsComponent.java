package com.comicshelf.functions.friends;

import com.comicshelf.di.ConfigModule;
import com.comicshelf.di.FriendsModule;
import com.comicshelf.di.JdbcModule;
import com.comicshelf.friends.FriendsService;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the friends function; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, JdbcModule.class, FriendsModule.class})
interface FriendsComponent {
  FriendsComponent INSTANCE = DaggerFriendsComponent.create();

  FriendsService friends();
}
