/**
 * The frame of a call's tab that shows one request's answer (bills, plans, credit): it asks on
 * opening, asks again in the agent's language when that changes, and until there is something to
 * show says it is loading — or shows the error, with a retry.
 */
import { useEffect, type ReactElement, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { Locale } from '../../../core/api';
import { useT } from '../i18n/use-t';
import type { Loadable } from '../lib/loadable';
import { LoadError, Loading } from './load-state';
import './ui.css';

/** What a tab's store offers the frame. */
export interface TabStore {
  /** Loads what the tab shows (once; `force` asks again). */
  load(opts?: { force?: boolean }): Promise<void>;
  /** The agent's language: what is on screen is worded in it. */
  setLocale(locale: Locale): void;
}

export function TabFrame<S extends TabStore, T>(props: {
  store: StoreApi<S>;
  /** The request whose answer the tab shows. */
  select: (state: S) => Loadable<T>;
  testId: string;
  errorTestId: string;
  loadingLabel: string;
  children: (value: T) => ReactNode;
}): ReactElement {
  const { store } = props;
  const { locale } = useT();
  const shown = useStore(store, props.select);

  // The language first: a tab opened after a switch asks once, in the new language.
  useEffect(() => {
    store.getState().setLocale(locale);
  }, [store, locale]);
  useEffect(() => {
    void store.getState().load();
  }, [store]);

  return (
    <div className="ard-tab" data-testid={props.testId}>
      {shown.value !== null ? (
        props.children(shown.value)
      ) : shown.status === 'error' && shown.error ? (
        <LoadError error={shown.error} onRetry={() => void store.getState().load({ force: true })} testId={props.errorTestId} />
      ) : (
        <Loading label={props.loadingLabel} />
      )}
    </div>
  );
}
