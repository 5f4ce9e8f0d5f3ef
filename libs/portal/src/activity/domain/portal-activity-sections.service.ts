import { Injectable } from '@nestjs/common';

import type { PortalTx } from '../../portal.tx';

/** What a section reads with: the use case's transaction (the caller's row policy) and the patient's calendar. */
export interface SectionInput {
  tx: PortalTx;
  organizationId: string;
  patientId: string;
  relationship: 'client' | 'admin' | 'primary_therapist';
  /** The organization's calendar day (YYYY-MM-DD) and time zone. */
  today: string;
  timeZone: string;
}

/**
 * One section of the clinician's portal-activity tab and/or the client's dashboard (homework status, goals,
 * crisis alerts, ... are added by the features that own them). A section reads inside the caller's transaction,
 * so the row policy decides what it may show; it returns ids, counts, dates and the client's own words, nothing else.
 */
export interface PortalActivitySection {
  /** The key under `sections` in the response (camelCase, e.g. `homework`). */
  key: string;
  audiences: readonly ('staff' | 'client')[];
  read(input: SectionInput): Promise<unknown>;
}

/**
 * The sections, registered by each feature module at start-up (`onModuleInit`): the activity and dashboard use cases
 * render whatever is registered, so a new feature adds its section without editing them.
 */
@Injectable()
export class PortalActivitySections {
  private readonly sections = new Map<string, PortalActivitySection>();

  register(section: PortalActivitySection): void {
    if (this.sections.has(section.key)) throw new Error(`portal activity section "${section.key}" is registered twice`);
    this.sections.set(section.key, section);
  }

  for(audience: 'staff' | 'client'): PortalActivitySection[] {
    return [...this.sections.values()].filter((s) => s.audiences.includes(audience)).sort((a, b) => a.key.localeCompare(b.key));
  }
}
