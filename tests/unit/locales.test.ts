import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../shared/ipc/errors.js';
import { languages } from '../../shared/i18n/languages.js';
import { resources } from '../../shared/i18n/resources.js';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
}

describe('locales', () => {
  const reference = keys(resources.en.translation).sort();

  it.each(languages)('%s has every key and no extra one', (language) => {
    expect(keys(resources[language].translation).sort()).toEqual(reference);
  });

  it.each(languages)('%s has no empty string and the same placeholders as English', (language) => {
    const lookup = (tree: unknown, key: string) => key.split('.').reduce((node, part) => (node as Record<string, unknown>)[part], tree) as string;
    for (const key of reference) {
      const text = lookup(resources[language].translation, key);
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(lookup(resources.en.translation, key)));
    }
  });

  it('has a message for every IPC error code', () => {
    for (const code of errorCodes) expect(resources.en.translation.errors).toHaveProperty(code);
  });

  it('has every key the renderer and main name literally', () => {
    const sources = ['renderer/src', 'electron']
      .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)))
      .filter((f) => /\.tsx?$/.test(f));
    const used = new Set(sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\('((?:[A-Za-z_]+\.)+[A-Za-z_]+)'/g)].map((m) => m[1]!)));
    const lookup = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources.en.translation);
    expect([...used].filter((key) => typeof lookup(key) !== 'string')).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });
});
