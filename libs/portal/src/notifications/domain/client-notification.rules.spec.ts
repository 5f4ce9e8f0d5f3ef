import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CLIENT_NOTIFICATION_KINDS, clientNotificationMessage } from './client-notification.rules';

describe('client notification kinds', () => {
  it('are exactly the kinds the database accepts', () => {
    const sql = readFileSync(
      join(__dirname, '../../../../../prisma/migrations/20261208110000_added_portal_client_notifications/migration.sql'),
      'utf8',
    );
    const check = /po_client_notifications_kind_check CHECK \(kind IN \(([^)]*)\)\)/.exec(sql)?.[1] ?? '';
    const inDb = [...check.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
    expect(inDb).toEqual(Object.keys(CLIENT_NOTIFICATION_KINDS).sort());
  });

  it('never word a record by its content: sentences of the kind only, no placeholders', () => {
    for (const { message } of Object.values(CLIENT_NOTIFICATION_KINDS)) {
      expect(message).toMatch(/^[A-Z][^{}$]*[.?]$/);
    }
  });

  it('word an unknown kind plainly', () => {
    expect(clientNotificationMessage('something.else')).toBe('There is something new in your portal.');
  });
});
