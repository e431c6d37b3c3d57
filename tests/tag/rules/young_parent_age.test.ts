import { describeRule } from '../helpers.js';

const ID = 'young_parent/age_at_birth';
const MUST: string[] = [
  'The baby was shaken by his 19-year-old father.',
  'Ms T was 17 when Child N was born.',
  'She became pregnant at the age of 16.',
  'His mother, aged 18, lived with her own mother.',
  'Ms D gave birth at 17, a year after leaving care.',
];
const MUST_NOT: string[] = [
  'Ms L was 23 when Baby Q was born.',
  'Child S was 13 years old when she went missing.',
  'The review covered 15 months of involvement.',
  'On 17 March 2010 the mother attended the clinic.',
  'The school had 19 referrals that year.',
  'Child Y, aged 15, was living with her mother in a hostel.',
  'The girl was 16 years old and her mother worked nights.',
  'The mother had been known to services for 17 years.',
  'Ms J was pregnant and booked with the midwife at 16 weeks.',
  'The mother gave birth at 15:40 on 3 May.',
  'Child P lived with his mother in temporary accommodation at 17 Wexley Gardens.',
];

describeRule(ID, { fires: MUST, doesNotFire: MUST_NOT });
