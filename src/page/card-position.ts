import { autoUpdate, computePosition, flip, inline, offset, shift, size } from '@floating-ui/dom';

/**
 * Keeps `card` beside `anchor` (a mention's live Range): below it, flipping above when there
 * is no room, shifted sideways to stay in the viewport, never over the mention itself.
 * Returns the cleanup function.
 */
export function placeCard(anchor: Range, card: HTMLElement): () => void {
  const reference = {
    getBoundingClientRect: () => anchor.getBoundingClientRect(),
    getClientRects: () => anchor.getClientRects(),
    contextElement: anchor.startContainer.parentElement ?? undefined,
  };
  const update = () => {
    void computePosition(reference, card, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        inline(),
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight }) {
            card.style.maxHeight = `${Math.max(120, availableHeight)}px`;
          },
        }),
      ],
    }).then(({ x, y }) => {
      card.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    });
  };
  return autoUpdate(reference, card, update, { animationFrame: false });
}
