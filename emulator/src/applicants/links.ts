/** The links an applicant is sent: the enrolment page and its short form. */

import type { ProviderContext } from '../platform/context.js';
import type { ApplicantRow } from './rows.js';

export function validationLink(
  ctx: ProviderContext,
  row: Pick<ApplicantRow, 'request_id'>,
): string {
  return `${ctx.publicUrl()}/embedded?requestId=${row.request_id}`;
}

export function shortValidationLink(
  ctx: ProviderContext,
  row: Pick<ApplicantRow, 'short_code'>,
): string {
  return `${ctx.publicUrl()}/s/${row.short_code}`;
}
