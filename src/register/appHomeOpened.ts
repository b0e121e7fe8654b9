// The Home tab opened: publish the person's view of the register (views.publish, within 3 s).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { FIRST_PAGES } from './home.js';
import type { ListenerDeps } from '../platform/slack/deps.js';
import { publishHome } from './homeTab.js';
import { appHomeOpenedPayload, parsePayload } from '../platform/slack/payloads.js';

export const appHomeOpened =
  (deps: ListenerDeps) =>
  async ({ event, client, logger }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    const opened = parsePayload(appHomeOpenedPayload, event, logger, 'app_home_opened event');
    // The Messages tab opens too; only the Home tab is ours to draw.
    if (opened?.tab !== 'home') return;
    try {
      await publishHome(deps, client, opened.user, FIRST_PAGES);
    } catch (error) {
      logger.error('could not publish the App Home', error);
    }
  };
