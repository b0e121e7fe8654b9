// The import as a service the Slack layer can hold: the importer with its dependencies bound.
import type { FileLine } from './readFile.js';
import { type ImportHooks, type ImporterDeps, type ImportOptions, type ImportTotals, runImport } from './importer.js';

export class ImportService {
  constructor(private readonly deps: ImporterDeps) {}

  run(lines: AsyncIterable<FileLine>, options: ImportOptions, hooks?: ImportHooks): Promise<ImportTotals> {
    return runImport(lines, this.deps, options, hooks);
  }
}
