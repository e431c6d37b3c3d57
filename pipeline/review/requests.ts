// Request bodies checked field by field before anything reaches the store: unknown fields,
// wrong types and out-of-range values are refused with a message that names the field.
import type { Context } from '../types.js';
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
