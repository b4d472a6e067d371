import { describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/match/build-matcher';
import { acceptedIn, PageContext } from '../../src/match/page-context';
import { mentionsInPage, paragraphs } from '../../src/match/page-scan';
import { bundledPack } from '../../src/pack/bundled';

const matcher = buildMatcher(bundledPack);
const mentions = (text: string) => acceptedIn(matcher.scan(text)).map((c) => [c.topic, text.slice(c.start, c.end)]);

const SHY = '\u00ad';
const NBSP = '\u00a0';
const ZWNJ = '\u200c';

describe('mentions in English text', () => {
  it.each([
    ['US forces left Bagram Air Base in 2021.', [['bagram', 'Bagram Air Base']]],
    ['the bagram airbase was busy', [['bagram', 'bagram airbase']]],
    ['BAGRAM AIRFIELD', [['bagram', 'BAGRAM AIRFIELD']]],
    ['Bagram Air Basement', [['bagram', 'Bagram']]],
    ['Bagramabad and xBagram', []],
    ['Qari Fasihuddin Fitrat spoke.', [['fitrat', 'Qari Fasihuddin Fitrat']]],
    ['fasihuddin fitrat spoke', [['fitrat', 'fasihuddin fitrat']]],
    [
      'the US–Taliban deal and the U.S.-Taliban agreement',
      [
        ['doha-2020', 'US–Taliban deal'],
        ['doha-2020', 'U.S.-Taliban agreement'],
      ],
    ],
    ['the Agreement for Bringing Peace to Afghanistan', [['doha-2020', 'Agreement for Bringing Peace to Afghanistan']]],
  ])('%j', (text, expected) => {
    expect(mentions(text)).toEqual(expected);
  });
});

describe('real-world text shapes: the name matches, and only the name is marked', () => {
  it.each([
    ["Bagram's runway", [['bagram', 'Bagram']]],
    ['Bagram’s runway', [['bagram', 'Bagram']]],
    ['a Bagram-based unit', [['bagram', 'Bagram']]],
    ['(Bagram)', [['bagram', 'Bagram']]],
    ['Bagram\nAir\u00a0Base', [['bagram', 'Bagram\nAir\u00a0Base']]],
    [`Bag${SHY}ram Air${NBSP}Base`, [['bagram', `Bag${SHY}ram Air${NBSP}Base`]]],
    [`Fa${SHY}sih${SHY}ud${SHY}din Fit${SHY}rat`, [['fitrat', `Fa${SHY}sih${SHY}ud${SHY}din Fit${SHY}rat`]]],
    [
      'Bag\u200bram and Bagram\ufeff',
      [
        ['bagram', 'Bag\u200bram'],
        ['bagram', 'Bagram'],
      ],
    ],
    ['the US—Taliban peace deal', [['doha-2020', 'US—Taliban peace deal']]],
    ['TALIBAN REJECT DEMAND FOR BAGRAM AIR BASE', [['bagram', 'BAGRAM AIR BASE']]],
    ['Bagram\u0000Air Base', [['bagram', 'Bagram']]], // a <br> between the words
  ])('%j', (text, expected) => {
    expect(mentions(text)).toEqual(expected);
  });

  it('keeps offsets into the text as given when soft hyphens are read past', () => {
    const text = `Ka${SHY}bul: Bag${SHY}ram and Bag${SHY}${SHY}ram.`;
    const found = acceptedIn(matcher.scan(text)).map((c) => [c.start, c.end]);
    expect(found).toEqual([
      [8, 15],
      [20, 28],
    ]);
  });
});

describe('other languages and scripts', () => {
  it.each([
    // Russian: case endings belong to the word; other words built on the name do not match.
    ['вывод войск из Баграма', [['bagram', 'Баграма']]],
    ['на авиабазе Баграм', [['bagram', 'Баграм']]],
    ['БАГРАМ', [['bagram', 'БАГРАМ']]],
    ['Баграмова', []],
    ['слова Фасихуддина Фитрата', [['fitrat', 'Фасихуддина Фитрата']]],
    // Arabic script: whole words, a joined Arabic proclitic stays outside the mention.
    ['پایگاه بگرام', [['bagram', 'بگرام']]],
    ['وباغرام', [['bagram', 'باغرام']]],
    ['بگرامی', []],
    [`بگرام${ZWNJ}ها`, [['bagram', 'بگرام']]],
    ['د بګرام هوايي اډه', [['bagram', 'بګرام']]],
    // Optional vowel marks and tatweel inside a name; a mark on its last letter stays with it.
    ['قاعدة بَاغْرَامَ الجوية', [['bagram', 'بَاغْرَامَ']]],
    ['پایگاه بگـــرام', [['bagram', 'بگـــرام']]],
    ['فَصِيحُ الدِّين فِطْرَت', [['fitrat', 'فَصِيحُ الدِّين فِطْرَت']]],
    // Persian compounds with a zero-width non-joiner, a space or nothing; Arabic yeh and kaf.
    [`فصیح${ZWNJ}الدین فطرت`, [['fitrat', `فصیح${ZWNJ}الدین فطرت`]]],
    ['فصیح الدین فطرت', [['fitrat', 'فصیح الدین فطرت']]],
    ['فصيح الدين فطرت', [['fitrat', 'فصيح الدين فطرت']]],
    // Han: no spaces, so no word boundary at all.
    ['美军撤出巴格拉姆空军基地', [['bagram', '巴格拉姆']]],
    ['塔利班军队总参谋长法西胡丁·菲特拉特说', [['fitrat', '法西胡丁·菲特拉特']]],
    ['法西胡丁・菲特拉特', [['fitrat', '法西胡丁・菲特拉特']]],
    // German and French noun phrases.
    ['Kritiker des Doha-Abkommens in Kabul', [['doha-2020', 'Doha-Abkommens']]],
    ["l'accord de Doha signé avec les talibans", [['doha-2020', 'accord de Doha']]],
    // Spellings a precision review found missing.
    ['Doha Anlaşmasının şartları Taliban tarafından tartışıldı.', [['doha-2020', 'Doha Anlaşmasının']]],
    ['طالبان بر اساس معاهده دوحه متعهد شدند.', [['doha-2020', 'معاهده دوحه']]],
    ['Американо-талибское соглашение подписали в Дохе.', [['doha-2020', 'Американо-талибское соглашение']]],
    ['Der Doha-Deal mit den Taliban regelte den Abzug.', [['doha-2020', 'Doha-Deal']]],
    ['The US-Taleban agreement was signed in February.', [['doha-2020', 'US-Taleban agreement']]],
  ])('%j', (text, expected) => {
    expect(mentions(text)).toEqual(expected);
  });

  it('never takes the Persian word فطرت (nature) alone for the name', () => {
    expect(mentions('انسان بر فطرت پاک آفریده شده است. کابل')).toEqual([]);
    const page = 'قاری فصیح‌الدین فطرت گفت.\n\nانسان بر فطرت پاک آفریده شده است.';
    expect(mentionsInPage(matcher, paragraphs(page)).map((m) => m.text)).toEqual(['قاری فصیح‌الدین فطرت']);
    expect(mentions('قاری فصیح‌الدین فطرت گفت. فطرت افزود')).toEqual([
      ['fitrat', 'قاری فصیح‌الدین فطرت'],
      ['fitrat', 'فطرت'],
    ]);
  });
});

describe('ambiguous aliases of the bundled pack', () => {
  it.each([
    ['Fitrat said the base stays.', []],
    ['Fitrat said the Taliban will not return the base.', [['fitrat', 'Fitrat']]],
    ['In Kabul, fitrat is a word for nature.', []],
    [
      'Fasihuddin Fitrat spoke. Later Fitrat added more.',
      [
        ['fitrat', 'Fasihuddin Fitrat'],
        ['fitrat', 'Fitrat'],
      ],
    ],
    ['Nasir Fitrat, a journalist, said the Taliban questioned him.', []],
    ['Fitrat Ahmadzai, a Taliban governor, spoke.', []],
    ['Mr Fitrat, the Taliban army chief, spoke.', [['fitrat', 'Fitrat']]],
    // His given name as some pages spell it is no other given name; a woman's title is no him.
    [
      'Taliban army chief Fasihudin Fitrat said no troops would return. Fitrat spoke in Kabul.',
      [
        ['fitrat', 'Fasihudin Fitrat'],
        ['fitrat', 'Fitrat'],
      ],
    ],
    [
      'Qari Fasihuddin Fitrat, the Taliban army chief, spoke. Mrs. Fitrat, a widow in Kabul, did not.',
      [['fitrat', 'Qari Fasihuddin Fitrat']],
    ],
    ['Ms. Fitrat, a teacher who fled the Taliban, lives in Toronto.', []],
    // … and she is a namesake on the page, as when her title read as a given name.
    ['Ms Fitrat fled the Taliban in 2021. Fitrat says the Taliban closed her school.', []],
    ['Mrs. Fitrat fled the Taliban in 2021. Fitrat says the Taliban closed her school.', []],
    // A word that points to a person right before the Russian Баграм does not make it the base;
    // the Taliban right before do.
    ['Армянский поэт Баграм Саакян выпустил книгу о талибах.', []],
    ['Талибы Баграм Трампу не отдадут.', [['bagram', 'Баграм']]],
    // The Pakistan–Afghanistan ceasefire agreed in Doha in October 2025.
    ['Pakistan said the Taliban had violated the Doha agreement reached on October 19.', []],
    ['The Doha accord between Islamabad and Kabul is fraying, Taliban officials said.', []],
    [
      'The Taliban cited the Doha agreement as Turkey and Qatar offered to run Kabul airport.',
      [['doha-2020', 'Doha agreement']],
    ],
    // Other agreements of 2020 on a page that names the deal too.
    [
      'The US-Taliban deal was signed in Doha. Pakistan struggled with its 2020 deal with the IMF.',
      [['doha-2020', 'US-Taliban deal']],
    ],
    [
      'The Taliban rejected any power-sharing government, arguing that the 2020 agreement obliged them only to talk.',
      [['doha-2020', '2020 agreement']],
    ],
    // Another month of 2020 makes it another deal (Ghani and Abdullah's of May 2020).
    ['The Taliban stepped up attacks. The May 2020 agreement between Ghani and Abdullah ended the standoff.', []],
    ['By May 2020 the Taliban had kept to the 2020 agreement.', [['doha-2020', '2020 agreement']]],
    [
      'The Taliban broke the 2020 agreement in March 2020 by attacking Afghan forces.',
      [['doha-2020', '2020 agreement']],
    ],
    // Russian may put the object first: the base, not the given name of an Armenian Баграм
    // (which makes only its own mention a person, not every Баграм on the page).
    [
      'Авиабазу Баграм Трамп назвал стратегической. Талибы ответили, что Баграма американцы не получат.',
      [
        ['bagram', 'Баграм'],
        ['bagram', 'Баграма'],
      ],
    ],
    ['Писатель Баграм Саакян считает, что авиабазу Баграм талибы не вернут.', [['bagram', 'Баграм']]],
    // Spanish: the Taliban and Afghanistan as Spanish writes them; the deal in the plural.
    ['El Acuerdo de Doha con los talibanes fijó la retirada.', [['doha-2020', 'Acuerdo de Doha']]],
    ['Los acuerdos de Doha obligaban a EE.UU. a retirarse de Afganistán.', [['doha-2020', 'acuerdos de Doha']]],
    [
      'El acuerdo entre EE.UU. y los talibanes se firmó en Doha.',
      [['doha-2020', 'acuerdo entre EE.UU. y los talibanes']],
    ],
    ['El Acuerdo de Doha de 2008 puso fin a la crisis en el Líbano, dicen en Kabul.', []],
    [
      'FITRAT REJECTS BAGRAM DEMAND',
      [
        ['fitrat', 'FITRAT'],
        ['bagram', 'BAGRAM'],
      ],
    ],
    // Words that start a sentence, weekdays and German nouns are no given names.
    ['As Fitrat put it, the Taliban will keep the base.', [['fitrat', 'Fitrat']]],
    ['On Monday Fitrat said the Taliban will keep the base.', [['fitrat', 'Fitrat']]],
    ['Laut Fitrat wollen die Taliban die Basis behalten.', [['fitrat', 'Fitrat']]],
    ['Selon Fitrat, les talibans garderont la base.', [['fitrat', 'Fitrat']]],
    ['Однако Фитрат заявил, что талибы сохранят базу.', [['fitrat', 'Фитрат']]],
    [
      'Taliban Army Chief Fitrat Rejects Trump’s Bagram Demand',
      [
        ['fitrat', 'Fitrat'],
        ['bagram', 'Bagram'],
      ],
    ],
    ['the 2020 agreement on trade tariffs', []],
    // Another deal's party right beside it: not the Taliban's, whatever the page says.
    ['the 2020 agreement between Israel and the UAE, the Taliban said', []],
    ['the January 2020 deal with China, not a pact with the Taliban', []],
    ['the 2020 deal between the Sudanese government and rebel groups, the Taliban', []],
    ['about Gaza, nobody about the 2020 peace deal with the Taliban', [['doha-2020', '2020 peace deal']]],
    // … but not a word that reporting on the Taliban's deal often holds.
    ['China welcomed the February 2020 agreement with the Taliban', [['doha-2020', 'February 2020 agreement']]],
    ['Under the 2020 deal, trade routes reopened, the Taliban said', [['doha-2020', '2020 deal']]],
    ['Beijing has courted the Taliban since the 2020 Doha agreement', [['doha-2020', '2020 Doha agreement']]],
    [
      'Qatar, which brokered the Doha agreement with the Taliban, now mediates between Israel and Hamas',
      [['doha-2020', 'Doha agreement']],
    ],
    ['Chad Pergram reports on the Doha agreement with the Taliban', [['doha-2020', 'Doha agreement']]],
    ['The Doha Agreement, signed on 21 May 2008, ended the standoff. Taliban', []],
    ['Taliban commander Said Fitrat was killed.', []],
    ['Taliban Detain Journalist Wahid Fitrat in Kabul Province', []],
    ['The Doha agreement paused the fighting between Israel and Hamas. Taliban', []],
    ['l’accord de Doha signé avec les rebelles tchadiens. Taliban', []],
    ['多哈协议，苏丹政府，塔利班', []],
    // Baghlan Province is 巴格兰省; Bagram is 巴格兰 too.
    ['阿富汗北部巴格兰省发生洪灾', []],
    ['巴格兰空军基地', [['bagram', '巴格兰']]],
    ['the February 2020 agreement with the Taliban', [['doha-2020', 'February 2020 agreement']]],
    // 2008: the Doha Agreement on Lebanon.
    ['the doha agreement on Lebanon', []],
    ['the Doha Agreement ended the crisis in Lebanon. Kabul', []],
    ['The Doha Agreement was signed.', []],
    ['The Doha Agreement was signed with the Taliban.', [['doha-2020', 'Doha Agreement']]],
    ['The Doha Round of the WTO, the Taliban said', []],
    // His role right after the surname settles whom it names, beside a namesake.
    [
      "Mr Fitrat, the Taliban's army chief of staff, is rarely seen. Unlike his namesake Abdul Qadir Fitrat, he gives few interviews.",
      [['fitrat', 'Fitrat']],
    ],
    ["Nasir Fitrat, a journalist, said the Taliban's agents questioned him. Fitrat left.", []],
    // A title right before Bagram makes that one a person; the base named beside it still
    // counts, and so does a title after it or a title's word in lower case.
    ['Uncle Bagram told a story.', []],
    ['Uncle\n      Bagram told a story.', []],
    // The verb, not the title: in capitals, in lower case, in a headline in title case.
    ['TROOPS MISS BAGRAM DEADLINE', [['bagram', 'BAGRAM']]],
    ['US Troops Could Miss Bagram Exit Deadline', [['bagram', 'Bagram']]],
    ['“Dr. Bagram,” she said.', []],
    ['Mr Bagram, a teacher, never saw Bagram air base.', [['bagram', 'Bagram air base']]],
    [
      'The last plane left Bagram. Captain Lee said so; he did not miss Bagram.',
      [
        ['bagram', 'Bagram'],
        ['bagram', 'Bagram'],
      ],
    ],
    // (Who the person is does not vouch for a deal beside it in the block.)
    ['Uncle Bagram said the February 2020 agreement was bad.', []],
    // Words that settle a Doha deal do so in its own sentence: not across a footnote mark, a
    // closing quote, an ellipsis or an Urdu full stop; an abbreviation ends no sentence.
    ["The Doha deal ended Chad's war.[2] Taliban envoys were not there.", []],
    ["The Doha deal ended Chad's war.\u0000[2]\u0000 Taliban envoys were not there.", []],
    ['The Doha deal "ended Chad\'s war." Taliban envoys were not there.', []],
    ["The Doha deal ended Chad's war\u2026 Taliban envoys were not there.", []],
    ["The Doha deal ended Chad's war. \u201cTaliban envoys were not there,\u201d he said.", []],
    ["The Doha deal for Chad's rebels was the UN's. Taliban envoys were not there.", []],
    ['دوحہ معاہدہ لبنان کے لیے تھا۔ طالبان وہاں نہیں تھے۔', []],
    [
      'Unlike the Doha talks on Lebanon, the Doha deal signed Feb. 29 with the Taliban set a date.',
      [['doha-2020', 'Doha deal']],
    ],
    [
      'Unlike the Doha talks on Lebanon, the Doha deal between the U.S. and Taliban negotiators held.',
      [['doha-2020', 'Doha deal']],
    ],
  ])('%j', (text, expected) => {
    expect(mentions(text)).toEqual(expected);
  });
});

describe('the matcher', () => {
  it('reports the cue lists a text contains', () => {
    expect([...matcher.scan('Talks in Kabul went on.').cues]).toEqual(['afghanistan']);
  });
});

describe('the page context, read block by block as the content script reads a page', () => {
  it('tells what the page shows apart from what counted mentions vouch for', () => {
    const context = new PageContext();
    context.absorb(matcher.scan('News from Kabul'));
    const first = matcher.scan('The 2020 agreement was signed.');
    context.absorb(first);
    const deal = first.candidates[0]!;
    expect(deal.alias).toBe('2020 agreement');
    expect(context.holds(deal, new Set())).toBe(false);
    // No new cue word and no mention without conditions: nothing the page itself shows grew.
    const doha = matcher.scan('The Doha Agreement was signed.');
    expect(context.absorb(doha)).toBe(false);
    // Whoever counts the Doha Agreement vouches for its topic: the content script keeps its own
    // vouches (it may take a mark back); accepts() keeps them in the context.
    expect(context.holds(deal, new Set())).toBe(false);
    expect(context.holds(deal, new Set(['topic:doha-2020']))).toBe(true);
    expect(context.accepts(deal)).toBe(false);
    expect(context.accepts(doha.candidates[0]!)).toBe(true);
    expect(context.accepts(deal)).toBe(true);
  });
});

describe('a name inside a web or mail address is part of the address, not a mention', () => {
  it.each([
    ['See https://bagram.com/api today.', []],
    ['Write to ops@bagram.io or desk@bagram-news.example', []],
    ['Mail Fitrat.office@mod.gov.af for Fasihuddin Fitrat.', [['fitrat', 'Fasihuddin Fitrat']]],
    ['Archive: https://news.example/tag/bagram-air-base', []],
    ['news.example/tag/bagram-air-base and /tags/bagram/', []],
    ['WWW.BAGRAM.COM, bagram.af and bagram-2021.jpg', []],
    ['@BagramNews posted from Bagram.', [['bagram', 'Bagram']]],
    // Not addresses: the name beside punctuation as prose has it.
    [
      'Bagram-based troops; the Bagram/Parwan road (Bagram): a #Bagram post. Bagram.',
      Array.from({ length: 5 }, () => ['bagram', 'Bagram']),
    ],
    [
      'The U.S.-Taliban deal; Bagram-era rules.',
      [
        ['doha-2020', 'U.S.-Taliban deal'],
        ['bagram', 'Bagram'],
      ],
    ],
    // A footnote number, a space left out.
    [
      'Bagram.5 Kabul. Bagram.The base.',
      [
        ['bagram', 'Bagram'],
        ['bagram', 'Bagram'],
      ],
    ],
  ])('%j', (text, expected) => {
    expect(mentions(text)).toEqual(expected);
  });
});

describe('a text read with the words around it (a table cell in its row)', () => {
  const around = (before: string, text: string, after: string) =>
    acceptedIn(matcher.scan(text, { before, after })).map((c) => [c.topic, text.slice(c.start, c.end), c.start]);
  it('is judged by them, and gives only its own mentions, at offsets into it', () => {
    expect(around('2008\0', 'Doha Agreement', '\0Lebanese factions')).toEqual([]);
    expect(around('2020\0', 'the Doha Agreement', '\0United States and the Taliban')).toEqual([
      ['doha-2020', 'Doha Agreement', 4],
    ]);
    expect(around('Bagram Air Base\0', 'Kabul', '\0Fasihuddin Fitrat')).toEqual([]);
    // Whether it is a headline is its own text's to say: a row of capitalised cells is none.
    expect(around('Character\0', 'Uncle Bagram', '\0Played By Michael Johnson')).toEqual([]);
  });
});
