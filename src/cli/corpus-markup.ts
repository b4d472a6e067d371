// The corpus's authoring shorthand: a passage with its mentions marked in place,
// `[[bagram|Bagram Air Base]]`, becomes the text without marks plus each mention's topic and
// exact span. Kept out of the stored corpus (which holds plain text and offsets) so that a
// passage never depends on this syntax being parsed right.

export interface ExpectedMention {
  topic: string;
  start: number;
  end: number;
  text: string;
}

const MARK = /\[\[([a-z0-9-]+)\|([^\]]+)\]\]/g;

export function unmark(marked: string): { text: string; mentions: ExpectedMention[] } {
  const mentions: ExpectedMention[] = [];
  let text = '';
  let last = 0;
  for (const m of marked.matchAll(MARK)) {
    const [whole, topic = '', name = ''] = m;
    text += marked.slice(last, m.index);
    mentions.push({ topic, start: text.length, end: text.length + name.length, text: name });
    text += name;
    last = m.index + whole.length;
  }
  text += marked.slice(last);
  if (text.includes('[[') || text.includes(']]')) throw new Error(`unbalanced mark in: ${marked}`);
  return { text, mentions };
}
