// Channel routing as configuration data: which team channel sees which strength areas. The file is
// read first (slugs by their form), then bound to the region pack's areas: a slug the pack does not
// have is refused, naming the pack's.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AreaSlug } from '../matching/types.js';

const channelId = z
  .string({ error: 'must be a Slack channel id such as C0123ABCD' })
  .max(255)
  .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCD');

const userId = z
  .string({ error: 'must be a Slack user id such as U0123ABCD' })
  .max(255)
  .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD (profile → ⋮ → Copy member ID)');

/** The file's schema; with the region's areas known, an unknown slug is one of its problems (so every problem shows at once). */
const channelsSchemaFor = (known?: readonly AreaSlug[]) =>
  z.object({
    intake: channelId,
    /** People who may change, resolve, edit and withdraw any need. */
    admins: z.array(userId).default([]),
    teams: z
      .array(
        z.object({
          channel: channelId,
          // Not a z.union: zod reports a failed union as "Invalid input", hiding which slug is wrong.
          areas: z
            .custom<'all' | AreaSlug[]>((v) => v === 'all' || Array.isArray(v), { error: 'must be `all` or a list of area slugs' })
            .superRefine((value, ctx) => {
              if (value === 'all') return;
              if (value.length === 0) ctx.addIssue({ code: 'custom', message: 'list at least one area, or write `areas: all`' });
              const malformed = value.filter((slug) => typeof slug !== 'string');
              if (malformed.length > 0) ctx.addIssue({ code: 'custom', message: 'area slugs are words such as `logistics` or `e-commerce`' });
              const unknown = known ? value.filter((slug) => typeof slug === 'string' && !known.includes(slug)) : [];
              if (unknown.length > 0 && known) {
                ctx.addIssue({ code: 'custom', message: `unknown area slug ${unknown.map((u) => JSON.stringify(u)).join(', ')} (known: ${known.join(', ')})` });
              }
            }),
          weekly_summary: z.boolean().default(false),
        }),
      )
      .default([]),
  });

export interface TeamChannel {
  channel: string;
  areas: AreaSlug[] | 'all';
  weeklySummary: boolean;
}

/** The channels file as written. */
export interface ChannelsFile {
  intake: string;
  teams: TeamChannel[];
  /** Slack user ids of the administrators (may do anything with any need). */
  admins?: string[];
}

/** The channels file bound to the region's areas. */
export interface ChannelsConfig extends ChannelsFile {
  /** The region pack's areas, in its order (what `areas: all` means). */
  areas: AreaSlug[];
}

export class ChannelsConfigError extends Error {}

export function parseChannelsFile(yamlText: string, source = 'channels file', known?: readonly AreaSlug[]): ChannelsFile {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (error) {
    throw new ChannelsConfigError(`${source} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = channelsSchemaFor(known).safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${source}: ${i.path.join('.') || '(top level)'} ${i.message}`);
    throw new ChannelsConfigError(lines.join('\n'));
  }
  const seen = new Set<string>();
  for (const team of parsed.data.teams) {
    if (seen.has(team.channel)) throw new ChannelsConfigError(`${source}: channel ${team.channel} is listed twice under teams`);
    seen.add(team.channel);
  }
  return {
    intake: parsed.data.intake,
    teams: parsed.data.teams.map((t) => ({ channel: t.channel, areas: t.areas, weeklySummary: t.weekly_summary })),
    admins: [...new Set(parsed.data.admins)],
  };
}

export function loadChannelsConfig(file: string, areas: readonly AreaSlug[]): ChannelsConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ChannelsConfigError(
      `Channels file ${file} cannot be read: copy channels.example.yml to ${file} (or set CHANNELS_FILE) and fill in your channel ids`,
    );
  }
  return parseChannelsConfig(text, areas, file);
}

/** The file's teams checked against the region's areas; an unknown slug is refused, naming the known ones. */
export function bindChannels(channels: ChannelsFile, areas: readonly AreaSlug[], source = 'channels file'): ChannelsConfig {
  const lines: string[] = [];
  channels.teams.forEach((team, index) => {
    if (team.areas === 'all') return;
    const unknown = team.areas.filter((slug) => !areas.includes(slug));
    if (unknown.length > 0) {
      lines.push(`${source}: teams.${index}.areas unknown area slug ${unknown.map((u) => JSON.stringify(u)).join(', ')} (known: ${areas.join(', ')})`);
    }
  });
  if (lines.length > 0) throw new ChannelsConfigError(lines.join('\n'));
  return { ...channels, areas: [...areas] };
}

export function parseChannelsConfig(yamlText: string, areas: readonly AreaSlug[], source = 'channels file'): ChannelsConfig {
  return bindChannels(parseChannelsFile(yamlText, source, areas), areas, source);
}
