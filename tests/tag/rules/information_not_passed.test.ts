import { describeRule } from '../helpers.js';

const ID = 'information_sharing/information_not_passed';
const MUST: string[] = [
  'The housing department did not notify the children\'s services in the new area.',
  'Nobody told the health visitor that the father had moved back in.',
  'The ward did not contact the GP or the school nurse before discharge.',
  'No records followed the children when they changed school.',
  'A discharge letter went to the GP, but no copy went to the health visitor.',
  'The probation service should inform the social worker of any breach.',
  'The nurse could see the bruise but did not tell the health visitor.',
];
const MUST_NOT: string[] = [
  'The social worker told the mother that the case would close.',
  'The health visitor contacted the GP the same day.',
  'The child did not tell anyone at home about the bullying.',
  'The family did not follow the advice on safe sleeping.',
  'The review was not told why the appointment was missed.',
  'He had no contact with any professional after the summer.',
  'Without an interpreter she could not tell professionals what she was seeing at home.',
];

describeRule(ID, { fires: MUST, doesNotFire: MUST_NOT });
