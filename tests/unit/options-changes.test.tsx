// @vitest-environment happy-dom
// The settings page saves each change against the settings as stored when it is written, not
// as the page last drew them: a reader who picks a mark style and then types a hover delay
// before the page has heard back from storage keeps both.
import { fireEvent, render } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings-schema';
import { Options } from '../../src/ui/Options';

describe('the settings page', () => {
  it('keeps both of two changes made before the page is drawn again', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue(''); // labels show their keys
    let stored: Settings = { ...DEFAULT_SETTINGS };
    const update = async (change: (s: Settings) => Settings) => (stored = change(stored));
    const page = render(<Options settings={DEFAULT_SETTINGS} topics={[]} update={update} />);
    // Never drawn again: the page's props stay the settings it opened with.
    fireEvent.change(page.container.querySelector('select')!, { target: { value: 'underline' } });
    fireEvent.change(page.container.querySelector('input[type="number"]')!, { target: { value: '1000' } });
    await Promise.resolve();
    expect(stored).toMatchObject({ highlightStyle: 'underline', hoverDelayMs: 1000 });
  });

  it('keeps what the reader is typing in the hover delay when the page is drawn again', () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('');
    const update = async () => undefined;
    const page = render(<Options settings={DEFAULT_SETTINGS} topics={[]} update={update} />);
    const delay = page.container.querySelector<HTMLInputElement>('input[type="number"]')!;
    delay.value = '1000'; // typed, not yet committed (no change event until the field is left)
    // Storage echoes an earlier change (the mark style): the page is drawn again.
    page.rerender(<Options settings={{ ...DEFAULT_SETTINGS, highlightStyle: 'tint' }} topics={[]} update={update} />);
    expect(page.container.querySelector<HTMLInputElement>('input[type="number"]')!.value).toBe('1000');
  });
});
