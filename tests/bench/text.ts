// Seeded prose for the generated pages: filler words that hold no alias and no cue word, so
// a page has exactly the mentions the generator put in it.
import { bundledPack } from '../../src/pack/bundled';
import { pick } from './random';

const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which ' +
  'but have an they you were her she there been one all we their has would when if so no will ' +
  'more can said who also its into than them only other new some could time these two may then ' +
  'first any my now such like our over man me even most made after state through back years ' +
  'where much your way well down should because each just those people how too little world ' +
  'very still own see men work long here get both between life being under never day same ' +
  'another know while last might us great old year off come since against go came right used ' +
  'take three states himself few house use during without again place around however home small ' +
  'found thought went say part once general high upon school every does got united left number ' +
  'course war until always away something fact though water less public put think almost hand ' +
  'enough far took head yet government system better set told nothing night end why called ' +
  'didn eyes find going look asked later knew point next program city business give group ' +
  'toward young days let room president side social given present several order national ' +
  'possible rather second face per among form important often things looked early white case ' +
  'become large big need four within felt along children saw best church ever least power ' +
  'development light thing seemed family interest want members mind country area others done ' +
  'turned although open problem sense certain kind different thus began door help means ' +
  'matter order council ministry officials report minister policy talks envoy briefing region'
).split(' ');

/** Words in other scripts (Dari, Pashto, Russian, Chinese, Greek): the mixed-script sample
 *  puts non-Latin-1 text next to the English, where regexes with the `u` flag slow down. */
const FOREIGN =
  'پایگاه هوایی وزارت دفاع کابل‌نشین گفت توافق صلح Министерство обороны заявил 空军基地 国防部 表示 协议 αεροπορική βάση'.split(
    ' ',
  );

/** `count` words of English prose, capitalised and with a full stop now and then. */
export function prose(random: () => number, count: number, mixed = false): string {
  const out: string[] = [];
  let sentenceStart = true;
  for (let i = 0; i < count; i++) {
    let word = mixed && random() < 0.3 ? pick(random, FOREIGN) : pick(random, WORDS);
    if (sentenceStart) word = word.charAt(0).toUpperCase() + word.slice(1);
    sentenceStart = random() < 0.08;
    out.push(sentenceStart ? `${word}.` : word);
  }
  return `${out.join(' ')}.`;
}

/** Mentions the pages carry: aliases that count anywhere, without a condition, written in Latin
 *  letters (mark.js and the floor find words with `\b`). A fixed list, so that builds from
 *  before a pack change can be timed on the same pages; checked against the pack below. */
export const MENTIONS: readonly string[] = [
  'Bagram Air Base',
  'Bagram Airbase',
  'Bagram Airfield',
  'Bagram Air Field',
  'Bagram base',
  'BagramAirfield',
  'BagramAirBase',
  'Qari Fasihuddin Fitrat',
  'Fasihuddin Fitrat',
  'Qari Fasihuddin',
  'Qari Fasih-ud-Din',
  'Kari Fasihuddin',
  'Fasih-ud-Din Fitrat',
  'Qari Fasih-ud-Din Fitrat',
  'Kari Fasihuddin Fitrat',
  'Agreement for Bringing Peace to Afghanistan',
  'February 2020 Agreement for Bringing Peace to Afghanistan',
  '2020 Agreement for Bringing Peace to Afghanistan',
  '2020 peace agreement for Bringing Peace to Afghanistan',
  'US-Taliban agreement',
  'US-Taliban deal',
  'US-Taliban peace deal',
  'US-Taliban peace agreement',
  'US-Taliban accord',
  'US-Taliban pact',
  'US-Taliban peace accord',
  'U.S.-Taliban agreement',
  'U.S.-Taliban deal',
  'U.S.-Taliban peace deal',
  'U.S.-Taliban peace agreement',
  'U.S.-Taliban accord',
  'U.S.-Taliban pact',
  'U.S.-Taliban peace accord',
  'Taliban-US agreement',
  'Taliban-US deal',
  'Taliban-U.S. agreement',
  'Taliban-U.S. deal',
  'Taliban-U.S. peace agreement',
  'Taliban-US peace agreement',
  'Taliban-U.S. peace deal',
  'Taliban-US peace deal',
  'U.S.-Taliban peace pact',
  'US-Taliban peace pact',
  'United States-Taliban agreement',
  'United States-Taliban deal',
  '2020 Doha agreement',
  'February 2020 Doha agreement',
  'US-Taliban-Abkommen',
  'acuerdo entre Estados Unidos y los talibanes',
];

const unconditional = new Set(
  bundledPack.topics.flatMap((topic) =>
    topic.aliases.filter((a) => a.requires.length === 0 && a.unless.length === 0).map((a) => a.text),
  ),
);
const notAlias = MENTIONS.filter((m) => !unconditional.has(m));
// A page whose "mentions" the pack no longer marks anywhere would time nothing: say so.
if (notAlias.length > 0)
  throw new Error(`bench mentions that are no unconditional alias of the pack: ${notAlias.join(', ')}`);
