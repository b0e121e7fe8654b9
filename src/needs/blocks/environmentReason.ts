// Words the reasons of a message's suggested environments (the matcher's EnvironmentReason) in the
// reader's language, all of one message at once:
// - the area is named only where the message does not already name it just above (the need's
//   areas), and a term that merely restates an area's name ("transporter" under an area named Transporter) is left out;
// - terms are the environments' own focus terms as written, joined as the language lists things
//   ("sensorer, larm och digitala lås");
// - two environments never read alike: when two lines come out the same, each says what sets it
//   apart (its own focus terms that the other does not have).
// A prose line stored by an older version is shown as it is. Pure; returns plain text (the caller escapes).
import { messages, type Locale } from '../../i18n/messages.js';
import type { AreaSlug, EnvironmentReason } from '../../matching/types.js';
import type { EnvironmentView } from '../store/needViews.js';
import { escapeMrkdwn } from '../../platform/slack/blockText.js';

/** Shared terms named per line at most. */
export const TERMS_SHOWN = 3;
/** Focus terms named when nothing is shared, and when telling two lines apart. */
export const FOCUS_SHOWN = 3;
const DISTINGUISHING_SHOWN = 2;

export interface ReasonContext {
  locale: Locale;
  /** The areas the message names above the environments (the need's areas), with their names. */
  shownAreas: readonly { slug: string; name: string; nameEn: string }[];
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const wordsOf = (text: string): string[] =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);

/** Every word of the term is a word of one of these area names (both languages). */
function restatesArea(term: string, areaNames: readonly string[]): boolean {
  const words = wordsOf(term);
  if (words.length === 0) return true;
  const named = new Set(areaNames.flatMap(wordsOf));
  return words.every((w) => named.has(w));
}

function capitalise(text: string): string {
  return text.length > 0 ? text.charAt(0).toLocaleUpperCase() + text.slice(1) : text;
}

interface Prepared {
  reason: EnvironmentReason;
  /** The area's name in the reader's language when the message does not show it above; null when it does (or none). */
  areaToName: string | null;
  terms: string[];
  focus: string[];
}

function prepare(env: EnvironmentView, reason: EnvironmentReason, ctx: ReasonContext): Prepared {
  const own = ctx.locale === 'sv' ? env.area?.name : env.area?.nameEn;
  const area: AreaSlug | null = reason.kind === 'crossCutting' ? null : reason.area;
  const shown = area !== null && ctx.shownAreas.some((a) => a.slug === area);
  const areaToName = area === null || shown ? null : (own ?? area);
  // Words of the areas in view (this one and those named above), in both languages.
  const areaNames = [...ctx.shownAreas.flatMap((a) => [a.name, a.nameEn]), ...(env.area ? [env.area.name, env.area.nameEn] : [])];
  const keep = (term: string) => !restatesArea(term, areaNames);
  const kept = reason.kind === 'sharedTerms' || reason.kind === 'crossCutting' ? reason.terms.filter(keep) : [];
  // "larm" says nothing after "trygghetslarm".
  const terms = kept.filter((term, i) => !kept.some((other, j) => j !== i && other.length > term.length && fold(other).endsWith(fold(term))));
  const named = new Set(terms.map(fold));
  const focus = reason.focus.filter((f) => keep(f) && !named.has(fold(f)));
  return { reason, areaToName, terms, focus };
}

/** One line; `focus` is what the line names of the environment's own focus (the default: its first ones). */
function render(p: Prepared, locale: Locale, focus: readonly string[] | null): string {
  const t = messages(locale).environmentReason;
  const list = (items: readonly string[]) => new Intl.ListFormat(t.listLocale, { type: 'conjunction' }).format(items);
  const defaultFocus = p.focus.slice(0, FOCUS_SHOWN);
  const terms = p.terms.slice(0, TERMS_SHOWN);
  // The area is named once at most, and only when the message does not show it above (with two
  // areas above, "området" is the one it is matched on).
  let areaPending = p.areaToName;
  const where = (): string => {
    const name = areaPending;
    areaPending = null;
    return name !== null ? ` ${t.inArea(name)}` : '';
  };
  const coordinator = (): string => {
    const name = areaPending;
    areaPending = null;
    return name !== null ? t.coordinatorOf(name) : t.coordinator;
  };
  const isCoordinator = p.reason.kind === 'coordinator' || (p.reason.kind === 'sharedTerms' && p.reason.coordinator);
  const parts: string[] = [];
  const kind = p.reason.kind === 'sharedTerms' && terms.length === 0 ? 'noTerms' : p.reason.kind;
  switch (kind) {
    case 'sharedTerms':
      parts.push(`${t.worksWith(list(terms))}${where()}`);
      if (isCoordinator) parts.push(coordinator());
      if (focus !== null && focus.length > 0) parts.push(t.also(list(focus)));
      break;
    case 'coordinator':
    case 'noTerms':
    case 'area': {
      // Nothing shared to name (or every shared term restated the area): what the environment does says more.
      const shownFocus = focus ?? defaultFocus;
      if (isCoordinator) parts.push(coordinator());
      if (shownFocus.length > 0) parts.push(`${t.focusOn(list(shownFocus))}${where()}`);
      else if (areaPending !== null) parts.push(where().trim());
      break;
    }
    case 'crossCutting':
      parts.push(t.crossCutting);
      if (terms.length > 0) parts.push(t.worksWith(list(terms)));
      if (terms.length > 0 && focus !== null && focus.length > 0) parts.push(t.also(list(focus)));
      else if (terms.length === 0 && (focus ?? defaultFocus).length > 0) parts.push(t.focusOn(list(focus ?? defaultFocus)));
      break;
  }
  return capitalise(parts.join('; '));
}

/** The focus terms that set this environment apart from the others of its group, in its own order. */
function distinguishing(p: Prepared, others: readonly Prepared[], count: number): string[] {
  const theirs = new Set(others.flatMap((o) => [...o.focus, ...o.terms].map(fold)));
  return p.focus.filter((f) => !theirs.has(fold(f))).slice(0, count);
}

/** The reason line of each environment, in order; "" where there is nothing to say. */
export function environmentReasonTexts(environments: readonly EnvironmentView[], ctx: ReasonContext): string[] {
  const prepared: (Prepared | null)[] = [];
  const texts: string[] = [];
  for (const env of environments) {
    if (typeof env.reason === 'string') {
      // A prose line stored by an older version is shown as it is.
      prepared.push(null);
      texts.push(env.reason);
    } else {
      const p = prepare(env, env.reason, ctx);
      prepared.push(p);
      texts.push(render(p, ctx.locale, null));
    }
  }
  // Lines that read alike say what sets each apart.
  const groups = new Map<string, number[]>();
  texts.forEach((text, i) => {
    if (prepared[i] !== null) groups.set(text, [...(groups.get(text) ?? []), i]);
  });
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    for (const i of members) {
      const p = prepared[i];
      if (!p) continue;
      const others = members.filter((j) => j !== i).flatMap((j) => (prepared[j] ? [prepared[j]] : []));
      const isFocusLine =
        p.reason.kind === 'coordinator' ||
        p.reason.kind === 'area' ||
        (p.reason.kind === 'crossCutting' && p.terms.length === 0) ||
        (p.reason.kind === 'sharedTerms' && p.terms.length === 0);
      const apart = distinguishing(p, others, isFocusLine ? FOCUS_SHOWN : DISTINGUISHING_SHOWN);
      if (apart.length > 0) texts[i] = render(p, ctx.locale, apart);
    }
  }
  return texts;
}

/** "• *Name* — reason" per environment (mrkdwn, escaped), as the suggestion message and the need's page list them. */
export function environmentLines(environments: readonly EnvironmentView[], ctx: ReasonContext): string[] {
  const texts = environmentReasonTexts(environments, ctx);
  return environments.map((env, i) => {
    const text = texts[i] ?? '';
    return `• *${escapeMrkdwn(env.name)}*${text !== '' ? ` — ${escapeMrkdwn(text)}` : ''}`;
  });
}
