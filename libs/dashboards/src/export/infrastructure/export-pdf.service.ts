import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';

import type { Cell, ExportMeta } from '../domain/dashboard-export.rules';

export interface PdfTable {
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
}

const text = (c: Cell): string => (c === null || c === undefined ? '' : String(c));

/**
 * Dashboard and drill-down exports as a real PDF (pdfkit, the standard Helvetica font, no network): a title, the
 * scope, the filters, the freshness lines and the generated-at time on the first page, then one block per row
 * (each column as "label: value", so wide tables stay readable on A4). Document info carries the title and the date.
 */
@Injectable()
export class ExportPdfService {
  render(meta: ExportMeta, freshness: readonly string[], table: PdfTable): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const doc = new PDFDocument({
        size: 'A4',
        margin: 48,
        info: { Title: meta.title, Author: 'Cairn', Subject: meta.scope, CreationDate: new Date(meta.generatedAt) },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);

      doc.font('Helvetica-Bold').fontSize(18).text(meta.title);
      doc.moveDown(0.5);
      doc.font('Helvetica').fontSize(10);
      doc.text(`Scope: ${meta.scope}`);
      const f = meta.filters;
      doc.text(`Filters: ${f.range} ${f.from} to ${f.to}; site ${f.siteId ?? 'all in scope'}; provider ${f.providerId ?? 'all in scope'}`);
      doc.text(`Generated at: ${meta.generatedAt} by ${meta.generatedBy}`);
      doc.moveDown(0.5);
      doc.font('Helvetica-Bold').text('Freshness');
      doc.font('Helvetica');
      for (const line of freshness) doc.text(line);
      doc.moveDown(0.5);
      doc.font('Helvetica-Bold').text(`${table.rows.length} row(s)`);
      doc.font('Helvetica').fontSize(9);
      for (const row of table.rows) {
        doc.moveDown(0.4);
        const [first, ...rest] = row;
        doc.font('Helvetica-Bold').text(text(first));
        doc.font('Helvetica');
        rest.forEach((cell, i) => {
          const v = text(cell);
          if (v !== '') doc.text(`${table.columns[i + 1]}: ${v}`, { indent: 12 });
        });
      }
      doc.end();
    });
  }
}
