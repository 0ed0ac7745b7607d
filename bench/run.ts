import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as dbCipher from './db-cipher.bench.js';
import * as ingest from './ingest.bench.js';
import * as reports from './reports.bench.js';
import * as search from './search.bench.js';

/**
 * One measured figure. Keys of `values` say their unit: `…Ms` milliseconds, `ratio`/`…Ratio`
 * encrypted ÷ plain, `share`/`…Share` a fraction shown as a percentage, `…MiB` mebibytes.
 */
export interface BenchResult {
  bench: string;
  name: string;
  values: Record<string, number>;
  note?: string;
}

export interface BenchOptions {
  /** About a tenth of the full workloads: a smoke run, not figures to quote. */
  quick: boolean;
}

/** Every benchmark module, run in this order. */
const benches: { name: string; run(options: BenchOptions): Promise<BenchResult[]> }[] = [
  { name: 'db-cipher', run: dbCipher.run },
  { name: 'search', run: search.run },
  { name: 'ingest', run: ingest.run },
  { name: 'reports', run: reports.run },
];

function format(key: string, value: number): string {
  if (key.endsWith('Ms')) return `${value.toFixed(value < 100 ? 2 : 1)} ms`;
  if (/(^r|R)atio$/.test(key)) return `${value.toFixed(2)}x`;
  if (/(^s|S)hare$/.test(key)) return `${(value * 100).toFixed(0)} %`;
  if (key.endsWith('MiB')) return `${value.toFixed(1)} MiB`;
  return String(value);
}

function table(results: BenchResult[]): string {
  const rows = results.map((r) => [
    r.bench,
    r.name,
    Object.entries(r.values).map(([k, v]) => `${k.replace(/Ms$|MiB$/, '')} ${format(k, v)}`).join('  '),
    r.note ?? '',
  ]);
  const header = ['bench', 'name', 'values', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

const args = new Set(process.argv.slice(2));
const options: BenchOptions = { quick: args.has('--quick') };
// Names without `--` pick benchmarks: `npm run bench -- db-cipher`; none means all of them.
const only = [...args].filter((arg) => !arg.startsWith('--'));
const unknown = only.filter((name) => !benches.some((b) => b.name === name));
if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}`);
const selected = benches.filter((b) => only.length === 0 || only.includes(b.name));
const started = performance.now();
const results: BenchResult[] = [];
for (const bench of selected) {
  console.error(`[bench] ${bench.name}${options.quick ? ' (quick)' : ''}`);
  results.push(...(await bench.run(options)));
}
const report = {
  date: new Date().toISOString(),
  quick: options.quick,
  benches: selected.map((b) => b.name),
  machine: { cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
  seconds: Math.round((performance.now() - started) / 100) / 10,
  results,
};
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'bench.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
if (args.has('--json')) console.log(JSON.stringify(report, null, 2));
else console.log(`${table(results)}\n\n${report.machine.cpus} cores, ${report.machine.cpuModel}, Node ${report.machine.node}; ${report.seconds} s; written to ${out}`);
