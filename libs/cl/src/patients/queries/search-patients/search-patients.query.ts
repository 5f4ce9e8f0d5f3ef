import { Query } from '@nestjs/cqrs';

import type { PatientView } from '../../domain/patient.view';

export interface PatientSearch {
  q?: string;
  dateOfBirth?: string;
  mrn?: string;
  siteId?: string;
  /** Only these patients (still within the caller's scope). */
  ids?: string[];
  page: number;
  pageSize: number;
}

export interface PatientPage {
  items: PatientView[];
  page: number;
  pageSize: number;
  total: number;
}

export class SearchPatientsQuery extends Query<PatientPage> {
  constructor(readonly search: PatientSearch) {
    super();
  }
}
