export { AppConfig, loadConfig, loadConfigOrExit, ConfigError } from './app-config';
export { CONFIG, ConfigModule } from './config.module';
export { apiDocsEnabled } from './app-config';
