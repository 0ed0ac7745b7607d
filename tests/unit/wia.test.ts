import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanOptions } from '../../shared/ipc/methods/ingest.js';
import { createScannerAdapter } from '../../electron/ingest/sources/scanner.js';
import { SaneScanner } from '../../electron/ingest/sources/sane.js';
import { listScript, paperEmpty, parseWiaLine, psString, scanScript, WiaScanner } from '../../electron/ingest/sources/wia.js';

/** What PowerShell does with psString's output: decode the base64 literal inside it. */
function decodePsString(expression: string): string {
  const match = /^\(\[Text\.Encoding\]::UTF8\.GetString\(\[Convert\]::FromBase64String\('([A-Za-z0-9+/=]*)'\)\)\)$/.exec(expression);
  if (!match) throw new Error(`not a psString: ${expression}`);
  return Buffer.from(match[1]!, 'base64').toString('utf8');
}

const hostileId = `{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001' ; Remove-Item C:\\ -Recurse #‘’$(calc)\`"\n扫描仪`;
const options = (overrides: Partial<ScanOptions> = {}): ScanOptions => ({ deviceId: hostileId, resolution: 300, colorMode: 'gray', source: 'feeder', duplex: true, ...overrides });

describe('WIA through PowerShell', () => {
  it('picks WIA on Windows and SANE elsewhere', () => {
    expect(createScannerAdapter('win32', {})).toBeInstanceOf(WiaScanner);
    expect(createScannerAdapter('linux', {})).toBeInstanceOf(SaneScanner);
    expect(createScannerAdapter('darwin', {})).toBeInstanceOf(SaneScanner);
  });

  it('embeds strings as base64 so no quote, dollar, backtick or newline reaches the parser', () => {
    for (const text of [hostileId, '', "it's", '‘smart’ „quotes‟', '$env:USERPROFILE', '`n', 'C:\\Users\\张伟\\AppData\\Local\\Temp\\dossier-wia-x']) {
      const expression = psString(text);
      expect(expression).toMatch(/^[\x20-\x7e]+$/);
      expect(decodePsString(expression)).toBe(text);
    }
  });

  it('writes a scan script with the device id and folder escaped and the options as WIA property values', () => {
    const folder = 'C:\\Users\\张伟\\AppData\\Local\\Temp\\dossier-wia-abc';
    const script = scanScript(options(), folder, 300);
    // ASCII only: the console code page cannot garble it on its way in.
    expect(script).toMatch(/^[\x20-\x7e\n]+$/);
    expect(script).not.toContain('Remove-Item C:');
    expect(script).not.toContain('张伟');
    const [deviceLine] = script.split('\n').filter((line) => line.startsWith('$deviceId = '));
    expect(decodePsString(deviceLine!.slice('$deviceId = '.length))).toBe(hostileId);
    const [folderLine] = script.split('\n').filter((line) => line.startsWith('$folder = '));
    expect(decodePsString(folderLine!.slice('$folder = '.length))).toBe(folder);

    expect(script).toContain('Set-WiaProperty $device.Properties 3088 5');
    expect(script).toContain('Set-WiaProperty $item.Properties 6146 2');
    expect(script).toContain('Set-WiaProperty $item.Properties 6147 300');
    expect(script).toContain('Set-WiaProperty $item.Properties 6148 300');
    expect(script).toContain('while ($page -lt 300)');
    expect(script).toContain(`-eq '${paperEmpty}'`);
    // The page file is deleted right after it is read, whatever happens.
    expect(script).toMatch(/try \{ \$bytes = \[IO\.File\]::ReadAllBytes\(\$file\) \} finally \{ Remove-Item -LiteralPath \$file -Force \}/);

    const flatbed = scanScript(options({ source: 'flatbed', duplex: false, colorMode: 'bw', resolution: 600 }), folder, 300);
    expect(flatbed).toContain('Set-WiaProperty $device.Properties 3088 2');
    expect(flatbed).toContain('Set-WiaProperty $item.Properties 6146 4');
    expect(flatbed).toContain('Set-WiaProperty $item.Properties 6147 600');
    expect(flatbed).toContain('while ($page -lt 1)');
    expect(scanScript(options({ duplex: false, colorMode: 'color' }), folder, 300)).toMatch(/3088 1\n[\s\S]*6146 1\n/);
  });

  it('separates top-level statements by blank lines and has none inside them (stdin is read like a prompt)', () => {
    for (const script of [listScript(), scanScript(options(), 'C:\\t', 10)]) {
      expect(script.endsWith('\n\n')).toBe(true);
      for (const statement of script.trim().split('\n\n')) {
        const opened = (statement.match(/\{/g) ?? []).length;
        const closed = (statement.match(/\}/g) ?? []).length;
        expect(opened).toBe(closed);
      }
    }
  });

  it('reads marker lines and ignores everything else', () => {
    const device = Buffer.from(JSON.stringify({ id: '{6BDD}\\0001', name: '佳能 DR-C225', capabilities: 1 | 4 })).toString('base64');
    expect(parseWiaLine(`DOSSIER-WIA device ${device}`)).toEqual({ kind: 'device', scanner: { id: '{6BDD}\\0001', name: '佳能 DR-C225', feeder: true, duplex: true } });
    const flatOnly = Buffer.from(JSON.stringify({ id: 'a', name: '', capabilities: 2 })).toString('base64');
    expect(parseWiaLine(`DOSSIER-WIA device ${flatOnly}`)).toEqual({ kind: 'device', scanner: { id: 'a', name: 'a', feeder: false, duplex: false } });

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const page = parseWiaLine(`DOSSIER-WIA page ${png.toString('base64')}\r`);
    expect(page).toEqual({ kind: 'page', image: png });
    expect(parseWiaLine('DOSSIER-WIA done 12')).toEqual({ kind: 'done', pages: 12 });
    expect(parseWiaLine(`DOSSIER-WIA error ${paperEmpty}`)).toEqual({ kind: 'error', code: paperEmpty });
    expect(parseWiaLine('DOSSIER-WIA error notFound')).toEqual({ kind: 'error', code: 'notFound' });

    for (const noise of [
      '',
      'PS C:\\> ',
      'Windows PowerShell',
      'DOSSIER-WIA page not*base64',
      'DOSSIER-WIA done many',
      'DOSSIER-WIA device bm90IGpzb24=',
      `DOSSIER-WIA device ${Buffer.from('{"id":""}').toString('base64')}`,
      'DOSSIER-WIA other thing',
      ' DOSSIER-WIA done 1',
    ]) {
      expect(parseWiaLine(noise)).toBeNull();
    }
  });

  it('reports a machine without PowerShell as SCANNER_FAILED', async () => {
    const wia = new WiaScanner({ command: '/nonexistent/powershell.exe' });
    await expect(wia.list()).rejects.toMatchObject({ code: 'SCANNER_FAILED', details: { detail: 'wia cannot run PowerShell: ENOENT' } });
    await expect(wia.scan(options(), async () => undefined)).rejects.toMatchObject({ code: 'SCANNER_FAILED', details: { detail: 'wia cannot run PowerShell: ENOENT' } });
  });

  it('hands pages over in order as their lines arrive and maps a WIA error (a stand-in program plays PowerShell)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dossier-wia-test-'));
    const fake = (name: string, lines: string[], code: number) => {
      const path = join(dir, name);
      writeFileSync(path, `#!/bin/sh\ncat > /dev/null\n${lines.map((line) => `echo '${line}'`).join('\n')}\nexit ${code}\n`);
      chmodSync(path, 0o755);
      return path;
    };
    const pageLine = (n: number) => `DOSSIER-WIA page ${Buffer.from(`page ${n}`).toString('base64')}`;
    const received: string[] = [];
    const onPage = async (image: Buffer, pageNo: number) => void received.push(`${pageNo}:${image.toString()}`);

    const good = new WiaScanner({ command: fake('good', ['Windows PowerShell', pageLine(1), pageLine(2), 'DOSSIER-WIA done 2'], 0) });
    await expect(good.scan(options(), onPage)).resolves.toEqual({ pages: 2 });
    expect(received).toEqual(['1:page 1', '2:page 2']);

    const jammed = new WiaScanner({ command: fake('jammed', [pageLine(1), 'DOSSIER-WIA error 0x80210002'], 1) });
    await expect(jammed.scan(options(), onPage)).rejects.toMatchObject({ code: 'SCANNER_FAILED', details: { detail: 'wia 0x80210002', pages: 1 } });

    const silent = new WiaScanner({ command: fake('silent', [], 0) });
    await expect(silent.scan(options(), onPage)).rejects.toMatchObject({ code: 'SCANNER_FAILED', details: { detail: 'wia exit 0' } });
    rmSync(dir, { recursive: true, force: true });
  });
});
