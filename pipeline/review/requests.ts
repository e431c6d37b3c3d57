// Request bodies checked field by field before anything reaches the store: unknown fields,
// wrong types and out-of-range values are refused with a message that names the field.
import { PROFILE_FIELDS, type ProfileField } from '../profile/types.js';
import type { Context } from '../types.js';
import { OUTCOMES, PROFILE_FIELD_KINDS, PROFILE_LIST_MAX, PROFILE_TEXT_MAX, type ProfileInput } from './profile.js';
import { CONTEXTS, type DecideInput, MEMO_MAX, type MemoInput, ReviewError } from './workbench.js';

type Body = Record<string, unknown>;

function object(body: unknown, allowed: string[]): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ReviewError('invalid', 'the request body must be a JSON object');
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length) throw new ReviewError('invalid', `unexpected field(s): ${extra.join(', ')}`);
  return body as Body;
}

function id(body: Body, field: string): number {
  const v = body[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new ReviewError('invalid', `"${field}" must be a whole number ≥ 0`);
  return v;
}

function optionalId(body: Body, field: string): number | null {
  return body[field] === undefined || body[field] === null ? null : id(body, field);
}

function text(body: Body, field: string, max: number): string {
  const v = body[field];
  if (typeof v !== 'string' || v.length === 0 || v.length > max) throw new ReviewError('invalid', `"${field}" must be text of 1 to ${max} characters`);
  return v;
}

function optionalText(body: Body, field: string, max: number): string | null {
  return body[field] === undefined || body[field] === null ? null : text(body, field, max);
}

function oneOf<T extends string>(body: Body, field: string, values: readonly T[]): T {
  const v = body[field];
  if (typeof v !== 'string' || !values.includes(v as T)) throw new ReviewError('invalid', `"${field}" must be one of ${values.join(', ')}`);
  return v as T;
}

function required(body: Body, field: string): void {
  if (!(field in body)) throw new ReviewError('invalid', `"${field}" is required`);
}

const SHA256 = /^[0-9a-f]{64}$/;

function sha(body: Body, field: string): string {
  const v = body[field];
  if (typeof v !== 'string' || !SHA256.test(v)) throw new ReviewError('invalid', `"${field}" must be a SHA-256 in hex`);
  return v;
}

export function parseDecideBody(raw: unknown): DecideInput {
  const body = object(raw, ['documentId', 'segmentIndex', 'code', 'action', 'context', 'start', 'end', 'memo', 'basedOn', 'segmentTextSha256', 'lexiconVersion']);
  required(body, 'basedOn');
  return {
    documentId: id(body, 'documentId'),
    segmentIndex: id(body, 'segmentIndex'),
    code: text(body, 'code', 100),
    action: oneOf(body, 'action', ['confirm', 'reject', 'add', 'set_context'] as const),
    context: body.context === undefined || body.context === null ? null : oneOf<Context>(body, 'context', CONTEXTS),
    start: optionalId(body, 'start'),
    end: optionalId(body, 'end'),
    memo: optionalText(body, 'memo', MEMO_MAX),
    basedOn: optionalId(body, 'basedOn'),
    segmentTextSha256: sha(body, 'segmentTextSha256'),
    lexiconVersion: optionalText(body, 'lexiconVersion', 200),
  };
}

export function parseUndoBody(raw: unknown): { documentId: number; decisionId: number } {
  const body = object(raw, ['documentId', 'decisionId']);
  return { documentId: id(body, 'documentId'), decisionId: id(body, 'decisionId') };
}

export function parseBulkBody(raw: unknown): { documentId: number; rule: string; action: 'confirm' | 'reject' } {
  const body = object(raw, ['documentId', 'rule', 'action']);
  return { documentId: id(body, 'documentId'), rule: text(body, 'rule', 200), action: oneOf(body, 'action', ['confirm', 'reject'] as const) };
}

export function parseMemoBody(raw: unknown): MemoInput {
  const body = object(raw, ['documentId', 'segmentIndex', 'code', 'text', 'segmentTextSha256']);
  return {
    documentId: id(body, 'documentId'),
    segmentIndex: id(body, 'segmentIndex'),
    code: optionalText(body, 'code', 100),
    text: text(body, 'text', MEMO_MAX),
    segmentTextSha256: sha(body, 'segmentTextSha256'),
  };
}

export function parseProfileBody(raw: unknown): ProfileInput {
  const body = object(raw, ['documentId', 'field', 'value', 'memo', 'basedOn']);
  required(body, 'value');
  required(body, 'basedOn');
  const field = oneOf<ProfileField>(body, 'field', PROFILE_FIELDS);
  const memo = optionalText(body, 'memo', MEMO_MAX);
  if (memo !== null && !memo.trim()) throw new ReviewError('invalid', `"memo" must be text of 1 to ${MEMO_MAX} characters, not only spaces`);
  return { documentId: id(body, 'documentId'), field, value: profileValue(field, body.value), memo, basedOn: optionalId(body, 'basedOn') };
}

/** A field's value checked by its kind; null records "the report does not state it". Risk-factor ids are checked against the codebook in profile.ts. */
function profileValue(field: ProfileField, v: unknown): unknown {
  if (v === null) return null;
  const refuse = (what: string) => new ReviewError('invalid', `"value" of ${field} must be ${what}, or null when the report does not state it`);
  switch (PROFILE_FIELD_KINDS[field]) {
    case 'count':
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw refuse('a whole number ≥ 0');
      return v;
    case 'date':
      if (typeof v !== 'string' || !isIsoDateOrMonth(v)) throw refuse('a date as YYYY-MM-DD, or YYYY-MM when the report gives no day');
      return v;
    case 'outcome':
      if (typeof v !== 'string' || !(OUTCOMES as readonly string[]).includes(v)) throw refuse(`one of ${OUTCOMES.join(', ')}`);
      return v;
    case 'list':
      if (!isTextList(v)) throw refuse(`a list of at most ${PROFILE_LIST_MAX} names, each 1 to ${PROFILE_TEXT_MAX} characters`);
      return v;
    case 'risk_factors':
      if (!isTextList(v) || v.some((x) => !/^[a-z][a-z_]*$/.test(x))) throw refuse('a list of risk-factor ids (e.g. ["domestic_violence"])');
      return v;
    case 'text':
      if (typeof v !== 'string' || !v.trim() || v.length > PROFILE_TEXT_MAX) throw refuse(`text of 1 to ${PROFILE_TEXT_MAX} characters, not only spaces`);
      return v;
  }
}

function isTextList(v: unknown): v is string[] {
  return Array.isArray(v) && v.length <= PROFILE_LIST_MAX && v.every((x) => typeof x === 'string' && x.trim() !== '' && x.length <= PROFILE_TEXT_MAX);
}

/** 2014-02-10, or 2014-02 when the report gives no day; a day that does not exist (2014-02-30) is refused. */
function isIsoDateOrMonth(s: string): boolean {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return false;
  if (m[3] === undefined) return true;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
