// The bot scopes the code needs, each with the reason. manifest.yml asks for exactly these (a test
// compares them) and `doctor` checks that the installed app was granted them.
export const BOT_SCOPES = {
  commands: '/need and the message shortcut',
  'chat:write': 'suggestion messages, confirmations, updates, the weekly summary',
  'chat:write.public': 'post in a public team channel even before the bot has joined it',
  'channels:read': 'look up the configured public channels at start (conversations.info); who is a member (conversations.members: permissions, the Home tab)',
  'groups:read': 'the same for private channels',
  'channels:join': 'join the public team channels, so that reactions there reach the bot',
  'channels:history': 'exactly once: after a crash, find a post whose outcome is unknown (public channels)',
  'groups:history': 'the same for private team channels',
  'reactions:read': '👍 👎 🙋 ✅ on suggestion messages',
  'files:write': 'the weekly summary’s chart; the export file in an admin’s DM',
  'im:write': 'open the DM with an admin who pressed Exportera in the Home tab, to upload the export there (conversations.open)',
  'files:read': 'Importera: read the CSV/XLSX file a person uploads in the import modal (file_input; files.info and its download)',
} as const;

export type BotScope = keyof typeof BOT_SCOPES;

export const REQUIRED_BOT_SCOPES = Object.keys(BOT_SCOPES) as BotScope[];
