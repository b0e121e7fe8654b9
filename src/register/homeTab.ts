// Publishes a person's App Home: their view of the register (home.ts), rendered
// (appHomeBlocks.ts) and sent with views.publish. Called when the tab opens and after every
// choice made in it.
import type { WebClient } from '@slack/web-api';
import type { HomePages } from './home.js';
import { appHomeView } from './appHomeBlocks.js';
import type { ListenerDeps } from '../platform/slack/deps.js';

export async function publishHome(deps: ListenerDeps, client: WebClient, userId: string, pages: HomePages): Promise<void> {
  const now = new Date();
  const data = await deps.home.load(userId, pages, now);
  const view = appHomeView(data, { locale: deps.locale, municipalities: deps.municipalities, areas: deps.areas, now });
  await client.views.publish({ user_id: userId, view });
}
