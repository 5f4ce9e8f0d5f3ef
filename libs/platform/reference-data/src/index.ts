export { ReferenceDataApiModule, ReferenceDataModule } from './reference-data.module';
