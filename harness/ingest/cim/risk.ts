/**
 * Enterprise Security's Risk data model (not part of the CIM app): the risk events that risk
 * rules write to the risk index (sourcetype stash), one per risk object. Only All_Risk is
 * defined; it is what ESCU correlation searches read.
 */

import type { DataModelSpec } from './spec.js';

export const risk: DataModelSpec = {
  model: 'Risk',
  datasets: [
    {
      name: 'All_Risk',
      constraint: { any: [{ field: 'index', eq: 'risk' }, { field: 'risk_object' }] },
      fields: [
        'analyticstories',
        'annotations',
        'annotations._all',
        'annotations.cis20',
        'annotations.kill_chain_phases',
        'annotations.mitre_attack',
        'annotations.mitre_attack.mitre_description',
        'annotations.mitre_attack.mitre_tactic',
        'annotations.mitre_attack.mitre_tactic_id',
        'annotations.mitre_attack.mitre_technique',
        'annotations.mitre_attack.mitre_technique_id',
        'annotations.nist',
        'calculated_risk_score',
        'normalized_risk_object',
        'risk_message',
        'risk_object',
        'risk_object_bunit',
        'risk_object_category',
        'risk_object_priority',
        'risk_object_type',
        'risk_score',
        'search_name',
        'tag',
        'threat_object',
        'threat_object_type',
      ],
      calculated: {
        // ES scores a risk event by its risk_score (risk modifiers are not modelled here).
        calculated_risk_score: { coalesce: [{ numeric: { field: 'calculated_risk_score' } }, { numeric: { field: 'risk_score' } }] },
        normalized_risk_object: { coalesce: [{ field: 'normalized_risk_object' }, { lower: { field: 'risk_object' } }] },
      },
    },
  ],
};
