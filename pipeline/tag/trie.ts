// A token trie: each term is a path of token keys; walking it from every token finds every
// term in one pass, however many terms there are (no per-term RegExp, no giant alternation).
import type { MatchMode } from './lexicon.js';
import { tokenizeTerm, type Token } from './tokenize.js';

/**
 * A class with every field set in the constructor, so that all nodes share one hidden class and
 * the walk's property reads stay monomorphic (nodes grown field by field take many shapes).
 */
class Node<T> {
  stemmed: Map<number, Node<T>> | undefined = undefined;
  exact: Map<number, Node<T>> | undefined = undefined;
  acronym: Map<number, Node<T>> | undefined = undefined;
  /** Child reached by the wildcard term token "*" (any one token). */
  any: Node<T> | undefined = undefined;
  values: T[] | undefined = undefined;
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

const NO_STEPS: readonly never[] = [];

export class TokenTrie<T> {
  private root = new Node<T>();
  /**
   * The nodes a token leads to from the root, by the token's rawId (its raw form fixes its lower
   * form and its stem): the walk from each token starts with one array read instead of three
   * map lookups. Filled as word forms are first seen; emptied when a term is added.
   */
  private firstSteps: (readonly Node<T>[] | undefined)[] = [];

  add(term: string, mode: MatchMode, value: T): void {
    let node = this.root;
    for (const t of tokenizeTerm(term)) {
      if (t.raw === '*') {
        node = node.any ??= new Node();
        continue;
      }
      const key = mode === 'stemmed' ? t.stemId : mode === 'exact' ? t.lowerId : t.rawId;
      const map: Map<number, Node<T>> = (node[mode] ??= new Map());
      let next = map.get(key);
      if (!next) map.set(key, (next = new Node()));
      node = next;
    }
    (node.values ??= []).push(value);
    this.firstSteps = [];
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
    for (let i = 0; i < tokens.length; i++) {
      const steps = this.firstStepsOf(tokens[i]);
      for (let k = 0; k < steps.length; k++) walk(steps[k], tokens, i, i + 1, out);
    }
    return out;
  }

  private firstStepsOf(t: Token): readonly Node<T>[] {
    const cache = this.firstSteps;
    const id = t.rawId;
    // Grown one slot at a time so the array stays dense (a write far past its end makes a slow sparse array).
    while (cache.length <= id) cache.push(undefined);
    return (cache[id] ??= stepsFrom(this.root, t));
  }
}

/** Every term that ends at or continues from `node`, reached over tokens [from, at): stemmed children first, then exact, acronym, wildcard. */
function walk<T>(node: Node<T>, tokens: Token[], from: number, at: number, out: TrieNodeMatch<T>[]): void {
  if (node.values !== undefined) out.push({ from, to: at, values: node.values });
  if (at >= tokens.length) return;
  const t = tokens[at];
  if (node.stemmed !== undefined) {
    const next = node.stemmed.get(t.stemId);
    if (next !== undefined) walk(next, tokens, from, at + 1, out);
  }
  if (node.exact !== undefined) {
    const next = node.exact.get(t.lowerId);
    if (next !== undefined) walk(next, tokens, from, at + 1, out);
  }
  if (node.acronym !== undefined) {
    const next = node.acronym.get(t.rawId);
    if (next !== undefined) walk(next, tokens, from, at + 1, out);
  }
  if (node.any !== undefined) walk(node.any, tokens, from, at + 1, out);
}

/** The children of `node` that token `t` leads to, in the order walk() tries them. */
function stepsFrom<T>(node: Node<T>, t: Token): readonly Node<T>[] {
  const steps: Node<T>[] = [];
  const a = node.stemmed?.get(t.stemId);
  if (a) steps.push(a);
  const b = node.exact?.get(t.lowerId);
  if (b) steps.push(b);
  const c = node.acronym?.get(t.rawId);
  if (c) steps.push(c);
  if (node.any) steps.push(node.any);
  return steps.length ? steps : NO_STEPS;
}
