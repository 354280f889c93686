package com.comicshelf.functions.assets;

import com.comicshelf.assets.UploadService;
import com.comicshelf.config.Environment;
import com.comicshelf.di.AssetsModule;
import com.comicshelf.di.ConfigModule;
import com.comicshelf.di.GuardsModule;
import com.comicshelf.di.SqlModule;
import com.comicshelf.http.WriteGuard;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the upload functions; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, SqlModule.class, GuardsModule.class, AssetsModule.class})
interface UploadsComponent {
  UploadsComponent INSTANCE = DaggerUploadsComponent.factory().create(Environment.system());

  UploadService uploads();

  WriteGuard writeGuard();

  /** Builds the graph over the settings in {@code environment} (tests pass their own). */
  @Component.Factory
  interface Factory {
    UploadsComponent create(@BindsInstance Environment environment);
  }
}
