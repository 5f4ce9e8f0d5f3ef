export { AppConfig, loadConfig, loadConfigOrExit, ConfigError } from './app-config';
export { CONFIG, ConfigModule } from './config.module';
export { apiDocsEnabled } from './app-config';
export { databaseUrlProblems, DEVELOPMENT_DATABASE_PASSWORDS, EMBEDDED_PG_PORT, productionProblems } from './production-rules';
