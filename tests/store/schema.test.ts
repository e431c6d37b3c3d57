import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshSchemaSnapshot, schemaSnapshotPath } from '../../pipeline/store/schema.js';

describe('schema snapshot', () => {
  it('matches the committed pipeline/store/schema-snapshot.sql (rebuild: npm run build && node dist/pipeline/store/schema.js)', () => {
    expect(freshSchemaSnapshot()).toBe(readFileSync(schemaSnapshotPath(), 'utf8'));
  });
});
