// The forms that change a need, submitted on top of its page: each is stored before the ack (a
// refusal or a failure answered in the modal, in Swedish), and the page underneath (the root view)
// is then drawn again with the change. An edit whose text now points elsewhere offers to move it.
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/i18n/messages.js';
import type { EditOutcome } from '../../../src/change-need/needChanges.js';
import { NEED_REROUTE_CALLBACK_ID, NEED_WITHDRAW_CALLBACK_ID, noticeModal, rerouteModal } from '../../../src/change-need/needChangeModals.js';
import { needPageModal } from '../../../src/change-need/needDetailModal.js';
import { NEED_BLOCKS, NEED_EDIT_CALLBACK_ID } from '../../../src/needs/blocks/needModal.js';
import { needEditSubmission, rerouteSubmission, withdrawSubmission } from '../../../src/change-need/needChangeSubmissions.js';
import { tamperedFormErrors } from '../../../src/needs/blocks/needForm.js';
import { AREAS, asDeps, callListener, type FakeArgs, fakeDeps, interactionArgs, needDetail } from '../../support/listenerArgs.js';
import { needFormValues, viewSubmission } from '../../support/slackRequests.js';

const t = messages('sv');
const DETAIL = needDetail();
const EDITED = needFormValues(
  { municipalityId: '3', title: 'Laddstolpar', description: 'Kommunen behöver fler laddstolpar vid resecentrum och skolor.' },
  'U0STAFF',
);

const submit = (callbackId: string, privateMetadata: string, values: Record<string, Record<string, unknown>> = {}, userId = 'U0STAFF') =>
  interactionArgs(viewSubmission({ callbackId, userId, privateMetadata, values, viewId: 'V0FORM', rootViewId: 'V0PAGE' }));

function owner(edit: EditOutcome = { ok: true, changed: ['sector'], currentAreas: ['logistik'], suggestedAreas: ['logistik'] }) {
  const deps = fakeDeps();
  deps.changes.editNeed.mockResolvedValue(edit);
  deps.changes.withdrawNeed.mockResolvedValue({ ok: true });
  deps.feedback.recategorise.mockResolvedValue({ changed: true });
  deps.needs.needDetail.mockResolvedValue(DETAIL);
  deps.changes.ownerRefusal.mockResolvedValue(null);
  return deps;
}

/** Acked with nothing, then the page underneath drawn again. */
function expectClosedAndPageRedrawn(args: FakeArgs) {
  expect(args.ack).toHaveBeenCalledExactlyOnceWith();
  expect(args.client.views.update).toHaveBeenCalledExactlyOnceWith({
    view_id: 'V0PAGE',
    view: needPageModal(DETAIL, { locale: 'sv', areas: AREAS, mayChange: true }),
  });
  expect(args.ack.mock.invocationCallOrder[0]).toBeLessThan(args.client.views.update.mock.invocationCallOrder[0]!);
}

describe('needEditSubmission', () => {
  it('stores the edit before the ack and redraws the page', async () => {
    const deps = owner();
    const args = submit(NEED_EDIT_CALLBACK_ID, '{"needId":7}', EDITED);
    await callListener(needEditSubmission(asDeps(deps)), args);
    expect(deps.changes.editNeed).toHaveBeenCalledExactlyOnceWith(7, 'U0STAFF', expect.objectContaining({ municipalityId: 3, title: 'Laddstolpar' }));
    expect(deps.changes.editNeed.mock.invocationCallOrder[0]).toBeLessThan(args.ack.mock.invocationCallOrder[0]!);
    expectClosedAndPageRedrawn(args);
  });

  it('offers to move the need when its new text points to other areas', async () => {
    const deps = owner({ ok: true, changed: ['description'], currentAreas: ['logistik'], suggestedAreas: ['material'] });
    const args = submit(NEED_EDIT_CALLBACK_ID, '{"needId":7}', EDITED);
    await callListener(needEditSubmission(asDeps(deps)), args);
    const view = rerouteModal({ locale: 'sv', areas: AREAS, needId: 7, current: ['logistik'], suggested: ['material'] });
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'update', view });
  });

  it.each([
    ['someone who is no owner', { ok: false, refused: 'owners' }, t.permissions.owners],
    ['a need that is gone', { ok: false, refused: 'missing' }, t.needPage.missing],
  ] as const)('answers %s in the modal', async (_name, outcome, text) => {
    const args = submit(NEED_EDIT_CALLBACK_ID, '{"needId":7}', EDITED);
    await callListener(needEditSubmission(asDeps(owner(outcome))), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'errors', errors: { [NEED_BLOCKS.description]: text } });
    expect(args.client.views.update).not.toHaveBeenCalled();
  });

  it('answers invalid input and an unreadable form in the modal, storing nothing', async () => {
    const deps = owner();
    const tooShort = submit(NEED_EDIT_CALLBACK_ID, '{"needId":7}', needFormValues({ municipalityId: '3', description: 'Kort' }, 'U0STAFF'));
    await callListener(needEditSubmission(asDeps(deps)), tooShort);
    expect(tooShort.ack).toHaveBeenCalledExactlyOnceWith({
      response_action: 'errors',
      errors: { [NEED_BLOCKS.description]: t.errors.descriptionTooShort(10) },
    });
    const tampered = submit(NEED_EDIT_CALLBACK_ID, '{"needId":-7}', EDITED);
    await callListener(needEditSubmission(asDeps(deps)), tampered);
    expect(tampered.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'errors', errors: tamperedFormErrors('sv') });
    expect(deps.changes.editNeed).not.toHaveBeenCalled();
  });

  it('says in the modal that the edit could not be stored', async () => {
    const deps = owner();
    deps.changes.editNeed.mockRejectedValue(new Error('database is locked'));
    const args = submit(NEED_EDIT_CALLBACK_ID, '{"needId":7}', EDITED);
    await callListener(needEditSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'errors', errors: { [NEED_BLOCKS.description]: t.errors.storeFailed } });
  });
});

describe('rerouteSubmission', () => {
  const REROUTE = '{"needId":7,"areas":["material"]}';

  it('moves the need to the suggested areas as the owner’s edit, then redraws the page', async () => {
    const deps = owner();
    const args = submit(NEED_REROUTE_CALLBACK_ID, REROUTE);
    await callListener(rerouteSubmission(asDeps(deps)), args);
    expect(deps.feedback.recategorise).toHaveBeenCalledExactlyOnceWith(7, 'U0STAFF', ['material'], null, 'edit');
    expectClosedAndPageRedrawn(args);
  });

  it.each([
    [
      'a refusal',
      (deps: ReturnType<typeof owner>) => deps.feedback.recategorise.mockResolvedValue({ changed: false, refused: 'owners' }),
      t.permissions.owners,
    ],
    ['a failure', (deps: ReturnType<typeof owner>) => deps.feedback.recategorise.mockRejectedValue(new Error('locked')), t.errors.storeFailed],
  ])('answers %s with a notice in place of the form', async (_name, arrange, text) => {
    const deps = owner();
    arrange(deps);
    const args = submit(NEED_REROUTE_CALLBACK_ID, REROUTE);
    await callListener(rerouteSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'update', view: noticeModal(text, 'sv') });
    expect(args.client.views.update).not.toHaveBeenCalled();
  });

  it('answers areas that do not exist with “the form could not be read”', async () => {
    const deps = owner();
    const args = submit(NEED_REROUTE_CALLBACK_ID, '{"needId":7,"areas":["rymdfart"]}');
    await callListener(rerouteSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'update', view: noticeModal(t.errors.formTampered, 'sv') });
    expect(deps.feedback.recategorise).not.toHaveBeenCalled();
  });
});

describe('withdrawSubmission', () => {
  it('withdraws the need before the ack, then redraws the page', async () => {
    const deps = owner();
    const args = submit(NEED_WITHDRAW_CALLBACK_ID, '{"needId":7}');
    await callListener(withdrawSubmission(asDeps(deps)), args);
    expect(deps.changes.withdrawNeed).toHaveBeenCalledExactlyOnceWith(7, 'U0STAFF');
    expectClosedAndPageRedrawn(args);
  });

  it.each([
    [
      'a need that is gone',
      (deps: ReturnType<typeof owner>) => deps.changes.withdrawNeed.mockResolvedValue({ ok: false, refused: 'missing' }),
      t.needPage.missing,
    ],
    ['a failure', (deps: ReturnType<typeof owner>) => deps.changes.withdrawNeed.mockRejectedValue(new Error('locked')), t.errors.storeFailed],
  ])('answers %s with a notice in place of the form', async (_name, arrange, text) => {
    const deps = owner();
    arrange(deps);
    const args = submit(NEED_WITHDRAW_CALLBACK_ID, '{"needId":7}');
    await callListener(withdrawSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'update', view: noticeModal(text, 'sv') });
  });

  it('answers a malformed submission with “the form could not be read” and withdraws nothing', async () => {
    const deps = owner();
    const args = submit(NEED_WITHDRAW_CALLBACK_ID, '{"needId":7}', {}, 'not-a-user');
    await callListener(withdrawSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'update', view: noticeModal(t.errors.formTampered, 'sv') });
    expect(deps.changes.withdrawNeed).not.toHaveBeenCalled();
  });
});
