import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { TFunction } from 'i18next';
import { type Language, languageFromLocale, languages } from '../../shared/i18n/languages.js';
import { DossierError } from '../../shared/ipc/errors.js';
import { translator } from '../i18n.js';
import { appName, appVersion } from '../version.js';
import { archiveOptions, type CommandContext, initCommand, verifyCommand } from './archive-commands.js';
import { customerAddCommand, customerShowCommand } from './customer-commands.js';
import { demoCommand } from './demo-command.js';
import { importCommand, importOptions } from './import-command.js';
import { type CliIo, exitCodes, UsageError } from './io.js';
import { reportCommand, reportOptions } from './report-command.js';
import { searchCommand, searchOptions } from './search-command.js';

interface Command {
  summaryKey: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Receives the words after the verb (sub-verb, arguments). */
  run(context: CommandContext, args: string[]): Promise<number> | number;
}

const globalOptions = {
  json: { type: 'boolean' },
  lang: { type: 'string' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const commands: Record<string, Command> = {
  help: { summaryKey: 'cli.cmdHelp', options: {}, run: ({ t, json, io }) => printHelp(t, json, io) },
  version: { summaryKey: 'cli.cmdVersion', options: {}, run: ({ json, io }) => printVersion(json, io) },
  init: {
    summaryKey: 'cli.cmdInit',
    options: { data: { type: 'string' }, admin: { type: 'string' }, 'display-name': { type: 'string' }, branch: { type: 'string' }, 'password-file': { type: 'string' } },
    run: initCommand,
  },
  verify: { summaryKey: 'cli.cmdVerify', options: archiveOptions, run: verifyCommand },
  search: { summaryKey: 'cli.cmdSearch', options: searchOptions, run: searchCommand },
  import: { summaryKey: 'cli.cmdImport', options: importOptions, run: importCommand },
  report: { summaryKey: 'cli.cmdReport', options: reportOptions, run: reportCommand },
  demo: { summaryKey: 'cli.cmdDemo', options: { ...archiveOptions, customers: { type: 'string' } }, run: demoCommand },
  customer: {
    summaryKey: 'cli.cmdCustomer',
    options: { ...archiveOptions, 'json-file': { type: 'string' } },
    run: (context, [sub, id]) => {
      if (sub === 'add') return customerAddCommand(context);
      if (sub === 'show') return customerShowCommand(context, id);
      throw new UsageError(context.t('cli.unknownCommand', { command: `customer ${sub ?? ''}`.trim() }));
    },
  },
};

const optionHelp: Record<string, string> = {
  '--data DIR': 'cli.optData',
  '--admin NAME': 'cli.optAdmin',
  '--display-name NAME': 'cli.optDisplayName',
  '--branch NAME': 'cli.optBranch',
  '--user NAME': 'cli.optUser',
  '--password-file FILE': 'cli.optPasswordFile',
  '--json-file FILE': 'cli.optJsonFile',
  '--customers N': 'cli.optCustomers',
  '--type T': 'cli.optType',
  '--limit N': 'cli.optLimit',
  '--ocr MODE': 'cli.optOcr',
  '--from/--to DATE': 'cli.optPeriod',
  '--agent USER': 'cli.optAgent',
  '--out FILE': 'cli.optOut',
  '--json': 'cli.optJson',
  '--lang LANG': 'cli.optLang',
};

/** Runs one CLI invocation and returns its exit code (0 success, 1 failure, 2 bad usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const language = pickLanguage(argv, io);
  const t = translator(language);
  const json = argv.includes('--json');
  const name = firstPositional(argv) ?? (argv.includes('--version') ? 'version' : 'help');
  const command = Object.hasOwn(commands, name) ? commands[name]! : undefined;
  try {
    if (!command) throw new UsageError(t('cli.unknownCommand', { command: name }));
    let values: CommandContext['values'];
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({ args: argv, options: { ...globalOptions, ...command.options }, allowPositionals: true, strict: true }));
    } catch (error) {
      throw new UsageError(t('cli.badOption', { message: (error as Error).message }));
    }
    if (values.version === true) return printVersion(json, io);
    if (values.help === true) return printHelp(t, json, io);
    return await command.run({ t, language, json, io, values }, positionals.slice(1));
  } catch (error) {
    return report(error, t, json, io);
  }
}

/** The verb: the first word that is neither an option nor the value of any verb's option. */
function firstPositional(argv: string[]): string | undefined {
  const options = Object.assign({}, globalOptions, ...Object.values(commands).map((c) => c.options)) as ParseArgsConfig['options'];
  return parseArgs({ args: argv, options, allowPositionals: true, strict: false }).positionals[0];
}

function pickLanguage(argv: string[], io: CliIo): Language {
  const index = argv.indexOf('--lang');
  const asked = index >= 0 ? argv[index + 1] : argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  if (asked && (languages as readonly string[]).includes(asked)) return asked as Language;
  return languageFromLocale(io.env.LC_ALL ?? io.env.LANG);
}

/** Errors name what went wrong and what to do, in the user's language; never a stack trace. */
function report(error: unknown, t: TFunction, json: boolean, io: CliIo): number {
  let code: string;
  let message: string;
  let exit: number = exitCodes.failure;
  let details: Record<string, unknown> | undefined;
  if (error instanceof UsageError) {
    code = 'USAGE';
    message = error.message;
    exit = exitCodes.usage;
  } else if (error instanceof DossierError) {
    code = error.code;
    details = error.details;
    message = t(error.messageKey, { ...error.details });
  } else {
    code = 'INTERNAL';
    message = t('errors.INTERNAL');
    io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  if (json) io.out(JSON.stringify({ ok: false, error: { code, message, ...(details ? { details } : {}) } }));
  else io.err(message);
  return exit;
}

function printVersion(json: boolean, io: CliIo): number {
  io.out(json ? JSON.stringify({ name: appName, version: appVersion }) : `${appName} ${appVersion}`);
  return exitCodes.ok;
}

function printHelp(t: TFunction, json: boolean, io: CliIo): number {
  if (json) {
    io.out(JSON.stringify({ commands: Object.fromEntries(Object.entries(commands).map(([n, c]) => [n, t(c.summaryKey)])) }));
    return exitCodes.ok;
  }
  const lines = [
    t('cli.usage'),
    '',
    t('cli.commands'),
    ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(22)} ${t(c.summaryKey)}`),
    '',
    t('cli.options'),
    ...Object.entries(optionHelp).map(([o, key]) => `  ${o.padEnd(22)} ${t(key)}`),
  ];
  io.out(lines.join('\n'));
  return exitCodes.ok;
}
