/** An element that holds another frame (the focus or the pointer went into it). */
export const isFrame = (el: Element | null): boolean =>
  el !== null && /^(iframe|frame|fencedframe|object|embed)$/.test(el.localName);
