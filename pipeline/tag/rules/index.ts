// Registry of rule modules, by id, sorted. A rule runs only for a code whose lexicon file
// lists its id under rule_params, so switching a rule on or off is a data change.
import type { TagRule } from './types.js';
import { childVoice } from './child_voice.js';
import { familyNonAttendance } from './family_non_attendance.js';
import { informationNotPassed } from './information_not_passed.js';
import { youngParentAge } from './young_parent_age.js';

export const rules: ReadonlyMap<string, TagRule> = new Map(
  [childVoice, familyNonAttendance, informationNotPassed, youngParentAge].sort((a, b) => a.meta.id.localeCompare(b.meta.id)).map((r) => [r.meta.id, r]),
);
