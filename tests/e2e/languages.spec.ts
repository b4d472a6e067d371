import { main } from '../../src/cli/scan';
import { expect, marks, test } from './fixtures';

/** What the scan CLI finds in a file, per topic: the same matcher over the same text blocks. */
function scanned(file: string): Record<string, string[]> {
  let out = '';
  main(['--json', file], { write: (s: string) => (out += s) }, { write: () => true });
  const found: Record<string, string[]> = {};
  for (const line of out.trim().split('\n')) {
    const m = JSON.parse(line) as { topic: string; text: string };
    (found[m.topic] ??= []).push(m.text);
  }
  return found;
}

test('marks names in every script, and exactly what the scan CLI reports for the same file', async ({
  page,
  server,
}) => {
  await page.goto(server.url('languages.html'));
  const expected = {
    bagram: [
      'Баграма',
      'بگرام',
      'باغرام',
      '巴格拉姆',
      'बगराम',
      'Bagram',
      'Bag\u00adram Air\u00a0Base',
      'Bagram',
      'Bagram',
    ],
    // (Hindi with the nukta, which the pack's फसीहुद्दीन फितरत matches with or without it.)
    fitrat: ['Фасихуддин Фитрат', 'قاری فصیح‌الدین فطرت', 'فصيح الدين فطرت', 'क़ारी फ़सीहुद्दीन फ़ितरत'],
    'doha-2020': [
      'Дохинским соглашением',
      'توافق‌نامه دوحه',
      'اتفاق الدوحة',
      '多哈协议',
      'दोहा समझौते',
      'Doha-Abkommens',
      'accord de Doha',
    ],
  };
  // The page's marks in any order: a mention that waits on the rest of the page (Баграм may be
  // a given name) joins its highlight later than those around it.
  const inAnyOrder = (byTopic: Record<string, string[]>) =>
    Object.fromEntries(Object.entries(byTopic).map(([topic, texts]) => [topic, [...texts].sort()]));
  await expect.poll(async () => inAnyOrder(await marks(page))).toEqual(inAnyOrder(expected));
  expect(scanned('tests/e2e/pages/languages.html')).toEqual(expected);
});
