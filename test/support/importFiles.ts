// Workshop notes for the import tests: rows with good and bad lines, as CSV text and as XLSX.
import ExcelJS from 'exceljs';

/** The workshop's notes as Swedish Excel saves them: `;`, a BOM, CRLF, a quoted cell with a line break. */
export const WORKSHOP_ROWS: string[][] = [
  ['Kommun', 'Rubrik', 'Beskrivning', 'Verksamhet', 'Kontakt i kommunen', 'Vår kontakt', 'Datum', 'Anteckning'],
  [
    'Norrkoping',
    'Digital tvilling av centrum',
    'Vi vill visualisera trafikflöden och nya detaljplaner i en 3D-modell av centrum för medborgardialog.',
    'Samhällsbyggnad och planering',
    'Anna Svensson, planchef',
    'U0ALICE',
    '2026-11-12',
    'fika',
  ],
  ['Stockholm', 'Fel kommun', 'Den här kommunen ligger inte i Östergötland och raden ska avvisas.', '', '', 'U0ALICE', '', ''],
  ['Norrköpings kommun', '', 'För kort', '', '', 'U0ALICE', '', ''],
  [
    'norrköping',
    'Sensorer i VA-nätet',
    'Uppkopplade sensorer i ledningsnätet ska larma om läckor\noch mäta flöden i realtid.',
    'va',
    '',
    'U0BOB',
    '2026-11-12',
    '',
  ],
  [
    'Motala',
    'Samordnad varudistribution',
    'Samordnad varudistribution till kommunens kök och förskolor med färre transporter och lägre utsläpp.',
    'Måltider',
    '',
    'U0ALICE',
    '12/11 2026',
    '',
  ],
  [
    'Linköpings kommun',
    'Samordnad varudistribution',
    'Samordnad varudistribution till kommunens kök och förskolor med färre transporter och lägre utsläpp.',
    'Nonsens',
    '',
    'not-a-user',
    '',
    '',
  ],
  ['Kinda', '', 'Vi behöver återvinna byggmaterial från rivningar och hitta nya material med lägre klimatpåverkan.', 'miljo', '', '', '2026-11-11', ''],
];

export function csvOf(rows: string[][], delimiter = ';'): string {
  const quote = (cell: string) => (/[;,"\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return `\ufeff${rows.map((r) => r.map(quote).join(delimiter)).join('\r\n')}\r\n`;
}

/** The same rows as an XLSX written by exceljs; the date cells as real dates. */
export async function writeXlsx(file: string, rows: string[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Workshop');
  rows.forEach((row, index) => {
    const values: (string | Date)[] = row.map((cell, column) =>
      index > 0 && column === 6 && /^\d{4}-\d{2}-\d{2}$/.test(cell) ? new Date(`${cell}T00:00:00Z`) : cell,
    );
    const added = sheet.addRow(values);
    if (index > 0 && values[6] instanceof Date) added.getCell(7).numFmt = 'yyyy-mm-dd';
  });
  await workbook.xlsx.writeFile(file);
}
