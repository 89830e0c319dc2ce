import { describe, expect, it } from 'vitest';
import { parseCampaignIssue } from '../../actions/engine/action/issue-form/issue-form.js';
import { exampleBrief } from '../helpers.js';
import { formBody } from './campaign-issue.js';

describe('the workflow’s example as a campaign issue', () => {
  it('reads to the same brief as scripts/demo/brief.yml, written in the same words', () => {
    const result = parseCampaignIssue({ title: 'Q2 2027 Product Launch', body: formBody(), number: 1 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const file = exampleBrief();
    const fromForm = JSON.parse(JSON.stringify(result.brief));
    // The file lists its channels in the marketer's order; the form in the checkbox order.
    expect({ ...fromForm, channels: [...fromForm.channels].sort() }).toEqual({
      ...JSON.parse(JSON.stringify(file)),
      channels: [...file.channels].sort(),
    });
  });
});
