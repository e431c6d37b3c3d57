// The store's public surface, for the CLI and the other stages.
export { type Db, openDatabase, statement } from './db.js';
export { migrate, readMigrations, packageRoot } from './migrate.js';
export {
  type CodedDocumentInput, type FailedDocumentInput, type StoredDocumentRef, type StoredSegmentedDocument,
  findDocument, loadSegmentedDocument, loadSegmentedDocuments, recordFailedDocument, replaceProposals, sha256Hex, storeCodedDocument,
} from './documents.js';
export {
  type Decision, type DecisionAction, type DecisionInput, type UnsupportedDecision, type UnsupportedReason,
  addDecision, currentDecisions, unsupportedDecisions,
} from './decisions.js';
export { type RunCounts, finishRun, startRun } from './runs.js';
