// The REFI-QDA project exchange file (.qdpx, QDA-XML 1.0): a zip holding project.qde and one
// plain-text file per report, which NVivo, ATLAS.ti, MAXQDA and QualCoder import.
//
//   Users     one per lexicon version the pipeline coded with ("scrcode <version>"), one per reviewer
//   CodeBook  "Themes" and "Risk factors" (not codable) holding the codebook's codes
//   Variables + Cases   the profile sheet, one case per report (only when profiles were extracted)
//   Sources   a TextSource per coded report, its text exactly documents.text in Sources/<guid>.txt;
//             a PlainTextSelection per (segment, applying code) with one Coding
//
// Which codes go in is appliedCodes.ts: not a rejected proposal, not a risk factor whose context
// is negated, hypothetical or generic — a QDA program counts every coding as "the code applies
// here", so a mention that does not assert the factor would read as present. A selection spans
// its segment (the unit codes apply to), or the reviewer's own span for a code only a reviewer
// applied. Positions count Unicode code points, as the standard does, not JS string units.
// Every GUID is derived from what it names, so a re-import updates the project instead of
// duplicating it.
//
// Redacted (--redact), each source's text is the redacted document text (pipeline/redact) and
// every selection is mapped into it (redaction.ts), so it still selects exactly its segment;
// the evidence quoted in a selection's description is cut from that text, a reviewer's memo is
// redacted as a note, and the names of sources and cases, and free-text case variables, lose
// every word that is the name of a person the report gives.
import { rename, rm, writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { type Codebook, loadCodebook } from '../codebook.js';
import { type Db, statement } from '../store/db.js';
import { currentProfiles } from '../store/profiles.js';
import { type Decision, currentDecisions } from '../store/decisions.js';
import { type RedactedDocument, redactDocument, redactFreeText } from '../redact/index.js';
import type { CodeKind, SourceFormat } from '../types.js';
import { appliedCodes, kindOf } from './appliedCodes.js';
import type { ExportTarget } from './output.js';
import { PROJECT_NAMESPACE, attrs, codeGuid, codePointPositions, codesXml, scrcodeOrigin, stableGuid, xmlText } from './refiQda.js';
import { redactNotes, redactSegment } from './redaction.js';
import { type ExportCode, type ExportRowOptions, type ExportSegment, documentSegments } from './rows.js';

interface CodedDocument {
  id: number;
  sha256: string;
  fileName: string;
  format: SourceFormat;
  pageCount: number | null;
  text: string;
  lexiconVersion: string;
  createdAt: string;
  updatedAt: string;
}

/** A coded document as the export shows it; redacted, its fileName and text are the redacted ones. */
interface ExportedDocument extends CodedDocument {
  redaction: RedactedDocument | null;
  /** Its segments with their codes, offsets pointing into `text`. */
  segments: ExportSegment[];
  /** The reviewers' current decisions on it. */
  decisions: Decision[];
  /** A reviewer's memo as the export shows it. */
  memo(text: string): string;
}

interface User { guid: string; name: string }

/** Who made a coding: the pipeline (by lexicon version) or a reviewer (by name). */
class Users {
  private readonly byKey = new Map<string, User>();
  pipeline(lexiconVersion: string): User {
    return this.get(`pipeline:${lexiconVersion}`, `scrcode ${lexiconVersion}`);
  }
  reviewer(name: string): User {
    return this.get(`reviewer:${name}`, name);
  }
  /** Pipeline users first, then reviewers, each alphabetically: the same order in every export. */
  all(): User[] {
    return [...this.byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, u]) => u);
  }
  private get(key: string, name: string): User {
    let user = this.byKey.get(key);
    if (!user) this.byKey.set(key, (user = { guid: stableGuid(`user:${key}`), name }));
    return user;
  }
}

/** Writes the .qdpx (redacted with { redact: true }); resolves to the number of codings (coded selections) in it. */
export async function exportQdpx(db: Db, out: ExportTarget, options: ExportRowOptions = {}, codebook: Codebook = loadCodebook()): Promise<number> {
  const { qde, sources, codings } = buildProject(db, codebook, options);
  const zip = new JSZip();
  zip.file('project.qde', qde);
  for (const s of sources) zip.file(`Sources/${s.guid}.txt`, s.text);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  await writeBytes(out, bytes);
  return codings;
}

/** project.qde, the source texts it points to, and how many codings it holds. */
export function buildProject(db: Db, codebook: Codebook, options: ExportRowOptions = {}): { qde: string; sources: { guid: string; text: string }[]; codings: number } {
  const stored = statement(
    db,
    `SELECT id, sha256, file_name AS fileName, format, page_count AS pageCount, text, lexicon_version AS lexiconVersion,
            created_at AS createdAt, updated_at AS updatedAt
     FROM documents WHERE status = 'coded' AND superseded_by IS NULL ORDER BY path, sha256`,
  ).all() as CodedDocument[];
  const documents = stored.map((doc) => exportedDocument(db, doc, options.redact ?? false));
  const users = new Users();
  const sourceLines: string[] = [];
  const sources: { guid: string; text: string }[] = [];
  let codings = 0;
  for (const doc of documents) {
    const guid = sourceGuid(doc.sha256);
    const selections = documentSelections(doc, codebook, users);
    codings += selections.length;
    sourceLines.push(textSourceXml(doc, guid, selections));
    sources.push({ guid, text: doc.text });
  }
  const variables = profileVariables(db);
  const lexiconVersions = [...new Set(documents.map((d) => d.lexiconVersion))].sort();
  const creator = users.pipeline(lexiconVersions[0] ?? 'unknown');
  const qde = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Project${attrs({ xmlns: PROJECT_NAMESPACE, name: 'scrcode', origin: scrcodeOrigin(), creatingUserGUID: creator.guid, creationDateTime: new Date().toISOString() })}>`,
    '  <Users>',
    ...users.all().map((u) => `    <User${attrs({ guid: u.guid, name: u.name })}/>`),
    '  </Users>',
    '  <CodeBook>',
    codesXml(codebook, '    '),
    '  </CodeBook>',
    ...(variables.length ? [variablesXml(variables), casesXml(documents, variables)] : []),
    ...(sourceLines.length ? ['  <Sources>', ...sourceLines, '  </Sources>'] : []),
    `  <Description>${xmlText(projectDescription(documents.length, codings, lexiconVersions, options.redact ?? false))}</Description>`,
    '</Project>',
    '',
  ].join('\n');
  return { qde, sources, codings };
}

export const sourceGuid = (sha256: string): string => stableGuid(`source:${sha256}`);

/** The document with its segments; redacted, the whole document once, so every label agrees across its segments. */
function exportedDocument(db: Db, doc: CodedDocument, redact: boolean): ExportedDocument {
  const segments = [...documentSegments(db, doc)];
  const decisions = currentDecisions(db, doc.id).filter((d) => d.action !== 'withdraw');
  if (!redact) return { ...doc, redaction: null, segments, decisions, memo: (text) => text };
  const redaction = redactDocument({ text: doc.text });
  const memos = redactNotes(doc.text, decisions.flatMap((d) => (d.memo ? [d.memo] : [])));
  return {
    ...doc, fileName: redaction.redactFileName(doc.fileName), text: redaction.text, redaction,
    segments: segments.map((s) => redactSegment(s, redaction)), decisions, memo: (text) => memos.get(text)!,
  };
}

interface Selection {
  guid: string;
  name: string;
  /** Code-point positions in the source text, end exclusive. */
  start: number;
  end: number;
  description: string;
  code: string;
  codingGuid: string;
  user: User;
  codedAt: string;
}

function documentSelections(doc: ExportedDocument, codebook: Codebook, users: Users): Selection[] {
  const position = codePointPositions(doc.text);
  const decisions = new Map(doc.decisions.map((d) => [`${d.segmentIndex}\0${d.code}`, d]));
  const selections: Selection[] = [];
  for (const segment of doc.segments) {
    for (const code of appliedCodes(segment, codebook)) {
      const decision = code.decision === 'confirmed' ? decisions.get(`${segment.index}\0${code.code}`) : undefined;
      // A code only a reviewer applied keeps the reviewer's span (a selection inside the paragraph, or the paragraph).
      const [start, end] = code.rule === 'human' ? [code.evidence.start, code.evidence.end] : [segment.start, segment.end];
      const key = `${doc.sha256}:${segment.index}:${code.code}:${start}:${end}`;
      selections.push({
        guid: stableGuid(`selection:${key}`), codingGuid: stableGuid(`coding:${key}`),
        name: `${segment.paragraph ?? segment.section} ${codebook.codes.find((c) => c.id === code.code)?.label ?? code.code}`,
        start: position(start), end: position(end), code: code.code,
        description: selectionDescription(code, decision, kindOf(codebook, code.code, doc.fileName), doc.memo),
        user: decision ? users.reviewer(decision.reviewer) : users.pipeline(code.lexicon_version ?? 'unknown'),
        codedAt: decision?.decidedAt ?? doc.updatedAt,
      });
    }
  }
  return selections;
}

/** Why the segment carries the code: the machine's evidence and rule, and what a reviewer decided (the memo redacted with the document). */
function selectionDescription(code: ExportCode, decision: Decision | undefined, kind: CodeKind, memo: (text: string) => string): string {
  const parts: string[] = [];
  if (code.context !== 'asserted') parts.push(`Context: ${code.context}.`);
  if (code.rule !== 'human') {
    parts.push(`scrcode proposed ${kind === 'theme' ? 'this theme' : 'this risk factor'} from "${code.evidence.text}" `
      + `(rule ${code.rule}, confidence ${code.confidence}, lexicon ${code.lexicon_version}).`);
  }
  if (decision) parts.push(`${decisionVerb(decision)} by ${decision.reviewer} on ${decision.decidedAt}.`);
  if (decision?.memo) parts.push(`Memo: ${memo(decision.memo)}`);
  return parts.join(' ');
}

function decisionVerb(decision: Decision): string {
  if (decision.action === 'add') return 'Added';
  if (decision.action === 'set_context') return `Context set to ${decision.context}`;
  return 'Confirmed';
}

function textSourceXml(doc: ExportedDocument, guid: string, selections: Selection[]): string {
  const lines = [
    `    <TextSource${attrs({ guid, name: doc.fileName, plainTextPath: `internal://${guid}.txt`, creationDateTime: doc.createdAt })}>`,
    `      <Description>${xmlText(sourceDescription(doc))}</Description>`,
  ];
  for (const s of selections) {
    lines.push(
      `      <PlainTextSelection${attrs({ guid: s.guid, name: s.name, startPosition: s.start, endPosition: s.end, creatingUser: s.user.guid, creationDateTime: s.codedAt })}>`,
      `        <Description>${xmlText(s.description)}</Description>`,
      `        <Coding${attrs({ guid: s.codingGuid, creatingUser: s.user.guid, creationDateTime: s.codedAt })}><CodeRef${attrs({ targetGUID: codeGuid(s.code) })}/></Coding>`,
      '      </PlainTextSelection>',
    );
  }
  lines.push('    </TextSource>');
  return lines.join('\n');
}

function sourceDescription(doc: ExportedDocument): string {
  const pages = doc.pageCount === null ? '' : `, ${doc.pageCount} pages`;
  const text = doc.redaction ? `Text as scrcode extracted it, ${REDACTED}.` : 'Text as scrcode extracted it.';
  return `${doc.format.toUpperCase()} report${pages}; SHA-256 ${doc.sha256}. ${text}`;
}

// ---------------------------------------------------------------- the profile sheet as case variables

type VariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date';

interface ProfileVariable {
  field: string;
  guid: string;
  type: VariableType;
  /** The value per document (sha256), written as its type's XML content; absent = not stated. */
  values: Map<string, string>;
}

/**
 * One variable per profile field, from the profile as it stands (store/profiles.ts
 * currentProfiles: reviewers' corrections, durations derived from corrected dates, the checklist
 * with segment decisions applied) — the values the profiles export holds. Documents with neither
 * an extracted profile nor a correction give no values, and a field no report states no variable.
 */
function profileVariables(db: Db): ProfileVariable[] {
  const byField = new Map<string, Map<string, unknown>>();
  for (const p of currentProfiles(db)) {
    const fields = Object.entries(p.fields);
    if (p.lexiconVersion === null && !fields.some(([, f]) => f.correction)) continue;
    for (const [field, f] of fields) {
      let values = byField.get(field);
      if (!values) byField.set(field, (values = new Map()));
      values.set(p.sha256, f.value ?? null);
    }
  }
  // A field no report states has nothing to carry.
  return [...byField].filter(([, values]) => [...values.values()].some((v) => v !== null)).map(([field, values]) => {
    const type = variableType([...values.values()].filter((v) => v !== null));
    const written = new Map<string, string>();
    for (const [sha256, v] of values) if (v !== null) written.set(sha256, variableContent(v, type));
    return { field, guid: stableGuid(`variable:${field}`), type, values: written };
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The narrowest QDA-XML type every stated value of the field fits; lists and mixtures are Text. */
function variableType(values: unknown[]): VariableType {
  if (!values.length) return 'Text';
  if (values.every((v) => typeof v === 'boolean')) return 'Boolean';
  if (values.every((v) => Number.isSafeInteger(v))) return 'Integer';
  // xsd:decimal has no exponent form.
  if (values.every((v) => typeof v === 'number' && Number.isFinite(v) && !/e/i.test(String(v)))) return 'Float';
  if (values.every((v) => typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)))) return 'Date';
  return 'Text';
}

function variableContent(value: unknown, type: VariableType): string {
  if (type !== 'Text') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('; ');
  return JSON.stringify(value);
}

function variablesXml(variables: ProfileVariable[]): string {
  return [
    '  <Variables>',
    ...variables.map((v) => `    <Variable${attrs({ guid: v.guid, name: v.field, typeOfVariable: v.type })}/>`),
    '  </Variables>',
  ].join('\n');
}

/**
 * One case per report, holding its profile values and pointing at its source. Redacted, a
 * free-text value is redacted like a quote from the report, as in the profiles export: area,
 * ethnicity or nature of harm name no one, but a reviewer's correction may ("harm by Smith").
 */
function casesXml(documents: ExportedDocument[], variables: ProfileVariable[]): string {
  const lines = ['  <Cases>'];
  for (const doc of documents) {
    lines.push(`    <Case${attrs({ guid: stableGuid(`case:${doc.sha256}`), name: doc.fileName })}>`);
    for (const v of variables) {
      const content = v.values.get(doc.sha256);
      if (content === undefined) continue;
      const shown = doc.redaction && v.type === 'Text' ? redactFreeText(doc.redaction, content) : content;
      lines.push(`      <VariableValue><VariableRef${attrs({ targetGUID: v.guid })}/><${v.type}Value>${xmlText(shown)}</${v.type}Value></VariableValue>`);
    }
    lines.push(`      <SourceRef${attrs({ targetGUID: sourceGuid(doc.sha256) })}/>`, '    </Case>');
  }
  lines.push('  </Cases>');
  return lines.join('\n');
}

function projectDescription(documents: number, codings: number, lexiconVersions: string[], redacted: boolean): string {
  return `${documents} Serious Case Review reports coded by scrcode (lexicon ${lexiconVersions.join(', ') || 'none'}), ${codings} codings. `
    + 'Each coding is a segment a theme applies to, or a segment that asserts a risk factor; '
    + 'rejected proposals and negated, hypothetical or generic mentions of risk factors are left out. '
    + 'Codings by a reviewer carry the reviewer as creating user.'
    + (redacted ? ` Redacted: the texts have ${REDACTED}; selections point into the redacted texts.` : '');
}

const REDACTED = 'names, dates of birth, addresses, phone numbers and e-mail addresses replaced';

/** The zip appears only when complete: written beside the target, then renamed. */
async function writeBytes(out: ExportTarget, bytes: Buffer): Promise<void> {
  if (typeof out !== 'string') {
    await new Promise<void>((resolve, reject) => out.write(bytes, (error) => (error ? reject(error) : resolve())));
    return;
  }
  const partial = `${out}.partial-${process.pid}`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
