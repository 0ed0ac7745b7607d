import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { DossierError } from '../../../shared/ipc/errors.js';
import type { ColorMode, ScanOptions, Scanner } from '../../../shared/ipc/methods/ingest.js';
import { PageQueue } from './page-queue.js';
import { runCommand } from './run-command.js';
import type { ScannerAdapter } from './scanner.js';

/**
 * Windows scanning through WIA's automation objects, driven by Windows PowerShell (present on
 * every supported Windows) so no native module is needed. Scripts go in on stdin and results
 * come back as marker lines on stdout: `DOSSIER-WIA <kind> <value>`, values in base64 so the
 * console code page (GBK on a Chinese Windows) cannot garble names and images.
 */
export interface WiaSettings {
  env?: NodeJS.ProcessEnv;
  /** Default `powershell.exe` from PATH. */
  command?: string;
  /** Most pages one feeder scan may return (default 300, as for SANE). */
  maxFeederPages?: number;
}

const marker = 'DOSSIER-WIA';
const listTimeoutMs = 60_000;
const pngFormat = '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}';
/** WIA_ERROR_PAPER_EMPTY: the feeder ran out, which after the first sheet means the stack is done. */
export const paperEmpty = '0x80210003';

/** WIA_IPS_CUR_INTENT. */
const intents: Record<ColorMode, number> = { color: 1, gray: 2, bw: 4 };
/** WIA_DPS_DOCUMENT_HANDLING_SELECT (and the same bits in _CAPABILITIES). */
const handling = { feeder: 1, flatbed: 2, duplex: 4 } as const;

/** A PowerShell expression for `text`: base64 of its UTF-8, so no quote, `$` or backtick in it is ever parsed. */
export function psString(text: string): string {
  return `([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${Buffer.from(text, 'utf8').toString('base64')}')))`;
}

/**
 * `-Command -` reads stdin like an interactive prompt: a statement spanning lines ends only at a
 * blank line. So top-level statements are separated by blank lines and none has one inside.
 */
function script(statements: string[]): string {
  return `${statements.map((statement) => statement.trim()).join('\n\n')}\n\n`;
}

const helpers = [
  `$ErrorActionPreference = 'Stop'`,
  `function Find-WiaProperty($properties, [int]$id) {
  foreach ($property in $properties) { if ($property.PropertyID -eq $id) { return $property } }
  return $null
}`,
  // Drivers refuse values they do not list: take the nearest one they do.
  `function Set-WiaProperty($properties, [int]$id, [int]$wanted) {
  $property = Find-WiaProperty $properties $id
  if ($property -eq $null) { return }
  $value = $wanted
  if ($property.SubType -eq 1) { $value = [Math]::Min([int]$property.SubTypeMax, [Math]::Max([int]$property.SubTypeMin, $wanted)) }
  if ($property.SubType -eq 2) {
    $best = $null
    foreach ($candidate in $property.SubTypeValues) { if ($best -eq $null -or [Math]::Abs($candidate - $wanted) -lt [Math]::Abs($best - $wanted)) { $best = $candidate } }
    if ($best -ne $null) { $value = $best }
  }
  $property.Value = $value
}`,
  `function Write-Marker([string]$kind, [string]$value) { [Console]::Out.WriteLine('${marker} ' + $kind + ' ' + $value) }`,
  // COM errors arrive wrapped; the innermost exception carries WIA's HRESULT.
  `function Get-ErrorCode($record) {
  $exception = $record.Exception
  while ($exception.InnerException) { $exception = $exception.InnerException }
  return ('0x{0:X8}' -f $exception.HResult)
}`,
];

/** Lists scanners (device type 1) with their document-handling capabilities (property 3086). */
export function listScript(): string {
  return script([
    ...helpers,
    `try {
  $manager = New-Object -ComObject WIA.DeviceManager
  foreach ($info in $manager.DeviceInfos) {
    if ($info.Type -ne 1) { continue }
    $capabilities = 0
    try { $capabilities = [int](Find-WiaProperty ($info.Connect().Properties) 3086).Value } catch { $capabilities = 0 }
    $json = @{ id = [string]$info.DeviceID; name = [string](Find-WiaProperty $info.Properties 7).Value; capabilities = $capabilities } | ConvertTo-Json -Compress
    Write-Marker 'device' ([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($json)))
  }
  Write-Marker 'done' '0'
} catch {
  Write-Marker 'error' (Get-ErrorCode $_)
  exit 1
}`,
  ]);
}

/**
 * Scans with the given options. WIA's automation layer hands an image over only as a file
 * (ImageFile.SaveFile), so each page is written into `folder`, read back and deleted at once:
 * the one moment a page exists as plaintext on disk, kept to the user's own temp folder and
 * milliseconds. The caller creates the folder and removes it afterwards, also when PowerShell
 * is killed before it could delete a page.
 */
export function scanScript(options: ScanOptions, folder: string, maxFeederPages: number): string {
  const select = options.source === 'flatbed' ? handling.flatbed : handling.feeder | (options.duplex ? handling.duplex : 0);
  const maxPages = options.source === 'flatbed' ? 1 : maxFeederPages;
  return script([
    ...helpers,
    `$deviceId = ${psString(options.deviceId)}`,
    `$folder = ${psString(folder)}`,
    `try {
  $manager = New-Object -ComObject WIA.DeviceManager
  $device = $null
  foreach ($info in $manager.DeviceInfos) { if ($info.DeviceID -eq $deviceId) { $device = $info.Connect() } }
  if ($device -eq $null) {
    Write-Marker 'error' 'notFound'
    exit 1
  }
  Set-WiaProperty $device.Properties 3088 ${select}
  Set-WiaProperty $device.Properties 3096 1
  $item = $device.Items.Item(1)
  Set-WiaProperty $item.Properties 6146 ${intents[options.colorMode]}
  Set-WiaProperty $item.Properties 6147 ${options.resolution}
  Set-WiaProperty $item.Properties 6148 ${options.resolution}
  $page = 0
  while ($page -lt ${maxPages}) {
    try {
      $image = $item.Transfer('${pngFormat}')
    } catch {
      if ($page -gt 0 -and (Get-ErrorCode $_) -eq '${paperEmpty}') { break }
      throw
    }
    $page++
    $file = Join-Path $folder ('page' + $page + '.png')
    $image.SaveFile($file)
    try { $bytes = [IO.File]::ReadAllBytes($file) } finally { Remove-Item -LiteralPath $file -Force }
    Write-Marker 'page' ([Convert]::ToBase64String($bytes))
  }
  Write-Marker 'done' ([string]$page)
} catch {
  Write-Marker 'error' (Get-ErrorCode $_)
  exit 1
}`,
  ]);
}

const deviceSchema = z.object({ id: z.string().min(1), name: z.string(), capabilities: z.number().int() });

export type WiaLine =
  | { kind: 'device'; scanner: Scanner }
  | { kind: 'page'; image: Buffer }
  | { kind: 'done'; pages: number }
  | { kind: 'error'; code: string };

/** One line of a script's output; null for anything that is not a well-formed marker line. */
export function parseWiaLine(line: string): WiaLine | null {
  const match = /^DOSSIER-WIA (device|page|done|error) (\S+)\s*$/.exec(line);
  if (!match) return null;
  const [, kind, value = ''] = match;
  switch (kind) {
    case 'device': {
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
      } catch {
        return null;
      }
      const device = deviceSchema.safeParse(json);
      if (!device.success) return null;
      const { id, name, capabilities } = device.data;
      return { kind, scanner: { id, name: name || id, feeder: (capabilities & handling.feeder) !== 0, duplex: (capabilities & handling.duplex) !== 0 } };
    }
    case 'page':
      return /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? { kind, image: Buffer.from(value, 'base64') } : null;
    case 'done':
      return /^\d+$/.test(value) ? { kind, pages: Number(value) } : null;
    default:
      return { kind: 'error', code: value };
  }
}

function failed(code: string, extra: Record<string, unknown> = {}): DossierError {
  return new DossierError('SCANNER_FAILED', { detail: `wia ${code}`, ...extra });
}

export class WiaScanner implements ScannerAdapter {
  private readonly command: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly maxFeederPages: number;

  constructor(settings: WiaSettings = {}) {
    this.command = settings.command ?? 'powershell.exe';
    this.env = settings.env ?? process.env;
    this.maxFeederPages = settings.maxFeederPages ?? 300;
  }

  private get args(): string[] {
    return ['-NoProfile', '-NonInteractive', '-Command', '-'];
  }

  async list(): Promise<Scanner[]> {
    const result = await runCommand(this.command, this.args, { env: this.env, input: listScript(), timeoutMs: listTimeoutMs }).catch((error: NodeJS.ErrnoException) => {
      throw failed(`cannot run PowerShell: ${error.code ?? 'error'}`);
    });
    const lines = result.stdout.split(/\r?\n/).map(parseWiaLine);
    const error = lines.find((line) => line?.kind === 'error');
    if (error?.kind === 'error') throw failed(error.code);
    if (result.code !== 0 || !lines.some((line) => line?.kind === 'done')) throw failed(`exit ${result.code ?? 'killed'}`);
    return lines.flatMap((line) => (line?.kind === 'device' ? [line.scanner] : []));
  }

  async scan(options: ScanOptions, onPage: (image: Buffer, pageNo: number) => Promise<void>, signal?: AbortSignal): Promise<{ pages: number }> {
    signal?.throwIfAborted();
    const folder = await mkdtemp(join(tmpdir(), 'dossier-wia-'));
    try {
      const child = spawn(this.command, this.args, { env: this.env, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
      // TerminateProcess: WIA has no gentler cancel from outside the script.
      const stop = () => child.kill();
      const pages = new PageQueue(onPage, stop, signal);
      signal?.addEventListener('abort', stop, { once: true });
      if (signal?.aborted) stop();
      child.stdin.on('error', () => undefined);
      child.stdin.end(scanScript(options, folder, this.maxFeederPages));

      let done = false;
      let error: string | null = null;
      const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
      lines.on('line', (text) => {
        const line = parseWiaLine(text);
        if (line?.kind === 'page') pages.add(line.image);
        else if (line?.kind === 'done') done = true;
        else if (line?.kind === 'error') error = line.code;
      });
      const exit = await new Promise<{ code: number | null; spawnError: NodeJS.ErrnoException | null }>((resolve) => {
        child.once('error', (spawnError) => resolve({ code: null, spawnError }));
        child.once('close', (code) => resolve({ code, spawnError: null }));
      });
      signal?.removeEventListener('abort', stop);
      await pages.settled();

      if (signal?.aborted) throw signal.reason;
      if (pages.failure !== null) throw pages.failure;
      if (exit.spawnError) throw failed(`cannot run PowerShell: ${exit.spawnError.code ?? 'error'}`);
      if (error !== null) throw failed(error, { pages: pages.handed });
      if (exit.code !== 0 || !done) throw failed(`exit ${exit.code ?? 'killed'}`, { pages: pages.handed });
      return { pages: pages.handed };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
}
