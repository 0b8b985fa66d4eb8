import { SegmentedControl } from '@mantine/core';
import type { ReactElement } from 'react';
import { isLocale, LOCALES } from '../../../core/i18n';
import { sessionStore } from '../store/session';

const ARROWS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);
import { useT } from './use-t';

/**
 * FR / EN. Before sign-in it changes the screen's language (and is saved to the profile at
 * sign-in); once signed in it calls 'session.setLocale' — the switch is applied at once and
 * rolled back if main refuses. `inCall`: the signed-in shell says when a call is in progress
 * (the sign-in screen has no call, nor the call's code).
 */
export function LocaleSwitch(props: { inCall?: boolean }): ReactElement {
  const t = useT();
  const inCall = props.inCall ?? false;
  return (
    <div
      style={{ display: 'contents' }}
      // In the middle of a call an arrow key that strays here must not switch the screen's
      // language under the agent: during a call the language changes by a click only.
      onKeyDownCapture={(event) => {
        if (inCall && ARROWS.has(event.key)) event.preventDefault();
      }}
    >
      <SegmentedControl
        data-testid="locale-switch"
        aria-label={t('locale.label')}
        size="xs"
        style={{ flexShrink: 0 }}
        value={t.locale}
        onChange={(value) => {
          if (isLocale(value)) void sessionStore.getState().changeLocale(value);
        }}
        data={LOCALES.map((l) => ({
          value: l,
          label: (
            <span title={t(`locale.${l}.name`)} lang={l}>
              {t(`locale.${l}`)}
            </span>
          ),
        }))}
      />
    </div>
  );
}
