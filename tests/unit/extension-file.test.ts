// The files the content script imports when first wanted (src/page/extension-file.ts): the card's
// UI, and on Chrome a subframe's session. Each registers itself as it runs.
import { describe, expect, it } from 'vitest';
import { importRegistered, registerInWorld } from '../../src/page/extension-file';

const isNamed = (value: unknown): value is { name: string } => typeof (value as { name?: unknown })?.name === 'string';
/** A module file that registers `{ name }` under the key `key`, as a data: URL. */
const fileRegistering = (key: string, name: string) =>
  `data:text/javascript,globalThis[Symbol.for(${JSON.stringify(key)})] = { name: ${JSON.stringify(name)} };`;

describe('importRegistered', () => {
  it('imports the file once, and hands over what it registered', async () => {
    const key = Symbol.for('test.first');
    await expect(importRegistered(key, fileRegistering('test.first', 'card'), isNamed)).resolves.toEqual({
      name: 'card',
    });
    // Registered now: a second call does not import (this file would register something else).
    await expect(importRegistered(key, fileRegistering('test.first', 'other'), isNamed)).resolves.toEqual({
      name: 'card',
    });
  });

  it('says which file did not register what was asked for', async () => {
    const key = Symbol.for('test.nothing');
    const url = 'data:text/javascript,export const unrelated = 1;';
    await expect(importRegistered(key, url, isNamed)).rejects.toThrow(`${url} did not register`);
    registerInWorld(key, { title: 'not a name' });
    await expect(importRegistered(key, url, isNamed)).rejects.toThrow('did not register');
  });

  it('fails when the file is gone (the extension was reloaded meanwhile)', async () => {
    await expect(
      importRegistered(Symbol.for('test.gone'), 'file:///no/such/frame-session.js', isNamed),
    ).rejects.toThrow();
  });
});
