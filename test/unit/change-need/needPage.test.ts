// A need's page: "Visa" opens it (views.open from the Home tab or a message, views.push on top of a
// modal), with the owners' buttons only for its owners; "Redigera" and "Återkalla" open their forms
// for the owners and a notice saying why not for anyone else.
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/i18n/messages.js';
import type { NeedInput } from '../../../src/needs/needInput.js';
import { noticeModal, withdrawModal } from '../../../src/change-need/needChangeModals.js';
import { needPageModal } from '../../../src/change-need/needDetailModal.js';
import { NEED_PAGE_ACTIONS } from '../../../src/needs/blocks/needItem.js';
import { needModal } from '../../../src/needs/blocks/needModal.js';
import { editNeedButton, viewNeedButton, withdrawNeedButton } from '../../../src/change-need/needPage.js';
import { AREAS, asDeps, callListener, fakeDeps, interactionArgs, MUNICIPALITIES, needDetail, triggerIdOf } from '../../support/listenerArgs.js';
import { viewActionPayload } from '../../support/slackRequests.js';

const t = messages('sv');

const DETAIL = needDetail();

const EDITING: NeedInput = {
  municipalityId: 3,
  title: DETAIL.need.title,
  description: DETAIL.need.description,
  sector: null,
  municipalContact: null,
  ourContactUserId: null,
};

const press = (actionId: string, viewType: 'home' | 'modal' = 'modal', value = '7') =>
  interactionArgs(viewActionPayload({ userId: 'U0STAFF', viewType, action: { actionId, value } }));

function owners() {
  const deps = fakeDeps();
  deps.needs.needDetail.mockResolvedValue(DETAIL);
  deps.needs.needSummary.mockResolvedValue({ title: DETAIL.need.title, areas: ['logistik'], corrected: false });
  deps.changes.ownerRefusal.mockResolvedValue(null);
  deps.changes.editable.mockResolvedValue(EDITING);
  return deps;
}

describe('viewNeedButton', () => {
  it('opens the page from the Home tab, with the owners’ buttons for an owner', async () => {
    const deps = owners();
    const args = press(NEED_PAGE_ACTIONS.view, 'home');
    await callListener(viewNeedButton(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(deps.changes.ownerRefusal).toHaveBeenCalledWith(7, 'U0STAFF');
    const view = needPageModal(DETAIL, { locale: 'sv', areas: AREAS, mayChange: true });
    expect(args.client.views.open).toHaveBeenCalledExactlyOnceWith({ trigger_id: triggerIdOf(args), view });
  });

  it('stacks the page on a modal (views.push), without the owners’ buttons for anyone else', async () => {
    const deps = owners();
    deps.changes.ownerRefusal.mockResolvedValue('owners');
    const args = press(NEED_PAGE_ACTIONS.view, 'modal');
    await callListener(viewNeedButton(asDeps(deps)), args);
    expect(args.client.views.push).toHaveBeenCalledExactlyOnceWith({
      trigger_id: triggerIdOf(args),
      view: needPageModal(DETAIL, { locale: 'sv', areas: AREAS, mayChange: false }),
    });
    expect(args.client.views.open).not.toHaveBeenCalled();
  });

  it.each([
    ['a need that is gone', null, t.needPage.missing],
    ['a need that cannot be loaded', new Error('database is locked'), t.needPage.openFailed],
  ])('shows a notice for %s', async (_name, outcome, text) => {
    const deps = owners();
    if (outcome instanceof Error) deps.needs.needDetail.mockRejectedValue(outcome);
    else deps.needs.needDetail.mockResolvedValue(outcome);
    const args = press(NEED_PAGE_ACTIONS.view);
    await callListener(viewNeedButton(asDeps(deps)), args);
    expect(args.client.views.push).toHaveBeenCalledWith({ trigger_id: triggerIdOf(args), view: noticeModal(text, 'sv') });
  });

  it('acks and ignores a value that is no need id', async () => {
    const deps = owners();
    const args = press(NEED_PAGE_ACTIONS.view, 'home', '7; drop table');
    await callListener(viewNeedButton(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledOnce();
    expect(deps.needs.needDetail).not.toHaveBeenCalled();
    expect(args.client.views.open).not.toHaveBeenCalled();
  });
});

describe('editNeedButton', () => {
  it('stacks the edit form, filled in with the need, for an owner', async () => {
    const deps = owners();
    const args = press(NEED_PAGE_ACTIONS.edit);
    await callListener(editNeedButton(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    const view = needModal({ locale: 'sv', municipalities: MUNICIPALITIES, editing: EDITING, privateMetadata: '{"needId":7}' });
    expect(args.client.views.push).toHaveBeenCalledExactlyOnceWith({ trigger_id: triggerIdOf(args), view });
  });

  it.each([
    ['someone who is no owner', 'owners', t.permissions.owners],
    ['a withdrawn need', 'withdrawn', t.permissions.withdrawn],
    ['a need that is gone', 'missing', t.needPage.missing],
  ] as const)('shows why not to %s, and no form', async (_name, refused, text) => {
    const deps = owners();
    deps.changes.ownerRefusal.mockResolvedValue(refused);
    const args = press(NEED_PAGE_ACTIONS.edit);
    await callListener(editNeedButton(asDeps(deps)), args);
    expect(deps.changes.editable).not.toHaveBeenCalled();
    expect(args.client.views.push).toHaveBeenCalledExactlyOnceWith({ trigger_id: triggerIdOf(args), view: noticeModal(text, 'sv') });
  });

  it('says the permission could not be checked when the check fails', async () => {
    const deps = owners();
    deps.changes.ownerRefusal.mockRejectedValue(new Error('database is locked'));
    const args = press(NEED_PAGE_ACTIONS.edit);
    await callListener(editNeedButton(asDeps(deps)), args);
    expect(args.client.views.push).toHaveBeenCalledWith({ trigger_id: triggerIdOf(args), view: noticeModal(t.permissions.cannotCheck, 'sv') });
  });
});

describe('withdrawNeedButton', () => {
  it('stacks “Återkalla” naming the need, for an owner', async () => {
    const deps = owners();
    const args = press(NEED_PAGE_ACTIONS.withdraw);
    await callListener(withdrawNeedButton(asDeps(deps)), args);
    expect(deps.needs.needSummary).toHaveBeenCalledWith(7);
    const view = withdrawModal({ locale: 'sv', needId: 7, title: DETAIL.need.title });
    expect(args.client.views.push).toHaveBeenCalledExactlyOnceWith({ trigger_id: triggerIdOf(args), view });
  });

  it('shows “gone” when the need disappeared between the check and the form', async () => {
    const deps = owners();
    deps.needs.needSummary.mockResolvedValue(null);
    const args = press(NEED_PAGE_ACTIONS.withdraw);
    await callListener(withdrawNeedButton(asDeps(deps)), args);
    expect(args.client.views.push).toHaveBeenCalledWith({ trigger_id: triggerIdOf(args), view: noticeModal(t.needPage.missing, 'sv') });
  });

  it('logs a form that cannot be opened instead of throwing', async () => {
    const deps = owners();
    const args = press(NEED_PAGE_ACTIONS.withdraw);
    args.client.views.push.mockRejectedValue(new Error('push_limit_reached'));
    await callListener(withdrawNeedButton(asDeps(deps)), args);
    expect(args.logger.error).toHaveBeenCalledWith('could not open the withdraw form', expect.any(Error));
  });
});
