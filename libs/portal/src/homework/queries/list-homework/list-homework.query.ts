import { Query } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';

import type { HomeworkView } from '../../domain/homework.view';

export interface ListHomeworkFilter {
  status?: string;
  page?: number;
  pageSize?: number;
}

/** A client's homework, by due date (newest first): for the client themselves or their therapist. */
export class ListHomeworkQuery extends Query<Page<HomeworkView> | null> {
  constructor(
    readonly patientId: string,
    readonly filter: ListHomeworkFilter,
  ) {
    super();
  }
}
