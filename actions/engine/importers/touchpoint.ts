import { z } from 'zod';
import { MetricChannel } from './metric-row.js';

/**
 * One step of a person's journey, in the attribution engine's CSV shape
 * (`user_id,timestamp,event,channel,value`): a `touch` (a visit from a channel) or a
 * `conversion` (the moment the journey counts, with its value). Importers that know
 * people (HubSpot contacts: first and latest source, lifecycle dates) emit them.
 */
export const Touchpoint = z.object({
  user_id: z.string().min(1),
  timestamp: z.iso.datetime(),
  event: z.enum(['touch', 'conversion']),
  channel: MetricChannel,
  value: z.number().nonnegative(),
});
export type Touchpoint = z.infer<typeof Touchpoint>;

export const TOUCHPOINT_COLUMNS = ['user_id', 'timestamp', 'event', 'channel', 'value'] as const;
