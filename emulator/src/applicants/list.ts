/** The applicant list: paging, the `CreatedFrom`/`CreatedTo` window, sorting and the text filter. */

import type { ApplicantListQuery } from '../contract.js';
import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import { parseDdMmYyyy } from '../platform/format.js';
import { attemptsByApplicant } from './repository.js';
import type { ApplicantRow } from './rows.js';
import { applicantView } from './views.js';

const sortColumns: Record<string, string> = {
  applicantid: 'id',
  firstname: 'first_name',
  lastname: 'last_name',
  phone: 'phone',
  email: 'email',
  referenceid: 'reference_id',
  created: 'created_ms',
  status: 'status',
  statusname: 'status',
  attemptscount: '(SELECT COUNT(*) FROM attempts t WHERE t.applicant_id = applicants.id)',
  openedlinktimes: 'opened_link_times',
};

export function listApplicants(ctx: ProviderContext, q: ApplicantListQuery) {
  const page = q.Page ?? 1;
  const pageSize = q.PageSize ?? 20;
  const where = ['account_id = ?'];
  const args: (string | number)[] = [ctx.config.accountId];
  const day = 86_400_000;
  if (q.CreatedFrom !== undefined) {
    const from = parseDdMmYyyy(q.CreatedFrom);
    if (from === null)
      throw new ApiError('validation', `CreatedFrom must be dd-mm-yyyy, got '${q.CreatedFrom}'`);
    where.push('created_ms >= ?');
    args.push(from);
  }
  if (q.CreatedTo !== undefined) {
    const to = parseDdMmYyyy(q.CreatedTo);
    if (to === null)
      throw new ApiError('validation', `CreatedTo must be dd-mm-yyyy, got '${q.CreatedTo}'`);
    where.push('created_ms < ?'); // the whole CreatedTo day is included
    args.push(to + day);
  }
  if (q.TextFilter) {
    const like = `%${q.TextFilter.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const cols = ['id', 'first_name', 'last_name', 'phone', 'email', 'reference_id'];
    where.push(
      `(${cols.map((c) => `ulower(COALESCE(${c}, '')) LIKE ? ESCAPE '\\'`).join(' OR ')})`,
    );
    for (let i = 0; i < cols.length; i++) args.push(like);
  }
  let orderBy = 'seq DESC'; // the applicant API: without sorting, newest first
  if (q.SortField) {
    const field = q.SortField.toLowerCase();
    // Own keys only: `__proto__` or `constructor` is not a column.
    const col = Object.hasOwn(sortColumns, field) ? sortColumns[field] : undefined;
    if (!col) throw new ApiError('badSortField', 'No sorting by selected property');
    const dir = q.Order?.toLowerCase() === 'descending' ? 'DESC' : 'ASC';
    const textual = ['first_name', 'last_name', 'phone', 'email', 'reference_id', 'id'].includes(
      col,
    );
    // Case-insensitive for every script (ulower, see db.ts), then by the exact text.
    const key = textual ? `ulower(${col}) ${dir}, ${col}` : col;
    orderBy = `${col} IS NULL, ${key} ${dir}, seq ${dir}`;
  }
  const whereSql = where.join(' AND ');
  const total = (
    ctx.db.prepare(`SELECT COUNT(*) AS n FROM applicants WHERE ${whereSql}`).get(...args) as {
      n: number;
    }
  ).n;
  const rows = ctx.db
    .prepare(`SELECT * FROM applicants WHERE ${whereSql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`)
    .all(...args, pageSize, (page - 1) * pageSize) as ApplicantRow[];
  const attempts = attemptsByApplicant(
    ctx,
    rows.map((r) => r.id),
  );
  return {
    page,
    pageSize,
    total,
    totalPages: Math.ceil(total / pageSize),
    items: rows.map((r) => applicantView(ctx, r, attempts.get(r.id) ?? [])),
  };
}
