import { Query } from '@nestjs/cqrs';

import type { ServiceTypeView } from '../../domain/service-type.view';

export class ListServiceTypesQuery extends Query<ServiceTypeView[]> {}
