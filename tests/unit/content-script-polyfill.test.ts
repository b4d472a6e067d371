// The content script's polyfill (src/cli/content-script-polyfill.ts): the same polyfill, with
// its table of API argument counts cut to the namespaces a content script can reach.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_CALLS, polyfillForContentScript } from '../../src/cli/content-script-polyfill';

const source = readFileSync(createRequire(import.meta.url).resolve('webextension-polyfill'), 'utf8');

/** Runs a polyfill's source as a CommonJS module in a realm of its own with `chrome`; its
 *  `browser`. */
function load(code: string, chrome: object): Record<string, Record<string, (...args: unknown[]) => unknown>> {
  const module = { exports: {} };
  runInNewContext(code, { module, exports: module.exports, chrome });
  return module.exports as never;
}

describe('the polyfill in the content script', () => {
  it('keeps the table of the calls the content script makes, and nothing else', () => {
    const cut = polyfillForContentScript(source);
    expect(CONTENT_SCRIPT_CALLS).toContain('storage.sync.get');
    expect(cut).toContain('{"runtime":{"sendMessage":{"minArgs":1,"maxArgs":3}},"storage":{"local":{"get":{');
    expect(cut).toContain('"sync":{"get":{');
    for (const gone of ['"alarms"', '"tabs":{', '"i18n"', '"set":{', '"getBytesInUse"', '"openOptionsPage"', 'privacy'])
      expect(cut).not.toContain(gone);
    expect(cut).not.toContain("doesn't seem to support the callback parameter");
    // Nor the wrappers of what a content script cannot reach or does not use.
    for (const gone of ['onRequestFinished', 'onMessageExternal', 'fallbackToNoCallback', 'deleteProperty'])
      expect(cut).not.toContain(gone);
  });

  it('still answers a message with what the listener resolves', async () => {
    let listener: ((message: unknown, sender: unknown, reply: (answer: unknown) => void) => unknown) | undefined;
    const chrome = {
      runtime: { id: 'test', lastError: undefined, onMessage: { addListener: (l: typeof listener) => (listener = l) } },
    };
    const browser = load(polyfillForContentScript(source), chrome);
    const onMessage = browser.runtime!.onMessage as unknown as { addListener(l: (m: unknown) => unknown): void };
    onMessage.addListener(async (message) => ({ echo: message }));
    const answer = new Promise((resolve) => expect(listener!('ping', {}, resolve)).toBe(true));
    await expect(answer).resolves.toEqual({ echo: 'ping' });
  });

  it('still wraps them: a callback API answers a promise, its argument counts checked', async () => {
    const chrome = {
      runtime: {
        id: 'test',
        lastError: undefined,
        sendMessage: (message: unknown, reply: (answer: unknown) => void) => reply({ echo: message }),
      },
      storage: { local: { get: (_keys: unknown, reply: (items: unknown) => void) => reply({ sites: [] }) } },
    };
    const browser = load(polyfillForContentScript(source), chrome);
    await expect(browser.runtime!.sendMessage!('hi')).resolves.toEqual({ echo: 'hi' });
    const local = browser.storage!.local as unknown as { get(keys: unknown): Promise<unknown> };
    await expect(local.get('sites')).resolves.toEqual({ sites: [] });
    expect(() => browser.runtime!.sendMessage!()).toThrow('sendMessage(): bad arguments');
  });

  it('stops the build, saying what it missed, when the polyfill is shaped otherwise', () => {
    expect(() => polyfillForContentScript('module.exports = chrome;')).toThrow(/API table .* was not found/);
    const withoutStorage = source.replace('"storage": {', '"storedThings": {');
    expect(() => polyfillForContentScript(withoutStorage)).toThrow(/has no storage.local.get, storage.sync.get/);
    const privacyElsewhere = source.replace('apiMetadata.privacy = {', 'apiMetadata["privacy"] = {');
    expect(() => polyfillForContentScript(privacyElsewhere)).toThrow(/`privacy` entry was not found/);
    // A call the content script makes that needs a branch of the polyfill the build leaves out.
    const severalAnswers = source.replace(/("runtime": \{[\s\S]*?"sendMessage": \{)/, '$1 "singleCallbackArg": false,');
    expect(severalAnswers).not.toEqual(source);
    expect(() => polyfillForContentScript(severalAnswers)).toThrow(/makes has singleCallbackArg/);
    const reworded = source.replaceAll('Expected at least', 'Expected no fewer than');
    expect(() => polyfillForContentScript(reworded)).toThrow(/message `Expected at least .* was not found/);
  });
});
