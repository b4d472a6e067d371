// On Chrome, a subframe's session (src/frame-session.ts) is a file of its own, imported once
// the frame holds something to mark (see extension-file.ts): most subframes are ads and
// widgets that never do, and each paid the whole content script's evaluation.
import type { Prefilter } from '../match/prefilter';
import { importRegistered, registerInWorld } from './extension-file';

export type StartFrameSession = (prefilter: Prefilter) => void;

const KEY = Symbol.for('context-overlays.frame-session');

/** Called by the session's own file (entrypoints/frame-session.ts) as it runs. */
export function registerFrameSession(start: StartFrameSession): void {
  registerInWorld(KEY, start);
}

/** The session's start, from its file at `url` (imported once per frame). */
export function loadFrameSession(url: string): Promise<StartFrameSession> {
  return importRegistered(KEY, url, (start): start is StartFrameSession => typeof start === 'function');
}
