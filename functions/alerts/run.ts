// One evaluation: every enabled rule reads its series, gets a verdict per series, goes through the lifecycle,
// and the notices land in the outbox (delivered by the notify function). Derivative numbers are written back.
import { decide } from '../_lib/alert-lifecycle.ts';
import { type AlertState, alertId, alertStatePoint, loadAlertStates } from '../_lib/alert-state.ts';
import type { Rule } from '../_lib/config-parts/rules.ts';
import type { Deps } from '../_lib/deps.ts';
import { toNomadError } from '../_lib/errors.ts';
import type { Point } from '../_lib/line-protocol.ts';
import { noticePoint } from '../_lib/outbox.ts';
import { ackLink } from '../_lib/ack-link.ts';
import { evaluate } from './evaluate.ts';
import { renderMessage, toNotice, trendPoint } from './notice.ts';
import { readRuleSeries } from './series.ts';

export async function runEvaluate(deps: Deps, { now }: { now: number }) {
  const cfg = deps.config();
  // Rules on measurements this cluster has never written (no GPUs, no ZFS…) cost nothing: one look-up skips them.
  const [known = []] = await deps.store.query('SHOW MEASUREMENTS');
  const present = new Set(known.flatMap((s) => s.values.map((v) => String(v[0]))));
  const rules = cfg.alerts.rules.filter((r) => r.enabled && present.has(r.measurement));
  const prev = await loadAlertStates(deps.store, {
    nowMs: now,
    rules: rules.map((r) => r.id),
    cluster: cfg.general.cluster,
  });
  const points: Point[] = [];
  const counts = {
    rules: rules.length,
    rules_without_data: cfg.alerts.rules.length - rules.length,
    series: 0,
    firing: 0,
    notices: 0,
    rule_errors: 0,
  };
  // Rules are independent: one failing (a bad field, a query error) is logged and the others still run.
  const results = await Promise.all(
    rules.map((rule) =>
      readRuleSeries(deps.store, rule, now).then(
        (series) => ({ rule, series }),
        (err: unknown) => ({ rule, error: toNomadError(err) }),
      ),
    ),
  );
  for (const r of results) {
    if ('error' in r) {
      counts.rule_errors++;
      deps.log.error({ category: 'rule', rule: r.rule.id, err: r.error.message }, 'rule skipped');
      continue;
    }
    const seen = new Set<string>();
    for (const s of r.series) {
      counts.series++;
      const id = alertId(r.rule.id, s.tags);
      seen.add(id);
      const verdict = evaluate(r.rule, s, now);
      if (r.rule.kind === 'derivative' && verdict.state !== 'unknown')
        points.push(trendPoint(r.rule, s.tags, verdict, cfg.general.cluster, now));
      if (verdict.state === 'firing') counts.firing++;
      const obs =
        verdict.state === 'firing'
          ? { ...verdict, message: renderMessage(r.rule, s.tags, verdict) }
          : verdict.state === 'ok'
            ? { state: 'ok' as const, message: renderMessage(r.rule, s.tags, verdict) }
            : { state: 'unknown' as const };
      counts.notices += await apply(
        deps,
        points,
        r.rule,
        prev.get(id),
        obs,
        { id, rule: r.rule.id, tags: s.tags, series: r.rule.measurement },
        now,
      );
    }
    // A firing alert whose series left the window entirely (unmounted, node removed) resolves.
    for (const st of prev.values())
      if (st.rule === r.rule.id && st.state !== 'resolved' && !seen.has(st.id))
        counts.notices += await apply(
          deps,
          points,
          r.rule,
          st,
          { state: 'ok', message: `${st.message} (no data any more)` },
          st,
          now,
        );
  }
  if (points.length) await deps.store.write(points);
  return counts;
}

async function apply(
  deps: Deps,
  points: Point[],
  rule: Rule,
  prev: AlertState | undefined,
  obs: Parameters<typeof decide>[1],
  base: Pick<AlertState, 'id' | 'rule' | 'tags' | 'series'>,
  now: number,
): Promise<number> {
  const cfg = deps.config();
  const d = decide(prev, obs, base, now, rule.cooldown ?? cfg.alerts.cooldown);
  if (d.next) points.push(alertStatePoint(d.next, cfg.general.cluster, now));
  if (!d.notice || !d.next) return 0;
  const link = await ackLink(cfg, d.next.id, now);
  points.push(noticePoint(toNotice(d.next, d.notice, cfg.general.cluster, now, obs, link)));
  return 1;
}
