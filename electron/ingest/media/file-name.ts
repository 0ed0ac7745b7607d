import { RejectedFile } from '../types.js';

/** Windows and most file systems stop at 255 UTF-16 units per name. */
const maxLength = 255;

/**
 * Names come from drops, hot folders and scanners and end up in the interface and in exports.
 * Control characters and bidi overrides can disguise a name ("invoice\u202Efdp.exe" shows as
 * "invoiceexe.pdf"); separators (':' included: a drive on Windows) and "." or ".." would escape a
 * folder if a name were ever joined to a path. With separators refused, dots inside a name
 * ("合同...副本.pdf") cannot climb anywhere and stay allowed, as do Chinese, spaces and parentheses.
 */
export function checkFileName(name: string): void {
  if (name.trim() === '') throw new RejectedFile('badFileName', { problem: 'empty' });
  if (name.length > maxLength) throw new RejectedFile('badFileName', { problem: 'tooLong', length: name.length, max: maxLength });
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) throw new RejectedFile('badFileName', { problem: 'control' });
  if (/[\u202a-\u202e\u2066-\u2069]/.test(name)) throw new RejectedFile('badFileName', { problem: 'bidi' });
  if (/[/\\:]/.test(name) || name === '.' || name === '..') throw new RejectedFile('badFileName', { problem: 'path' });
}
