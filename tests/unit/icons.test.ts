// The icon files the manifest and the background name exist, at the size their name says
// (run `npm run icons` after changing assets/icon.svg).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ICON_SIZES, iconPaths, toolbarIconPaths } from '../../src/icons';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): [number, number] {
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('icons', () => {
  test.each(['on', 'off'] as const)('every %s icon exists at its size', (state) => {
    const paths = iconPaths(state);
    expect(Object.keys(paths).map(Number)).toEqual([...ICON_SIZES]);
    for (const [size, path] of Object.entries(paths)) {
      expect(pngSize(`assets/${path}`)).toEqual([Number(size), Number(size)]);
    }
  });

  test('setIcon gets root-relative 16 and 32 px files of the right set', () => {
    expect(toolbarIconPaths('off')).toEqual({ 16: '/icons/icon-off-16.png', 32: '/icons/icon-off-32.png' });
    expect(toolbarIconPaths('on')).toEqual({ 16: '/icons/icon-16.png', 32: '/icons/icon-32.png' });
  });
});
