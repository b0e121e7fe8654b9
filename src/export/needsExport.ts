// The export as a use case for Slack: an admin asks for it (Exportera in the App Home), gets the
// whole register as a file. The permission is decided here, on the server, whatever the view
// showed. The file is built in memory (the upload needs its length first); the database is still
// read in batches. No Slack types.
import { PassThrough } from 'node:stream';
import type { Db } from '../platform/db/client.js';
import type { Locale } from '../i18n/messages.js';
import type { AreaSlug } from '../matching/types.js';
import { type ExportFormat, FILE_EXTENSIONS, writeExport } from './exportNeeds.js';
import { isoDate } from './columns.js';
import { areaNamesOf } from './exportSupport.js';

export interface ExportFile {
  bytes: Buffer;
  rows: number;
  filename: string;
  /** The day it was made (YYYY-MM-DD, Stockholm). */
  day: string;
}

export interface NeedsExportDeps {
  db: Db;
  locale: Locale;
  areas: readonly { slug: AreaSlug; name: string; nameEn: string }[];
  isAdmin(userId: string): boolean;
}

export class NeedsExport {
  constructor(private readonly deps: NeedsExportDeps) {}

  mayExport(userId: string): boolean {
    return this.deps.isAdmin(userId);
  }

  /** The whole register as a file for this person, or 'refused' when they are no admin. */
  async forUser(userId: string, format: ExportFormat = 'xlsx', now = new Date()): Promise<ExportFile | 'refused'> {
    if (!this.mayExport(userId)) return 'refused';
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    const { rows } = await writeExport(
      this.deps.db,
      { format, locale: this.deps.locale, areaName: areaNamesOf(this.deps.areas, this.deps.locale), areas: this.deps.areas.map((a) => a.slug) },
      sink,
    );
    const day = isoDate(now);
    return { bytes: Buffer.concat(chunks), rows, day, filename: `${this.deps.locale === 'sv' ? 'behov' : 'needs'}-${day}.${FILE_EXTENSIONS[format]}` };
  }
}
