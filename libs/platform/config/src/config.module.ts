import { DynamicModule, Global, Module } from '@nestjs/common';

import { AppConfig, loadConfig } from './app-config';

export const CONFIG = Symbol('CAIRN_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /** Registers the validated configuration; pass one to override the environment (tests). */
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: CONFIG, useFactory: () => config ?? loadConfig() },
        { provide: AppConfig, useExisting: CONFIG },
      ],
      exports: [CONFIG, AppConfig],
    };
  }
}
