// Spellings and rules of the bundled pack that audits on new text asked for, each from both
// sides where a wrong mark is possible (tests/fixtures/mentions holds them as passages too).
import { describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/match/build-matcher';
import { mentionsInPage, paragraphs } from '../../src/match/page-scan';
import { bundledPack } from '../../src/pack/bundled';

const matcher = buildMatcher(bundledPack);
const found = (page: string) => mentionsInPage(matcher, paragraphs(page)).map((m) => [m.topic, m.text]);

describe('the bundled pack', () => {
  it.each<[string, string, string[][]]>([
    ['Italian', "Secondo Kabul, l'accordo di Doha con i talebani è stato violato.", [['doha-2020', 'accordo di Doha']]],
    ['Portuguese', 'O Taleban diz que o Acordo de Doha não prevê o regresso.', [['doha-2020', 'Acordo de Doha']]],
    ['Dutch', 'De Taliban wijzen op het Doha-akkoord.', [['doha-2020', 'Doha-akkoord']]],
    ['a hashtag', '#DohaAgreement #Afghanistan', [['doha-2020', 'DohaAgreement']]],
    ['another spelling', 'We flew out of Baghram Airbase in 2011.', [['bagram', 'Baghram Airbase']]],
    ['the year before Doha', 'Critics say the 2020 Doha deal failed Kabul.', [['doha-2020', '2020 Doha deal']]],
    [
      'the Persian surname in a later paragraph of a page that names him in full',
      'قاری فصیح‌الدین فطرت گفت که معامله نمی‌شود.\n\nفطرت افزود که مذاکره نمی‌کنند.',
      [
        ['fitrat', 'قاری فصیح‌الدین فطرت'],
        ['fitrat', 'فطرت'],
      ],
    ],
    ['the Persian word for nature, on a page that does not name him', 'فطرت انسان پاک است.', []],
    [
      'the word for nature beside its words (human, pure), on a page that names him',
      'قاری فصیح‌الدین فطرت گفت.\n\nانسان بر فطرت پاک آفریده شده است.',
      [['fitrat', 'قاری فصیح‌الدین فطرت']],
    ],
    [
      'the German genitive',
      'Das sagte Qari Fasihuddin Fitrat.\n\nFitrats Äußerungen gelten als deutlich.',
      [
        ['fitrat', 'Qari Fasihuddin Fitrat'],
        ['fitrat', 'Fitrats'],
      ],
    ],
    [
      'the German name of Hezbollah vetoes another Doha agreement',
      'Das Abkommen von Doha beendete die Krise nicht: Die Hisbollah behielt ihre Waffen.\n\nIn Kabul regieren die Taliban.',
      [],
    ],
    [
      'Hindi with the nukta under the letters of Persian words, and without it',
      'अफ़ग़ानिस्तान के क़ारी फ़सीहुद्दीन फ़ितरत ने कहा।\n\nफितरत ने दोहा शांति समझौते और अमेरिका-तालिबान समझौते की बात की।',
      [
        ['fitrat', 'क़ारी फ़सीहुद्दीन फ़ितरत'],
        ['fitrat', 'फितरत'],
        ['doha-2020', 'दोहा शांति समझौते'],
        ['doha-2020', 'अमेरिका-तालिबान समझौते'],
      ],
    ],
    [
      'the Hindi surname beside "our", on a page that names him (हमारी is not a word of nature)',
      'फ़सीहुद्दीन फ़ितरत ने कहा।\n\nफ़ितरत ने हमारी टीम से बात की।',
      [
        ['fitrat', 'फ़सीहुद्दीन फ़ितरत'],
        ['fitrat', 'फ़ितरत'],
      ],
    ],
    ['the Hindi word for nature, on a page that does not name him', 'तालिबान के बाद भी मदद करना हमारी फ़ितरत है।', []],
    [
      'the Hindi word for nature beside its words (human), on a page that names him',
      'फ़सीहुद्दीन फ़ितरत ने कहा।\n\nयह इंसान की फ़ितरत है।',
      [['fitrat', 'फ़सीहुद्दीन फ़ितरत']],
    ],
    [
      'a Hindi Doha agreement without Afghanistan or the Taliban on the page (the couplet is a doha too)',
      'दोहा समझौता कतर में हुआ।',
      [],
    ],
  ])('%s', (_what, page, expected) => {
    expect(found(page)).toEqual(expected);
  });
});
