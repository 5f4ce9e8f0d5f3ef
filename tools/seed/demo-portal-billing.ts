import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Client } from 'pg';

import { stableUuid } from './deterministic';

/**
 * Issue 19 items 5 and 6 in the demo data: for the first active portal accounts (by email), an insurance card with
 * photos of both sides (small real PNGs), a tokenised payment method, and therapist change requests — a sensitive
 * one still pending (the current therapist never sees it; the admins' list does) and a plain one under review.
 * Anchored on `today` (YYYY-MM-DD); ids derived from the account ids, so a re-run adds nothing.
 */
export async function insertPortalChangeAndBilling(client: Client, today: string): Promise<void> {
  const { rows } = await client.query<{ organization_id: string; patient_id: string; account_id: string; admin_id: string | null }>(
    `SELECT a.organization_id, a.patient_id, a.id AS account_id,
            (SELECT b.staff_user_id FROM pf_role_bindings b WHERE b.organization_id = a.organization_id AND b.role_key = 'admin'
               AND b.revoked_at IS NULL ORDER BY b.staff_user_id LIMIT 1) AS admin_id
     FROM po_accounts a WHERE a.status = 'active' ORDER BY a.email LIMIT 3`,
  );
  for (const [i, r] of rows.entries()) {
    const card = DEMO_CARDS[i % DEMO_CARDS.length]!;
    const cardId = stableUuid('po_insurance_cards', r.account_id);
    const files = {
      front: stableUuid('po_files', 'insurance-front', r.account_id),
      back: stableUuid('po_files', 'insurance-back', r.account_id),
    };
    const createdAt = at(today, -20 - i * 7);
    for (const side of ['front', 'back'] as const) {
      const content = cardImage(card.colour, side);
      await client.query(
        `INSERT INTO po_files (organization_id, id, patient_id, owner_kind, owner_id, file_name, content_type, byte_size, sha256, content,
                               shared_with_clinician, created_by_kind, created_by, created_at)
         VALUES ($1, $2, $3, 'insurance_card', $4, $5, 'image/png', $6, $7, $8, false, 'client', $9, $10) ON CONFLICT DO NOTHING`,
        [
          r.organization_id,
          files[side],
          r.patient_id,
          cardId,
          `insurance-card-${side}.png`,
          content.length,
          sha256(content),
          content,
          r.account_id,
          createdAt,
        ],
      );
    }
    await client.query(
      `INSERT INTO po_insurance_cards (organization_id, id, patient_id, payer_name, member_id, group_number, front_file_id, back_file_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [
        r.organization_id,
        cardId,
        r.patient_id,
        card.payer,
        `${card.memberPrefix}${r.account_id.replace(/-/g, '').slice(0, 9).toUpperCase()}`,
        card.group,
        files.front,
        files.back,
        createdAt,
      ],
    );
    const year = Number(today.slice(0, 4));
    await client.query(
      `INSERT INTO po_payment_methods (organization_id, id, patient_id, processor, processor_token, brand, last4, exp_month, exp_year, created_at)
       VALUES ($1, $2, $3, 'stripe', $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [
        r.organization_id,
        stableUuid('po_payment_methods', r.account_id),
        r.patient_id,
        `pm_demo_${r.account_id.replace(/-/g, '').slice(0, 16)}`,
        card.brand,
        card.last4,
        ((i * 5) % 12) + 1,
        year + 2 + i,
        createdAt,
      ],
    );
    // Change requests: the first client's is sensitive and pending; the second's is plain and under review.
    if (i < 2)
      await client.query(
        `INSERT INTO po_change_requests (organization_id, id, patient_id, reason, shared_with_clinician, status, requested_at, review_started_at, review_started_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        i === 0
          ? [
              r.organization_id,
              stableUuid('po_change_requests', r.account_id),
              r.patient_id,
              SENSITIVE_REASON,
              false,
              'pending',
              at(today, -2),
              null,
              null,
            ]
          : [
              r.organization_id,
              stableUuid('po_change_requests', r.account_id),
              r.patient_id,
              PLAIN_REASON,
              true,
              'under_review',
              at(today, -6),
              at(today, -4),
              r.admin_id,
            ],
      );
  }
}

const SENSITIVE_REASON =
  'I would like a different therapist. Some comments in our last sessions made me uncomfortable and I do not feel able to raise it with them directly.';
const PLAIN_REASON = 'My work hours changed and I can only come in the evenings; I would like a therapist who has evening appointments.';

const DEMO_CARDS = [
  {
    payer: 'Blue Cross Blue Shield of Arizona',
    memberPrefix: 'XKZ',
    group: 'GRP-20418',
    brand: 'visa',
    last4: '4242',
    colour: [28, 86, 160],
  },
  { payer: 'Aetna', memberPrefix: 'W', group: '0881240-10-001', brand: 'mastercard', last4: '4444', colour: [124, 36, 120] },
  {
    payer: 'Regence BlueCross BlueShield of Oregon',
    memberPrefix: 'RBS',
    group: 'GRP-10443',
    brand: 'amex',
    last4: '0005',
    colour: [0, 110, 96],
  },
] as const;

/** Noon UTC, `days` from today. */
function at(today: string, days: number): string {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString();
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** A small card-shaped PNG (86 x 54 px): the front a coloured card with a light name band, the back white with a magnetic stripe. */
export function cardImage(colour: readonly [number, number, number], side: 'front' | 'back'): Buffer {
  const w = 86;
  const h = 54;
  const pixel = (x: number, y: number): readonly [number, number, number] => {
    const edge = x === 0 || y === 0 || x === w - 1 || y === h - 1;
    if (edge) return [90, 90, 90];
    if (side === 'back') return y >= 6 && y < 16 ? [20, 20, 20] : y >= 30 && y < 36 && x > 8 && x < 60 ? [200, 200, 200] : [248, 248, 248];
    if (y >= 34 && y < 42 && x > 6 && x < 70) return [235, 235, 235];
    if (y >= 10 && y < 20 && x > 6 && x < 20) return [212, 175, 55]; // the chip
    return colour;
  };
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) raw.set(pixel(x, y), y * (w * 3 + 1) + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
