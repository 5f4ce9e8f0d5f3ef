import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { hashRefreshToken } from '../auth/token.service';

/**
 * pf_principal_access, the SECURITY DEFINER function the AccessGuard reads a caller's grants through, called as
 * the app role: grants only for a live session (a refresh-token family with a token neither revoked nor expired).
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 1 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 1 });
afterAll(async () => {
  await owner.end();
  await app.end();
});

let userId: string;
beforeAll(async () => {
  const { rows } = await owner.query<{ id: string }>(`SELECT id FROM pf_staff_users WHERE email = 'admin@sonoran.cairn.test'`);
  userId = rows[0]!.id;
});

/** A session (refresh-token family) of the user with one token, as TokenService writes it. */
async function session(token: { expiresInSeconds?: number; revoked?: boolean } = {}): Promise<string> {
  const familyId = randomUUID();
  await owner.query(
    `INSERT INTO pf_refresh_tokens (id, staff_user_id, family_id, token_hash, expires_at, revoked_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), CASE WHEN $6 THEN now() END)`,
    [
      randomUUID(),
      userId,
      familyId,
      hashRefreshToken(randomBytes(32).toString('base64url')),
      token.expiresInSeconds ?? 3600,
      token.revoked ?? false,
    ],
  );
  return familyId;
}

async function grants(sessionId: string | null): Promise<string[]> {
  const { rows } = await app.query<{ role_key: string }>('SELECT role_key FROM pf_principal_access($1::uuid, $2::uuid)', [
    userId,
    sessionId,
  ]);
  return rows.map((r) => r.role_key);
}

describe('pf_principal_access', () => {
  it("returns the user's grants for a live session", async () => {
    expect(await grants(await session())).toContain('admin');
  });

  it('returns nothing without a session (a NULL session used to mean "any")', async () => {
    expect(await grants(null)).toEqual([]);
  });

  it('returns nothing for a session that does not exist, was revoked, or whose refresh tokens all expired', async () => {
    expect(await grants(randomUUID())).toEqual([]);
    expect(await grants(await session({ revoked: true }))).toEqual([]);
    expect(await grants(await session({ expiresInSeconds: -1 }))).toEqual([]);
  });

  it("returns nothing for another user's session", async () => {
    const familyId = await session();
    const { rows } = await app.query(
      `SELECT * FROM pf_principal_access((SELECT id FROM pf_staff_users WHERE email = 'clinician@sonoran.cairn.test'), $1::uuid)`,
      [familyId],
    );
    expect(rows).toEqual([]);
  });
});
