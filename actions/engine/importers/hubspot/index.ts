import type { Importer } from '../importer.js';
import { hubspotApi } from './api.js';
import { hubspotContactsCsv, hubspotFunnelCsv } from './csv.js';

/** HubSpot (the CRM): leads, MQLs, SQLs, opportunities, pipeline and revenue; contacts' journeys as touchpoints. */
export const hubspot: Importer = {
  id: 'hubspot',
  label: 'HubSpot CRM',
  layouts: [hubspotContactsCsv, hubspotFunnelCsv],
  api: hubspotApi,
};
