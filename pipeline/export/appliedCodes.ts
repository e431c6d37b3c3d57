// Which of a segment's codes the analyst exports (REFI-QDA project, code-by-document matrix)
// count as applying, with the reviewers' decisions applied.
import type { Codebook } from '../codebook.js';
import type { CodeKind } from '../types.js';
import type { ExportCode, ExportSegment } from './rows.js';

/**
 * The codebook's rule: a theme applies to a segment that discusses it, in any context; a risk
 * factor only where the segment asserts it (a negated, hypothetical or generic mention is not
 * "present"). A rejected proposal never applies; a code a reviewer added or confirmed does, and
 * a reviewer's change of context counts (rows.ts has already merged the current decisions).
 */
export function codeApplies(code: ExportCode, kind: CodeKind): boolean {
  if (code.decision === 'rejected') return false;
  return kind === 'theme' || code.context === 'asserted';
}

/** The segment's applying codes; a code the codebook does not know is an error, not a silent loss. */
export function appliedCodes(segment: ExportSegment, codebook: Codebook): ExportCode[] {
  return segment.codes.filter((c) => codeApplies(c, kindOf(codebook, c.code, segment.document)));
}

export function kindOf(codebook: Codebook, code: string, document: string): CodeKind {
  const kind = codebook.kindOf(code);
  if (!kind) throw new Error(`${document}: code "${code}" is not in the codebook (lexicons/codebook.json)`);
  return kind;
}
