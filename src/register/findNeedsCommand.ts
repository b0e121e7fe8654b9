// `/need mine`, `/need list [kommun] [område] [status]`, `/need search <ord…>`: up to ten needs,
// answered ephemerally (only the person who asked sees them).
import type { RespondFn } from '@slack/bolt';
import { messages } from '../i18n/messages.js';
import { type FindRequest, findNeeds } from './findNeeds.js';
import { findResultsMessage } from './findResultsBlocks.js';
import type { ListenerDeps } from '../platform/slack/deps.js';
import type { CommandPayload } from '../platform/slack/payloads.js';

/** The app's Home tab as a link Slack's clients open. */
export function homeLink(payload: Pick<CommandPayload, 'team_id' | 'api_app_id'>): string | null {
  return payload.team_id && payload.api_app_id ? `slack://app?team=${payload.team_id}&id=${payload.api_app_id}&tab=home` : null;
}

export async function answerFind(
  deps: ListenerDeps,
  payload: CommandPayload,
  request: FindRequest,
  respond: RespondFn,
  logger: { error(...msg: unknown[]): void },
): Promise<void> {
  let message;
  try {
    const result = await findNeeds(deps.register, deps, payload.user_id, request);
    message = findResultsMessage(request, result, {
      locale: deps.locale,
      areas: deps.areas,
      municipalities: deps.municipalities,
      now: new Date(),
      homeLink: homeLink(payload),
    });
  } catch (error) {
    logger.error(`/need ${request.kind} failed`, error);
    message = { text: messages(deps.locale).find.failed };
  }
  try {
    await respond({ response_type: 'ephemeral', ...message });
  } catch (error) {
    logger.error(`could not answer /need ${request.kind}`, error);
  }
}
