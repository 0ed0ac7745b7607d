import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The LSTM-only models tesseract.js is built for: a fifth of the size of the full 4.0.0 ones. */
const modelVariant = '4.0.0_best_int';

const require = createRequire(import.meta.url);

function packagedModel(language: string): string {
  const packageDir = path.dirname(require.resolve(`@tesseract.js-data/${language}/package.json`));
  return path.join(packageDir, modelVariant, `${language}.traineddata.gz`);
}

/**
 * tesseract.js loads every language from one folder (`langPath/<code>.traineddata.gz`), while the
 * @tesseract.js-data packages keep each language in a folder of its own, and handing tesseract.js
 * the data in memory instead is broken in version 7 (naptha/tesseract.js#1052: the data is taken
 * for the language's name). So the models are copied into a private folder: they are public data,
 * a few megabytes, read from the installed packages and never fetched from a CDN.
 */
export class LanguageFolder {
  private folder: Promise<string> | null = null;
  private readonly copies = new Map<string, Promise<void>>();

  constructor(private readonly parent: string) {}

  /** The folder, once it holds every one of `languages`. */
  async holding(languages: readonly string[]): Promise<string> {
    this.folder ??= mkdtemp(path.join(this.parent, 'dossier-ocr-'));
    const folder = await this.folder;
    await Promise.all(
      languages.map((language) => {
        let copy = this.copies.get(language);
        if (!copy) {
          copy = copyFile(packagedModel(language), path.join(folder, `${language}.traineddata.gz`));
          // A failed copy (a missing package, a full disk) is tried again by the next page.
          copy.catch(() => this.copies.delete(language));
          this.copies.set(language, copy);
        }
        return copy;
      }),
    );
    return folder;
  }

  async remove(): Promise<void> {
    if (!this.folder) return;
    const folder = await this.folder.catch(() => null);
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}
