import { DossierError } from '../../../shared/ipc/errors.js';
import type { ScanOptions } from '../../../shared/ipc/methods/ingest.js';

/**
 * What a SANE device accepts, read from `scanimage -d DEVICE -A`, and our scan options turned
 * into its arguments. Backends name the same things differently ("Color" / "Colour" / "24bit
 * Color", "ADF" / "Automatic Document Feeder" / "ADF Duplex"), so names are matched loosely.
 */
export type SaneConstraint = { kind: 'list'; values: string[] } | { kind: 'range'; min: number; max: number; step: number | null };

/** Option name as typed on the command line (`--mode`, `-x`) → what it accepts. */
export type SaneOptionTable = Map<string, SaneConstraint>;

const optionLine = /^ {2,6}(--?[A-Za-z0-9][\w-]*) (.+)$/;
const trailingBrackets = /(\s*\[[^\]]*\])+\s*$/;
const range = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)[a-z%]*(?:,\.\.\.)?(?: \(in steps of (\d+(?:\.\d+)?)\))?$/;
const number = /^-?\d+(?:\.\d+)?[a-z%]*$/;

/** Reads the option lines of `scanimage -A`; descriptions, booleans and free-form options are skipped. */
export function parseOptionTable(text: string): SaneOptionTable {
  const table: SaneOptionTable = new Map();
  for (const line of text.split(/\r?\n/)) {
    const match = optionLine.exec(line);
    if (!match) continue;
    const [, name, rest] = match as unknown as [string, string, string];
    // What follows the allowed values is the current value and flags, e.g. "[300]", "[inactive]".
    const constraint = rest.replace(trailingBrackets, '');
    if (constraint === '' || constraint.startsWith('<') || constraint.startsWith('[')) continue;
    const bounds = range.exec(constraint);
    if (bounds) {
      table.set(name, { kind: 'range', min: Number(bounds[1]), max: Number(bounds[2]), step: bounds[3] === undefined ? null : Number(bounds[3]) });
    } else {
      table.set(name, { kind: 'list', values: constraint.split('|') });
    }
  }
  return table;
}

const isFeeder = (source: string) => /adf|feeder|automatic document|duplex/i.test(source);
const isDuplex = (source: string) => /duplex/i.test(source);
const isFlatbed = (source: string) => /flatbed|platen|normal/i.test(source);
const modePatterns = { color: /colou?r/i, gray: /gr[ae]y/i, bw: /lineart|binary|black|monochrome/i } as const;

function listValues(table: SaneOptionTable, name: string): string[] {
  const constraint = table.get(name);
  return constraint?.kind === 'list' ? constraint.values : [];
}

function numericValues(values: readonly string[]): number[] {
  return values.filter((value) => number.test(value)).map((value) => parseFloat(value));
}

export function deviceFeatures(table: SaneOptionTable): { feeder: boolean; duplex: boolean } {
  const sources = listValues(table, '--source');
  return {
    feeder: sources.some(isFeeder),
    duplex: sources.some(isDuplex) || listValues(table, '--adf-mode').some(isDuplex),
  };
}

/** The supported resolution nearest the one asked for; a tie goes to the finer one (better for OCR). */
export function nearestResolution(constraint: SaneConstraint | undefined, wanted: number): number | null {
  if (!constraint) return null;
  if (constraint.kind === 'range') {
    const clamped = Math.min(constraint.max, Math.max(constraint.min, wanted));
    if (!constraint.step) return clamped;
    return Math.min(constraint.max, constraint.min + Math.round((clamped - constraint.min) / constraint.step) * constraint.step);
  }
  let best: number | null = null;
  for (const value of numericValues(constraint.values)) {
    if (best === null || Math.abs(value - wanted) < Math.abs(best - wanted) || (Math.abs(value - wanted) === Math.abs(best - wanted) && value > best)) best = value;
  }
  return best;
}

function unavailable(detail: string): DossierError {
  return new DossierError('SCANNER_FAILED', { detail });
}

function sourceArguments(table: SaneOptionTable, options: ScanOptions): string[] {
  const sources = listValues(table, '--source');
  // A device without a source option has one way in; it is used whatever was asked.
  if (sources.length === 0) return [];
  if (options.source === 'flatbed') {
    const flatbed = sources.find(isFlatbed) ?? sources.find((source) => !isFeeder(source));
    if (!flatbed) throw unavailable('device has no flatbed');
    return ['--source', flatbed];
  }
  if (options.duplex) {
    const duplex = sources.find((source) => isFeeder(source) && isDuplex(source));
    if (duplex) return ['--source', duplex];
    const feeder = sources.find(isFeeder);
    // Some backends (epson2) keep one feeder source and switch sides with --adf-mode.
    const adfDuplex = listValues(table, '--adf-mode').find(isDuplex);
    if (!feeder || !adfDuplex) throw unavailable('device has no duplex feeder');
    return ['--source', feeder, '--adf-mode', adfDuplex];
  }
  // "ADF Back" scans only the back of each sheet.
  const feeder = sources.find((source) => isFeeder(source) && !isDuplex(source) && !/back/i.test(source));
  if (!feeder) throw unavailable('device has no feeder');
  return ['--source', feeder];
}

function modeArguments(table: SaneOptionTable, options: ScanOptions): string[] {
  const modes = listValues(table, '--mode');
  const depths = numericValues(listValues(table, '--depth'));
  const mode = modes.find((name) => modePatterns[options.colorMode].test(name));
  // Lineart modes fix their own depth (and often make --depth inactive, which scanimage refuses).
  if (mode && options.colorMode === 'bw') return ['--mode', mode];
  if (options.colorMode === 'bw') {
    // No lineart mode (SANE's test backend): grey at one bit per pixel is the same picture.
    const gray = modes.find((name) => modePatterns.gray.test(name));
    return [...(gray ? ['--mode', gray] : []), ...(depths.includes(1) ? ['--depth', '1'] : [])];
  }
  // Eight bits: sixteen doubles the size and nothing downstream uses the extra precision.
  return [...(mode ? ['--mode', mode] : []), ...(depths.includes(8) ? ['--depth', '8'] : [])];
}

/**
 * scanimage arguments for these options. The source comes first: scanimage applies options in
 * order, and a feeder source is what makes options such as --adf-mode active.
 */
export function scanArguments(table: SaneOptionTable, options: ScanOptions): string[] {
  const resolution = nearestResolution(table.get('--resolution'), options.resolution);
  return [
    ...sourceArguments(table, options),
    ...modeArguments(table, options),
    ...(resolution === null ? [] : ['--resolution', String(resolution)]),
  ];
}
