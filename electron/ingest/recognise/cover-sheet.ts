import QRCode from 'qrcode';
import { documentTypeCodePattern } from '../../../shared/domain/document-type.js';
import { uuidPattern } from '../../../shared/domain/ids.js';

export { readQrCodes } from './qr-codes.js';

/**
 * Cover sheets: a printed page with a QR code placed on top of a bundle of paper, saying whose it
 * is and what it is, so the pages behind it are filed without OCR guesswork. The payload is a
 * line of text with a version tag, so a QR code from anything else (a bank slip, a WeChat code)
 * is never taken for one.
 */
export interface CoverSheetPayload {
  archiveId: string;
  customerId: string;
  policyId: string | null;
  documentTypeCode: string;
  /** Free text to help people sort paper (date, who printed it). */
  batchLabel: string;
}

const tag = 'DOSSIER-CS1';
const maxLabelLength = 100;
const noPolicy = '-';

/** '%' and '|' are escaped so the label cannot break the fields apart; control characters are not allowed at all. */
function escapeLabel(label: string): string {
  return label.replace(/[%|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function unescapeLabel(label: string): string | null {
  if (/%(?!25|7C)/i.test(label)) return null;
  // One pass, so that an escaped '%' followed by '7C' stays those characters.
  return label.replace(/%(25|7C)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const controlCharacters = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

function labelProblem(label: string): string | null {
  if (Array.from(label).length > maxLabelLength) return `longer than ${maxLabelLength} characters`;
  if (controlCharacters.test(label)) return 'contains control characters';
  return null;
}

export function encodeCoverSheet(payload: CoverSheetPayload): string {
  const { archiveId, customerId, policyId, documentTypeCode, batchLabel } = payload;
  for (const id of [archiveId, customerId, policyId ?? undefined]) {
    if (id !== undefined && !uuidPattern.test(id)) throw new Error(`Not a UUID: ${id}`);
  }
  if (!documentTypeCodePattern.test(documentTypeCode)) throw new Error(`Not a document type code: ${documentTypeCode}`);
  const problem = labelProblem(batchLabel);
  if (problem) throw new Error(`Batch label ${problem}`);
  return [tag, archiveId, customerId, policyId ?? noPolicy, documentTypeCode, escapeLabel(batchLabel)].join('|');
}

/** The payload, or null for any text that is not exactly a cover sheet of this format. */
export function decodeCoverSheet(text: string): CoverSheetPayload | null {
  const fields = text.split('|');
  if (fields.length !== 6 || fields[0] !== tag) return null;
  const [, archiveId = '', customerId = '', policy = '', documentTypeCode = '', escapedLabel = ''] = fields;
  if (!uuidPattern.test(archiveId) || !uuidPattern.test(customerId)) return null;
  if (policy !== noPolicy && !uuidPattern.test(policy)) return null;
  if (!documentTypeCodePattern.test(documentTypeCode)) return null;
  const batchLabel = unescapeLabel(escapedLabel);
  if (batchLabel === null || labelProblem(batchLabel)) return null;
  return { archiveId, customerId, policyId: policy === noPolicy ? null : policy, documentTypeCode, batchLabel };
}

/**
 * The code for the printed sheet. Error correction Q survives a quarter of the code being
 * smudged, folded or stamped over, which the dense text of a UUID payload can afford.
 */
export function coverSheetQrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'Q', margin: 4 });
}
