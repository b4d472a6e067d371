// The extension's icon files: drawn once in assets/icon.svg, rendered to PNGs by
// src/cli/render-icons.ts (`npm run icons`), copied into every build by wxt.config.ts.
// Pure: the build config, the render script and the background all read it.

/** Every size the stores and both browsers' manifests ask for. */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

export type IconState = 'on' | 'off';

/** Icon files by size, relative to the extension's root (the manifest's form; `setIcon` takes
 *  them with `prefix` '/'). `off`: the grey set shown while the extension is off for the tab's
 *  site. */
export function iconPaths(state: IconState, prefix = ''): Record<number, string> {
  const name = state === 'on' ? 'icon' : 'icon-off';
  return Object.fromEntries(ICON_SIZES.map((size) => [size, `${prefix}icons/${name}-${size}.png`]));
}

/** The sizes a toolbar button draws (1× and 2× screens), for `setIcon`: fewer files to load on
 *  every change than the manifest's full set. */
export function toolbarIconPaths(state: IconState): Record<number, string> {
  const all = iconPaths(state, '/');
  return { 16: all[16] ?? '', 32: all[32] ?? '' };
}
