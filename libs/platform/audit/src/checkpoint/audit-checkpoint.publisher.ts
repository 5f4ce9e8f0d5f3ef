import { createPublicKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';

import { AppConfig, CONFIG } from '@cairn/platform/config';
import { PrismaService } from '@cairn/platform/db';

import {
  appendCheckpoint,
  AuditCheckpoint,
  ChainHead,
  checkpointProblem,
  loadPrivateKey,
  readCheckpointLines,
  sameHeads,
  signCheckpoint,
} from './audit-checkpoint';

export type PublishOutcome = { published: true; checkpoint: AuditCheckpoint; file: string } | { published: false; reason: string };

/**
 * Reads every chain head (pf_audit_current_heads, as the app role: positions and hashes, no event content) and
 * appends a signed checkpoint to AUDIT_CHECKPOINT_DIR when a head moved since the last one. The worker runs it
 * every AUDIT_CHECKPOINT_INTERVAL_SECONDS (apps/worker, the audit-checkpoint job).
 */
@Injectable()
export class AuditCheckpointPublisher {
  private readonly logger = new Logger('AuditCheckpoint');
  private key?: KeyObject;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.AUDIT_CHECKPOINT_KEY_FILE !== '' && this.config.AUDIT_CHECKPOINT_INTERVAL_SECONDS > 0;
  }

  async heads(): Promise<ChainHead[]> {
    const rows = await this.prisma.$queryRaw<
      { chain_key: string; seq: bigint; last_hash: string }[]
    >`SELECT chain_key::text, seq, last_hash FROM pf_audit_current_heads()`;
    return rows.map((r) => ({ chainKey: r.chain_key, seq: r.seq.toString(), hash: r.last_hash }));
  }

  async publish(now = new Date()): Promise<PublishOutcome> {
    if (!this.enabled) return { published: false, reason: 'AUDIT_CHECKPOINT_KEY_FILE is not set' };
    this.key ??= loadPrivateKey(this.config.AUDIT_CHECKPOINT_KEY_FILE);
    const dir = this.config.AUDIT_CHECKPOINT_DIR;
    const heads = await this.heads();
    if (heads.length === 0) return { published: false, reason: 'no audit events yet' };
    const lines = readCheckpointLines(dir);
    const last = lines[lines.length - 1];
    // Never extend a file whose last line does not verify: that is evidence, and the alarm must not be buried.
    if (last !== undefined) {
      const problem = checkpointProblem(last, createPublicKey(this.key));
      if (problem) throw new Error(`the last checkpoint in ${dir} does not verify (${problem}); not appending`);
      if (sameHeads(heads, last as AuditCheckpoint)) return { published: false, reason: 'no chain moved since the last checkpoint' };
    }
    const checkpoint = signCheckpoint(heads, this.key, now);
    const file = appendCheckpoint(dir, checkpoint);
    this.logger.log(`checkpoint of ${heads.length} chain head(s) appended to ${file}`);
    return { published: true, checkpoint, file };
  }
}
