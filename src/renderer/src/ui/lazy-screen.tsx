/**
 * Screens loaded when first used. The sign-in screen is all a cold start needs; the signed-in
 * shell, the supervisors' screens and the bill charts are separate chunks fetched the first time
 * they are shown (or earlier through `preload`, e.g. while a sign-in is being checked).
 */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactElement, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { Loading } from './load-state';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: the component's own type is kept
type AnyComponent = ComponentType<any>;

export type LazyScreen<C extends AnyComponent> = LazyExoticComponent<C> & { preload(): void };

/** A named export of a module loaded on first render; `preload()` starts the download early. */
export function lazyScreen<M extends Record<K, AnyComponent>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyScreen<M[K]> {
  let loading: Promise<M> | null = null;
  const once = () => (loading ??= load());
  const screen = lazy(() => once().then((m) => ({ default: m[name] })));
  return Object.assign(screen, {
    preload() {
      // A failed early download is retried by the render that needs it.
      once().catch(() => {
        loading = null;
      });
    },
  });
}

/** Where a lazy screen appears: a short "opening" line while its code arrives. */
export function ScreenSuspense(props: { children: ReactNode; testId?: string }): ReactElement {
  const t = useT();
  return <Suspense fallback={<Loading label={t('shell.loadingScreen')} testId={props.testId ?? 'screen-loading'} />}>{props.children}</Suspense>;
}
