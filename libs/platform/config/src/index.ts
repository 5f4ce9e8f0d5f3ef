export { AppConfig, loadConfig, ConfigError } from './app-config';
export { CONFIG, ConfigModule } from './config.module';
