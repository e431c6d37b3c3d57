import { describeRule } from '../helpers.js';

const ID = 'non_engagement/family_non_attendance';
const MUST: string[] = [
  'The mother did not attend the initial child protection conference.',
  'Two home visits were cancelled by Ms B at short notice.',
  'Ms B cancelled three appointments with the health visitor.',
  'Child C missed three dental appointments.',
  'The parents did not engage with the plan.',
  'Ms P was referred to a counselling service by her GP but did not take up the offer.',
  'After booking with the midwife, Ms J missed two of her next five appointments.',
  'Child S would not meet her social worker on either visit.',
];
const MUST_NOT: string[] = [
  'The GP did not attend the conference and did not send a report.',
  'The visit was cancelled by the social worker because of sickness.',
  'The health visitor missed the significance of the bruise.',
  'The social worker cancelled the planned home visit with Ms B.',
  'The police officer declined to take further action.',
  'Adult mental health services did not engage with the child protection process.',
  "Children's services declined to attend the strategy meeting.",
  'The family court declined the application for an adjournment.',
];

describeRule(ID, { fires: MUST, doesNotFire: MUST_NOT });
