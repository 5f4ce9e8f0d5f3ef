import { Query } from '@nestjs/cqrs';

import type { DefinitionsView } from '../../domain/definition.view';

/** The metric and view definitions that apply in the organization (overrides merged) and its export switches. */
export class ListDefinitionsQuery extends Query<DefinitionsView> {}
