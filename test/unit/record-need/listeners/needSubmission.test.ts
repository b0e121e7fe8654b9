// The /need modal submitted: validated, stored before the ack (the view id makes a re-sent
// submission the same need), then acked with nothing (the modal closes). Bad input and an
// unreadable form are answered in the modal, in Swedish, and store nothing.
import { describe, expect, it } from 'vitest';
import { messages } from '../../../../src/i18n/messages.js';
import { NEED_BLOCKS } from '../../../../src/needs/blocks/needModal.js';
import { needSubmission } from '../../../../src/record-need/listeners.js';
import { encodeNeedModalMetadata } from '../../../../src/needs/blocks/needModal.js';
import { asDeps, callListener, fakeDeps, interactionArgs } from '../../../support/listenerArgs.js';
import { type NeedFormValues, needSubmissionPayload } from '../../../support/slackRequests.js';

const t = messages('sv').errors;
const FROM_CHANNEL = encodeNeedModalMetadata({ channelId: 'C0TYPED', source: 'slash_command' });
const VALID: NeedFormValues = { municipalityId: '3', description: 'Kommunen behöver fler laddstolpar vid resecentrum.' };

const submit = (values: NeedFormValues = VALID, privateMetadata = FROM_CHANNEL, userId = 'U0STAFF') =>
  interactionArgs(needSubmissionPayload(values, privateMetadata, userId, 'V0NEED'));

function recording(created = true) {
  const deps = fakeDeps();
  deps.needs.recordNeed.mockResolvedValue({ id: 42, title: 'Laddstolpar', created });
  return deps;
}

describe('needSubmission', () => {
  it('stores the need with where it came from and the view id, then closes the modal', async () => {
    const deps = recording();
    const args = submit();
    await callListener(needSubmission(asDeps(deps)), args);
    expect(deps.needs.recordNeed).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ municipalityId: 3, description: VALID.description, ourContactUserId: 'U0STAFF' }),
      {
        recordedByUserId: 'U0STAFF',
        originChannelId: 'C0TYPED',
        source: 'slash_command',
        submissionKey: 'view:V0NEED',
      },
    );
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(deps.needs.recordNeed.mock.invocationCallOrder[0]).toBeLessThan(args.ack.mock.invocationCallOrder[0]!);
  });

  it('closes the modal the same way for a re-sent submission', async () => {
    const deps = recording(false);
    const args = submit();
    await callListener(needSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(args.logger.info).toHaveBeenCalledWith('submission of view V0NEED was already recorded as need 42');
  });

  it.each([
    ['a description too short', { ...VALID, description: 'Kort' }, { [NEED_BLOCKS.description]: t.descriptionTooShort(10) }],
    ['no municipality', { ...VALID, municipalityId: null }, { [NEED_BLOCKS.municipality]: t.municipalityMissing }],
    ['a municipality not in the list', { ...VALID, municipalityId: '99' }, { [NEED_BLOCKS.municipality]: t.municipalityUnknown }],
  ])('answers %s in the modal and stores nothing', async (_name, values, errors) => {
    const deps = recording();
    const args = submit(values);
    await callListener(needSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'errors', errors });
    expect(deps.needs.recordNeed).not.toHaveBeenCalled();
  });

  it.each([
    ['a private_metadata that is not ours', () => submit(VALID, '{"v":2}')],
    ['a malformed submission', () => submit(VALID, FROM_CHANNEL, 'not-a-user')],
  ])('answers %s with “the form could not be read” and stores nothing', async (_name, submission) => {
    const deps = recording();
    const args = submission();
    await callListener(needSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'errors', errors: { [NEED_BLOCKS.municipality]: t.formTampered } });
    expect(deps.needs.recordNeed).not.toHaveBeenCalled();
  });

  it('says in the modal that the need could not be stored', async () => {
    const deps = recording();
    deps.needs.recordNeed.mockRejectedValue(new Error('database is locked'));
    const args = submit();
    await callListener(needSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'errors', errors: { [NEED_BLOCKS.description]: t.storeFailed } });
  });
});
