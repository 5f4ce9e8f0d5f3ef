import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { ErasePatientPortalDataHandler } from './commands/erase-patient-portal-data/erase-patient-portal-data.handler';
import { PatientErasureRepository } from './infrastructure/patient-erasure.repository';

/** Erasing a patient's portal data when CL deletes the patient (ErasePatientPortalDataCommand, ADR 0018). */
@Module({ imports: [CqrsModule], providers: [PatientErasureRepository, ErasePatientPortalDataHandler] })
export class ErasureModule {}
