// Outcome and the nature of the harm: only about the subject child, never guessed.
import { describe, expect, test } from 'vitest';
import { extractNatureOfHarm, extractOutcome } from '../../pipeline/profile/outcome.js';
import { tokenF1 } from '../../pipeline/eval/profile.js';
import { readingOfDoc, report, wordings } from './helpers.js';

const TITLE = 'Serious Case Review: Baby Q';

describe('outcome', () => {
  const cases: [string, 'died' | 'seriously_harmed' | null][] = [
    ['This overview report follows the death of Baby Q on 14 January 2010.', 'died'],
    ['Baby Q was two years old when he died on 2 September 2009.', 'died'],
    ['Baby Q, who was three, died in his bedroom from the effects of smoke.', 'died'],
    ['Baby Q was shaken by his father. Baby Q survived, with a brain injury.', 'seriously_harmed'],
    ['Baby Q was seriously injured when his father attacked him with a knife.', 'seriously_harmed'],
    ['Ms Q died of her injuries; her son Baby Q was injured trying to help her.', 'seriously_harmed'],
    ['The death of Baby Q\'s mother was investigated by the police.', null],
    ['Baby Q could have died had the ambulance been late; he was admitted to hospital.', 'seriously_harmed'],
    ['The review considers how agencies worked together.', null],
  ];
  for (const [sentence, outcome] of cases) {
    test(`${JSON.stringify(sentence)} → ${outcome}`, () => {
      const r = extractOutcome(readingOfDoc(report([TITLE, sentence])), wordings);
      expect(r.value).toBe(outcome);
      expect(r.evidence.length).toBe(outcome === null ? 0 : 1);
    });
  }

  test('outside the opening, a death counts only with the child named right before it', () => {
    const opening = ['# 1. Introduction', 'Baby Q was admitted to hospital with injuries.', 'The review was asked to look at the work of four agencies.'];
    const later = ['# 6. Analysis', 'Research shows that many babies who died had been seen by services.', 'Baby Q died two days after admission.'];
    expect(extractOutcome(readingOfDoc(report([TITLE, ...opening, ...later.slice(0, 2)])), wordings).value).toBe('seriously_harmed');
    expect(extractOutcome(readingOfDoc(report([TITLE, ...opening, ...later])), wordings).value).toBe('died');
  });
});

describe('nature of harm', () => {
  const cases: [string, string | null][] = [
    ['Toxicology tests showed that he had swallowed methadone.', 'ingestion of a toxic substance, methadone'],
    // A parent's drug is not the child's harm.
    ['Baby Q had bruising to his face. His mother had relapsed into heroin use and was prescribed methadone.', 'bruising'],
    ['Baby Q was admitted to hospital with a fractured skull and bleeding on the brain.', 'skull fracture, subdural haemorrhage'],
    ['A fire broke out. Baby Q died from the effects of smoke.', 'house fire, smoke inhalation'],
    ['The consultant concluded that his condition was the result of long-standing neglect.', 'chronic neglect'],
    ['The review considers how agencies worked together.', null],
  ];
  for (const [sentence, harm] of cases) {
    test(`${JSON.stringify(sentence)} → ${harm}`, () => {
      const doc = report([TITLE, sentence]);
      const r = extractNatureOfHarm(readingOfDoc(doc), wordings);
      expect(r.value).toBe(harm);
      for (const e of r.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
    });
  }

  test('"neglect" adds nothing after "chronic neglect"; at most max_phrases phrases', () => {
    const doc = report([TITLE, 'Baby Q suffered long-standing neglect; the neglect was visible. He had bruises, burns, scalds, fractures and dental decay.']);
    const r = extractNatureOfHarm(readingOfDoc(doc), wordings);
    expect(r.value).toBe('chronic neglect, bruising, burns, scalds');
    expect(r.value!.split(', ')).toHaveLength(wordings.harm.max_phrases);
  });

  test('the word-overlap score the eval uses rewards the right harm words', () => {
    // gold content words: skull fracture brain injury inflicted mother partner (7); predicted: skull fracture subdural haemorrhage (4);
    // 2 shared: P 2/4, R 2/7, F1 = 4/11.
    expect(tokenF1('skull fracture and brain injury inflicted by his mother\'s partner', 'skull fracture, subdural haemorrhage')).toBeCloseTo(4 / 11, 10);
    expect(tokenF1(null, null)).toBe(1);
    expect(tokenF1('scalds', null)).toBe(0);
  });
});
