// "Byt styrkeområde" submitted: the choice is some areas or exactly "none"; who may is checked
// against the stored suggestion before the ack (a refusal is answered in the modal); the need is
// re-routed after the ack.
import { describe, expect, it } from 'vitest';
import { messages } from '../../../../src/i18n/messages.js';
import { NO_AREA_VALUE, RECATEGORISE_BLOCK_ID } from '../../../../src/feedback/messages.js';
import { readAreaChoice, recategoriseSubmission } from '../../../../src/feedback/listeners.js';
import { refusalText } from '../../../../src/platform/slack/refusals.js';
import { asDeps, callListener, fakeDeps, interactionArgs } from '../../../support/listenerArgs.js';
import { SHIPPED_SLUGS } from '../../../support/shippedMatcher.js';
import { recategoriseSubmissionPayload } from '../../../support/slackRequests.js';

const t = messages('sv');
const SUGGESTION = { needId: 42, channelId: 'C0LOGIST' };
const submit = (values: string[], privateMetadata = '{"suggestionId":5}', userId = 'U0ALICE') =>
  interactionArgs(recategoriseSubmissionPayload(values, privateMetadata, userId));
const modalError = (text: string) => ({ response_action: 'errors', errors: { [RECATEGORISE_BLOCK_ID]: text } });

function allowed() {
  const deps = fakeDeps();
  deps.feedback.suggestionById.mockResolvedValue(SUGGESTION);
  deps.feedback.refusal.mockResolvedValue(null);
  deps.feedback.recategorise.mockResolvedValue({ changed: true });
  return deps;
}

describe('recategoriseSubmission', () => {
  it('checks who may, acks, then re-routes the need to the chosen areas', async () => {
    const deps = allowed();
    const args = submit(['logistik', 'material']);
    await callListener(recategoriseSubmission(asDeps(deps)), args);
    expect(deps.feedback.suggestionById).toHaveBeenCalledWith(5);
    expect(deps.feedback.refusal).toHaveBeenCalledWith(42, 'U0ALICE', 'changeAreas', 'C0LOGIST');
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(deps.feedback.recategorise).toHaveBeenCalledExactlyOnceWith(42, 'U0ALICE', ['logistik', 'material'], 'C0LOGIST');
    expect(args.ack.mock.invocationCallOrder[0]).toBeLessThan(deps.feedback.recategorise.mock.invocationCallOrder[0]!);
  });

  it('stores “none fits” as no areas', async () => {
    const deps = allowed();
    await callListener(recategoriseSubmission(asDeps(deps)), submit([NO_AREA_VALUE]));
    expect(deps.feedback.recategorise).toHaveBeenCalledWith(42, 'U0ALICE', [], 'C0LOGIST');
  });

  it.each([
    ['nothing chosen', () => submit([]), t.recategoriseModal.errorEmpty],
    ['“none” with areas', () => submit([NO_AREA_VALUE, 'logistik']), t.recategoriseModal.errorNoneWithAreas],
    ['an area that does not exist', () => submit(['rymdfart']), t.errors.formTampered],
    ['a private_metadata that is not ours', () => submit(['logistik'], '{"suggestionId":"5"}'), t.errors.formTampered],
    ['a malformed submission', () => submit(['logistik'], '{"suggestionId":5}', 'not-a-user'), t.errors.formTampered],
  ])('answers %s in the modal and changes nothing', async (_name, submission, text) => {
    const deps = allowed();
    const args = submission();
    await callListener(recategoriseSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith(modalError(text));
    expect(deps.feedback.suggestionById).not.toHaveBeenCalled();
    expect(deps.feedback.recategorise).not.toHaveBeenCalled();
  });

  it('answers a refusal in the modal, in Swedish', async () => {
    const deps = allowed();
    deps.feedback.refusal.mockResolvedValue('channelMembers');
    const args = submit(['logistik']);
    await callListener(recategoriseSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith(modalError(refusalText('channelMembers', 'C0LOGIST', 'sv')));
    expect(deps.feedback.recategorise).not.toHaveBeenCalled();
  });

  it('says in the modal that the permission could not be checked', async () => {
    const deps = allowed();
    deps.feedback.refusal.mockRejectedValue(new Error('database is locked'));
    const args = submit(['logistik']);
    await callListener(recategoriseSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith(modalError(t.permissions.cannotCheck));
  });

  it('closes the modal and does nothing for a suggestion that is gone', async () => {
    const deps = allowed();
    deps.feedback.suggestionById.mockResolvedValue(null);
    const args = submit(['logistik']);
    await callListener(recategoriseSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(deps.feedback.recategorise).not.toHaveBeenCalled();
  });
});

describe('readAreaChoice', () => {
  it('reads checkboxes as Slack nests them, and anything else as tampered', () => {
    const checked = (...values: string[]) => ({ [RECATEGORISE_BLOCK_ID]: { value: { selected_options: values.map((value) => ({ value })) } } });
    expect(readAreaChoice(checked('logistik'), SHIPPED_SLUGS)).toEqual({ ok: true, areas: ['logistik'] });
    expect(readAreaChoice(checked(), SHIPPED_SLUGS)).toEqual({ ok: false, error: 'empty' });
    expect(readAreaChoice({}, SHIPPED_SLUGS)).toEqual({ ok: false, error: 'tampered' });
  });

  it('takes only the region’s areas: a well-formed slug of another region is tampering', () => {
    const checked = (...values: string[]) => ({ [RECATEGORISE_BLOCK_ID]: { value: { selected_options: values.map((value) => ({ value })) } } });
    expect(readAreaChoice(checked('skog-tra'), SHIPPED_SLUGS)).toEqual({ ok: false, error: 'tampered' });
    expect(readAreaChoice(checked('skog-tra'), ['smart-industri', 'skog-tra'])).toEqual({ ok: true, areas: ['skog-tra'] });
    expect(readAreaChoice(checked('logistik'), ['smart-industri', 'skog-tra'])).toEqual({ ok: false, error: 'tampered' });
  });
});
