import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanOptions } from '../../shared/ipc/methods/ingest.js';
import { deviceFeatures, nearestResolution, parseOptionTable, scanArguments } from '../../electron/ingest/sources/sane-options.js';

/** How real backends name things differently, as `scanimage -A` prints them (abridged). */
const fujitsu = `
All options specific to device \`fujitsu:fi-6130dj:110245':
  Standard:
    --source ADF Front|ADF Back|ADF Duplex [ADF Front]
        Selects the scan source (such as a document-feeder).
    --mode Lineart|Halftone|Gray|Color [Lineart]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --resolution 50..600dpi (in steps of 1) [600]
        Sets the resolution of the scanned image.
`;
const epson = `
All options specific to device \`epson2:libusb:001:004':
  Scan Mode:
    --mode Lineart|Gray|Color [Lineart]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --depth 8|16 [inactive]
        Number of bits per sample, typical values are 1 for "line-art" and 8
        for multibit scans.
    --resolution 75|150|300|600|1200dpi [75]
        Sets the resolution of the scanned image.
  Advanced:
    --source Flatbed|Automatic Document Feeder [Flatbed]
        Selects the scan source (such as a document-feeder).
    --adf-mode Simplex|Duplex [inactive]
        Selects the ADF mode (simplex/duplex)
`;
const hp = `
    --mode Lineart|Gray|Color [Color]
    --resolution 75|100|150|200|300|600|1200dpi [75]
    --source Flatbed|ADF|Duplex [Flatbed]
`;

const options = (overrides: Partial<ScanOptions> = {}): ScanOptions => ({ deviceId: 'x', resolution: 300, colorMode: 'color', source: 'feeder', duplex: false, ...overrides });

function testBackendOptions(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-sane-'));
  writeFileSync(join(dir, 'dll.conf'), 'test\n');
  return execFileSync('scanimage', ['-d', 'test', '-A'], { env: { ...process.env, SANE_CONFIG_DIR: dir }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

describe('SANE device options', () => {
  it('reads the test backend’s options from scanimage -A', () => {
    const table = parseOptionTable(testBackendOptions());
    expect(table.get('--mode')).toEqual({ kind: 'list', values: ['Gray', 'Color'] });
    expect(table.get('--depth')).toEqual({ kind: 'list', values: ['1', '8', '16'] });
    expect(table.get('--resolution')).toEqual({ kind: 'range', min: 1, max: 1200, step: 1 });
    expect(table.get('--source')).toEqual({ kind: 'list', values: ['Flatbed', 'Automatic Document Feeder'] });
    expect(table.get('-x')).toEqual({ kind: 'range', min: 0, max: 200, step: 1 });
    // Booleans and free-form options carry no constraint to choose from.
    expect(table.has('--hand-scanner')).toBe(false);
    expect(table.has('--int')).toBe(false);
    expect(deviceFeatures(table)).toEqual({ feeder: true, duplex: false });
    expect(scanArguments(table, options({ source: 'flatbed', colorMode: 'bw', resolution: 200 }))).toEqual(['--source', 'Flatbed', '--mode', 'Gray', '--depth', '1', '--resolution', '200']);
    expect(scanArguments(table, options({ colorMode: 'color', resolution: 600 }))).toEqual(['--source', 'Automatic Document Feeder', '--mode', 'Color', '--depth', '8', '--resolution', '600']);
  });

  it('finds feeder, duplex and lineart under each backend’s names', () => {
    const fi = parseOptionTable(fujitsu);
    expect(deviceFeatures(fi)).toEqual({ feeder: true, duplex: true });
    expect(scanArguments(fi, options({ colorMode: 'bw' }))).toEqual(['--source', 'ADF Front', '--mode', 'Lineart', '--resolution', '300']);
    expect(scanArguments(fi, options({ duplex: true, colorMode: 'gray' }))).toEqual(['--source', 'ADF Duplex', '--mode', 'Gray', '--resolution', '300']);
    expect(() => scanArguments(fi, options({ source: 'flatbed' }))).toThrow(expect.objectContaining({ code: 'SCANNER_FAILED', details: { detail: 'device has no flatbed' } }));

    const ep = parseOptionTable(epson);
    expect(deviceFeatures(ep)).toEqual({ feeder: true, duplex: true });
    expect(scanArguments(ep, options({ duplex: true, resolution: 400 }))).toEqual([
      '--source',
      'Automatic Document Feeder',
      '--adf-mode',
      'Duplex',
      '--mode',
      'Color',
      '--depth',
      '8',
      '--resolution',
      '300',
    ]);

    const hpaio = parseOptionTable(hp);
    expect(deviceFeatures(hpaio)).toEqual({ feeder: true, duplex: true });
    expect(scanArguments(hpaio, options({ duplex: true, resolution: 400 }))).toEqual(['--source', 'Duplex', '--mode', 'Color', '--resolution', '300']);
    expect(scanArguments(hpaio, options({ source: 'flatbed', colorMode: 'gray' }))).toEqual(['--source', 'Flatbed', '--mode', 'Gray', '--resolution', '300']);
  });

  it('picks the nearest supported resolution, the finer one on a tie', () => {
    expect(nearestResolution({ kind: 'list', values: ['75', '150', '300', '600dpi'] }, 200)).toBe(150);
    expect(nearestResolution({ kind: 'list', values: ['100', '300dpi'] }, 200)).toBe(300);
    expect(nearestResolution({ kind: 'range', min: 50, max: 1200, step: 25 }, 310)).toBe(300);
    expect(nearestResolution({ kind: 'range', min: 100, max: 300, step: null }, 600)).toBe(300);
    expect(nearestResolution(undefined, 300)).toBeNull();
  });
});
