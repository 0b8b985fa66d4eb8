import { Alert, Badge, Button, Group, Modal, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import type { BestPlans, Locale, PlanChangeQuoteView, PlanChangeTiming, UsageAssumptionView } from '../../../../core/api';
import { day, monthSpan, ofMonth, usageList, yearOf } from '../../../../core/billing/locale';
import { formatAmount } from '../../../../core/i18n';
import { useT } from '../../i18n/use-t';
import { useCallScope } from '../../store';
import { Amount } from '../../ui/amount';
import { Figure } from '../../ui/figure';
import { LinesTable } from '../../ui/lines-table';
import { Listbox } from '../../ui/listbox';
import { LoadError, Loading } from '../../ui/load-state';
import { ReadOut } from '../../ui/read-out';
import { TabFrame } from '../../ui/tab-frame';
import type { PlansStore } from './plans-store';

/**
 * Plans ranked on the caller's own usage (cheapest first), the quote of the one picked — now or
 * from the next cycle — with the proration lines, and applying the change after a confirmation
 * that states the amounts the agent has just read out.
 */
export function PlanTab(): ReactElement {
  const t = useT();
  const store = useCallScope().plans;
  return (
    <TabFrame store={store} select={(s) => s.best} testId="plan-tab" errorTestId="plans-error" loadingLabel={t('plans.loading')}>
      {(best) => (
        <div className="ard-split ard-split-wide">
          <Ranking store={store} best={best} />
          <QuotePanel store={store} />
        </div>
      )}
    </TabFrame>
  );
}

function Ranking({ store, best }: { store: PlansStore; best: BestPlans }): ReactElement {
  const t = useT();
  const selectedPlanId = useStore(store, (s) => s.selectedPlanId);
  const c = best.currency;

  return (
    <Stack gap={6} miw={0}>
      <Title order={3} fz="sm" id="plans-title">
        {t('plans.title')}
      </Title>
      <UsageStatement usage={best.usage} year={yearOf(best.date)} testId="plans-basis" />
      <Text size="xs" c="dimmed" data-testid="plans-ranked">
        {t('plans.ranked', {
          ofMonth: ofMonth(best.firstMonth.start, t.locale, yearOf(best.date)),
          span: yearSpan(best.year, t.locale, yearOf(best.date)),
        })}
      </Text>
      <Listbox
        keys={{ move: t('plans.keys.move') }}
        items={best.plans}
        idOf={(plan) => plan.planId}
        rowIdPrefix="plan-"
        selectedId={selectedPlanId}
        onMove={(delta) => store.getState().move(delta)}
        onPick={(id) => store.getState().select(id)}
        labelledBy="plans-title"
        testId="plans-list"
        rowTestId="plans-row"
        rowAttributes={(plan) => ({ 'data-plan-id': plan.planId, 'data-current': plan.isCurrent || undefined })}
      >
        {(plan, index) => (
          <>
            <span className="ard-row-main">
              <Text span c="dimmed" size="xs" mr={6} className="ard-mono">
                {index + 1}.
              </Text>
              {plan.planName}
              {plan.isCurrent && (
                <Badge size="xs" variant="outline" ml={6} data-testid="plans-current">
                  {t('plans.current')}
                </Badge>
              )}
            </span>
            <span className="ard-row-main">{t('plans.perMonth', { amount: formatAmount(t.locale, plan.monthlyTotal, c) })}</span>
            <span className="ard-row-sub">{t('plans.fee', { amount: formatAmount(t.locale, plan.monthlyFee, c) })}</span>
            <span className="ard-row-sub" style={{ textAlign: 'right' }} data-testid="plans-row-difference">
              {!plan.isCurrent ? (
                plan.savingPerYear > 0 ? (
                  <Text span size="xs" c="teal.8" fw={600}>
                    {t('plans.savesYear', { amount: formatAmount(t.locale, plan.savingPerYear, c) })}
                  </Text>
                ) : plan.savingPerYear < 0 ? (
                  <Text span size="xs" c="red.8">
                    {t('plans.costsMoreYear', { amount: formatAmount(t.locale, -plan.savingPerYear, c) })}
                  </Text>
                ) : (
                  t('plans.same')
                )
              ) : null}
            </span>
          </>
        )}
      </Listbox>
    </Stack>
  );
}

function QuotePanel({ store }: { store: PlansStore }): ReactElement {
  const t = useT();
  const quote = useStore(store, (s) => s.quote);
  const timing = useStore(store, (s) => s.timing);
  const apply = useStore(store, (s) => s.apply);
  const selected = useStore(store, (s) => s.best.value?.plans.find((p) => p.planId === s.selectedPlanId) ?? null);

  if (!selected) {
    return (
      <Paper withBorder p="md" data-testid="quote-empty">
        <Text c="dimmed" size="sm">
          {t('plans.pick')}
        </Text>
      </Paper>
    );
  }
  if (selected.isCurrent) {
    return (
      <Paper withBorder p="md" data-testid="quote-current">
        <Text size="sm">{t('plans.isCurrent', { plan: selected.planName })}</Text>
      </Paper>
    );
  }

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="quote-title" data-testid="quote-panel" miw={0}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} fz="lg" id="quote-title">
            {quote.value ? t('plans.quote.title', { from: quote.value.currentPlan.name, to: quote.value.newPlan.name }) : selected.planName}
          </Title>
          <SegmentedControl
            size="xs"
            value={timing}
            onChange={(v) => store.getState().setTiming(v as PlanChangeTiming)}
            data={[
              { value: 'now', label: t('plans.timing.now') },
              { value: 'end_of_cycle', label: t('plans.timing.end_of_cycle') },
            ]}
            aria-label={t('plans.timing.label')}
            data-testid="quote-timing"
          />
          {/* In the header, beside the timing: always on screen, even at 1280×720 below the long read-out. */}
          <Button
            size="xs"
            onClick={() => store.getState().askConfirm()}
            disabled={quote.status !== 'ready' || apply.status === 'applied'}
            loading={apply.status === 'applying'}
            data-testid="plan-apply"
          >
            {t('plans.apply')}
          </Button>
        </Group>

        {apply.status === 'applied' && apply.result && (
          <Alert color="teal" variant="light" data-testid="plan-applied" role="status">
            {t('plans.applied', {
              plan: apply.result.after.plan.name,
              date: day(apply.result.effectiveOn, t.locale, yearOf(quote.value?.date ?? apply.result.effectiveOn)),
              total: formatAmount(t.locale, apply.result.nextInvoiceTotal, quote.value?.currency ?? 'EUR'),
            })}
          </Alert>
        )}
        {apply.status === 'error' && apply.error && (
          <Alert color={apply.priceMoved ? 'orange' : 'red'} variant="light" data-testid="plan-apply-error" role="alert">
            {apply.priceMoved ? t('plans.priceMoved') : t.error(apply.error)}
          </Alert>
        )}

        {quote.status === 'error' ? (
          <LoadError error={quote.error!} onRetry={() => store.getState().select(selected.planId)} testId="quote-error" />
        ) : !quote.value ? (
          <Loading label={t('plans.quote.loading')} testId="quote-loading" />
        ) : (
          <div style={{ opacity: quote.status === 'loading' ? 0.55 : 1 }} aria-busy={quote.status === 'loading'}>
            <QuoteBody quote={quote.value} />
          </div>
        )}
      </Stack>
      <ConfirmApply store={store} />
    </Paper>
  );
}

/** The twelve months a yearly figure sums, as said: "from May to April 2027" / "de mai à avril 2027". */
function yearSpan(cycles: readonly { start: string }[], locale: Locale, year: number): string {
  const first = cycles[0];
  const last = cycles[cycles.length - 1];
  return first && last ? monthSpan(first.start, last.start, locale, year) : '';
}

/** The one usage assumption behind every figure of the tab, in words. */
function UsageStatement({ usage, year, testId }: { usage: UsageAssumptionView; year: number; testId: string }): ReactElement {
  const t = useT();
  const basis = usage.basisCycles;
  const first = basis[0];
  const last = basis[basis.length - 1];
  const c = usage.current;
  return (
    <Text size="xs" c="dimmed" data-testid={testId}>
      {first && last
        ? t.plural('plans.usage.basis', basis.length, { usage: usageList(usage.monthly, t.locale), span: monthSpan(first.start, last.start, t.locale, year) })
        : t('plans.usage.none')}{' '}
      {c.recordedThrough === null
        ? t('plans.usage.currentNone', { total: usageList(c.total, t.locale) })
        : c.daysLeft === 0
          ? t('plans.usage.currentDone', { recorded: usageList(c.recorded, t.locale) })
          : t('plans.usage.current', {
              recorded: usageList(c.recorded, t.locale),
              date: day(c.recordedThrough, t.locale, year),
              total: usageList(c.total, t.locale),
            })}
    </Text>
  );
}

/** The sentence about the twelve months, read out after the monthly one. */
function yearSentence(t: ReturnType<typeof useT>, quote: PlanChangeQuoteView): string {
  const span = yearSpan(quote.year.cycles, t.locale, yearOf(quote.date));
  const amount = formatAmount(t.locale, Math.abs(quote.savingPerYear), quote.currency);
  if (quote.savingPerYear > 0) return t('plans.quote.readout.yearSaves', { span, amount });
  if (quote.savingPerYear < 0) return t('plans.quote.readout.yearCosts', { span, amount });
  return t('plans.quote.readout.yearSame', { span });
}

function QuoteBody({ quote }: { quote: PlanChangeQuoteView }): ReactElement {
  const t = useT();
  const c = quote.currency;
  const saving = quote.savingPerMonth;
  const year = quote.savingPerYear;
  const fmt = (v: number) => formatAmount(t.locale, v, c);
  const effective = day(quote.effectiveOn, t.locale, yearOf(quote.date));
  // The totals with the change, each above what it would be without it.
  const totals = [
    { label: t('plans.quote.nextInvoice'), testId: 'quote-next-total', value: quote.nextInvoice.total, without: quote.nextInvoiceWithoutChangeTotal },
    { label: t('plans.quote.monthlyAfter'), testId: 'quote-monthly-after', value: quote.monthlyAfter.total, without: quote.monthlyAfterWithoutChangeTotal },
  ];
  // What the change saves (or costs) a month and a year.
  const savings = [
    { label: saving >= 0 ? t('plans.quote.savingMonth') : t('plans.quote.extraMonth'), testId: 'quote-saving-month', value: saving },
    { label: year >= 0 ? t('plans.quote.savingYear') : t('plans.quote.extraYear'), testId: 'quote-saving-year', value: year },
  ];

  return (
    <Stack gap="sm">
      <ReadOut testId="quote-readout">
        {saving !== 0
          ? t(saving > 0 ? 'plans.quote.readout.saves' : 'plans.quote.readout.costs', {
              date: effective,
              after: fmt(quote.monthlyAfter.total),
              before: fmt(quote.monthlyAfterWithoutChangeTotal),
              perMonth: fmt(Math.abs(saving)),
            })
          : t('plans.quote.readout.same', { date: effective, after: fmt(quote.monthlyAfter.total) })}{' '}
        {yearSentence(t, quote)} {t('plans.quote.readout.next', { total: fmt(quote.nextInvoice.total) })}
      </ReadOut>

      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        {totals.map((f) => (
          <Figure key={f.testId} label={f.label} testId={f.testId}>
            <Amount value={f.value} currency={c} />
            <Text size="xs" c="dimmed" fw={400}>
              {t('plans.quote.insteadOf', { amount: fmt(f.without) })}
            </Text>
          </Figure>
        ))}
        {savings.map((f) => (
          <Figure key={f.testId} label={f.label} testId={f.testId}>
            <Text span inherit c={f.value > 0 ? 'teal.8' : f.value < 0 ? 'red.8' : undefined}>
              <Amount value={Math.abs(f.value)} currency={c} />
            </Text>
          </Figure>
        ))}
      </SimpleGrid>

      <Text size="xs" c="dimmed">
        {t(`plans.quote.effective.${quote.timing}`, { date: effective })}
      </Text>

      {quote.prorationLines.length > 0 && (
        <Stack gap={4}>
          <Title order={4} fz="sm">
            {t('plans.quote.proration', { ofMonth: ofMonth(quote.nextInvoice.cycle.start, t.locale, yearOf(quote.date)) })}
          </Title>
          <LinesTable
            lines={quote.prorationLines}
            currency={c}
            testId="quote-proration"
            rowTestId="quote-proration-line"
            footer={
              <tr>
                <td>
                  <Text size="sm" c="dimmed">
                    {t('plans.quote.nextDifference')} ({t('bills.inclVat')})
                  </Text>
                </td>
                <td>
                  <Amount value={quote.nextInvoiceDifference} currency={c} signed tone />
                </td>
              </tr>
            }
          />
        </Stack>
      )}
      <UsageStatement usage={quote.usage} year={yearOf(quote.date)} testId="quote-assumed" />
    </Stack>
  );
}

function ConfirmApply({ store }: { store: PlansStore }): ReactElement {
  const t = useT();
  const apply = useStore(store, (s) => s.apply);
  const quote = useStore(store, (s) => s.quote.value);
  const open = apply.status === 'confirming' || apply.status === 'applying';
  const c = quote?.currency ?? 'EUR';
  const fmt = (v: number) => formatAmount(t.locale, v, c);

  return (
    <Modal
      opened={open && quote !== null}
      onClose={() => store.getState().cancelConfirm()}
      title={t('plans.confirm.title')}
      centered
      transitionProps={{ duration: 80 }}
      data-testid="plan-confirm"
    >
      {quote && (
        <Stack gap="sm" data-testid="plan-confirm-body">
          <Text>
            {t('plans.confirm.body', {
              from: quote.currentPlan.name,
              to: quote.newPlan.name,
              date: day(quote.effectiveOn, t.locale, yearOf(quote.date)),
            })}
          </Text>
          <SimpleGrid cols={2} spacing="sm">
            <Figure label={t('plans.quote.nextInvoice')}>{fmt(quote.nextInvoice.total)}</Figure>
            <Figure label={t('plans.quote.monthlyAfter')}>{fmt(quote.monthlyAfter.total)}</Figure>
          </SimpleGrid>
          <Text size="sm" c={quote.savingPerYear >= 0 ? 'teal.8' : 'red.8'}>
            {quote.savingPerMonth >= 0
              ? t('plans.confirm.saving', { perMonth: fmt(quote.savingPerMonth) })
              : t('plans.confirm.extra', { perMonth: fmt(-quote.savingPerMonth) })}{' '}
            {yearSentence(t, quote)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('plans.confirm.guard')}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => store.getState().cancelConfirm()} disabled={apply.status === 'applying'}>
              {t('bills.cancel')}
            </Button>
            <Button data-autofocus onClick={() => void store.getState().confirmApply()} loading={apply.status === 'applying'} data-testid="plan-confirm-apply">
              {t('plans.confirm.apply')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
