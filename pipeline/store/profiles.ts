// The document profile sheet in the store (migration 005): the pipeline's extracted fields, replaced
// whole with the document's segments and proposals in the same transaction, and reviewers'
// corrections, append-only and refused on a stale view. The current profile is the extracted
// value with the latest correction applied.
import { loadCodebook } from '../codebook.js';
import { PROFILE_FIELDS, type ExtractedProfile, type ProfileEvidence, type ProfileField, type ProfileValues } from '../profile/types.js';
import type { Context } from '../types.js';
import { type Db, statement } from './db.js';
import { currentDecisions, type Decision } from './decisions.js';

/**
 * Replaces a document's extracted profile. Call inside the transaction that stores the document's
 * segments and proposals, so the profile never describes other segments than the stored ones.
 * With no profile (a caller that does not extract one) the old rows go: they described the old text.
 */
export function replaceProfileFields(db: Db, documentId: number, profile: ExtractedProfile | null | undefined, lexiconVersion: string, profileVersion: string | null = null): void {
  if (!db.inTransaction) throw new Error('replaceProfileFields must run inside the transaction that stores the document');
  statement(db, 'DELETE FROM profile_fields WHERE document_id = ?').run(documentId);
  if (!profile) return;
  const insert = statement(db, 'INSERT INTO profile_fields (document_id, field, value, evidence, lexicon_version, profile_version) VALUES (?, ?, ?, ?, ?, ?)');
  const text = (statement(db, 'SELECT text FROM documents WHERE id = ?').get(documentId) as { text: string | null } | undefined)?.text ?? '';
  for (const field of PROFILE_FIELDS) {
    const { value, evidence } = profile[field];
    for (const e of evidence) {
      if (text.slice(e.start, e.end) !== e.text) throw new Error(`profile field ${field} (${e.rule}): evidence does not equal text.slice(${e.start}, ${e.end})`);
    }
    insert.run(documentId, field, value === null ? null : JSON.stringify(value), JSON.stringify(evidence), lexiconVersion, profileVersion);
  }
}

/** The profile version a document's stored fields were extracted with (null: none stored, or from before migration 006). */
export function storedProfileVersion(db: Db, documentId: number): string | null {
  const row = statement(db, 'SELECT profile_version AS v FROM profile_fields WHERE document_id = ? LIMIT 1').get(documentId) as { v: string | null } | undefined;
  return row?.v ?? null;
}

/** Replaces only risk_factors_present (it follows the proposals); the other fields stay as extracted. Inside the re-tag's transaction. */
export function replaceRiskFactorsField(db: Db, documentId: number, result: ExtractedProfile['risk_factors_present'], lexiconVersion: string): void {
  if (!db.inTransaction) throw new Error('replaceRiskFactorsField must run inside the transaction that stores the proposals');
  statement(db, `UPDATE profile_fields SET value = ?, evidence = ?, lexicon_version = ? WHERE document_id = ? AND field = 'risk_factors_present'`)
    .run(JSON.stringify(result.value), JSON.stringify(result.evidence), lexiconVersion, documentId);
  statement(db, `UPDATE profile_fields SET lexicon_version = ? WHERE document_id = ?`).run(lexiconVersion, documentId);
}

// ------------------------------------------------------------------ reviewers' corrections

export interface ProfileDecisionInput {
  documentSha256: string;
  field: ProfileField;
  /** The corrected value; null records "the report does not state it". */
  value: unknown;
  memo?: string | null;
  reviewer: string;
  /** The latest decision on this document and field that the reviewer's view showed; null when it showed none. */
  basedOn: number | null;
}

export interface ProfileDecision {
  id: number;
  documentSha256: string;
  field: ProfileField;
  value: unknown;
  memo: string | null;
  reviewer: string;
  decidedAt: string;
  basedOn: number | null;
}

/** A correction made on a view that no longer shows the latest decision. */
export class StaleProfileError extends Error {
  constructor(message: string, readonly current: ProfileDecision) {
    super(message);
  }
}

/**
 * Appends a reviewer's correction of one profile field; returns its id. Refused when `basedOn` is
 * not the latest decision on that document and field (someone changed it since the view was
 * loaded): the error says who and when. Check and insert are one IMMEDIATE transaction, so two
 * reviewers in two processes cannot both pass the check.
 */
export function decideProfileField(db: Db, input: ProfileDecisionInput): number {
  if (!(PROFILE_FIELDS as readonly string[]).includes(input.field)) throw new Error(`"${input.field}" is not a profile field; fields: ${PROFILE_FIELDS.join(', ')}`);
  if (!input.reviewer?.trim()) throw new Error('a profile decision needs a reviewer');
  const value = checkedValue(input.field, input.value);
  return db.transaction(() => {
    const doc = statement(db, `SELECT file_name AS fileName FROM documents WHERE sha256 = ? AND status = 'coded'`).get(input.documentSha256) as { fileName: string } | undefined;
    if (!doc) throw new Error(`no coded document with sha256 ${input.documentSha256}`);
    const latest = latestDecision(db, input.documentSha256, input.field);
    if ((latest?.id ?? null) !== (input.basedOn ?? null)) {
      const what = latest ? `${latest.reviewer} set it to ${JSON.stringify(latest.value)} at ${latest.decidedAt} (decision ${latest.id})` : 'its decisions have changed';
      throw new StaleProfileError(`Not saved: ${input.field} of ${doc.fileName} was changed since your view — ${what}. Reload and decide again.`, latest!);
    }
    const result = statement(
      db,
      'INSERT INTO profile_decisions (document_sha256, field, value, memo, reviewer, based_on) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(input.documentSha256, input.field, value === null ? null : JSON.stringify(value), input.memo ?? null, input.reviewer, input.basedOn ?? null);
    return Number(result.lastInsertRowid);
  }).immediate();
}

interface DecisionRow { id: number; documentSha256: string; field: ProfileField; value: string | null; memo: string | null; reviewer: string; decidedAt: string; basedOn: number | null }

const DECISION_COLUMNS = `id, document_sha256 AS documentSha256, field, value, memo, reviewer, decided_at AS decidedAt, based_on AS basedOn`;
const toDecision = (r: DecisionRow): ProfileDecision => ({ ...r, value: r.value === null ? null : JSON.parse(r.value) });

export function latestDecision(db: Db, documentSha256: string, field: ProfileField): ProfileDecision | null {
  const row = statement(db, `SELECT ${DECISION_COLUMNS} FROM profile_decisions WHERE document_sha256 = ? AND field = ? ORDER BY id DESC LIMIT 1`)
    .get(documentSha256, field) as DecisionRow | undefined;
  return row ? toDecision(row) : null;
}

/** Every correction ever made to a document's profile, oldest first. */
export function profileDecisions(db: Db, documentSha256: string): ProfileDecision[] {
  return (statement(db, `SELECT ${DECISION_COLUMNS} FROM profile_decisions WHERE document_sha256 = ? ORDER BY id`).all(documentSha256) as DecisionRow[]).map(toDecision);
}

/** The fields whose values are words from the report or a reviewer (redacted in exports), not codes, numbers or dates. */
export const STRING_FIELDS: ProfileField[] = ['area', 'gender', 'ethnicity', 'nature_of_harm'];
const COUNT_FIELDS: ProfileField[] = ['child_age_months', 'review_duration_days', 'recommendations_count'];
const DATE_FIELDS: ProfileField[] = ['review_commissioned', 'review_completed'];
const LIST_FIELDS: ProfileField[] = ['agencies', 'risk_factors_present'];

/** The value as stored: refused when it is not the field's kind, so the export never holds a malformed value. */
function checkedValue(field: ProfileField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const refuse = (what: string) => new Error(`${field} takes ${what} or null, not ${JSON.stringify(value)}`);
  if (STRING_FIELDS.includes(field)) {
    if (typeof value !== 'string' || !value.trim()) throw refuse('a non-empty string');
    return value.trim();
  }
  if (COUNT_FIELDS.includes(field)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw refuse('a whole number of at least 0');
    return value;
  }
  if (DATE_FIELDS.includes(field)) {
    if (typeof value !== 'string' || !isIsoDate(value)) throw refuse('an ISO date (2014-02-10, or 2014-02 when the report gives no day)');
    return value;
  }
  if (field === 'outcome') {
    if (value !== 'died' && value !== 'seriously_harmed') throw refuse('"died" or "seriously_harmed"');
    return value;
  }
  if (LIST_FIELDS.includes(field)) {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v.trim())) throw refuse('a list of names');
    if (field === 'risk_factors_present') {
      const known = loadCodebook().riskFactors;
      const unknown = value.filter((v) => !known.includes(v));
      if (unknown.length) throw new Error(`risk_factors_present: ${unknown.join(', ')} not a codebook risk factor; risk factors: ${known.join(', ')}`);
      return known.filter((rf) => value.includes(rf));
    }
    return [...new Set(value.map((v: string) => v.trim()))];
  }
  throw new Error(`no value check for ${field}`);
}

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return false;
  if (m[3] === undefined) return true;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

// ------------------------------------------------------------------ the current profile

export interface CurrentField {
  /** What the profile says now: the latest correction, else what was extracted (risk factors: with segment decisions applied). */
  value: unknown;
  /** What the pipeline extracted (null when not stated). */
  extracted: unknown;
  evidence: ProfileEvidence[];
  /** The correction in force, with who made it and when; null when the extracted value stands. */
  correction: Omit<ProfileDecision, 'documentSha256' | 'field'> | null;
  /** For derived fields: the value follows a correction of another field (duration from corrected dates). */
  derivedFrom?: ProfileField[];
}

export interface CurrentProfile {
  documentId: number;
  document: string;
  sha256: string;
  /** Lexicon version the fields were extracted with; null when the document has no extracted profile. */
  lexiconVersion: string | null;
  fields: Record<ProfileField, CurrentField>;
}

interface FieldRow { field: ProfileField; value: string | null; evidence: string; lexiconVersion: string }

/** Every coded document's profile as it stands, in file-name order. */
export function currentProfiles(db: Db, riskFactors: readonly string[] = loadCodebook().riskFactors): CurrentProfile[] {
  const docs = statement(db, `SELECT id, file_name AS fileName, sha256 FROM documents WHERE status = 'coded' AND superseded_by IS NULL ORDER BY file_name, id`).all() as { id: number; fileName: string; sha256: string }[];
  return docs.map((d) => currentProfile(db, d, riskFactors));
}

/** One coded document's profile as it stands (the workbench reads one document at a time). */
export function currentProfile(db: Db, d: { id: number; fileName: string; sha256: string }, riskFactors: readonly string[]): CurrentProfile {
  const rows = new Map((statement(db, 'SELECT field, value, evidence, lexicon_version AS lexiconVersion FROM profile_fields WHERE document_id = ?').all(d.id) as FieldRow[]).map((r) => [r.field, r]));
  const latest = latestDecisions(db, d.sha256);
  const fields = {} as Record<ProfileField, CurrentField>;
  for (const field of PROFILE_FIELDS) {
    const row = rows.get(field);
    const extracted = row?.value == null ? null : JSON.parse(row.value);
    const decision = latest.get(field);
    const { documentSha256: _s, field: _f, ...correction } = decision ?? ({} as ProfileDecision);
    fields[field] = { value: decision ? decision.value : extracted, extracted, evidence: row ? (JSON.parse(row.evidence) as ProfileEvidence[]) : [], correction: decision ? correction : null };
  }
  applySegmentDecisions(db, d.id, fields.risk_factors_present, riskFactors);
  deriveDuration(fields);
  return { documentId: d.id, document: d.fileName, sha256: d.sha256, lexiconVersion: rows.values().next().value?.lexiconVersion ?? null, fields };
}

function latestDecisions(db: Db, sha256: string): Map<ProfileField, ProfileDecision> {
  const rows = statement(
    db,
    `SELECT ${DECISION_COLUMNS} FROM profile_decisions d
     WHERE document_sha256 = ? AND id = (SELECT max(id) FROM profile_decisions x WHERE x.document_sha256 = d.document_sha256 AND x.field = d.field)`,
  ).all(sha256) as DecisionRow[];
  return new Map(rows.map((r) => [r.field, toDecision(r)]));
}

/**
 * The checklist with reviewers' segment decisions applied, as the workbench shows it
 * (review/workbench.ts documentState; a test holds the two together): a risk factor is present when
 * some (segment, code) has it asserted and it stands — proposed asserted and not rejected, or
 * confirmed / added / set with the context asserted. A direct correction of the field wins.
 */
function applySegmentDecisions(db: Db, documentId: number, field: CurrentField, riskFactors: readonly string[]): void {
  if (field.correction) return;
  const proposals = statement(
    db,
    `SELECT s.idx AS segmentIndex, p.code, p.context FROM proposals p JOIN segments s ON s.id = p.segment_id WHERE s.document_id = ?`,
  ).all(documentId) as { segmentIndex: number; code: string; context: Context }[];
  const decisions = currentDecisions(db, documentId).filter((d) => d.action !== 'withdraw');
  if (decisions.length === 0) return;
  const key = (segment: number, code: string) => `${segment}\0${code}`;
  const asserted = new Map<string, boolean>();
  for (const p of proposals) asserted.set(key(p.segmentIndex, p.code), (asserted.get(key(p.segmentIndex, p.code)) ?? false) || p.context === 'asserted');
  const decided = new Map<string, Decision>(decisions.map((d) => [key(d.segmentIndex, d.code), d]));
  const present = new Set<string>();
  for (const [k, isAsserted] of asserted) {
    const d = decided.get(k);
    if (d?.action === 'reject') continue;
    if (d?.context ? d.context === 'asserted' : isAsserted) present.add(k.slice(k.indexOf('\0') + 1));
  }
  for (const [k, d] of decided) {
    if (!asserted.has(k) && d.action !== 'reject' && (d.context ?? 'asserted') === 'asserted') present.add(d.code);
  }
  const value = riskFactors.filter((rf) => present.has(rf));
  if (JSON.stringify(value) !== JSON.stringify(field.value)) {
    field.value = value;
    field.derivedFrom = ['risk_factors_present'];
  }
}

/** A corrected date carries its duration along, unless a reviewer corrected the duration itself. */
function deriveDuration(fields: Record<ProfileField, CurrentField>): void {
  const duration = fields.review_duration_days;
  const corrected = (['review_commissioned', 'review_completed'] as const).filter((f) => fields[f].correction);
  if (duration.correction || corrected.length === 0) return;
  duration.value = daysBetween(fields.review_commissioned.value, fields.review_completed.value);
  duration.derivedFrom = [...corrected];
}

function daysBetween(from: unknown, to: unknown): number | null {
  const full = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
  if (!full(from) || !full(to)) return null;
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  return days < 0 ? null : days;
}

/** The profile's values, keys in the gold files' order. */
export function profileValues(p: CurrentProfile): { document: string } & ProfileValues {
  const out: Record<string, unknown> = { document: p.document };
  for (const field of PROFILE_FIELDS) out[field] = p.fields[field].value;
  return out as unknown as { document: string } & ProfileValues;
}
