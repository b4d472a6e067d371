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
});
