// A need's own page (the "Visa" button): everything about it — the text, the facts, its areas with
// score and key terms, the suggested environments, where it was posted, feedback per channel and
// its history — with "Redigera" and "Återkalla" for those who may. Pure: NeedDetail in, a modal out.
import type { KnownBlock, ModalView } from '@slack/types';
import { messages, type Locale } from '../i18n/messages.js';
import type { AreaSlug } from '../matching/types.js';
import { isAreaSlug, parseCorrectedAreas } from '../needs/needAreas.js';
import type { HistoryEntry, NeedDetail } from '../needs/store/needViews.js';
import { sectorLabel } from '../needs/sectors.js';
import { codePoints } from '../text/codePoints.js';
import { environmentLines } from '../needs/blocks/environmentReason.js';
import { type AreaNames, areaName, NEED_PAGE_ACTIONS } from '../needs/blocks/needItem.js';
import { confidenceOf } from '../needs/blocks/suggestionMessage.js';
import { similarNeedsBlock } from '../needs/blocks/similarNeeds.js';
import { channelList, escapeMrkdwn, importSourceText, LIMITS, mention, recordedByText, slackDate, truncate } from '../platform/slack/blockText.js';

export const NEED_PAGE_CALLBACK_ID = 'need_page';
/** The newest history entries shown; older ones are counted. */
export const HISTORY_SHOWN = 15;
/** Description chunks, short enough to stay within a section's 3,000 characters once escaped. */
const DESCRIPTION_CHUNK = 2400;

export interface NeedPageContext {
  locale: Locale;
  areas: AreaNames;
  /** The person looking may edit and withdraw it (permissions.ts; the submission checks again). */
  mayChange: boolean;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const mrkdwn = (text: string, max: number = LIMITS.sectionText) => ({ type: 'mrkdwn' as const, text: truncate(text, max) });
const section = (text: string): KnownBlock => ({ type: 'section', text: mrkdwn(text) });
const user = (id: string | null, someone: string, locale: 'sv' | 'en' = 'sv') => (id ? mention(id, locale) : someone);

export function needPageModal(detail: NeedDetail, ctx: NeedPageContext): ModalView {
  const all = messages(ctx.locale);
  const t = all.needPage;
  const { need } = detail;
  const field = (label: string, value: string) => mrkdwn(`*${label}*\n${value}`, LIMITS.fieldText);

  const blocks: KnownBlock[] = [{ type: 'header', text: plain(truncate(need.title, LIMITS.headerText)) }];
  if (need.withdrawn) blocks.push(section(t.withdrawn(user(need.withdrawn.byUserId, t.someone), slackDate(need.withdrawn.at, ctx.locale))));
  for (const chunk of chunks(need.description, DESCRIPTION_CHUNK)) blocks.push(section(escapeMrkdwn(chunk)));
  blocks.push({
    type: 'section',
    fields: [
      field(t.municipality, escapeMrkdwn(need.municipality)),
      field(t.status, all.status[need.status]),
      ...(need.sector ? [field(t.sector, escapeMrkdwn(sectorLabel(need.sector, ctx.locale)))] : []),
      ...(need.municipalContact ? [field(t.municipalContact, escapeMrkdwn(truncate(need.municipalContact, 300)))] : []),
      ...(need.ourContactUserId ? [field(t.ourContact, mention(need.ourContactUserId, ctx.locale))] : []),
      field(t.recorded, `${slackDate(need.recordedAt, ctx.locale)}, ${recordedByText(need, ctx.locale)}`),
    ],
  });

  blocks.push({ type: 'divider' }, section(`*${t.areas}*\n${areaLines(detail, ctx).join('\n')}`));
  if (need.environments.length > 0) {
    const lines = environmentLines(need.environments, { locale: ctx.locale, shownAreas: need.areas });
    blocks.push(section(`*${t.environments}*\n${lines.join('\n')}`));
  }
  blocks.push(...similarBlocks(detail, ctx));

  const posts = detail.posts.map((p) => {
    const where = p.link ? `<#${p.channelId}>: <${p.link}|${t.openPost}>` : `<#${p.channelId}>`;
    const state = p.state === 'moved' ? ` — ${t.postMoved}` : p.state === 'pending' ? ` — ${t.postPending}` : '';
    return `• ${where}${state}`;
  });
  blocks.push(section(`*${t.posted}*\n${posts.length > 0 ? posts.join('\n') : t.notPosted}`));
  const votes = need.feedbackByChannel.map((v) => `• ${all.feedback.votes(v.up, v.down, `<#${v.channelId}>`)}`);
  blocks.push(section(`*${t.feedback}*\n${votes.length > 0 ? votes.join('\n') : t.noFeedback}`));

  blocks.push({ type: 'divider' }, ...historyBlocks(detail.history, ctx));

  if (ctx.mayChange && !need.withdrawn) {
    const value = String(need.id);
    blocks.push({
      type: 'actions',
      block_id: 'need_page_actions',
      elements: [
        { type: 'button', action_id: NEED_PAGE_ACTIONS.edit, text: plain(t.edit), value },
        { type: 'button', action_id: NEED_PAGE_ACTIONS.withdraw, text: plain(t.withdraw), style: 'danger', value },
      ],
    });
  }
  return {
    type: 'modal',
    callback_id: NEED_PAGE_CALLBACK_ID,
    title: plain(t.title),
    close: plain(t.close),
    private_metadata: JSON.stringify({ needId: need.id }),
    blocks,
  };
}

/** Similar needs found when it was routed, and later needs that found it. */
function similarBlocks(detail: NeedDetail, ctx: NeedPageContext): KnownBlock[] {
  const found = similarNeedsBlock(detail.need.similar ?? [], ctx.locale);
  const shown = new Set((detail.need.similar ?? []).map((s) => s.id));
  const later = similarNeedsBlock(
    (detail.laterSimilar ?? []).filter((s) => !shown.has(s.id)),
    ctx.locale,
    messages(ctx.locale).similar.later,
  );
  return [found, later].filter((b): b is NonNullable<typeof b> => b !== null);
}

function areaLines(detail: NeedDetail, ctx: NeedPageContext): string[] {
  const all = messages(ctx.locale);
  const { need } = detail;
  if (need.areas.length === 0) return [`:grey_question: ${all.suggestion.noClearMatch}`];
  return need.areas.map((area) => {
    const name = escapeMrkdwn(ctx.locale === 'sv' ? area.name : area.nameEn);
    if (area.score === null) {
      const by = need.recategorisedBy ? ` (${all.feedback.recategorisedBy(mention(need.recategorisedBy, ctx.locale))})` : ` (${all.feedback.chosenByPerson})`;
      return `• *${name}*${by}`;
    }
    const score = all.needPage.score(Math.round(area.score * 100), all.suggestion.confidence[confidenceOf(area.score)]);
    const terms =
      area.terms.length > 0
        ? ` — ${all.needPage.terms(
            area.terms
              .slice(0, 5)
              .map((term) => `_${escapeMrkdwn(term)}_`)
              .join(', '),
          )}`
        : '';
    return `• *${name}* (${score})${terms}`;
  });
}

function historyBlocks(history: HistoryEntry[], ctx: NeedPageContext): KnownBlock[] {
  const t = messages(ctx.locale).needPage;
  const shown = history.slice(-HISTORY_SHOWN);
  const lines = shown.map((entry) => `• ${slackDate(entry.at, ctx.locale)} — ${historyText(entry, ctx)}`);
  const earlier = history.length - shown.length;
  const blocks: KnownBlock[] = [section(`*${t.history}*${earlier > 0 ? `\n_${t.historyEarlier(earlier)}_` : ''}\n${lines.join('\n')}`)];
  return blocks;
}

export function historyText(entry: HistoryEntry, ctx: Pick<NeedPageContext, 'locale' | 'areas'>): string {
  const all = messages(ctx.locale);
  const e = all.needPage.event;
  const who = user(entry.userId, all.needPage.someone, ctx.locale);
  const channels = (detail: string) => {
    const ids = detail.split(',').filter(Boolean);
    return ids.length > 0 ? channelList(ids, ctx.locale) : null;
  };
  switch (entry.kind) {
    case 'recorded':
      // No person: imported with no Slack person attached (the entry's detail is its source label).
      return entry.userId === null ? all.importedFrom(importSourceText(entry.detail || null, ctx.locale)) : e.recorded(who);
    case 'routed': {
      const where = channels(entry.detail);
      return where ? e.routed(where) : e.routedNowhere;
    }
    case 'status': {
      const [from, to] = entry.detail.split('→');
      const label = (s: string | undefined) => (s && s in all.status ? all.status[s as keyof typeof all.status] : (s ?? ''));
      return e.status(label(from), label(to), who);
    }
    case 'recategorised': {
      const slugs: AreaSlug[] = (parseCorrectedAreas(entry.detail) ?? []).filter(isAreaSlug);
      const names = slugs.length > 0 ? slugs.map((s) => escapeMrkdwn(areaName(s, ctx.areas, ctx.locale))).join(', ') : all.noArea;
      return e.recategorised(names, who);
    }
    case 'returned_to_intake':
      return e.returned(channels(entry.detail) ?? '');
    case 'edited': {
      const fields = entry.detail.split(',').filter((f): f is keyof typeof all.needPage.fields => f in all.needPage.fields);
      return e.edited(fields.map((f) => all.needPage.fields[f]).join(', '), who);
    }
    case 'withdrawn':
      return e.withdrawn(who);
    case 'contact_erased':
      return e.contactErased(entry.detail === 'retention' ? all.privacy.retention : who);
  }
}

/** A text in pieces of at most `size` characters, cut at a space where there is one. */
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = codePoints(text);
  while (rest.length > size) {
    const window = rest.slice(0, size);
    const space = window.lastIndexOf(' ');
    const cut = space > size / 2 ? space + 1 : size;
    out.push(rest.slice(0, cut).join(''));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) out.push(rest.join(''));
  return out;
}
