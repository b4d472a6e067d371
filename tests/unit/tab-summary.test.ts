import { describe, expect, it } from 'vitest';
import { summarizeTab, type FrameReport } from '../../src/messages';

const frame = (over: Partial<FrameReport>): FrameReport => ({
  documentToken: 't',
  top: false,
  site: 'news.example.com',
  enabled: true,
  counts: {},
  ...over,
});

describe('summarizeTab', () => {
  it('adds up the mentions of every frame under the top page’s site', () => {
    const summary = summarizeTab({
      topToken: 't',
      frames: {
        '0': frame({ top: true, counts: { bagram: 2 } }),
        '7': frame({ counts: { bagram: 1, fitrat: 3 } }),
      },
    });
    expect(summary).toEqual({ site: 'news.example.com', enabled: true, counts: { bagram: 3, fitrat: 3 }, total: 6 });
  });

  it('shows no numbers when the top page is switched off', () => {
    const summary = summarizeTab({
      topToken: 't',
      frames: { '0': frame({ top: true, enabled: false }), '3': frame({ counts: { bagram: 1 } }) },
    });
    expect(summary).toEqual({ site: 'news.example.com', enabled: false, counts: {}, total: 0 });
  });

  it('knows no site before the top frame reports', () => {
    expect(summarizeTab({ topToken: null, frames: {} }).site).toBeNull();
  });

  it('counts the frames’ mentions before the top frame has reported (it says nothing when it finds nothing)', () => {
    const summary = summarizeTab({ topToken: null, frames: { '7': frame({ counts: { bagram: 2 } }) } });
    expect(summary).toEqual({ site: null, enabled: true, counts: { bagram: 2 }, total: 2 });
  });
});
