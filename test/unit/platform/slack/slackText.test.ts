import { describe, expect, it } from 'vitest';
import { slackTextToPlain } from '../../../../src/platform/slack/slackText.js';

describe('slackTextToPlain', () => {
  it('decodes entities last, so "&amp;lt;" stays literal text', () => {
    expect(slackTextToPlain('VA &amp; avfall &lt;3 &amp;lt;')).toBe('VA & avfall <3 &lt;');
  });

  it('turns mentions, channels, specials and links into readable text', () => {
    expect(slackTextToPlain('fråga <@U123|anna> i <#C456|teknik>')).toBe('fråga @anna i #teknik');
    expect(slackTextToPlain('<@U123> och <!here>')).toBe('@U123 och @here');
    expect(slackTextToPlain('se <https://example.se/plan|planen> och <https://example.se>')).toBe('se planen (https://example.se/plan) och https://example.se');
  });

  it('leaves plain Swedish text alone', () => {
    expect(slackTextToPlain('bygglogistik vid nya resecentrum')).toBe('bygglogistik vid nya resecentrum');
  });
});
