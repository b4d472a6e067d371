import { parseCondition } from '../match/conditions';
import { aliasKey } from '../match/normalize';
import type {
  Alias,
  Article,
  CaseRule,
  CueWord,
  Fact,
  Paragraph,
  Quote,
  TimelineEntry,
  Topic,
  TopicPack,
} from './types';

/** A data file that does not fit its schema. The message names the file and the field. */
export class PackError extends Error {
  constructor(file: string, field: string, problem: string) {
    super(`${file}: ${field}: ${problem}`);
    this.name = 'PackError';
  }
}

const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CASE_RULES: readonly CaseRule[] = ['any', 'as-written'];

/** Reads fields of untrusted JSON, failing with the path of the field in question. */
class Reader {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly value: unknown,
  ) {}

  fail(problem: string): never {
    throw new PackError(this.file, this.path || '(top level)', problem);
  }
  field(name: string): Reader {
    const obj = this.object();
    return new Reader(this.file, this.path ? `${this.path}.${name}` : name, obj[name]);
  }
  has(name: string): boolean {
    return this.object()[name] !== undefined;
  }
  object(): Record<string, unknown> {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value)) {
      this.fail('must be an object');
    }
    return this.value as Record<string, unknown>;
  }
  string(): string {
    if (typeof this.value !== 'string' || this.value.trim() === '') {
      this.fail('must be a non-empty string');
    }
    return this.value;
  }
  items(): Reader[] {
    if (!Array.isArray(this.value)) this.fail('must be an array');
    return this.value.map((item, i) => new Reader(this.file, `${this.path}[${i}]`, item));
  }
  keys(): string[] {
    return Object.keys(this.object());
  }
}

function caseRule(r: Reader): CaseRule {
  if (!r.has('case')) return 'any';
  const value = r.field('case').string();
  if (!CASE_RULES.includes(value as CaseRule)) r.field('case').fail(`must be one of ${CASE_RULES.join(', ')}`);
  return value as CaseRule;
}

function endings(r: Reader): string[] {
  return r.has('endings')
    ? r
        .field('endings')
        .items()
        .map((e) => e.string())
    : [];
}

export function parseArticle(json: unknown, file: string): Article {
  const root = new Reader(file, '', json);
  const ids = new Set<string>();
  const uniqueId = (r: Reader): string => {
    const id = r.string();
    if (ids.has(id)) r.fail(`duplicate id "${id}"`);
    ids.add(id);
    return id;
  };
  const paragraphs = root.field('paragraphs').items();
  if (paragraphs.length === 0) root.field('paragraphs').fail('must not be empty');
  return {
    title: root.field('title').string(),
    source: root.field('source').string(),
    paragraphs: paragraphs.map((p): Paragraph => ({
      id: uniqueId(p.field('id')),
      sentences: p
        .field('sentences')
        .items()
        .map((s) => ({ id: uniqueId(s.field('id')), text: s.field('text').string() })),
    })),
  };
}

/** Sentence id → text, and sentence id → the whole paragraph it stands in. */
function sentenceIndex(article: Article) {
  const sentences = new Map<string, string>();
  const paragraphOf = new Map<string, string>();
  for (const p of article.paragraphs) {
    const whole = p.sentences.map((s) => s.text).join(' ');
    for (const s of p.sentences) {
      sentences.set(s.id, s.text);
      paragraphOf.set(s.id, whole);
    }
  }
  return { sentences, paragraphOf };
}

export function parseTopicPack(json: unknown, file: string, article: Article): TopicPack {
  const root = new Reader(file, '', json);
  if (root.field('version').value !== 1) root.field('version').fail('must be 1');
  const { sentences, paragraphOf } = sentenceIndex(article);

  const cuesReader = root.field('cues');
  const cues: Record<string, CueWord[]> = {};
  for (const name of cuesReader.keys()) {
    cues[name] = cuesReader
      .field(name)
      .items()
      .map((w) =>
        typeof w.value === 'string'
          ? { text: w.string(), case: 'any', endings: [] }
          : { text: w.field('text').string(), case: caseRule(w), endings: endings(w) },
      );
  }

  const topicReaders = root.field('topics').items();
  if (topicReaders.length === 0) root.field('topics').fail('must list at least one topic');
  const topicIds = new Set<string>();
  for (const t of topicReaders) {
    const id = t.field('id').string();
    if (!TOPIC_ID.test(id)) t.field('id').fail(`"${id}" must be lower-case kebab-case`);
    if (topicIds.has(id)) t.field('id').fail(`duplicate topic id "${id}"`);
    topicIds.add(id);
  }

  const sentence = (r: Reader): string => {
    const id = r.string();
    if (!sentences.has(id)) r.fail(`unknown article sentence "${id}"`);
    return id;
  };

  const seenAliases = new Map<string, string>();
  const alias = (r: Reader): Alias => {
    const text = r.field('text').string();
    const key = aliasKey(text);
    const earlier = seenAliases.get(key);
    if (earlier) r.field('text').fail(`duplicate alias "${text}" (already in ${earlier})`);
    seenAliases.set(key, r.path);
    const rules = (field: string) =>
      r.has(field)
        ? r
            .field(field)
            .items()
            .map((q) => {
              const rule = q.string();
              const c = parseCondition(rule);
              if (!c)
                return q.fail(`"${rule}" is not a rule: write cue:<list> or topic:<id>, optionally @block or @<words>`);
              if (c.kind !== 'cue' && c.kind !== 'topic' && field !== 'unless') q.fail(`"${rule}" belongs in unless`);
              if (field === 'sure' && c.scope === 'page')
                q.fail(`"${rule}" needs @block or @<words>: only what stands by a mention settles it`);
              const known = c.kind === 'topic' ? topicIds.has(c.name) : Object.hasOwn(cues, c.name);
              if (!known) q.fail(`"${rule}" names no cue list or topic of this pack`);
              return rule;
            })
        : [];
    return {
      text,
      case: caseRule(r),
      requires: rules('requires'),
      unless: rules('unless'),
      sure: rules('sure'),
      endings: endings(r),
    };
  };

  // A cue word spelled like an alias (or another cue word) would shadow it in the matcher.
  // (Not a word of a list only name and title rules read, like not-names: the matcher never
  // looks for those, so "Mr" may be in two of them.)
  const nameOnly = nameOnlyLists(json);
  for (const name of Object.keys(cues)) {
    if (nameOnly.has(name)) continue;
    cuesReader
      .field(name)
      .items()
      .forEach((w, i) => {
        const key = aliasKey(cues[name]?.[i]?.text ?? '');
        const earlier = seenAliases.get(key);
        if (earlier) w.fail(`duplicate word "${cues[name]?.[i]?.text}" (already in ${earlier})`);
        seenAliases.set(key, w.path);
      });
  }

  const fact = (r: Reader): Fact => {
    const id = sentence(r.field('sentence'));
    const evidence = r.field('evidence').string();
    if (!sentences.get(id)?.includes(evidence)) {
      r.field('evidence').fail(`is not found word for word in sentence ${id}`);
    }
    return { text: r.field('text').string(), sentence: id, evidence };
  };

  const quote = (r: Reader): Quote => {
    const id = sentence(r.field('sentence'));
    const text = r.field('text').string();
    if (!paragraphOf.get(id)?.includes(text)) {
      r.field('text').fail(`is not found word for word in the paragraph of sentence ${id}`);
    }
    return { text, speaker: r.field('speaker').string(), sentence: id };
  };

  const topics = topicReaders.map((t): Topic => {
    const aliases = t.field('aliases').items().map(alias);
    if (aliases.length === 0) t.field('aliases').fail('must list at least one alias');
    const facts = t.field('facts').items().map(fact);
    if (facts.length < 2 || facts.length > 4) t.field('facts').fail('must list 2 to 4 facts');
    const timeline = t.has('timeline')
      ? t
          .field('timeline')
          .items()
          .map((r): TimelineEntry => ({ ...fact(r), when: r.field('when').string() }))
      : [];
    return {
      id: t.field('id').string(),
      title: t.field('title').string(),
      description: t.field('description').string(),
      gist: t.field('gist').string(),
      aliases,
      facts,
      timeline,
      ...(t.has('quote') ? { quote: quote(t.field('quote')) } : {}),
    };
  });
  return { version: 1, cues, topics };
}

/** Cue lists that alias rules name only in name and title rules, never as `cue:`
 *  (src/match/matcher.ts scans none of their words). Read from the raw pack: the aliases are
 *  checked after the cue lists. */
function nameOnlyLists(json: unknown): Set<string> {
  const byName = new Set<string>();
  const byCue = new Set<string>();
  const topics = (json as { topics?: unknown })?.topics;
  for (const topic of Array.isArray(topics) ? topics : []) {
    const aliases = (topic as { aliases?: unknown })?.aliases;
    for (const alias of Array.isArray(aliases) ? aliases : []) {
      for (const field of ['requires', 'unless', 'sure']) {
        const rules = (alias as Record<string, unknown>)?.[field];
        for (const rule of Array.isArray(rules) ? rules : []) {
          const c = typeof rule === 'string' ? parseCondition(rule) : null;
          if (c?.kind === 'cue') byCue.add(c.name);
          else if (c?.kind === 'topic') continue;
          else if (c) byName.add(c.name);
        }
      }
    }
  }
  return new Set([...byName].filter((name) => !byCue.has(name)));
}
