import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTemplate } from '@github/issue-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  CAMPAIGN_FORM_FIELDS,
  CAMPAIGN_FORM_KEYS,
  CHANNEL_OPTIONS,
  currencyOption,
  FORM_CURRENCIES,
} from '../../actions/engine/action/issue-form/campaign-form.js';

/**
 * `@action-validator/core` validates workflow and action files only (`validateWorkflow`, `validateAction`),
 * so the issue form's rules are checked here by hand, following GitHub's "Syntax for issue forms" and
 * "Syntax for GitHub's form schema".
 */
const FILE = fileURLToPath(new URL('../../.github/ISSUE_TEMPLATE/campaign.yml', import.meta.url));
const text = readFileSync(FILE, 'utf8');

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

const TOP_KEYS = ['name', 'description', 'title', 'labels', 'assignees', 'projects', 'type', 'body'];
const ELEMENT_KEYS = ['type', 'id', 'attributes', 'validations'];
const ATTRIBUTE_KEYS: Record<string, string[]> = {
  markdown: ['value'],
  input: ['label', 'description', 'placeholder', 'value'],
  textarea: ['label', 'description', 'placeholder', 'value', 'render'],
  dropdown: ['label', 'description', 'multiple', 'options', 'default'],
  checkboxes: ['label', 'description', 'options'],
};
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Every rule of the issue-form syntax this file could break; returns what is wrong. */
function formProblems(form: unknown): string[] {
  const out: string[] = [];
  if (!isObj(form)) return ['the file is not a mapping'];
  for (const key of Object.keys(form)) if (!TOP_KEYS.includes(key)) out.push(`unknown top-level key ${key}`);
  if (!isText(form.name)) out.push('name must be a non-empty string');
  if (!isText(form.description)) out.push('description must be a non-empty string');
  if (form.title !== undefined && typeof form.title !== 'string') out.push('title must be a string');
  if (form.labels !== undefined && !(Array.isArray(form.labels) && form.labels.every(isText))) {
    out.push('labels must be a list of strings');
  }
  if (!Array.isArray(form.body) || form.body.length === 0) return [...out, 'body must be a non-empty list'];
  const ids = new Set<string>();
  const labels = new Set<string>();
  let fields = 0;
  for (const [i, element] of (form.body as unknown[]).entries()) {
    const at = `body[${i}]`;
    if (!isObj(element)) {
      out.push(`${at} must be a mapping`);
      continue;
    }
    for (const key of Object.keys(element))
      if (!ELEMENT_KEYS.includes(key)) out.push(`${at}: unknown key ${key}`);
    const type = element.type;
    if (typeof type !== 'string' || !(type in ATTRIBUTE_KEYS)) {
      out.push(`${at}: bad type ${String(type)}`);
      continue;
    }
    const attributes = element.attributes;
    if (!isObj(attributes)) {
      out.push(`${at}: attributes are required`);
      continue;
    }
    for (const key of Object.keys(attributes)) {
      if (!ATTRIBUTE_KEYS[type]?.includes(key)) out.push(`${at}: ${type} has no attribute ${key}`);
    }
    if (type === 'markdown') {
      if (element.id !== undefined) out.push(`${at}: markdown takes no id`);
      if (element.validations !== undefined) out.push(`${at}: markdown takes no validations`);
      if (!isText(attributes.value)) out.push(`${at}: markdown needs a value`);
      continue;
    }
    fields++;
    if (element.id !== undefined) {
      if (typeof element.id !== 'string' || !ID_PATTERN.test(element.id)) out.push(`${at}: bad id`);
      else if (ids.has(element.id)) out.push(`${at}: duplicate id ${element.id}`);
      else ids.add(element.id);
    }
    if (!isText(attributes.label)) out.push(`${at}: label is required`);
    else if (labels.has(attributes.label)) out.push(`${at}: duplicate label ${attributes.label}`);
    else labels.add(attributes.label);
    if (element.validations !== undefined) {
      const v = element.validations;
      if (!isObj(v) || Object.keys(v).some((k) => k !== 'required') || typeof v.required !== 'boolean') {
        out.push(`${at}: validations may only hold required: true|false`);
      }
    }
    if (type === 'dropdown') {
      const options = attributes.options;
      if (!Array.isArray(options) || options.length === 0 || !options.every(isText)) {
        out.push(`${at}: dropdown options must be non-empty strings`);
      } else {
        if (new Set(options).size !== options.length) out.push(`${at}: dropdown options must be unique`);
        if (options.some((o) => o.trim().toLowerCase() === 'none')) out.push(`${at}: "None" is reserved`);
        const d = attributes.default;
        if (d !== undefined && !(Number.isInteger(d) && Number(d) >= 0 && Number(d) < options.length)) {
          out.push(`${at}: default must index an option`);
        }
      }
      if (attributes.multiple !== undefined && typeof attributes.multiple !== 'boolean') {
        out.push(`${at}: multiple must be a boolean`);
      }
    }
    if (type === 'checkboxes') {
      const options = attributes.options;
      if (!Array.isArray(options) || options.length === 0) {
        out.push(`${at}: checkboxes need options`);
        continue;
      }
      const seen = new Set<string>();
      for (const [j, o] of (options as unknown[]).entries()) {
        if (!isObj(o) || !isText(o.label)) {
          out.push(`${at}.options[${j}]: label is required`);
          continue;
        }
        if (Object.keys(o).some((k) => k !== 'label' && k !== 'required'))
          out.push(`${at}.options[${j}]: bad key`);
        if (o.required !== undefined && typeof o.required !== 'boolean')
          out.push(`${at}.options[${j}]: required`);
        if (seen.has(o.label)) out.push(`${at}.options[${j}]: duplicate label`);
        seen.add(o.label);
      }
    }
  }
  if (fields === 0) out.push('a form needs at least one non-markdown field');
  return out;
}

describe('.github/ISSUE_TEMPLATE/campaign.yml', () => {
  const form = parse(text) as unknown;

  it('is a well-formed GitHub issue form', () => {
    expect(formProblems(form)).toEqual([]);
  });

  it('the hand check catches broken forms', () => {
    const broken = {
      name: 'x',
      body: [
        { type: 'input', id: 'a b', attributes: { label: 'A' } },
        { type: 'input', id: 'c', attributes: { label: 'A' } },
        { type: 'select', attributes: { label: 'B' } },
        { type: 'dropdown', id: 'c', attributes: { label: 'C', options: ['x', 'x'], default: 3 } },
      ],
    };
    const problems = formProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'description must be a non-empty string',
        'body[0]: bad id',
        'body[1]: duplicate label A',
        'body[2]: bad type select',
        'body[3]: duplicate id c',
        'body[3]: dropdown options must be unique',
        'body[3]: default must index an option',
      ]),
    );
  });

  it('starts campaigns: title prefix and labels', () => {
    expect(form).toMatchObject({ name: 'Start a marketing campaign', title: 'Campaign: ' });
    expect((form as Obj).labels).toEqual(['crescendo', 'campaign']);
  });

  it('declares exactly the ids, labels, types and required flags the parser reads', () => {
    const body = ((form as Obj).body as Obj[]).filter((e) => e.type !== 'markdown');
    const declared = body.map((e) => ({
      id: e.id,
      label: (e.attributes as Obj).label,
      type: e.type,
      required: ((e.validations as Obj | undefined)?.required as boolean | undefined) ?? false,
    }));
    const expected = CAMPAIGN_FORM_KEYS.map((key) => {
      const { id, label, type, required } = CAMPAIGN_FORM_FIELDS[key];
      // GitHub cannot require a checkbox group as a whole; the parser reports "none ticked".
      return { id, label, type, required: type === 'checkboxes' ? false : required };
    });
    expect(declared).toEqual(expected);
  });

  it('offers every channel and the currencies the parser knows', () => {
    const body = (form as Obj).body as Obj[];
    const channels = body.find((e) => e.id === 'channels')?.attributes as Obj;
    // Generated from the channel registry by `npm run bundle` (scripts/bundle/issue-form.ts): run it when this fails.
    expect((channels.options as Obj[]).map((o) => o.label)).toEqual([...CHANNEL_OPTIONS]);
    const currency = body.find((e) => e.id === 'budget-currency')?.attributes as Obj;
    expect(currency.options).toEqual(FORM_CURRENCIES.map(([code, name]) => currencyOption(code, name)));
  });

  it('is read by @github/issue-parser with every field keyed by its id', () => {
    const fields = parseTemplate(text);
    for (const key of CAMPAIGN_FORM_KEYS) {
      const field = CAMPAIGN_FORM_FIELDS[key];
      expect(fields[field.id]).toMatchObject({ label: field.label, type: field.type });
    }
  });
});
