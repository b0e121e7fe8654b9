// What an import says about a row or a file, in the configured language: the field errors are the
// modal's own texts (fieldErrorText) behind the field's label; the municipality, sector and Slack
// user name the value that did not fit, since there is no list to pick from in a file. Used by the
// CLI and by the Slack import alike. Pure.
import { messages, type Locale } from '../i18n/messages.js';
import type { HeaderMap, ImportColumn } from './columns.js';
import type { ImportProblem } from './importRow.js';
import type { ImportFileProblem } from './readFile.js';
import type { NeedField } from '../needs/needInput.js';
import { fieldErrorText } from '../needs/blocks/needForm.js';
import { SOURCE_LABEL_MAX } from './importRow.js';

const FIELD_COLUMN: Record<NeedField, ImportColumn> = {
  municipality: 'municipality',
  title: 'title',
  description: 'description',
  sector: 'sector',
  municipalContact: 'municipalContact',
  ourContact: 'ourContact',
};

export function importProblemText(problem: ImportProblem, locale: Locale): string {
  const t = messages(locale).importing;
  switch (problem.kind) {
    case 'dateInvalid':
      return t.dateInvalid(problem.value);
    case 'dateFuture':
      return t.dateFuture(problem.value);
    case 'sourceTooLong':
      return t.sourceTooLong(SOURCE_LABEL_MAX);
    case 'field': {
      const { error, value } = problem;
      if (error.field === 'municipality') return error.code === 'missing' ? t.municipalityMissing : t.municipalityUnknown(value);
      if (error.field === 'sector') return t.sectorUnknown(value);
      if (error.field === 'ourContact') return t.contactInvalid(value);
      return t.field(messages(locale).importColumns[FIELD_COLUMN[error.field]], fieldErrorText(error, locale));
    }
  }
}

/** "rad 5: …; …" */
export function refusedLineText(line: number, problems: readonly ImportProblem[], locale: Locale): string {
  return messages(locale).importing.line(line, problems.map((p) => importProblemText(p, locale)).join(' '));
}

export function missingColumnsText(missing: readonly ImportColumn[], locale: Locale): string {
  return messages(locale).importing.missingColumns(missing.map((c) => `”${messages(locale).importColumns[c]}”`).join(', '));
}

/** Notes about the header that do not stop the import (unknown or repeated columns). */
export function headerNotes(header: HeaderMap, locale: Locale): string[] {
  const t = messages(locale).importing;
  return [
    ...(header.unknown.length > 0 ? [t.unknownColumns(header.unknown.join(', '))] : []),
    ...header.duplicates.map((c) => t.duplicateColumn(messages(locale).importColumns[c])),
  ];
}

export function fileProblemText(problem: ImportFileProblem, locale: Locale): string {
  const t = messages(locale).importing;
  return problem === 'empty' ? t.emptyFile : problem === 'notUtf8' ? t.notUtf8 : t.unreadable;
}
