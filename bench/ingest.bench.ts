import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { archivePaths } from '../electron/archive/archive.js';
import { PageStore } from '../electron/archive/page-store.js';
import { demoName, demoResidentId, seededRandom } from '../electron/demo/generate.js';
import { MediaReader } from '../electron/ingest/media/media-reader.js';
import { normalisePage } from '../electron/ingest/media/normalise.js';
import { hasColour, isBlank } from '../electron/ingest/media/page-analysis.js';
import { createNativeTesseract } from '../electron/ingest/ocr/native-tesseract.js';
import { preparePage } from '../electron/ingest/ocr/prepare-page.js';
import { readQrCodes } from '../electron/ingest/recognise/qr-codes.js';
import { defaultLimits, type OcrInput } from '../electron/ingest/types.js';
import { rawDatabase } from '../tests/support/archive.js';
import { applicationForm, type FormSpec, healthDeclaration, scannedPdf, scanForm } from '../tests/support/scans.js';
import type { BenchOptions, BenchResult } from './run.js';

/**
 * The scan-ingest pipeline's throughput, with and without OCR, on generated scanned A4 pages
 * (300 dpi greyscale JPEG, skewed and speckled; application forms, health declarations, claim
 * forms, one page in ten in colour with a red seal), against the native `tesseract` CLI and
 * `ocrmypdf` on the same pages in the same run. Then the pipeline's stages timed one by one from
 * outside (media reader, QR search, page store, database calls) to show where a page's time goes.
 *
 * Every Dossier run uses a fresh encrypted archive (an agent signed in, an `IngestRuntime` as
 * the app makes one) in a child process running the built JavaScript, and ingests one batch; the
 * time runs from the first `addFile` to `idle()`. A one-page batch first starts the media
 * reader, the OCR engine and the QR reader (its time is reported apart). Memory: that process's
 * resident size sampled every 50 ms (its database and tesseract.js threads are threads of the
 * same process) and its own high-water mark (VmHWM, reset when the batch starts); the processes
 * it starts (media readers, native tesseract) and those of the references (tesseract, ocrmypdf
 * and its helpers) through /proc, every 50 ms.
 */
export async function run(options: BenchOptions = { quick: false }): Promise<BenchResult[]> {
  const root = mkdtempDir();
  const sizes = options.quick ? { ocr: 6, plain: 50, plainPdf: 10 } : { ocr: 24, plain: 500, plainPdf: 100 };
  const results: BenchResult[] = [];
  const sourcesBefore = sourcesFingerprint();
  try {
    const t = performance.now();
    const pages = await generatePages(join(root, 'pages'), sizes.plain + 1);
    const generationMs = performance.now() - t;
    const warmUp = pages.pop()!;
    results.push({
      bench,
      name: `workload: ${pages.length} generated scans (+1 for warm-up)`,
      values: {
        pages: pages.length,
        ocrPages: sizes.ocr,
        averageKiB: round1(mean(pages.map((p) => statSync(p.path).size)) / 1024),
        colourPages: pages.filter((p) => p.color).length,
        healthDeclarations: pages.filter((p) => p.kind === 'health').length,
        claimForms: pages.filter((p) => p.kind === 'claim').length,
        generationMs,
      },
      note: 'A4, 300 dpi JPEG q82 (grey pages one-component, as a scanner in grey mode writes them), skew ±1.2°, 0.1–0.4 % specks, distinct names and resident IDs; the rest application forms; colour = application forms with the red seal',
    });
    const ocrPages = pages.slice(0, sizes.ocr);
    const ocrPdf = join(root, 'ocr-pages.pdf');
    writeFileSync(ocrPdf, await scannedPdf(ocrPages.map((p) => readFileSync(p.path)), 300));
    log(`${ocrPages.length}-page PDF for ocrmypdf and the PDF runs: ${(statSync(ocrPdf).size / 2 ** 20).toFixed(1)} MiB`);

    // References: what the machine can do with the same OCR engine, and what Paperless-ngx's engine
    // does. The machine is shared and its load drifts, so the CLI runs again after each engine's
    // Dossier runs, and each engine is compared with the mean of the CLI runs around it.
    const cli = [await tesseractCli(ocrPages, 1)];
    results.push(cli[0]!.result);
    // How much a second process gains on this machine right now (2 cores, shared with other work).
    const single = await tesseractCli(ocrPages, '1, one process', 1);
    single.result.note += `; two processes (run 1) gave ${ratio(cli[0]!.pagesPerMinute / single.pagesPerMinute)} of this`;
    results.push(single.result);
    const ocrmypdfRef = await ocrmypdf(ocrPdf, ocrPages, root);
    results.push(ocrmypdfRef.result);

    // Dossier with OCR: the native engine (what CI and most Linux installs have), then tesseract.js.
    for (const engine of ['native', 'wasm'] as const) {
      const measured = [];
      for (const input of ['files', 'pdf'] as const) {
        measured.push({ input, run: await dossierRun({ ocr: engine, pages: ocrPages, warmUp, pdf: input === 'pdf' ? ocrPdf : null, customers: true, split: input === 'files' }, root) });
      }
      const after = await tesseractCli(ocrPages, cli.length + 1);
      const reference = (cli.at(-1)!.pagesPerMinute + after.pagesPerMinute) / 2;
      const referenceCpu = (cli.at(-1)!.cpuPerPageMs + after.cpuPerPageMs) / 2;
      const referenceNote = `tesseract CLI = ${reference.toFixed(1)} pages/min and ${(referenceCpu / 1000).toFixed(2)} CPU s per page, the mean of runs ${cli.length} and ${cli.length + 1} around this one; cpuPerPageVsCli = CPU per page ÷ the CLI's (1.00x = as little CPU as the CLI)`;
      cli.push(after);
      for (const { input, run: m } of measured) {
        const vsCli = m.pagesPerMinute / reference;
        const vsOcrmypdf = ocrmypdfRef.pagesPerMinute ? m.pagesPerMinute / ocrmypdfRef.pagesPerMinute : null;
        const goals =
          engine === 'native'
            ? `${ratio(vsCli)} of tesseract CLI (goal ≥ 0.70: ${vsCli >= 0.7 ? 'met' : 'NOT met'})` +
              (vsOcrmypdf === null ? '' : `; ${ratio(vsOcrmypdf)} of ocrmypdf (goal ≥ 3: ${vsOcrmypdf >= 3 ? 'met' : 'NOT met'})`)
            : `information: ${ratio(vsCli)} of tesseract CLI`;
        results.push({
          bench,
          name: `dossier, OCR ${engine === 'native' ? 'native tesseract' : 'tesseract.js'}: ${input === 'pdf' ? `one ${ocrPages.length}-page PDF` : `${ocrPages.length} JPEG files`}`,
          values: { ...m.values, vsTesseractCliRatio: vsCli, ...(vsOcrmypdf === null ? {} : { vsOcrmypdfRatio: vsOcrmypdf }), cpuPerPageVsCliRatio: m.values.cpuPerPageMs! / referenceCpu },
          note: `${goals}; ${referenceNote}; ${m.note}`,
        });
        results.push(...m.breakdown);
      }
      results.push(after.result);
    }

    // Without OCR: the 500-page batch for throughput and memory, and a multi-page PDF.
    const plain = await dossierRun({ ocr: 'off', pages, warmUp, pdf: null, customers: false, split: true }, root);
    const plainPeak = Math.max(plain.values.totalPeakMiB ?? 0, plain.values.peakRssMiB ?? 0, plain.values.hwmMiB ?? 0);
    results.push({
      bench,
      name: `dossier, no OCR: ${pages.length} JPEG files`,
      values: plain.values,
      note: `goal ≥ 300 pages/min: ${plain.pagesPerMinute >= 300 ? 'met' : 'NOT met'}; memory goal < 1024 MiB (the process and its child processes together): ${plainPeak < 1024 ? 'met' : 'NOT met'}; ${plain.note}`,
    });
    results.push(...plain.breakdown);
    const plainPdfPages = pages.slice(0, sizes.plainPdf);
    const plainPdf = join(root, 'plain-pages.pdf');
    writeFileSync(plainPdf, await scannedPdf(plainPdfPages.map((p) => readFileSync(p.path)), 300));
    const plainPdfRun = await dossierRun({ ocr: 'off', pages: plainPdfPages, warmUp, pdf: plainPdf, customers: false }, root);
    rmSync(plainPdf, { force: true });
    results.push({ bench, name: `dossier, no OCR: one ${plainPdfPages.length}-page PDF`, values: plainPdfRun.values, note: plainPdfRun.note });

    // Where the time goes: each stage alone, from outside the pipeline.
    results.push(...(await stagesAlone(pages.slice(0, options.quick ? 20 : 100), root)));
    results.push(await pdfMediaAlone(ocrPdf, ocrPages));
    results.push(...(await ocrEngineAlone(ocrPages, mean(cli.map((c) => c.pagesPerMinute)))));
    const sourcesAfter = sourcesFingerprint();
    const changed = (['source', 'built'] as const).filter((k) => sourcesBefore[k] !== sourcesAfter[k]);
    results.push({
      bench,
      name: 'pipeline code during the run',
      values: { changedDuringRun: changed.length > 0 ? 1 : 0 },
      note: `sha256 of electron/**/*.ts ${sourcesBefore.source} at the start, ${sourcesAfter.source} at the end; of build/electron/**/*.js ${sourcesBefore.built} and ${sourcesAfter.built}${changed.length > 0 ? ` — ${changed.join(' and ')} code CHANGED while the benchmark ran: figures mix versions` : ''}`,
    });
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const bench = 'ingest';
const log = (message: string) => console.error(`[bench ${(performance.now() / 1000).toFixed(1)} s]   ${message}`);
const ratio = (value: number) => `${value.toFixed(2)}x`;
const round1 = (value: number) => Math.round(value * 10) / 10;
const perMinute = (pages: number, ms: number) => round1(pages / (ms / 60_000));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
};
/** The 1-minute load average when a run ends: how busy the shared machine was. */
const loadAverage = () => round1(loadavg()[0] ?? 0);
const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length);

/** Which version of the code was measured: a hash over the sources (tsx parts) and the built JavaScript (the Dossier runs). */
function sourcesFingerprint(): { source: string; built: string } {
  const hash = (dir: string, extension: string) => {
    const digest = createHash('sha256');
    let files: string[] = [];
    try {
      files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith(extension)).sort();
    } catch {
      return 'none';
    }
    for (const name of files) digest.update(name).update(readFileSync(join(dir, name)));
    return digest.digest('hex').slice(0, 12);
  };
  return { source: hash(fileURLToPath(new URL('../electron/', import.meta.url)), '.ts'), built: hash(fileURLToPath(new URL('../build/electron/', import.meta.url)), '.js') };
}

function mkdtempDir(): string {
  const dir = join(tmpdir(), `dossier-bench-ingest-${randomBytes(6).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

// ---------------------------------------------------------------------------------------------
// The pages

interface PageFile {
  path: string;
  name: string;
  kind: 'application' | 'health' | 'claim';
  color: boolean;
  person: { name: string; idNumber: string; mobile: string };
}

function claimForm(values: { name: string; idNumber: string; mobile: string }, rng: () => number): FormSpec {
  const amount = (1000 + Math.floor(rng() * 90_000)).toLocaleString('en');
  return {
    title: '理赔申请书',
    fields: [
      { label: '申请人姓名', value: values.name },
      { label: '证件号码', value: values.idNumber },
      { label: '联系电话', value: values.mobile },
      { label: '出险日期', value: `2026-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}` },
      { label: '申请金额', value: `人民币 ${amount} 元` },
      { label: '开户银行', value: '中国工商银行' },
    ],
    lines: ['申请人声明：以上所填内容及所附资料均真实有效。', '附件：医疗费用发票原件、出院小结及诊断证明。', '申请人签名：'],
  };
}

/**
 * `count` distinct pages written as JPEG files (300 dpi, greyscale except one in ten, which is an
 * application form in colour with its red seal), in a child process: rendering leaves this
 * process's heap near 1 GB (libvips and malloc keep what they used), which would swamp the
 * memory figures.
 */
async function generatePages(dir: string, count: number): Promise<PageFile[]> {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), generateFlag, dir, String(count)];
  const { stdout } = await runCommand(process.execPath, args, process.env, 'inherit');
  return JSON.parse(stdout) as PageFile[];
}

const generateFlag = '--generate-pages';

/** The child process's work: renders the pages, writes them to `dir`, prints their list as JSON. */
async function generateInThisProcess(dir: string, count: number): Promise<PageFile[]> {
  mkdirSync(dir, { recursive: true });
  const rng = seededRandom(20_261_201);
  const specs = Array.from({ length: count }, (_, i) => {
    const person = { name: demoName(rng), idNumber: demoResidentId(rng, 10_000 + i).idNumber, mobile: `13${String(Math.floor(rng() * 1e9)).padStart(9, '0')}` };
    const color = i % 10 === 3;
    const draw = rng();
    const kind: PageFile['kind'] = color || draw < 0.45 ? 'application' : draw < 0.85 ? 'health' : 'claim';
    const form =
      kind === 'application'
        ? applicationForm({ ...person, policyNumber: `P2026${String(100_000 + i)}` })
        : kind === 'health'
          ? healthDeclaration(person)
          : claimForm(person, rng);
    const scan = { dpi: 300, skew: round1((rng() * 2 - 1) * 1.2), noise: 0.001 + rng() * 0.003, color, seed: i + 1 };
    const name = `scan-${String(i + 1).padStart(4, '0')}.jpg`;
    return { page: { path: join(dir, name), name, kind, color, person } satisfies PageFile, form, scan };
  });
  const started = performance.now();
  let next = 0;
  let bytes = 0;
  let done = 0;
  const worker = async () => {
    while (next < specs.length) {
      const spec = specs[next++]!;
      const jpeg = await scanForm(spec.form, spec.scan);
      bytes += jpeg.length;
      writeFileSync(spec.page.path, jpeg);
      if (++done % 50 === 0) log(`generated ${done}/${count} pages`);
    }
  };
  // Rendering is mostly libvips, which spreads over the cores; three at a time keeps both busy.
  await Promise.all(Array.from({ length: 3 }, worker));
  log(`generated ${count} pages in ${((performance.now() - started) / 1000).toFixed(0)} s, ${(bytes / count / 1024).toFixed(0)} KiB each on average`);
  return specs.map((s) => s.page);
}

if (process.argv[2] === generateFlag && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, count] = process.argv.slice(3);
  process.stdout.write(JSON.stringify(await generateInThisProcess(dir!, Number(count))));
}

/** Whether the page's resident ID number is in `text` (spaces Tesseract put between digits ignored). */
function idsFound(pages: readonly PageFile[], texts: readonly string[]): number {
  const all = texts.map((t) => t.replace(/\s+/g, '')).join('\n');
  return pages.filter((p) => all.includes(p.person.idNumber)).length;
}

// ---------------------------------------------------------------------------------------------
// Memory: this process and its child processes

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Children of `pid`, whichever of its threads started them. */
function childPids(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((task) => (readProc(`/proc/${pid}/task/${task}/children`) ?? '').split(/\s+/).filter(Boolean).map(Number));
}

function statusKiB(pid: number | 'self', field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readProc(`/proc/${pid}/status`) ?? '');
  return match ? Number(match[1]) : 0;
}

interface MemoryFigures {
  rssBeforeMiB: number;
  peakRssMiB: number;
  hwmMiB?: number;
  /** All processes below it together (media reader processes, tesseract), at their largest. */
  childrenPeakMiB?: number;
  /** The process and everything below it together, at their largest. */
  totalPeakMiB?: number;
  /** Per program name (media readers are `node`), their sum at its largest. */
  byProgram?: Record<string, number>;
  /** CPU time (user + system) of the process and everything below it while sampled; for this process, of its child processes only. */
  cpuSeconds: number;
}

const mib = (bytes: number) => round1(bytes / 2 ** 20);

/**
 * Samples a process every 50 ms, from this process's event loop (idle while it waits, so the
 * samples keep time even when the measured process's main thread is busy): its resident size
 * (VmRSS, what `process.memoryUsage().rss` reports inside it; its worker threads included) and
 * that of every process below it, summed per sample and per program name.
 * With no pid, this process: its rss, and the kernel's own peak (VmHWM), reset at the start, so
 * that a peak between two samples is not missed.
 */
class MemorySampler {
  private peakRss = 0;
  private peakChildren = 0;
  private peakTotal = 0;
  private readonly peakByProgram = new Map<string, number>();
  private readonly startRss: number;
  private timer: NodeJS.Timeout | null = null;
  private hwmReset = false;
  /** CPU ticks: the root's at the start; every process below it, first and last seen. */
  private rootTicksStart = 0;
  private readonly firstTicks = new Map<number, number>();
  private readonly lastTicks = new Map<number, number>();
  private alive = new Set<number>();

  constructor(private readonly pid: number | null = null) {
    this.startRss = this.rss();
  }

  private rss(): number {
    return this.pid === null ? process.memoryUsage.rss() : statusKiB(this.pid, 'VmRSS') * 1024;
  }

  /**
   * The root's CPU ticks that count: its own and those of the children it has reaped (a
   * tesseract that ran and exited); for this process only the reaped children's, since its own
   * time is the harness's.
   */
  private rootTicks(): number {
    const ticks = cpuTicks(this.pid ?? 'self');
    if (!ticks) return 0;
    return this.pid === null ? ticks.children : ticks.own + ticks.children;
  }

  start(): this {
    if (this.pid === null) this.hwmReset = resetPeak();
    this.rootTicksStart = this.rootTicks();
    this.sample(true);
    this.timer = setInterval(() => this.sample(false), 50);
    return this;
  }

  private sample(first: boolean): void {
    const own = this.rss();
    this.peakRss = Math.max(this.peakRss, own);
    let sum = 0;
    const byProgram = new Map<string, number>();
    const alive = new Set<number>();
    const stack = childPids(this.pid ?? process.pid);
    while (stack.length > 0) {
      const pid = stack.pop()!;
      const program = (readProc(`/proc/${pid}/comm`) ?? '?').trim();
      // tsx's esbuild service belongs to the harness, not to what is measured.
      if (program === 'esbuild') continue;
      const rss = statusKiB(pid, 'VmRSS') * 1024;
      sum += rss;
      byProgram.set(program, (byProgram.get(program) ?? 0) + rss);
      const ticks = cpuTicks(pid);
      if (ticks) {
        alive.add(pid);
        // A process born after the start counts from zero.
        if (!this.firstTicks.has(pid)) this.firstTicks.set(pid, first ? ticks.own : 0);
        this.lastTicks.set(pid, ticks.own);
      }
      stack.push(...childPids(pid));
    }
    this.alive = alive;
    this.peakChildren = Math.max(this.peakChildren, sum);
    this.peakTotal = Math.max(this.peakTotal, own + sum);
    for (const [program, rss] of byProgram) this.peakByProgram.set(program, Math.max(this.peakByProgram.get(program) ?? 0, rss));
  }

  /** `hwmKiB`: the measured process's own VmHWM, when it reset it at the start and read it at the end. */
  stop(hwmKiB: number | null = null): MemoryFigures {
    if (this.timer) clearInterval(this.timer);
    this.sample(false);
    // CPU of processes that exited went to their parent's reaped-children count: the root's, or
    // (for grandchildren) a process that is itself alive or reaped by the root by now.
    let ticks = this.rootTicks() - this.rootTicksStart;
    for (const pid of this.alive) ticks += (this.lastTicks.get(pid) ?? 0) - (this.firstTicks.get(pid) ?? 0);
    const hwm = this.pid === null ? (this.hwmReset ? statusKiB('self', 'VmHWM') : 0) : (hwmKiB ?? 0);
    return {
      rssBeforeMiB: mib(this.startRss),
      peakRssMiB: mib(Math.max(this.peakRss, hwm * 1024)),
      ...(hwm > 0 ? { hwmMiB: mib(hwm * 1024) } : {}),
      ...(this.peakChildren > 0
        ? {
            childrenPeakMiB: mib(this.peakChildren),
            totalPeakMiB: mib(this.peakTotal),
            byProgram: Object.fromEntries([...this.peakByProgram].map(([program, bytes]) => [program, mib(bytes)])),
          }
        : {}),
      cpuSeconds: round1(ticks / clockTicks),
    };
  }
}

/** Kernel clock ticks per second, the unit of CPU times in /proc. */
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** user + system CPU ticks of a process (all its threads), and of the children it has reaped. */
function cpuTicks(pid: number | 'self'): { own: number; children: number } | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return null;
  // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  return { own: fields[11]! + fields[12]!, children: fields[13]! + fields[14]! };
}

/** Memory figures as BenchResult values (MiB keys); the per-program peaks go to a note. */
function memoryValues(figures: MemoryFigures): Record<string, number> {
  const { byProgram: _byProgram, ...values } = figures;
  return values;
}

function memoryNote(figures: MemoryFigures): string {
  const programs = Object.entries(figures.byProgram ?? {});
  return programs.length === 0 ? 'no child processes' : `child processes at their peak: ${programs.map(([program, value]) => `${program} ${value} MiB`).join(', ')}`;
}

/** Resets this process's VmHWM to its current rss (Linux: clear_refs 5); false where that is not possible. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// References

function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, stderrTo: 'pipe' | 'inherit' = 'pipe'): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', stderrTo] });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr });
      else reject(new Error(`${command} exited with code ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

/** `tesseract <file> stdout -l chi_sim+eng`, one thread each, two processes at a time: the machine's practical limit. */
async function tesseractCli(pages: PageFile[], runNo: number | string, parallel = 2): Promise<{ pagesPerMinute: number; cpuPerPageMs: number; result: BenchResult }> {
  log(`tesseract CLI (run ${runNo}) on ${pages.length} pages, ${parallel} at a time`);
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const texts: string[] = new Array<string>(pages.length);
  const perPage: number[] = [];
  const memory = new MemorySampler().start();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < pages.length) {
        const i = next++;
        const t = performance.now();
        texts[i] = (await runCommand('tesseract', [pages[i]!.path, 'stdout', '-l', 'chi_sim+eng'], env)).stdout;
        perPage.push(performance.now() - t);
      }
    }),
  );
  const wallMs = performance.now() - started;
  const mem = memory.stop();
  const pagesPerMinute = perMinute(pages.length, wallMs);
  const cpuPerPageMs = (mem.cpuSeconds * 1000) / pages.length;
  log(`tesseract CLI: ${pagesPerMinute} pages/min, ${(median(perPage) / 1000).toFixed(2)} s per page per process (median), ${(cpuPerPageMs / 1000).toFixed(2)} CPU s per page`);
  return {
    pagesPerMinute,
    cpuPerPageMs,
    result: {
      bench,
      name: `reference: tesseract CLI, ${parallel} process${parallel > 1 ? 'es' : ''} (${pages.length} pages), run ${runNo}`,
      values: {
        wallMs,
        pagesPerMinute,
        pageMedianMs: median(perPage),
        cpuPerPageMs,
        childrenPeakMiB: mem.childrenPeakMiB ?? 0,
        idsFound: idsFound(pages, texts),
        loadAverage: loadAverage(),
      },
      note: `OMP_THREAD_LIMIT=1 tesseract <page>.jpg stdout -l chi_sim+eng (psm 3, the JPEG as scanned), ${parallel} at a time; pageMedian = one page from start to end of its process; cpuPerPage = user + system CPU of the tesseract processes ÷ pages; idsFound = pages whose 18-character ID number is in the text; ${memoryNote(mem)}`,
    },
  };
}

/** `ocrmypdf -l chi_sim+eng --jobs 2 in.pdf out.pdf` with its defaults otherwise; skipped when not installed. */
async function ocrmypdf(input: string, pages: PageFile[], root: string): Promise<{ pagesPerMinute: number | null; result: BenchResult }> {
  const name = `reference: ocrmypdf --jobs 2 (one ${pages.length}-page PDF)`;
  let version: string;
  try {
    version = (await runCommand('ocrmypdf', ['--version'])).stdout.trim();
  } catch {
    return { pagesPerMinute: null, result: { bench, name, values: {}, note: 'skipped: ocrmypdf is not installed' } };
  }
  log(`ocrmypdf ${version} on ${pages.length} pages`);
  const output = join(root, 'ocrmypdf-out.pdf');
  const memory = new MemorySampler().start();
  const started = performance.now();
  await runCommand('ocrmypdf', ['-l', 'chi_sim+eng', '--jobs', '2', input, output]);
  const wallMs = performance.now() - started;
  const mem = memory.stop();
  const pagesPerMinute = perMinute(pages.length, wallMs);
  const outputMiB = round1(statSync(output).size / 2 ** 20);
  const texts = await pdfTexts(readFileSync(output));
  rmSync(output, { force: true });
  log(`ocrmypdf: ${pagesPerMinute} pages/min, ${(wallMs / pages.length / 1000).toFixed(2)} s per page`);
  return {
    pagesPerMinute,
    result: {
      bench,
      name,
      values: { wallMs, pagesPerMinute, pageMs: wallMs / pages.length, cpuPerPageMs: (mem.cpuSeconds * 1000) / pages.length, childrenPeakMiB: mem.childrenPeakMiB ?? 0, outputMiB, idsFound: idsFound(pages, texts), loadAverage: loadAverage() },
      note: `ocrmypdf ${version}; defaults: PDF/A-2b output (Ghostscript), --optimize 1 (lossless; no jbig2enc/pngquant installed), no deskew/clean/rotate, pdf-renderer auto, tesseract psm 3; the input PDF built with pdf-lib from the same JPEGs at 300 dpi page size; idsFound from the output's text layer (pdf.js); ${memoryNote(mem)}`,
    },
  };
}

async function pdfTexts(bytes: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const texts: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
    }
    return texts;
  } finally {
    await doc.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Dossier

interface DossierRun {
  ocr: 'native' | 'wasm' | 'off';
  pages: PageFile[];
  warmUp: PageFile;
  /** Ingest this multi-page PDF of `pages` instead of the JPEG files one by one. */
  pdf: string | null;
  /** Create the pages' people as customers first, so that recognition can file them. */
  customers: boolean;
  /** Report where the time goes (single-page files only: they are processed one after another). */
  split?: boolean;
}

/** What the child process reports (see dossierScript). */
type ChildMessage =
  | { phase: 'start' }
  | { phase: 'end'; hwmKiB: number | null }
  | {
      phase: 'result';
      warmUpMs: number;
      acknowledgedMs: number;
      wallMs: number;
      recoveryKey: string;
      reports: { fileName: string; outcome: string | null; reason: string | null; pages: number | null; flags: string[]; documents: { state: string }[] }[];
      /** Per seam: [start ms since the batch started, duration ms] of every call. */
      calls: Record<string, [number, number][]>;
    };

const built = (path: string) => new URL(`../build/electron/${path}`, import.meta.url).href;

/**
 * One Dossier run in a child process running the built JavaScript (what the app runs; under tsx
 * each worker thread would load tsx and compile the sources too), so that its memory is the
 * pipeline's and nothing left over from this process. It reports over IPC when the batch starts
 * and ends; this process samples its memory meanwhile.
 */
const dossierScript = String.raw`
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { createArchive, addUser, openArchive } = await import(config.modules.archive);
const { IngestRuntime } = await import(config.modules.runtime);
const { EventHub } = await import(config.modules.router);
const { TaskTracker } = await import(config.modules.tasks);

const created = await createArchive(config.dir, { username: 'admin', displayName: '管理员', password: 'Bench-Admin-2026!', branchName: '基准支公司' });
await addUser(created.session, { username: 'bench-agent', displayName: '基准代理人', role: 'agent', password: 'Bench-Agent-2026!' });
await created.session.close();
const session = await openArchive(config.dir, 'bench-agent', 'Bench-Agent-2026!');
for (const person of config.customers) {
  await session.db.call('customers.create', { actorId: session.user.id, customer: { type: 'individual', ...person } });
}

// Where the time goes, timed at the pipeline's seams from outside it: every database call, page
// store step, media reader call and OCR call, with its start (ms since the batch started).
const calls = {};
let batchStart = performance.now();
const timed = (name, t) => (calls[name] ??= []).push([t - batchStart, performance.now() - t]);
{
  const db = session.db;
  const call = db.call.bind(db);
  db.call = async (op, args) => {
    const t = performance.now();
    try { return await call(op, args); } finally { timed('db ' + op, t); }
  };
  const store = session.pages;
  const stage = store.stage.bind(store);
  store.stage = async (data) => {
    const t = performance.now();
    // The page's image going into the store ends the work done between reading and storing it.
    if (lastRead && data === lastRead.image) { timed('main thread between read and store', lastRead.at); lastRead = null; }
    const staged = await stage(data);
    timed('store stage (address, encrypt, write, fsync)', t);
    return { ...staged, commit: async () => { const c = performance.now(); await staged.commit(); timed('store commit (rename, fsync folder)', c); } };
  };
  const get = store.get.bind(store);
  store.get = async (id) => {
    const t = performance.now();
    try { return await get(id); } finally { timed('store get (read, decrypt)', t); }
  };
}
let lastRead = null;
const { MediaReader } = await import(config.modules.mediaReader);
const open = MediaReader.prototype.open;
MediaReader.prototype.open = async function (data, limits) {
  const t = performance.now();
  const opened = await open.call(this, data, limits);
  timed('media open', t);
  const page = opened.page;
  const close = opened.close;
  return {
    ...opened,
    page: async (index, request) => {
      const p = performance.now();
      const result = await page(index, request);
      timed('media page', p);
      lastRead = { image: result.image, at: performance.now() };
      return result;
    },
    close: async () => { const c = performance.now(); await close(); timed('media close', c); },
  };
};

const runtime = new IngestRuntime(new EventHub(), new TaskTracker(new EventHub()), { ocr: config.ocr });
await runtime.opened(session);
const engine = await runtime.ocr();
if (engine) {
  const recognize = engine.recognize.bind(engine);
  engine.recognize = async (image, languages) => {
    const t = performance.now();
    try { return await recognize(image, languages); } finally { timed('ocr recognize', t); }
  };
}
const service = runtime.current();
let t = performance.now();
const warm = await service.startBatch('drop', 'warm-up');
await service.addFile(warm, config.warmUp.name, await readFile(config.warmUp.path));
await service.closeBatch(warm);
await service.idle();
const warmUpMs = performance.now() - t;
for (const name of Object.keys(calls)) delete calls[name];
lastRead = null;

const batchId = await service.startBatch('drop', 'bench');
let hwmReset = true;
try { writeFileSync('/proc/self/clear_refs', '5'); } catch { hwmReset = false; }
await new Promise((resolve) => process.send({ phase: 'start' }, resolve));
t = performance.now();
batchStart = t;
for (const file of config.files) await service.addFile(batchId, file.name, await readFile(file.path));
const acknowledgedMs = performance.now() - t;
await service.closeBatch(batchId);
await service.idle();
const wallMs = performance.now() - t;
const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
process.send({ phase: 'end', hwmKiB: hwmReset && hwm ? Number(hwm[1]) : null });

const reports = (await session.db.call('ingest.files', { actorId: session.user.id, batchId })).map((r) => ({
  fileName: r.fileName, outcome: r.outcome, reason: r.reason, pages: r.pages, flags: r.flags, documents: r.documents.map((d) => ({ state: d.state })),
}));
await runtime.dispose();
await session.close();
process.send({ phase: 'result', warmUpMs, acknowledgedMs, wallMs, recoveryKey: created.recoveryKey, reports, calls }, () => process.exit(0));
`;

async function dossierRun(spec: DossierRun, root: string): Promise<{ pagesPerMinute: number; values: Record<string, number>; note: string; breakdown: BenchResult[] }> {
  const what = `Dossier, OCR ${spec.ocr}, ${spec.pdf ? `one ${spec.pages.length}-page PDF` : `${spec.pages.length} JPEG files`}`;
  const modules = { archive: built('archive/archive.js'), runtime: built('ingest/runtime.js'), router: built('ipc/router.js'), tasks: built('services/tasks.js'), mediaReader: built('ingest/media/media-reader.js') };
  for (const url of Object.values(modules)) if (!statExists(fileURLToPath(url))) throw new Error(`${fileURLToPath(url)} is missing: run \`npm run build\` first (npm run bench does)`);
  const work = join(root, `dossier-${randomBytes(4).toString('hex')}`);
  mkdirSync(work);
  const dir = join(work, 'archive');
  const script = join(work, 'run.mjs');
  const configFile = join(work, 'config.json');
  writeFileSync(script, dossierScript);
  writeFileSync(
    configFile,
    JSON.stringify({
      modules,
      dir,
      ocr: spec.ocr,
      warmUp: { name: spec.warmUp.name, path: spec.warmUp.path },
      files: spec.pdf ? [{ name: 'scans.pdf', path: spec.pdf }] : spec.pages.map((p) => ({ name: p.name, path: p.path })),
      customers: spec.customers ? spec.pages.map((p) => p.person) : [],
    }),
  );
  try {
    log(`${what}: new archive, child process`);
    const child = spawn(process.execPath, [script, configFile], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], cwd: work });
    let memory: MemorySampler | null = null;
    let figures: MemoryFigures | null = null;
    const result = await new Promise<Extract<ChildMessage, { phase: 'result' }>>((resolve, reject) => {
      let done: Extract<ChildMessage, { phase: 'result' }> | null = null;
      child.on('message', (message: ChildMessage) => {
        if (message.phase === 'start') {
          log(`${what}: ingesting`);
          memory = new MemorySampler(child.pid!).start();
        } else if (message.phase === 'end') figures = memory!.stop(message.hwmKiB);
        else done = message;
      });
      child.on('error', reject);
      child.on('exit', (code) => (done && figures ? resolve(done) : reject(new Error(`${what}: the child process exited with code ${code} before reporting`))));
    });
    const mem = figures! as MemoryFigures;
    const { reports } = result;
    const pagesDone = reports.reduce((sum, r) => sum + (r.pages ?? 0), 0);
    const count = (outcome: string) => reports.filter((r) => r.outcome === outcome).length;
    if (pagesDone !== spec.pages.length || count('rejected') > 0 || count('duplicate') > 0) {
      throw new Error(`${what}: ${pagesDone} of ${spec.pages.length} pages done; outcomes ${JSON.stringify(reports.map((r) => [r.fileName, r.outcome, r.reason]))}`);
    }
    const pagesPerMinute = perMinute(spec.pages.length, result.wallMs);
    log(`${what}: ${pagesPerMinute} pages/min; peak rss ${mem.peakRssMiB} MiB (before ${mem.rssBeforeMiB} MiB), with child processes ${mem.totalPeakMiB ?? mem.peakRssMiB} MiB`);
    const documents = reports.flatMap((r) => r.documents);
    const values: Record<string, number> = {
      wallMs: result.wallMs,
      pagesPerMinute,
      acknowledgedMs: result.acknowledgedMs,
      warmUpMs: result.warmUpMs,
      ...memoryValues(mem),
      cpuPerPageMs: (mem.cpuSeconds * 1000) / spec.pages.length,
      loadAverage: loadAverage(),
      ...(spec.ocr === 'off'
        ? {}
        : {
            idsFound: idsFound(spec.pages, pageTexts(dir, result.recoveryKey)),
            filed: documents.filter((d) => d.state === 'filed').length,
            ocrFailed: reports.filter((r) => r.flags.includes('ocrFailed')).length,
          }),
    };
    const note =
      'from the first addFile to idle(); acknowledged = every file added; warm-up = a 1-page batch before (starts the media reader, OCR engine, QR reader); ' +
      'rss = the process running the pipeline (built JS, started for this run; its main thread and worker threads: database, tesseract.js), childrenPeak = the processes it starts (media readers, native tesseract) together, totalPeak = both; cpu = user + system CPU of all of them during the batch; ' +
      memoryNote(mem) +
      (spec.ocr === 'off' ? '' : `; the ${spec.pages.length} people exist as customers, filed = documents filed by recognition (a PDF is one document), idsFound = pages whose ID number is in the stored text`);
    const breakdown = spec.split ? [timeSplit(what, new Map(Object.entries(result.calls)), result.acknowledgedMs, result.wallMs)] : [];
    return { pagesPerMinute, values, note, breakdown };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function statExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Page texts as stored, read with the recovery key straight from the database file. */
function pageTexts(dir: string, recoveryKey: string): string[] {
  const db = rawDatabase(archivePaths(dir).db, recoveryKey);
  try {
    return (db.prepare('SELECT text FROM pages WHERE text IS NOT NULL').pluck().all() as string[]) ?? [];
  } finally {
    db.close();
  }
}

/**
 * Where a page's time goes, from the seams timed in the child: only calls that start after the
 * last file was acknowledged, when nothing but the processing of one file after another runs
 * (single-page files: one page at a time, so the parts add up). `other` is what no seam covers:
 * progress events, scheduling, the event loop.
 */
function timeSplit(what: string, calls: Map<string, [number, number][]>, fromMs: number, toMs: number): BenchResult {
  const inWindow = (name: string) => (calls.get(name) ?? []).filter(([start]) => start >= fromMs);
  const sum = (names: string[]) => names.flatMap(inWindow).reduce((total, [, ms]) => total + ms, 0);
  const names = [...calls.keys()];
  const pages = inWindow('media page').length;
  const perPage = (ms: number) => (pages === 0 ? 0 : ms / pages);
  const parts = {
    mediaMs: perPage(sum(names.filter((n) => n.startsWith('media ')))),
    betweenReadAndStoreMs: perPage(sum(['main thread between read and store'])),
    ocrMs: perPage(sum(names.filter((n) => n.startsWith('ocr ')))),
    storeMs: perPage(sum(names.filter((n) => n.startsWith('store ')))),
    databaseMs: perPage(sum(names.filter((n) => n.startsWith('db ')))),
  };
  // The time between two read pages covers OCR and the rest; "between read and store" contains OCR when it runs.
  const covered = parts.mediaMs + Math.max(parts.betweenReadAndStoreMs, parts.ocrMs) + parts.storeMs + parts.databaseMs;
  const pageMs = perPage(toMs - fromMs);
  const rows = names
    .map((name) => ({ name, list: inWindow(name) }))
    .filter((r) => r.list.length > 0)
    .map((r) => ({ name: r.name, calls: r.list.length, perPage: perPage(r.list.reduce((t, [, ms]) => t + ms, 0)), mean: mean(r.list.map(([, ms]) => ms)) }))
    .sort((a, b) => b.perPage - a.perPage);
  const batchRows = inWindow('db ingest.batchRows').map(([, ms]) => ms);
  const tenth = Math.max(1, Math.floor(batchRows.length / 10));
  return {
    bench,
    name: `${what}: where a page's time goes (${pages} pages after the last file was acknowledged)`,
    values: {
      pageMs,
      ...parts,
      otherMs: Math.max(0, pageMs - covered),
      mediaShare: parts.mediaMs / pageMs,
      betweenReadAndStoreShare: parts.betweenReadAndStoreMs / pageMs,
      ...(parts.ocrMs > 0 ? { ocrShare: parts.ocrMs / pageMs } : {}),
      storeShare: parts.storeMs / pageMs,
      databaseShare: parts.databaseMs / pageMs,
      batchRowsFirstTenthMs: mean(batchRows.slice(0, tenth)),
      batchRowsLastTenthMs: mean(batchRows.slice(-tenth)),
    },
    note:
      'timed in the pipeline at its seams from outside (wrapped MediaReader.open/page/close, OCR engine recognize, page store stage/commit/get, database calls); ' +
      'media = the reader process: decode, normalise, encodes, (now) QR search, and the hand-over; between read and store = main-thread work on the page before its image is stored (OCR when on, QR search when it runs there); ' +
      `per seam, calls and ms per page: ${rows
        .slice(0, 14)
        .map((r) => `${r.name} ${r.calls} × ${r.mean.toFixed(1)} ms = ${r.perPage.toFixed(1)}`)
        .join('; ')}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Stages alone

/**
 * A rough profile of the work per page, outside the pipeline, on a sample of the pages: the
 * media reader alone (as the runtime starts it: one reader on 2 cores), the page store alone
 * (original, page and thumbnail sealed and committed), then the reader's work redone step by
 * step on this thread: decode, colour and blank checks, normalisePage as a whole, each encode
 * alone, and the QR search alone.
 */
async function stagesAlone(pages: PageFile[], root: string): Promise<BenchResult[]> {
  log(`stages alone on ${pages.length} pages`);
  const storeDir = join(root, 'store');
  const store = await PageStore.open(storeDir, randomBytes(32));
  const reader = MediaReader.start(1);
  const media: number[] = [];
  const stores: number[] = [];
  const started = performance.now();
  try {
    for (const page of pages) {
      const bytes = await readFile(page.path);
      let t = performance.now();
      await (await store.stage(bytes)).commit();
      let storeMs = performance.now() - t;
      t = performance.now();
      const opened = await reader.open(bytes, defaultLimits);
      const decoded = await opened.page(0, { ocr: false });
      await opened.close();
      media.push(performance.now() - t);
      t = performance.now();
      await (await store.stage(decoded.image)).commit();
      await (await store.stage(decoded.thumbnail)).commit();
      storeMs += performance.now() - t;
      stores.push(storeMs);
    }
  } finally {
    await reader.close();
    rmSync(storeDir, { recursive: true, force: true });
  }
  const wallMs = performance.now() - started;
  log(`stages alone: media reader ${mean(media).toFixed(0)} ms, page store ${mean(stores).toFixed(0)} ms per page`);

  const split = { decode: [] as number[], analyse: [] as number[], normalise: [] as number[], storedJpeg: [] as number[], thumbnail: [] as number[], ocrPixels: [] as number[], qr: [] as number[], rulings: [] as number[] };
  for (const page of pages) {
    const data = await readFile(page.path);
    let t = performance.now();
    const meta = await sharp(data, { limitInputPixels: false }).metadata();
    const colour = meta.channels >= 3;
    const { data: pixels, info } = await sharp(data, { failOn: 'truncated', limitInputPixels: defaultLimits.maxPagePixels, autoOrient: true })
      .flatten({ background: '#ffffff' })
      .toColourspace(colour ? 'srgb' : 'b-w')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    split.decode.push(performance.now() - t);
    const channels = info.channels as 1 | 3;
    t = performance.now();
    const isColour = channels === 3 && hasColour(pixels, info.width, info.height);
    isBlank(pixels, channels, info.width, info.height);
    split.analyse.push(performance.now() - t);
    t = performance.now();
    await normalisePage({ index: 0, pixels, width: info.width, height: info.height, channels, dpi: 300, bilevel: false, text: null }, { ocr: true });
    split.normalise.push(performance.now() - t);
    // The same encodes as normalise.ts, one at a time (there they run side by side).
    const source = () => sharp(pixels, { raw: { width: info.width, height: info.height, channels } });
    const stored = () => (isColour ? source() : source().toColourspace('b-w'));
    t = performance.now();
    await stored().withDensity(300).jpeg({ quality: 85, optimiseCoding: false }).toBuffer();
    split.storedJpeg.push(performance.now() - t);
    t = performance.now();
    await stored().resize({ width: 240 }).jpeg({ quality: 75 }).toBuffer();
    split.thumbnail.push(performance.now() - t);
    t = performance.now();
    const { data: grey, info: greyInfo } = await source().toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    const ocrPixels = { data: grey, width: greyInfo.width, height: greyInfo.height };
    split.ocrPixels.push(performance.now() - t);
    t = performance.now();
    await readQrCodes(sharp(grey, { raw: { width: greyInfo.width, height: greyInfo.height, channels: 1 } }));
    split.qr.push(performance.now() - t);
    t = performance.now();
    preparePage(ocrPixels, 300);
    split.rulings.push(performance.now() - t);
  }
  const sum = mean(media) + mean(stores);
  return [
    {
      bench,
      name: `stages alone, no OCR: media reader and page store (${pages.length} pages one after another)`,
      values: { wallMs, pagesPerMinute: perMinute(pages.length, wallMs), mediaMs: mean(media), storeMs: mean(stores), mediaShare: mean(media) / sum, storeShare: mean(stores) / sum },
      note: 'per page (means): media = MediaReader.start(1) open + page + close, the page handed back (whatever the reader does: decode, normalise, encodes, QR search when it runs there); store = original, page and thumbnail sealed (AES-256-GCM) and committed (fsync file and folder); shares of their sum',
    },
    {
      bench,
      name: `the media reader's work redone step by step on this thread (${split.decode.length} pages)`,
      values: {
        decodeMs: mean(split.decode),
        analyseMs: mean(split.analyse),
        normaliseMs: mean(split.normalise),
        storedJpegMs: mean(split.storedJpeg),
        thumbnailMs: mean(split.thumbnail),
        ocrPixelsMs: mean(split.ocrPixels),
        qrMs: mean(split.qr),
        rulingsMs: mean(split.rulings),
      },
      note: 'decode = sharp JPEG to raw 8-bit (metadata, autoOrient, flatten); analyse = hasColour + isBlank (JS); normalise = normalisePage as the reader calls it with OCR on (analysis, the encodes and the QR search side by side, then ruling removal); then each step alone: stored JPEG q85 (no fitted Huffman tables), 240-px thumbnail, OCR pixels (greyscale raw), qr = readQrCodes on them, rulings = preparePage (ruling removal and the PGM for tesseract)',
    },
  ];
}

/**
 * The media reader on a scanned PDF against the same pages as JPEG files: a PDF page's JPEG is
 * decoded by pdf.js (in JavaScript) instead of libvips.
 */
async function pdfMediaAlone(pdf: string, pages: PageFile[]): Promise<BenchResult> {
  log(`media reader alone: one ${pages.length}-page PDF against the same JPEG files`);
  const reader = MediaReader.start(1);
  const jpeg: number[] = [];
  const fromPdf: number[] = [];
  let openMs = 0;
  try {
    for (const page of pages) {
      const t = performance.now();
      const opened = await reader.open(await readFile(page.path), defaultLimits);
      await opened.page(0, { ocr: true });
      await opened.close();
      jpeg.push(performance.now() - t);
    }
    let t = performance.now();
    const opened = await reader.open(await readFile(pdf), defaultLimits);
    openMs = performance.now() - t;
    try {
      for (let i = 0; i < opened.pageCount; i++) {
        t = performance.now();
        await opened.page(i, { ocr: true });
        fromPdf.push(performance.now() - t);
      }
    } finally {
      await opened.close();
    }
  } finally {
    await reader.close();
  }
  return {
    bench,
    name: `media reader alone: one ${pages.length}-page PDF against the same pages as JPEG files`,
    values: { jpegPageMs: mean(jpeg), pdfOpenMs: openMs, pdfPageMs: mean(fromPdf), pdfPerJpegRatio: mean(fromPdf) / mean(jpeg) },
    note: 'MediaReader, 1 reader; jpegPage = open + page + close of one JPEG file; pdfOpen = open (pdf.js parse, script checks on every page); pdfPage = one page of the open PDF (pdf.js decodes the embedded JPEG to RGB, then the same normalisation)',
  };
}

/**
 * The native engine as the pipeline uses it, fed directly with the pages the media reader readied
 * (ruling removal happens there): `tesseract stdin stdout --psm 4 … tsv`, two pages at a time
 * (its default on 2 cores), then one.
 */
async function ocrEngineAlone(pages: PageFile[], cliPagesPerMinute: number): Promise<BenchResult[]> {
  log(`native OCR engine alone on ${pages.length} pages`);
  const reader = MediaReader.start(1);
  const images: OcrInput[] = [];
  try {
    for (const page of pages) {
      const opened = await reader.open(await readFile(page.path), defaultLimits);
      images.push((await opened.page(0, { ocr: true })).ocr!);
      await opened.close();
    }
  } finally {
    await reader.close();
  }
  const engine = createNativeTesseract();
  const results: BenchResult[] = [];
  try {
    for (const parallel of [engine.concurrency, 1]) {
      const texts: string[] = [];
      const memory = new MemorySampler().start();
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          while (next < images.length) {
            const i = next++;
            texts[i] = (await engine.recognize(images[i]!, ['chi_sim', 'eng'])).text;
          }
        }),
      );
      const wallMs = performance.now() - started;
      const { cpuSeconds } = memory.stop();
      const pagesPerMinute = perMinute(images.length, wallMs);
      log(`native engine alone, ${parallel} at a time: ${pagesPerMinute} pages/min`);
      results.push({
        bench,
        name: `native OCR engine alone, ${parallel} page${parallel > 1 ? 's' : ''} at a time (${images.length} pages)`,
        values: { wallMs, pagesPerMinute, vsTesseractCliRatio: pagesPerMinute / cliPagesPerMinute, tesseractCpuPerPageMs: (cpuSeconds * 1000) / images.length, idsFound: idsFound(pages, texts) },
        note: `createNativeTesseract() (concurrency ${engine.concurrency}) fed the pages the media reader readied (rulings erased, PGM), ${parallel} recognize() calls at a time; tesseractCpuPerPage = CPU of the tesseract processes (psm 4 on the prepared page) ÷ pages; vsTesseractCli against the mean of the CLI runs`,
      });
    }
  } finally {
    await engine.close();
  }
  return results;
}
