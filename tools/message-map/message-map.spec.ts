import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { MESSAGE_MAP_FILE, renderMessageMap, withoutComments } from './message-map';

const root = resolve(__dirname, '../..');

describe('docs/message-map.md', () => {
  const generated = renderMessageMap(root);

  it('is the map the sources produce (after a new handler, consumer or queue: run npm run message-map)', () => {
    const committed = readFileSync(join(root, MESSAGE_MAP_FILE), 'utf8');
    if (committed !== generated) throw new Error(`${MESSAGE_MAP_FILE} is stale: run npm run message-map and commit the result`);
  });

  it('names a handler for the cross-context contracts and a consumer for every queue', () => {
    expect(generated).toMatch(
      /\| `CreateGroupEncountersCommand` \| `libs\/platform\/scheduling\/src\/create-group-encounters.command.ts` \| `CreateGroupEncountersHandler`<br>`libs\/pm\//,
    );
    expect(generated).toMatch(
      /\| `GetProviderProductivityQuery` \| [^|]+ \| `GetProviderProductivityHandler`<br>`libs\/hr\/src\/provider-productivity\//,
    );
    expect(generated).toMatch(
      /\| `cl_group_session_documented.v1` \| `libs\/cl\/[^|]+ \| `encounter-generation` \| `EncounterGenerationProcessor` [^|]+<br>→ `GenerateEncountersWhenGroupSessionDocumentedHandler`/,
    );
    expect(generated).toMatch(
      /\| `peer_encounter_finalized.v1` \| [^|]+ \| `charge-creation` \| `ChargeCreationProcessor` [^|]+<br>→ `CreateChargeWhenPeerEncounterFinalizedHandler`/,
    );
    expect(generated).toMatch(
      /\| `pm_appointment_status_changed.v1` \| `libs\/pm\/[^|]+ \| `dashboards-metrics` \| `DashboardsMetricsProcessor` \(`dashboards.metrics`\)<br>`libs\/dashboards\/src\/processors\//,
    );
    expect(generated).not.toContain('**none**');
  });
});

describe('withoutComments', () => {
  it('drops a handler example in a JSDoc and line comments, and keeps the code', () => {
    const text = [
      '/**',
      ' * @CommandHandler(ExampleCommand)',
      ' */',
      '// @QueryHandler(OtherQuery)',
      '@CommandHandler(RealCommand)',
      'export class RealHandler {}',
    ].join('\n');
    const kept = withoutComments(text);
    expect(kept).not.toContain('ExampleCommand');
    expect(kept).not.toContain('OtherQuery');
    expect(kept).toContain('@CommandHandler(RealCommand)');
  });
});
