/**
 * fieldformat: "With the fieldformat command you can use an <eval-expression> to change the
 * format of a field value when the results render. This command changes the appearance of the
 * results without changing the underlying value of the field." The engine compares underlying
 * values, so the command keeps every result as it is; its expression is still parsed and walked
 * (an unsupported function in it is reported).
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/fieldformat
 */
import { streaming } from './lib/streaming.js';
import { keepFields } from '../../spl/output-fields.js';
import { quote, renderEvalExpr } from '../../spl/render.js';
import { command as evalCommand, type EvalCommand } from './eval.js';
import { defineCommand } from './types.js';

export const fieldformat = streaming<EvalCommand>(() => (event) => event);

export const command = defineCommand<EvalCommand>({
  names: ['fieldformat'],
  syntax: {
    ...evalCommand.syntax,
    render: (c) =>
      `fieldformat ${c.assignments.map((a) => `${/^[^\s=,()"']+$/.test(a.field) ? a.field : quote(a.field, false)}=${renderEvalExpr(a.expr)}`).join(', ')}`,
    outputFields: keepFields,
  },
  spec: fieldformat,
});
