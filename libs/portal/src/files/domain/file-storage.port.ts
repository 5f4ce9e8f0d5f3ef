import type { PortalTx } from '../../portal.tx';
import type { AllowedContentType } from './content-type.rules';

/** What the portal knows of a stored file (never its bytes). */
export interface PortalFileView {
  fileId: string;
  patientId: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  ownerKind: string;
  ownerId: string | null;
  sharedWithClinician: boolean;
  createdByKind: 'client' | 'staff';
  createdAt: string;
}

export interface StoreFileInput {
  organizationId: string;
  patientId: string;
  fileName: string;
  contentType: AllowedContentType;
  content: Buffer;
  ownerKind: string;
  ownerId?: string | null;
  sharedWithClinician: boolean;
  createdByKind: 'client' | 'staff';
  createdBy: string;
}

export interface OpenedFile {
  file: PortalFileView;
  content: Buffer;
}

/**
 * The portal's one storage port (issue 18 item 4). Every file goes through it, inside the transaction of the
 * use case, so the row and its bytes commit together and a file outside the caller's policy cannot be opened.
 * The default adapter (PostgresFileStorage) keeps the bytes in po_files under the same row policy and erasure as
 * its row; another adapter (object storage) would keep only the metadata row there.
 */
export abstract class FileStorage {
  abstract store(tx: PortalTx, input: StoreFileInput): Promise<PortalFileView>;
  /** The file and its bytes, or null when it does not exist or the caller's policy does not show it. */
  abstract open(tx: PortalTx, organizationId: string, fileId: string): Promise<OpenedFile | null>;
  /** Points a file at the record that uses it (a homework submission, a resource), keeping its sharing in step. */
  abstract attach(
    tx: PortalTx,
    organizationId: string,
    fileId: string,
    owner: { kind: string; id: string; sharedWithClinician?: boolean },
  ): Promise<boolean>;
}
