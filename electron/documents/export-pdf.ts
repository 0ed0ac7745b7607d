import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { ArchiveSession } from '../archive/archive.js';

const pointsPerInch = 72;

/**
 * A filed document as a PDF of its page images, each page sized from its scan resolution so it
 * prints at its real size. Authorised and recorded in the audit log before any page is read.
 */
export async function exportDocumentPdf(session: ArchiveSession, documentId: string): Promise<{ name: string; bytes: Buffer }> {
  const plan = await session.db.call('documents.export', { actorId: session.user.id, documentId });
  const pdf = await PDFDocument.create();
  pdf.setCreator('Dossier');
  pdf.setProducer('Dossier');
  for (const page of plan.pages) {
    let image = await session.pages.get(page.blobId);
    if (page.rotation) image = await sharp(image).rotate(page.rotation).toBuffer();
    const embedded = image[0] === 0x89 ? await pdf.embedPng(image) : await pdf.embedJpg(image);
    const dpi = page.dpi ?? 200;
    const width = (embedded.width / dpi) * pointsPerInch;
    const height = (embedded.height / dpi) * pointsPerInch;
    pdf.addPage([width, height]).drawImage(embedded, { x: 0, y: 0, width, height });
  }
  const name = `${[plan.customerName, plan.typeCode, documentId.slice(0, 8)].filter(Boolean).join('-')}.pdf`;
  return { name, bytes: Buffer.from(await pdf.save()) };
}
