import { describe, expect, it } from 'vitest';
import { breakStyledSpans, breakStyledWordSeams } from '../../src/page/styled-seams';
import { collectRuns, LINE_BREAK, positionIn } from '../../src/page/text-blocks';
import { fillBody, happyDomPerTest } from './happy-dom-page';

const page = happyDomPerTest();
const anyKeyWord = (text: string) => /bagram|fitrat/i.test(text);

/** The one run of the page's body, with what each of its nodes reads where the run says. */
function onlyRun(html: string) {
  fillBody(page, html);
  const [run] = collectRuns(page.doc.body);
  return run!;
}
const nodeTexts = (run: ReturnType<typeof onlyRun>) =>
  run.nodes.map((node, i) => run.text.slice(run.starts[i], run.starts[i]! + node.length));

describe('styled seams', () => {
  it('breaks between two letters that block-styled elements set apart, near a key word', () => {
    const run = onlyRun(
      '<p><span style="display:block">Afghanistan</span><span style="display:block">Bagram</span>x</p>',
    );
    expect(breakStyledWordSeams(run, anyKeyWord)).toBe(true);
    expect(run.text).toBe(`Afghanistan${LINE_BREAK}Bagram${LINE_BREAK}x`);
    // Every node still reads where the run says, so marks stand on the right letters.
    expect(nodeTexts(run)).toEqual(['Afghanistan', 'Bagram', 'x']);
    expect(positionIn(run, run.text.indexOf('Bagram'), 'start')).toMatchObject({ at: 1, offset: 0 });
  });

  it('leaves inline elements, seams with a space, and seams far from any key word alone', () => {
    const inline = onlyRun('<p>Doha <a>agree</a>ment in <b>Bag</b>ram</p>');
    expect(breakStyledWordSeams(inline, anyKeyWord)).toBe(false);
    const spaced = onlyRun('<p><span style="display:block">Bagram</span> <span style="display:block">x</span></p>');
    expect(breakStyledWordSeams(spaced, anyKeyWord)).toBe(false);
    const far = onlyRun(
      `<p><span style="display:block">${'word '.repeat(20)}one</span><span style="display:block">two</span>${' more'.repeat(20)} Bagram</p>`,
    );
    expect(breakStyledWordSeams(far, anyKeyWord)).toBe(false);
  });

  it('breaks a mention found across two boxes, and only there', () => {
    const run = onlyRun(
      '<p><a>Bagram</a> Air Base, <span style="display:block">Bagram</span> <span style="display:block">Air Base</span></p>',
    );
    const second = run.text.lastIndexOf('Bagram');
    const spans = [
      { start: 0, end: 'Bagram Air Base'.length },
      { start: second, end: second + 'Bagram Air Base'.length },
    ];
    expect(breakStyledSpans(run, spans)).toBe(true);
    expect(run.text).toBe(`Bagram Air Base, Bagram${LINE_BREAK} ${LINE_BREAK}Air Base`);
    expect(nodeTexts(run)).toEqual(['Bagram', ' Air Base, ', 'Bagram', ' ', 'Air Base']);
    expect(breakStyledSpans(run, spans.slice(0, 1))).toBe(false);
  });
});
