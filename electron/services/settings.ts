import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defaultLanguage, type Language, languages } from '../../shared/i18n/languages.js';

const settingsSchema = z.object({ language: z.enum(languages).default(defaultLanguage) });
export type Settings = z.infer<typeof settingsSchema>;

/**
 * Per-installation preferences, kept beside (not inside) the archive so they work before any
 * archive is opened. They hold nothing personal, so plain JSON is allowed here.
 */
export class SettingsStore {
  private readonly file: string;
  private current: Settings;

  constructor(private readonly dir: string) {
    this.file = join(dir, 'settings.json');
    this.current = this.load();
  }

  get(): Settings {
    return { ...this.current };
  }

  setLanguage(language: Language): Settings {
    this.current = { ...this.current, language };
    this.save();
    return this.get();
  }

  private load(): Settings {
    try {
      return settingsSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // Missing or unreadable preferences are not worth stopping for: start from the defaults.
      return settingsSchema.parse({});
    }
  }

  private save(): void {
    mkdirSync(this.dir, { recursive: true });
    const staged = `${this.file}.tmp`;
    writeFileSync(staged, JSON.stringify(this.current, null, 2));
    renameSync(staged, this.file);
  }
}
