import type { TFunction } from 'i18next';
import type { RejectReason } from '../ipc/methods/ingest.js';

/** Durations, decimals and file sizes in a locale: for the ingest screens and the CLI alike. */
export function ingestFormats(language: string) {
  const whole = new Intl.NumberFormat(language, { useGrouping: false });
  const twoDigits = new Intl.NumberFormat(language, { minimumIntegerDigits: 2, useGrouping: false });
  const decimal = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const megabytes = new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
  const kilobytes = new Intl.NumberFormat(language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
  return {
    /** m:ss, or h:mm:ss from an hour on. */
    duration: (seconds: number) => {
      const s = Math.max(0, Math.round(seconds));
      const hours = Math.floor(s / 3600);
      const minutes = Math.floor((s % 3600) / 60);
      const rest = twoDigits.format(s % 60);
      return hours > 0 ? `${whole.format(hours)}:${twoDigits.format(minutes)}:${rest}` : `${whole.format(minutes)}:${rest}`;
    },
    /** At most one decimal: speeds, megapixels. */
    decimal: (value: number) => decimal.format(value),
    size: (bytes: number) => (bytes >= 1024 * 1024 ? megabytes.format(bytes / (1024 * 1024)) : kilobytes.format(Math.max(1, bytes / 1024))),
  };
}

/**
 * Why a file was refused, in the user's language. Main records raw values (bytes, pixels, a
 * problem code); they are put in readable units and words here.
 */
export function rejectMessage(t: TFunction, language: string, reason: RejectReason, values: Record<string, string | number> | null): string {
  const formats = ingestFormats(language);
  const shown: Record<string, string | number> = { ...values };
  if (reason === 'tooLarge') {
    shown.size = formats.size(Number(shown.size));
    shown.max = formats.size(Number(shown.max));
  } else if (reason === 'tooManyPixels') {
    shown.pixels = formats.decimal(Number(shown.pixels) / 1e6);
    shown.max = formats.decimal(Number(shown.max) / 1e6);
  } else if (reason === 'badFileName') {
    shown.problem = t(`ingest.fileNameProblems.${String(shown.problem)}`);
  }
  return t(`ingest.reject.${reason}`, shown);
}
