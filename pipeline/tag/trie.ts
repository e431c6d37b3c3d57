// A token trie: each term is a path of token keys; walking it from every token finds every
// term in one pass, however many terms there are (no per-term RegExp, no giant alternation).
import type { MatchMode } from './lexicon.js';
import { tokenizeTerm, type Token } from './tokenize.js';

interface Node<T> {
  stemmed?: Map<string, Node<T>>;
  exact?: Map<string, Node<T>>;
  acronym?: Map<string, Node<T>>;
  /** Child reached by the wildcard term token "*" (any one token). */
  any?: Node<T>;
  values?: T[];
}

export interface TrieMatch<T> {
  /** Token index range [from, to). */
  from: number;
  to: number;
  value: T;
}

export class TokenTrie<T> {
  private root: Node<T> = {};

  add(term: string, mode: MatchMode, value: T): void {
    let node = this.root;
    for (const t of tokenizeTerm(term)) {
      if (t.raw === '*') {
        node = node.any ??= {};
        continue;
      }
      const key = mode === 'stemmed' ? t.stem : mode === 'exact' ? t.lower : t.raw;
      const map: Map<string, Node<T>> = (node[mode] ??= new Map());
      let next = map.get(key);
      if (!next) map.set(key, (next = {}));
      node = next;
    }
    (node.values ??= []).push(value);
  }

  /** Every term occurrence in the tokens, as token ranges. */
  matchAll(tokens: Token[]): TrieMatch<T>[] {
    const out: TrieMatch<T>[] = [];
    for (let i = 0; i < tokens.length; i++) this.walk(this.root, tokens, i, i, out);
    return out;
  }

  private walk(node: Node<T>, tokens: Token[], from: number, at: number, out: TrieMatch<T>[]): void {
    if (node.values && at > from) for (const value of node.values) out.push({ from, to: at, value });
    if (at >= tokens.length) return;
    const t = tokens[at];
    const a = node.stemmed?.get(t.stem);
    if (a) this.walk(a, tokens, from, at + 1, out);
    const b = node.exact?.get(t.lower);
    if (b) this.walk(b, tokens, from, at + 1, out);
    const c = node.acronym?.get(t.raw);
    if (c) this.walk(c, tokens, from, at + 1, out);
    if (node.any) this.walk(node.any, tokens, from, at + 1, out);
  }
}
