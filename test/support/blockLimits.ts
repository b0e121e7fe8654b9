// Slack's documented Block Kit limits, checked on whatever a block builder returns: a message
// (`{blocks}` or a bare block array) or a view (`{type: 'modal' | 'home', blocks, …}`).
// Lengths are counted in code points, as the app's own truncate() does.

export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  viewTitle: 24,
  viewButton: 24,
  options: 100,
  optionText: 75,
  optionValue: 150,
  privateMetadata: 3000,
  callbackId: 255,
  id: 255,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  initialValue: 3000,
  messageText: 40_000,
} as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const length = (text: string) => Array.from(text).length;

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.text === 'string') return value.text;
  return null;
}

/** Every limit the given message or view breaks, one readable line each (empty when it is fine). */
export function slackLimitViolations(blocksOrView: unknown): string[] {
  const problems: string[] = [];
  const max = (what: string, value: unknown, limit: number) => {
    const text = textOf(value);
    if (text !== null && length(text) > limit) problems.push(`${what} is ${length(text)} characters (max ${limit})`);
  };

  let blocks: unknown;
  let blockLimit: number = SLACK_LIMITS.messageBlocks;
  if (Array.isArray(blocksOrView)) blocks = blocksOrView;
  else if (isObject(blocksOrView)) {
    blocks = blocksOrView.blocks;
    if (blocksOrView.type === 'modal' || blocksOrView.type === 'home') {
      blockLimit = SLACK_LIMITS.viewBlocks;
      const view = blocksOrView;
      if (view.type === 'modal' && textOf(view.title) === null) problems.push('modal has no title');
      max('view title', view.title, SLACK_LIMITS.viewTitle);
      max('view submit', view.submit, SLACK_LIMITS.viewButton);
      max('view close', view.close, SLACK_LIMITS.viewButton);
      max('private_metadata', view.private_metadata, SLACK_LIMITS.privateMetadata);
      max('callback_id', view.callback_id, SLACK_LIMITS.callbackId);
      max('external_id', view.external_id, SLACK_LIMITS.id);
    } else {
      max('message text', blocksOrView.text, SLACK_LIMITS.messageText);
    }
  }
  if (!Array.isArray(blocks)) return [...problems, 'no blocks array'];
  if (blocks.length > blockLimit) problems.push(`${blocks.length} blocks (max ${blockLimit})`);

  blocks.forEach((block: unknown, index) => {
    const at = `block ${index}`;
    if (!isObject(block) || typeof block.type !== 'string') {
      problems.push(`${at} is not a block`);
      return;
    }
    const where = `${at} (${block.type})`;
    max(`${where} block_id`, block.block_id, SLACK_LIMITS.id);
    switch (block.type) {
      case 'section': {
        if (block.text === undefined && block.fields === undefined) problems.push(`${where} has neither text nor fields`);
        max(`${where} text`, block.text, SLACK_LIMITS.sectionText);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields)) problems.push(`${where} fields is not an array`);
          else {
            if (block.fields.length > SLACK_LIMITS.sectionFields)
              problems.push(`${where} has ${block.fields.length} fields (max ${SLACK_LIMITS.sectionFields})`);
            block.fields.forEach((field, i) => max(`${where} field ${i}`, field, SLACK_LIMITS.fieldText));
          }
        }
        if (block.accessory !== undefined) checkElement(`${where} accessory`, block.accessory, max, problems);
        break;
      }
      case 'header':
        if (textOf(block.text) === null) problems.push(`${where} has no text`);
        max(`${where} text`, block.text, SLACK_LIMITS.headerText);
        break;
      case 'context': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0) problems.push(`${where} has no elements`);
        if (elements.length > SLACK_LIMITS.contextElements) problems.push(`${where} has ${elements.length} elements (max ${SLACK_LIMITS.contextElements})`);
        elements.forEach((element, i) => max(`${where} element ${i}`, element, SLACK_LIMITS.sectionText));
        break;
      }
      case 'input':
        max(`${where} label`, block.label, SLACK_LIMITS.label);
        max(`${where} hint`, block.hint, SLACK_LIMITS.hint);
        checkElement(`${where} element`, block.element, max, problems);
        break;
      case 'actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length > 25) problems.push(`${where} has ${elements.length} elements (max 25)`);
        elements.forEach((element, i) => checkElement(`${where} element ${i}`, element, max, problems));
        break;
      }
      default:
        break;
    }
  });
  return problems;
}

function checkElement(where: string, element: unknown, max: (what: string, value: unknown, limit: number) => void, problems: string[]): void {
  if (!isObject(element)) {
    problems.push(`${where} is not an element`);
    return;
  }
  max(`${where} action_id`, element.action_id, SLACK_LIMITS.id);
  max(`${where} placeholder`, element.placeholder, SLACK_LIMITS.placeholder);
  max(`${where} initial_value`, element.initial_value, SLACK_LIMITS.initialValue);
  if (element.options !== undefined) {
    if (!Array.isArray(element.options)) {
      problems.push(`${where} options is not an array`);
      return;
    }
    if (element.options.length > SLACK_LIMITS.options) problems.push(`${where} has ${element.options.length} options (max ${SLACK_LIMITS.options})`);
    element.options.forEach((option: unknown, i) => {
      if (!isObject(option)) return void problems.push(`${where} option ${i} is not an option`);
      max(`${where} option ${i} text`, option.text, SLACK_LIMITS.optionText);
      max(`${where} option ${i} value`, option.value, SLACK_LIMITS.optionValue);
    });
  }
}

/** Throws listing every Slack limit the message or view breaks. */
export function assertWithinSlackLimits(blocksOrView: unknown): void {
  const problems = slackLimitViolations(blocksOrView);
  if (problems.length > 0) throw new Error(`Block Kit limits exceeded:\n  - ${problems.join('\n  - ')}`);
}
