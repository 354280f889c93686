package com.comicshelf.functions.assets;

import com.comicshelf.assets.UploadService;
import com.comicshelf.di.AssetsModule;
import com.comicshelf.di.ConfigModule;
import com.comicshelf.di.JdbcModule;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the upload functions; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, JdbcModule.class, AssetsModule.class})
interface UploadsComponent {
  UploadsComponent INSTANCE = DaggerUploadsComponent.create();

  UploadService uploads();
}
