// The content script's lifetime, in place of WXT's ContentScriptContext (see
// src/wxt-context-stand-in.ts for why that one is not used).
//
// Chrome does not tell a content script that its extension was reloaded, updated or switched
// off: the script keeps running with a dead runtime (no `runtime.id`), and no new one is
// injected. So the lifetime ends when the runtime is found gone, on asking (`isInvalid`) and at
// each of the script's looks now and then (`poll`; issue 7).
import { browser } from 'wxt/browser';
import { every } from './page/timers';

/** False once the extension is gone from this page (reloaded, updated, switched off). */
export const runtimeAlive = (): boolean => browser.runtime?.id != null;

export class ScriptContext {
  private readonly controller = new AbortController();

  constructor(private readonly alive: () => boolean = runtimeAlive) {}

  /** Aborted when the extension is gone. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once the extension is gone (and from then on): runtime calls would throw. */
  get isInvalid(): boolean {
    if (!this.signal.aborted && !this.alive()) this.controller.abort();
    return this.signal.aborted;
  }

  /** Runs `look` once a second while the extension is here, asking first whether it still is:
   *  the timer stops once it is gone, and `look` is not run then. */
  poll(look: () => void): void {
    this.onInvalidated(every(1000, () => this.isInvalid || look()));
  }

  onInvalidated(callback: () => void): void {
    this.signal.addEventListener('abort', callback, { once: true });
  }
}
