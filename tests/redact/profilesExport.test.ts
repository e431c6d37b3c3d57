// The profiles export with --redact: the file name and every free-text value (as extracted or as
// a reviewer corrected it) lose the people the report names; codes, numbers and dates stay.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../pipeline/store/db.js';
import { decideProfileField } from '../../pipeline/store/profiles.js';
import { ROOT, scrcode, tempDir } from '../helpers/cli.js';

const SENTINELS = ['Quarrington', 'Zebedee', '07700 900461', '17 Wexley Gardens'];
let dir: string;
let dbPath: string;
const lines: Record<'plain' | 'redacted', any[]> = { plain: [], redacted: [] };

beforeAll(() => {
  dir = tempDir('scrcode-profiles-redact-');
  dbPath = join(dir, 'p.db');
  const run = scrcode(['run', join(ROOT, 'tests', 'fixtures', 'redact'), '--db', dbPath, '--quiet']);
  if (run.status !== 0) throw new Error(run.stderr);
  const db = openDatabase(dbPath);
  try {
    const sha256 = db.prepare('SELECT sha256 FROM documents').pluck().get() as string;
    // A reviewer's correction that names people and gives an address and a phone number.
    decideProfileField(db, { documentSha256: sha256, field: 'nature_of_harm', value: 'fractured femur; Zebedee Quarrington at 17 Wexley Gardens (07700 900461) was charged', reviewer: 'ann', basedOn: null });
  } finally {
    db.close();
  }
  for (const kind of ['plain', 'redacted'] as const) {
    const out = join(dir, `${kind}.jsonl`);
    const r = scrcode(['export', '--format', 'profiles', '--db', dbPath, '--out', out, ...(kind === 'redacted' ? ['--redact'] : [])]);
    if (r.status !== 0) throw new Error(r.stderr);
    lines[kind] = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const found = (value: unknown) => SENTINELS.filter((s) => JSON.stringify(value).toLowerCase().includes(s.toLowerCase()));

describe('scrcode export --format profiles --redact', () => {
  it('shows every sentinel without redaction, so the test can fail', () => {
    expect(found(lines.plain)).toEqual(SENTINELS);
  });

  it('leaves no sentinel in the redacted lines, and labels the people as the report does', () => {
    expect(found(lines.redacted)).toEqual([]);
    const [p] = lines.redacted;
    expect(p.document).toBe('fernmoor_scr_child_p_redacted.txt');
    expect(p.nature_of_harm).toBe("fractured femur; [mother's partner] at [address] ([phone]) was charged");
  });

  it('keeps the fields that name no one exactly as the plain export has them', () => {
    const [plain] = lines.plain;
    const [redacted] = lines.redacted;
    for (const field of ['area', 'child_age_months', 'outcome', 'agencies', 'review_commissioned', 'review_completed', 'recommendations_count', 'risk_factors_present']) {
      expect(redacted[field], field).toEqual(plain[field]);
    }
    expect(Object.keys(redacted)).toEqual(Object.keys(plain));
  });
});
