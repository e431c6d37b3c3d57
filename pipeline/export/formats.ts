// The export formats `scrcode export --format` offers, one entry each, so a new format is a
// new module and one line here. Every export is recorded (store/exports.ts) by the command.
import type { Db } from '../store/db.js';
import { exportCsv } from './exportCsv.js';
import { exportJsonl } from './exportJsonl.js';
import { exportMatrix } from './matrix.js';
import { exportQdc } from './qdc.js';
import { exportQdpx } from './qdpx.js';
import type { ExportTarget } from './output.js';
import { exportProfiles } from './profiles.js';

export interface ExportOptions {
  /** Replace names, dates of birth, addresses and phone numbers in every text the export holds. */
  redact: boolean;
}

export interface ExportFormat {
  /** One line for --help. */
  description: string;
  /** What one counted row is, for the export record and the message ("segments", "rows"). */
  unit: string;
  /** Binary or multi-file formats cannot go to standard output and need --out. */
  needsFile?: boolean;
  /** Whether the format can be redacted; false means --redact is refused rather than ignored. */
  redactable: boolean;
  /** Writes the export; resolves to the number of rows written. */
  write(db: Db, target: ExportTarget, options: ExportOptions): Promise<number>;
}

export const EXPORT_FORMATS: Record<string, ExportFormat> = {
  jsonl: {
    description: 'one JSON line per segment (every segment, coded or not) with its codes, evidence and the current decision',
    unit: 'segments',
    redactable: true,
    write: (db, target, options) => exportJsonl(db, target, options),
  },
  csv: {
    description: 'one row per (segment, code), guarded against spreadsheet formulas',
    unit: 'rows',
    redactable: true,
    write: (db, target, options) => exportCsv(db, target, options),
  },
  qdpx: {
    description: 'REFI-QDA project (QDA-XML 1.0) for NVivo, ATLAS.ti, MAXQDA, QualCoder: codebook, report texts, coded segments, coders, profiles as case variables',
    unit: 'codings',
    needsFile: true,
    redactable: true,
    write: (db, target, options) => exportQdpx(db, target, options),
  },
  qdc: {
    description: 'REFI-QDA codebook (QDA-XML 1.0): the codes alone, as a code tree of themes and risk factors',
    unit: 'codes',
    redactable: false,
    write: (_db, target) => exportQdc(target),
  },
  matrix: {
    description: 'CSV code-by-document matrix, 1 where the code applies in the report (reviewer decisions applied), else 0',
    unit: 'documents',
    redactable: true,
    write: (db, target, options) => exportMatrix(db, target, 'presence', options),
  },
  'matrix-counts': {
    description: 'CSV code-by-document matrix, the number of segments each code applies to (reviewer decisions applied)',
    unit: 'documents',
    redactable: true,
    write: (db, target, options) => exportMatrix(db, target, 'counts', options),
  },
  profiles: {
    description: 'one JSON line per coded document: the document profile sheet (gold field names and order), reviewer corrections applied',
    unit: 'documents',
    redactable: true,
    write: (db, target, options) => exportProfiles(db, target, options),
  },
};
