/** An element that holds another frame (the focus or the pointer went into it). */
export const isFrame = (el: Element | null): boolean => el !== null && /^(IFRAME|FRAME|OBJECT|EMBED)$/.test(el.tagName);
