import { describe, expect, test } from 'vitest';
import { firedIds } from '../helpers.js';

const ID = 'child_focus/child_voice';
const MUST: string[] = [
  'Child P told her teacher that she was hungry at weekends.',
  'Baby T could not speak for himself.',
  'Child D2 described being frightened when the adults argued.',
  'Nobody asked Child B what happened at home.',
  'The social worker did not speak to the children alone.',
  'Schools should talk with the child about their worries.',
  'The boy said that he did not want to go home.',
  "Nobody found out what Child A's life was like at home.",
  "Baby Q's own experience was not described in the records.",
];
const MUST_NOT: string[] = [
  "Child P's mother told the health visitor that all was well.",
  'The mother said that the children were fine.',
  'The health visitor asked the mother about her mood.',
  'Child P was admitted to hospital on 3 May.',
  'Child protection procedures were followed.',
  "Child A's bedroom was untidy.",
  "Child A's school made a referral.",
  "The family moved three times in the first year of Child B's life.",
  "Mr B lived with the family for most of Child A's life.",
];

describe(ID, () => {
  for (const s of MUST) test(`fires: ${s}`, () => expect(firedIds(s)).toContain(ID));
  for (const s of MUST_NOT) test(`does not fire: ${s}`, () => expect(firedIds(s)).not.toContain(ID));
});
