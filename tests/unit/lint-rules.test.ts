// Proves each house lint rule of eslint.config.js fires (issue 7): a rule that silently stopped
// matching would let HTML strings, eval or network code into the extension unnoticed.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('../../', import.meta.url)) });
const PRELUDE = 'declare const el: HTMLElement; declare const s: string; declare const range: Range;\n';

async function rulesHit(code: string, file = 'src/page/lint-snippet.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(PRELUDE + code, { filePath: file });
  return [...new Set(result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`))];
}

describe('the house lint rules fire', () => {
  it.each<[string, string]>([
    ['el.innerHTML = s;', 'no-restricted-properties'],
    ["el['innerHTML'] = s;", 'no-restricted-properties'],
    ['export const html = el.outerHTML;', 'no-restricted-properties'],
    ["el.insertAdjacentHTML('beforeend', s);", 'no-restricted-properties'],
    ['range.createContextualFragment(s);', 'no-restricted-properties'],
    ['el.setHTMLUnsafe(s);', 'no-restricted-properties'],
    ['Document.parseHTMLUnsafe(s);', 'no-restricted-properties'],
    ['document.write(s);', 'no-restricted-properties'],
    ['document.writeln(s);', 'no-restricted-properties'],
    ['new DOMParser().parseFromString(s, "text/html");', 'no-restricted-globals'],
    ['eval(s);', 'no-eval'],
    ['window.eval(s);', 'no-eval'],
    ['globalThis.eval(s);', 'no-restricted-properties'],
    ['new Function(s);', 'no-new-func'],
    ['Function(s)();', 'no-new-func'],
    ["setTimeout('run()', 0);", 'no-implied-eval'],
    ["window.setInterval('run()', 10);", 'no-implied-eval'],
    ['void fetch(s);', 'no-restricted-globals'],
    ['void window.fetch(s);', 'no-restricted-properties'],
    ['void globalThis.fetch(s);', 'no-restricted-properties'],
    ['void self.fetch(s);', 'no-restricted-properties'],
    ['new XMLHttpRequest();', 'no-restricted-globals'],
    ['new WebSocket(s);', 'no-restricted-globals'],
    ['new EventSource(s);', 'no-restricted-globals'],
    ['navigator.sendBeacon(s);', 'no-restricted-properties'],
  ])('%s', async (code, rule) => {
    expect(await rulesHit(code)).toContain(rule);
  });

  it("Preact's dangerouslySetInnerHTML", async () => {
    const code = 'export const C = () => <div dangerouslySetInnerHTML={{ __html: s }} />;';
    expect(await rulesHit(code, 'src/ui/LintSnippet.tsx')).toContain('no-restricted-syntax');
  });

  // The build's minifier takes getters as pure (wxt.config.ts): a property read for its side
  // effect alone (a forced layout) would be dropped from the bundle.
  it('a property read for its side effect alone', async () => {
    expect(await rulesHit('el.offsetWidth;')).toContain('@typescript-eslint/no-unused-expressions');
  });

  // Chromium never fires a content script's own timers where the reader blocks JavaScript.
  it("a page's own timers, in code that runs in pages", async () => {
    expect(await rulesHit('setTimeout(() => {}, 5);')).toContain('no-restricted-globals');
    expect(await rulesHit('window.setInterval(() => {}, 5);')).toContain('no-restricted-properties');
    expect(await rulesHit('setTimeout(() => {}, 5);', 'entrypoints/content.ts')).toContain('no-restricted-globals');
    // …and the other house rules still hold there.
    expect(await rulesHit('void fetch(s);')).toContain('no-restricted-globals');
    // Extension pages keep them.
    expect(await rulesHit('setTimeout(() => {}, 5);', 'src/popup-state.ts')).not.toContain('no-restricted-globals');
  });

  it('in entrypoints too', async () => {
    expect(await rulesHit('el.innerHTML = s;', 'entrypoints/lint-snippet.ts')).toContain('no-restricted-properties');
  });

  it('and not on DOM built the house way', async () => {
    const code = "el.textContent = s;\nel.append(document.createElement('b'));\nexport const t = range.toString();";
    expect(await rulesHit(code)).toEqual([]);
  });
});
