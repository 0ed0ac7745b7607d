import { useTranslation } from 'react-i18next';
import type { CoverSheet as CoverSheetContent } from '../../../../shared/ipc/methods/ingest.js';
import './cover-sheet.css';

/**
 * A cover sheet: the QR code the scanner station reads, and the same facts in words for people.
 * Dossier recognises the sheet, files the pages behind it accordingly and does not keep the
 * sheet itself as a page.
 */
export function CoverSheet({ sheet, typeName }: { sheet: CoverSheetContent; typeName: string }) {
  const { t, i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(sheet.createdAt));
  const fields = [
    { key: 'customer', label: t('coverSheet.customer'), value: sheet.customerName },
    { key: 'idNumber', label: t('coverSheet.idNumber'), value: sheet.customerIdMasked },
    { key: 'policy', label: t('coverSheet.policy'), value: sheet.policyNumber },
    { key: 'type', label: t('coverSheet.documentType'), value: typeName },
    { key: 'batch', label: t('coverSheet.batch'), value: sheet.batchLabel },
    { key: 'date', label: t('coverSheet.date'), value: date },
  ];
  return (
    <div className="cover-sheet">
      <h1 className="cover-sheet-title">{t('coverSheet.title')}</h1>
      {/* SVG markup that main made from the sheet's fixed payload (no user text in it): trusted. */}
      <div className="cover-sheet-qr" data-testid="cover-sheet-qr" dangerouslySetInnerHTML={{ __html: sheet.qrSvg }} />
      <table className="cover-sheet-fields">
        <tbody>
          {fields.map(({ key, label, value }) => (
            <tr key={key} data-testid={`cover-sheet-${key}`}>
              <th>{label}</th>
              <td>{value ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="cover-sheet-instruction">{t('coverSheet.instruction')}</p>
    </div>
  );
}
