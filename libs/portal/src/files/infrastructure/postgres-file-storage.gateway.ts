import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

import type { PortalRow, PortalTx } from '../../portal.tx';
import { FileStorage, OpenedFile, PortalFileView, StoreFileInput } from '../domain/file-storage.port';

export function toPortalFileView(f: Omit<PortalRow<'portalFile'>, 'content'>): PortalFileView {
  return {
    fileId: f.id,
    patientId: f.patientId,
    fileName: f.fileName,
    contentType: f.contentType,
    byteSize: f.byteSize,
    sha256: f.sha256,
    ownerKind: f.ownerKind,
    ownerId: f.ownerId,
    sharedWithClinician: f.sharedWithClinician,
    createdByKind: f.createdByKind === 'client' ? 'client' : 'staff',
    createdAt: f.createdAt.toISOString(),
  };
}

const META = {
  organizationId: true,
  id: true,
  patientId: true,
  ownerKind: true,
  ownerId: true,
  fileName: true,
  contentType: true,
  byteSize: true,
  sha256: true,
  sharedWithClinician: true,
  createdByKind: true,
  createdBy: true,
  createdAt: true,
} as const;

/**
 * The default adapter of the storage port: the bytes in po_files (bytea) beside their metadata, in the use case's
 * transaction, under the table's row policy (the client's own files; the therapist's shared ones; admins all) and
 * removed with the patient's other portal rows. Nothing to configure.
 */
@Injectable()
export class PostgresFileStorage extends FileStorage {
  async store(tx: PortalTx, input: StoreFileInput): Promise<PortalFileView> {
    const row = await tx.portalFile.create({
      data: {
        organizationId: input.organizationId,
        id: randomUUID(),
        patientId: input.patientId,
        ownerKind: input.ownerKind,
        ownerId: input.ownerId ?? null,
        fileName: input.fileName,
        contentType: input.contentType,
        byteSize: input.content.length,
        sha256: createHash('sha256').update(input.content).digest('hex'),
        content: new Uint8Array(input.content),
        sharedWithClinician: input.sharedWithClinician,
        createdByKind: input.createdByKind,
        createdBy: input.createdBy,
      },
      select: META,
    });
    return toPortalFileView(row);
  }

  async open(tx: PortalTx, organizationId: string, fileId: string): Promise<OpenedFile | null> {
    const row = await tx.portalFile.findUnique({ where: { organizationId_id: { organizationId, id: fileId } } });
    if (!row) return null;
    return { file: toPortalFileView(row), content: Buffer.from(row.content) };
  }

  async attach(
    tx: PortalTx,
    organizationId: string,
    fileId: string,
    owner: { kind: string; id: string; sharedWithClinician?: boolean },
  ): Promise<boolean> {
    const r = await tx.portalFile.updateMany({
      where: { organizationId, id: fileId, ownerId: null },
      data: {
        ownerKind: owner.kind,
        ownerId: owner.id,
        ...(owner.sharedWithClinician === undefined ? {} : { sharedWithClinician: owner.sharedWithClinician }),
      },
    });
    return r.count === 1;
  }
}
