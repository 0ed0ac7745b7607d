import { parseArgs } from 'node:util';
import type { TFunction } from 'i18next';
import { type Language, languageFromLocale, languages } from '../../shared/i18n/languages.js';
import { translator } from '../i18n.js';
import { appName, appVersion } from '../version.js';
import { type CliIo, exitCodes } from './io.js';

interface Command {
  summaryKey: string;
  run(context: { t: TFunction; json: boolean; io: CliIo; args: string[] }): Promise<number> | number;
}

const globalOptions = {
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
  version: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const commands: Record<string, Command> = {
  help: { summaryKey: 'cli.cmdHelp', run: ({ t, json, io }) => printHelp(t, json, io) },
  version: { summaryKey: 'cli.cmdVersion', run: ({ json, io }) => printVersion(json, io) },
};

/** Runs one CLI invocation and returns its exit code (0 success, 1 failure, 2 bad usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const wantsJson = argv.includes('--json');
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: globalOptions, allowPositionals: true, strict: false });
  } catch (error) {
    return usageError(translator(languageFromLocale(io.env.LANG)), wantsJson, io, String((error as Error).message));
  }
  const { values, positionals } = parsed;
  const lang = typeof values.lang === 'string' ? values.lang : undefined;
  const language: Language = lang && (languages as readonly string[]).includes(lang) ? (lang as Language) : languageFromLocale(io.env.LC_ALL ?? io.env.LANG);
  const t = translator(language);
  const json = values.json === true;

  if (values.version === true) return printVersion(json, io);
  const [name = 'help', ...args] = positionals;
  if (values.help === true) return printHelp(t, json, io);
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    const message = t('cli.unknownCommand', { command: name });
    return usageError(t, json, io, message, true);
  }
  return command.run({ t, json, io, args });
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
    ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(10)} ${t(c.summaryKey)}`),
    '',
    t('cli.options'),
    `  --json     ${t('cli.optJson')}`,
    `  --lang     ${t('cli.optLang')}`,
  ];
  io.out(lines.join('\n'));
  return exitCodes.ok;
}

function usageError(t: TFunction, json: boolean, io: CliIo, message: string, translated = false): number {
  const text = translated ? message : t('cli.badOption', { message });
  if (json) io.out(JSON.stringify({ ok: false, error: { code: 'USAGE', message: text } }));
  else io.err(text);
  return exitCodes.usage;
}
