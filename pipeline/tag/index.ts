export { tagDocument } from './tag.js';
export { loadLexicon, type Lexicon } from './lexicon.js';
