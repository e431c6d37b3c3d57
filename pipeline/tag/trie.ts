// A token trie: each term is a path of token keys; walking it from every token finds every
// term in one pass, however many terms there are (no per-term RegExp, no giant alternation).
import type { MatchMode } from './lexicon.js';
import { tokenizeTerm, type Token } from './tokenize.js';

interface Node<T> {
  stemmed?: Map<number, Node<T>>;
  exact?: Map<number, Node<T>>;
  acronym?: Map<number, Node<T>>;
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

/** Every value of the term(s) that end at one trie node, matched over [from, to). `values` is the trie's own array: read it, never change it. */
export interface TrieNodeMatch<T> {
  from: number;
  to: number;
  values: readonly T[];
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
      const key = mode === 'stemmed' ? t.stemId : mode === 'exact' ? t.lowerId : t.rawId;
      const map: Map<number, Node<T>> = (node[mode] ??= new Map());
      let next = map.get(key);
      if (!next) map.set(key, (next = {}));
      node = next;
    }
    (node.values ??= []).push(value);
  }

  /** Every term occurrence in the tokens, as token ranges. */
  matchAll(tokens: Token[]): TrieMatch<T>[] {
    const out: TrieMatch<T>[] = [];
    for (const m of this.matchNodes(tokens)) for (const value of m.values) out.push({ from: m.from, to: m.to, value });
    return out;
  }

  /** As matchAll, one entry per matched range with all its values: for hot paths, where an object per value costs. */
  matchNodes(tokens: Token[]): TrieNodeMatch<T>[] {
    const out: TrieNodeMatch<T>[] = [];
    for (let i = 0; i < tokens.length; i++) this.walk(this.root, tokens, i, i, out);
    return out;
  }

  private walk(node: Node<T>, tokens: Token[], from: number, at: number, out: TrieNodeMatch<T>[]): void {
    if (node.values && at > from) out.push({ from, to: at, values: node.values });
    if (at >= tokens.length) return;
    const t = tokens[at];
    const a = node.stemmed?.get(t.stemId);
    if (a) this.walk(a, tokens, from, at + 1, out);
    const b = node.exact?.get(t.lowerId);
    if (b) this.walk(b, tokens, from, at + 1, out);
    const c = node.acronym?.get(t.rawId);
    if (c) this.walk(c, tokens, from, at + 1, out);
    if (node.any) this.walk(node.any, tokens, from, at + 1, out);
  }
}
