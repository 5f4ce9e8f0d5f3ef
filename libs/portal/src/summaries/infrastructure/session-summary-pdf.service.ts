import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';

import type { SessionSummaryView } from '../domain/session-summary.view';

/** The client's download of a session summary as a PDF (pdfkit, the standard Helvetica font, no network). */
@Injectable()
export class SessionSummaryPdfService {
  render(v: SessionSummaryView, organizationName: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const doc = new PDFDocument({
        size: 'A4',
        margin: 56,
        info: { Title: 'Session summary', Author: organizationName, CreationDate: new Date(v.sharedAt) },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.font('Helvetica-Bold').fontSize(18).text('Session summary');
      doc.moveDown(0.3);
      doc.font('Helvetica').fontSize(10).fillColor('#444444');
      doc.text(organizationName);
      doc.text(`Session: ${v.appointmentStartAt.slice(0, 16).replace('T', ' ')} UTC${v.clinicianName ? ` with ${v.clinicianName}` : ''}`);
      doc.text(`Shared: ${v.sharedAt.slice(0, 10)}`);
      doc.moveDown();
      doc.fillColor('#000000').fontSize(11).text(v.summary, { align: 'left' });
      doc.moveDown(2);
      doc
        .fontSize(8)
        .fillColor('#666666')
        .text('Confidential: shared with you through the client portal. If you are in crisis, call or text 988.');
      doc.end();
    });
  }
}
