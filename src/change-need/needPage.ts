// A need's own page: "Visa" (wherever it sits) opens it; on it, "Redigera" and "Återkalla" open
// their forms on top — for the need's owners only, checked here and again on submission.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { messages } from '../i18n/messages.js';
import { noticeModal, withdrawModal } from './needChangeModals.js';
import { needPageModal } from './needDetailModal.js';
import { needModal } from '../needs/blocks/needModal.js';
import type { ListenerDeps } from '../platform/slack/deps.js';
import { firstAction, parsePayload, parseRowId, type ViewActionPayload, viewActionPayload } from '../platform/slack/payloads.js';
import { refusalText } from '../platform/slack/refusals.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

function parsePress(args: ActionArgs): { payload: ViewActionPayload; needId: number } | null {
  const payload = parsePayload(viewActionPayload, args.body, args.logger, 'need page button');
  const needId = payload ? parseRowId(firstAction(payload).value) : null;
  return payload && needId !== null ? { payload, needId } : null;
}

/** Opens a modal, or stacks it when the press came from a modal (Slack allows three). */
async function show(args: ActionArgs, payload: ViewActionPayload, view: ModalView): Promise<void> {
  if (payload.view?.type === 'modal') await args.client.views.push({ trigger_id: payload.trigger_id, view });
  else await args.client.views.open({ trigger_id: payload.trigger_id, view });
}

/** The page of a need, as `userId` may see it (with or without the owners' buttons). */
export async function needPageFor(deps: ListenerDeps, needId: number, userId: string): Promise<ModalView | null> {
  const [detail, refused] = await Promise.all([deps.needs.needDetail(needId), deps.changes.ownerRefusal(needId, userId)]);
  if (!detail) return null;
  return needPageModal(detail, { locale: deps.locale, areas: deps.areas, mayChange: refused === null });
}

export const viewNeedButton =
  (deps: ListenerDeps) =>
  async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const press = parsePress(args);
    if (!press) return;
    const t = messages(deps.locale).needPage;
    let view: ModalView;
    try {
      view = (await needPageFor(deps, press.needId, press.payload.user.id)) ?? noticeModal(t.missing, deps.locale);
    } catch (error) {
      args.logger.error('could not load a need for its page', error);
      view = noticeModal(t.openFailed, deps.locale);
    }
    try {
      await show(args, press.payload, view);
    } catch (error) {
      args.logger.error('could not open a need page', error);
    }
  };

/** Null when the person may change the need; else the modal that says why not. */
async function refusalModal(deps: ListenerDeps, args: ActionArgs, needId: number, userId: string): Promise<ModalView | null> {
  const t = messages(deps.locale);
  try {
    const refused = await deps.changes.ownerRefusal(needId, userId);
    if (refused === null) return null;
    return noticeModal(refused === 'missing' ? t.needPage.missing : refusalText(refused, null, deps.locale), deps.locale);
  } catch (error) {
    args.logger.error('could not check who may change a need', error);
    return noticeModal(t.permissions.cannotCheck, deps.locale);
  }
}

/**
 * A form only the need's owners may open: the refusal when they may not, the form when the need
 * is there (`form` gives null when it is gone), else a notice that it is gone.
 */
const ownersForm =
  (deps: ListenerDeps, what: string, form: (needId: number) => Promise<ModalView | null>) =>
  async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const press = parsePress(args);
    if (!press) return;
    let view = await refusalModal(deps, args, press.needId, press.payload.user.id);
    try {
      view ??= (await form(press.needId)) ?? noticeModal(messages(deps.locale).needPage.missing, deps.locale);
      await show(args, press.payload, view);
    } catch (error) {
      args.logger.error(`could not open the ${what} form`, error);
    }
  };

export const editNeedButton = (deps: ListenerDeps) =>
  ownersForm(deps, 'edit', async (needId) => {
    const editing = await deps.changes.editable(needId);
    return editing ? needModal({ locale: deps.locale, municipalities: deps.municipalities, editing, privateMetadata: JSON.stringify({ needId }) }) : null;
  });

export const withdrawNeedButton = (deps: ListenerDeps) =>
  ownersForm(deps, 'withdraw', async (needId) => {
    const summary = await deps.needs.needSummary(needId);
    return summary ? withdrawModal({ locale: deps.locale, needId, title: summary.title }) : null;
  });
