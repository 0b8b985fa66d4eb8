import { Badge, EmptyState, Kbd } from '@mantine/core';
import { memo, useEffect, useRef, type ReactElement } from 'react';
import type { MaskedCaller } from '../../../../core/api';
import { useT, type Translator } from '../../i18n/use-t';
import { keyName } from '../../ui/shortcuts';
import { lookupStore, useLookup } from '../../store';
import { IconUserSearch } from '../../ui/icons';
import { MOD_KEY_LABEL } from '../../ui/dom';
import { RESULTS_ID, resultOptionId } from './SearchBox';
import { ErrorAlert } from '../../ui/load-state';
import { useSlow } from '../../lib/use-slow';

/** The results of the search, or the state that explains why there are none. */
export function ResultList(): ReactElement {
  const t = useT();
  const status = useLookup((s) => s.status);
  const results = useLookup((s) => s.results);
  const error = useLookup((s) => s.error);
  const activeIndex = useLookup((s) => s.activeIndex);
  const openId = useLookup((s) => s.caller?.customerId ?? null);
  const resultsQuery = useLookup((s) => s.resultsQuery);
  const tooShort = useLookup((s) => s.tooShort);
  const listRef = useRef<HTMLDivElement>(null);
  // The query the list on screen answers once it is up to date (the lookup-paint benchmark waits for it).
  const answers = status === 'done' ? resultsQuery : undefined;

  // Dimmed only while a slow answer is awaited: a fast one replaces the list without a flash.
  const stale = useSlow(status === 'pending') || undefined;
  // The highlighted row kept in view when the agent moves it. A new answer highlights its first
  // row: the list goes back to the top only if it had been scrolled, so typing never forces a
  // layout of the page before the results are painted.
  const scrolled = useRef(false);
  const shownResults = useRef(results);
  useEffect(() => {
    const list = listRef.current;
    if (shownResults.current !== results) {
      shownResults.current = results;
      if (list && scrolled.current) list.scrollTop = 0;
      scrolled.current = false;
      return;
    }
    if (activeIndex < 0 || !list) return;
    list.querySelector<HTMLElement>(`#${resultOptionId(activeIndex)}`)?.scrollIntoView({ block: 'nearest' });
    scrolled.current = true;
  }, [activeIndex, results]);

  if (status === 'error' && error) {
    return <ErrorAlert error={error} testId="lookup-error" />;
  }

  if (results.length === 0) {
    // While the first answer is on its way, show nothing rather than flash the wrong state.
    if (status === 'pending' && resultsQuery === '') return <div className="ard-results" aria-busy="true" />;
    if (tooShort && resultsQuery !== '' && (status === 'done' || status === 'pending')) {
      // A phone number is being typed: main answers from a minimum number of digits (security).
      return (
        <div className="ard-results" data-testid="lookup-too-short" data-min-digits={tooShort.minDigits} data-stale={stale} data-answers={answers}>
          <LookupEmptyState title={t('lookup.tooShort.title')} description={t('lookup.tooShort.body', { minDigits: tooShort.minDigits })} />
        </div>
      );
    }
    const noResults = (status === 'done' || status === 'pending') && resultsQuery !== '';
    return (
      <div
        className="ard-results"
        data-testid={noResults ? 'lookup-no-results' : 'lookup-empty'}
        data-stale={stale}
        data-answers={noResults ? answers : undefined}
      >
        <LookupEmptyState
          title={t(noResults ? 'lookup.noResults.title' : 'lookup.empty.title')}
          description={t(noResults ? 'lookup.noResults.body' : 'lookup.empty.body')}
        />
        {!noResults && <ShortcutLegend t={t} />}
      </div>
    );
  }

  return (
    <div
      ref={listRef}
      id={RESULTS_ID}
      className="ard-results"
      role="listbox"
      aria-label={t('lookup.results.label')}
      data-stale={stale}
      data-answers={answers}
      aria-busy={status === 'pending'}
    >
      {results.map((caller, index) => (
        <ResultRow key={caller.customerId} caller={caller} index={index} active={index === activeIndex} open={caller.customerId === openId} t={t} />
      ))}
    </div>
  );
}

/**
 * One row; memoised: a keystroke re-renders the list twice (the new text pending, then its
 * answer), and rows whose caller, place and state did not change are not rendered again.
 */
interface RowProps {
  caller: MaskedCaller;
  index: number;
  active: boolean;
  open: boolean;
  t: Translator;
}

const ResultRow = memo(function ResultRow(props: RowProps): ReactElement {
  const { caller, index, active, open, t } = props;
  const none = t('lookup.notOnFile');
  const matched = t(`lookup.match.${caller.matchedOn}`);
  return (
    <div
      id={resultOptionId(index)}
      role="option"
      aria-selected={active}
      className="ard-result"
      data-testid="lookup-result"
      data-customer-id={caller.customerId}
      data-open={open || undefined}
      // Keep the focus in the search box: clicking a row must not steal it.
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={() => {
        if (!active) lookupStore.getState().setActive(index);
      }}
      onClick={() => lookupStore.getState().openIndex(index)}
    >
      <div className="ard-result-line">
        <span className="ard-result-name">{caller.displayName}</span>
        <Badge
          size="xs"
          variant="light"
          color="gray"
          title={t('lookup.matchedOn', { what: matched })}
          data-testid="lookup-result-match"
          data-match={caller.matchedOn}
        >
          {matched}
        </Badge>
        <span className="ard-mono ard-push" aria-label={t('field.account')}>
          {caller.accountNumberMasked}
        </span>
      </div>
      <div className="ard-result-details">
        <span className="ard-mono" title={t('field.phone')}>
          {caller.phoneMasked ?? none}
        </span>
        <span title={t('field.email')}>{caller.emailMasked ?? none}</span>
        <span title={t('field.town')}>{caller.town ?? none}</span>
      </div>
    </div>
  );
}, sameRow);

/** The same row: a new answer brings new objects for the same callers (all of a caller's fields are plain values). */
function sameRow(a: RowProps, b: RowProps): boolean {
  if (a.index !== b.index || a.active !== b.active || a.open !== b.open || a.t !== b.t) return false;
  if (a.caller === b.caller) return true;
  const keys = Object.keys(a.caller) as (keyof MaskedCaller)[];
  return keys.length === Object.keys(b.caller).length && keys.every((k) => a.caller[k] === b.caller[k]);
}

function ShortcutLegend({ t }: { t: Translator }): ReactElement {
  return (
    <div className="ard-keys" style={{ justifyContent: 'center', paddingBottom: 16 }} aria-hidden="true">
      <span>
        <Kbd>↑</Kbd> <Kbd>↓</Kbd> {t('lookup.keys.move')}
      </span>
      <span>
        <Kbd>{keyName(t.locale, 'Enter')}</Kbd> {t('lookup.keys.open')}
      </span>
      <span>
        <Kbd>{keyName(t.locale, 'Escape')}</Kbd> {t('lookup.keys.clear')}
      </span>
      <span>
        <Kbd>{MOD_KEY_LABEL}</Kbd> <Kbd>K</Kbd> · <Kbd>/</Kbd> {t('lookup.keys.focus')}
      </span>
    </div>
  );
}

/** The results area with nothing to list: why, and what to type. */
function LookupEmptyState(props: { title: string; description: string }): ReactElement {
  return (
    <EmptyState py="xl" px="md" size="sm" icon={<IconUserSearch size={28} />} withIndicatorBackground title={props.title} description={props.description} />
  );
}
