export { tagDocument } from './tag.js';
export { loadLexicon, packageRoot, type Lexicon } from './lexicon.js';
