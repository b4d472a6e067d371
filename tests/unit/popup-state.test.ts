// The popup's view while the tab changes under it: the stored state may still be the previous
// page's (the background keeps it until the next page reports), and the top frame says which
// page the tab is on. Over stand-ins for the extension APIs; the real popup is in popup.spec.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrameReport, TabState } from '../../src/messages';
import { DEFAULT_SETTINGS } from '../../src/settings-schema';

const world = vi.hoisted(() => ({
  /** What the tab's top frame answers to page-request (null: no answer). */
  top: null as { documentToken: string; site: string } | null,
  stored: null as unknown,
  watchers: [] as Array<(value: unknown) => void>,
  pageRequests: 0,
}));

vi.mock('wxt/browser', () => ({
  browser: {
    tabs: {
      sendMessage: async (_tab: number, message: { type: string }) => {
        if (message.type === 'page-request') {
          world.pageRequests++;
          return world.top ?? Promise.reject(new Error('no receiver'));
        }
        return true; // report-request: a content script runs
      },
      create: async () => undefined,
      get: async (id: number) => ({ id, url: 'https://news.example.com/story' }),
    },
    runtime: { getURL: (path: string) => path, openOptionsPage: async () => undefined },
  },
}));
vi.mock('wxt/utils/storage', () => ({
  storage: {
    getItem: async () => world.stored,
    watch: (_key: string, callback: (value: unknown) => void) => world.watchers.push(callback),
  },
}));
vi.mock('../../src/settings', () => ({
  settingsStore: { get: async () => DEFAULT_SETTINGS, watch: () => () => {}, update: async () => DEFAULT_SETTINGS },
  setSiteEnabled: async () => DEFAULT_SETTINGS,
}));

const { connectPopup } = await import('../../src/popup-state');

const report = (documentToken: string, site: string, bagram: number): FrameReport => ({
  documentToken,
  top: true,
  site,
  enabled: true,
  counts: bagram ? { bagram } : {},
});
const stateOf = (token: string, site: string, bagram: number): TabState => ({
  topToken: token,
  frames: { '0': report(token, site, bagram) },
});
/** The background writes a new state: every watcher hears it. */
const store = (state: TabState) => {
  world.stored = state;
  for (const watch of world.watchers) watch(state);
};
const settle = () => new Promise((done) => setTimeout(done, 20));

describe('the popup while the tab changes under it', () => {
  let views: Array<{ kind: string; site?: string }>;
  beforeEach(() => {
    world.watchers = [];
    world.pageRequests = 0;
    views = [];
  });
  afterEach(() => vi.useRealTimers());
  const last = () => views[views.length - 1];

  it('shows the previous page’s state to no one, and the new page once it reports', async () => {
    world.stored = stateOf('a', 'old.example', 8);
    world.top = { documentToken: 'b', site: 'news.example' };
    connectPopup(
      1,
      (view) => views.push(view as never),
      () => {},
    );
    await settle();
    expect(views.every((v) => v.kind !== 'page')).toBe(true); // never old.example's 8
    // The page's report comes late (a background waking up): the popup has not used up its
    // questions meanwhile, and shows it.
    await settle();
    store(stateOf('b', 'news.example', 0));
    await settle();
    expect(last()).toMatchObject({ kind: 'page', site: 'news.example' });

    // The tab goes on to another page while the popup is open: it follows.
    world.top = { documentToken: 'c', site: 'next.example' };
    store(stateOf('c', 'next.example', 2));
    await settle();
    expect(last()).toMatchObject({ kind: 'page', site: 'next.example' });
    expect(world.pageRequests).toBeLessThanOrEqual(3);
  });

  it('says it cannot run after the top frame stays silent, and recovers when it reports', async () => {
    world.stored = null;
    world.top = null; // busy for a while; a frame of the page answered report-request
    connectPopup(
      1,
      (view) => views.push(view as never),
      () => {},
    );
    await settle();
    expect(last()).toMatchObject({ kind: 'cannot-run' });
    world.top = { documentToken: 'd', site: 'slow.example' };
    store(stateOf('d', 'slow.example', 1));
    await settle();
    expect(last()).toMatchObject({ kind: 'page', site: 'slow.example' });
  });
});
