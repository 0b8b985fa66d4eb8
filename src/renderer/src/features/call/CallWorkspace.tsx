import './call.css';
import { Alert, Group, Kbd, Loader, Stack, Tabs, Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useT } from '../../i18n/use-t';
import { CallScopeContext, callStore, useActiveCallScope, useCall } from '../../store';
import { AccountPanel } from '../account/AccountPanel';
import { CallApprovals } from '../approvals/CallApprovals';
import { BillsTab } from '../bills/BillsTab';
import { CreditTab } from '../discount/CreditTab';
import { PlanTab } from '../plans/PlanTab';
import { PaymentsTab } from '../receivables/PaymentsTab';
import { VerifyPanel } from '../verify/VerifyPanel';
import { NotesPanel } from '../wrapup/NotesPanel';
import { WrapUpPanel } from '../wrapup/WrapUpPanel';
import { CallHeader } from './CallHeader';
import { IconLock } from '../../ui/icons';
import { callTabChord } from './keyboard';
import { callFocusStore, isBusy, landingTarget, requestCallFocus } from './focus';
import { useShortcuts } from '../../ui/shortcuts';
import { isEditable } from '../../ui/dom';
import { useStore } from 'zustand';
import { CALL_TABS, digitForTab, isCallTab, tabAvailability, type CallTab } from './tabs';

const BLOCKED_NOTICE_MS = 3500;
/** How long a section may take to load before the focus settles on the section itself. */
const FOCUS_WAIT_STEP_MS = 50;
const FOCUS_WAIT_TRIES = 200;
/** How often the workspace checks the focus has not fallen to the page body. */
const BODY_CHECK_MS = 200;
const POINTER_GRACE_MS = 1500;

/** The panel of each tab. */
const PANELS: Readonly<Record<CallTab, () => ReactElement>> = {
  verify: VerifyPanel,
  account: AccountPanel,
  bills: BillsTab,
  plan: PlanTab,
  credit: CreditTab,
  notes: NotesPanel,
  wrapup: WrapUpPanel,
  payments: PaymentsTab,
};

/**
 * The active call: who is on the line and for how long, and the call's sections as tabs
 * (Alt+1…8). Sections that need a verified caller are disabled, with the reason, until then.
 */
export function CallWorkspace(): ReactElement | null {
  const t = useT();
  const interaction = useCall((s) => s.interaction);
  const phase = useCall((s) => s.phase);
  const tab = useCall((s) => s.tab);
  const verified = useCall((s) => s.verified);
  const scope = useActiveCallScope();
  const [visited, setVisited] = useState<ReadonlySet<CallTab>>(() => new Set([tab]));
  const [blocked, setBlocked] = useState<CallTab | null>(null);
  const interactionId = interaction?.interactionId ?? null;

  // Sections stay mounted once opened (their scroll and inputs survive switching back).
  if (!visited.has(tab)) setVisited(new Set([...visited, tab]));

  // A new call starts with a clean set of sections.
  const [forCall, setForCall] = useState(interactionId);
  if (forCall !== interactionId) {
    setForCall(interactionId);
    setVisited(new Set([tab]));
    setBlocked(null);
  }

  // The full account is what the header shows once verified: load it at once.
  useEffect(() => {
    if (verified) scope?.account.getState().open();
  }, [scope, verified]);

  // Alt+1…8: one shortcut per section, declared in the registry the "?" overlay lists.
  useShortcuts(
    CALL_TABS.map((which) => ({
      id: `call.tab.${which}`,
      group: 'call' as const,
      chords: [callTabChord(which)],
      label: `call.tab.${which}` as const,
      whileTyping: true,
      run: () => {
        if (callStore.getState().phase !== 'active') return false;
        if (!callStore.getState().setTab(which)) {
          setBlocked(which);
          return;
        }
        setBlocked(null);
        requestCallFocus();
      },
    })),
  );

  // Verified: the account opens, and the focus goes with it.
  const wasVerified = useRef(verified);
  useEffect(() => {
    if (verified && !wasVerified.current) requestCallFocus();
    wasVerified.current = verified;
  }, [verified]);

  // The focus lands in the open section when asked (once what it shows first has loaded).
  const focusRequest = useStore(callFocusStore, (s) => s.request);
  useEffect(() => {
    if (focusRequest === 0) return;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const land = (): void => {
      const panel = document.querySelector<HTMLElement>(`[data-testid="call-panel-${callStore.getState().tab}"]`);
      if (!panel) return;
      const target = landingTarget(panel);
      // Wait while the section loads what it shows first (its list, its form).
      if (!target && isBusy(panel) && tries++ < FOCUS_WAIT_TRIES) {
        timer = setTimeout(land, FOCUS_WAIT_STEP_MS);
        return;
      }
      // Already in the section on something that takes keys (the section focused it itself).
      const active = document.activeElement;
      if (target && active && active !== panel && panel.contains(active) && (active === target || isEditable(active))) return;
      (target ?? panel).focus({ preventScroll: false });
    };
    // A section opened for the first time starts loading in its own effects: look once they ran.
    timer = setTimeout(land, FOCUS_WAIT_STEP_MS);
    return () => clearTimeout(timer);
  }, [focusRequest]);

  // Never left on the page body during a call: a button that disabled itself while it worked, a
  // section hidden under the focus. A click on the page is the agent's choice, and a dialog owns
  // its own focus.
  useEffect(() => {
    let pointerAt = 0;
    const onPointer = (): void => {
      pointerAt = Date.now();
    };
    const check = setInterval(() => {
      if (document.activeElement !== document.body && document.activeElement !== null) return;
      if (Date.now() - pointerAt < POINTER_GRACE_MS) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (callStore.getState().phase !== 'active') return;
      requestCallFocus();
    }, BODY_CHECK_MS);
    window.addEventListener('pointerdown', onPointer, true);
    return () => {
      clearInterval(check);
      window.removeEventListener('pointerdown', onPointer, true);
    };
  }, []);

  useEffect(() => {
    if (!blocked) return;
    const timer = setTimeout(() => setBlocked(null), BLOCKED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [blocked]);

  // The call's container is created with the call: until then (and for a call just ended) only
  // the start is shown.
  if (!interaction || scope?.interactionId !== interaction.interactionId) {
    if (phase !== 'starting') return null;
    return (
      <Group gap="sm" p="md" role="status" data-testid="call-loading">
        <Loader size="sm" />
        <Text c="dimmed">{t('call.loading')}</Text>
      </Group>
    );
  }

  const id = interaction.interactionId;
  const panel = (which: CallTab): ReactElement | null => {
    if (!visited.has(which)) return null;
    const Panel = PANELS[which];
    return <Panel />;
  };

  return (
    <CallScopeContext value={scope}>
      <section
        className="ard-call"
        aria-labelledby="call-caller-name"
        data-testid="call-workspace"
        data-interaction-id={id}
        data-verified={verified}
        data-tab={tab}
      >
        <CallHeader interaction={interaction} />
        <CallApprovals />
        <Tabs
          value={tab}
          onChange={(value) => {
            // A locked section is still focusable and clickable, so it can say why it is locked.
            if (isCallTab(value)) setBlocked(callStore.getState().setTab(value) ? null : value);
          }}
          keepMounted
          className="ard-call-tabs"
          variant="outline"
        >
          <Tabs.List aria-label={t('call.tabs.label')}>
            {CALL_TABS.map((which) => {
              const availability = tabAvailability(which, { verified });
              const reason = availability.enabled ? undefined : t(availability.reason);
              return (
                <Tabs.Tab
                  key={which}
                  value={which}
                  aria-disabled={!availability.enabled || undefined}
                  className={availability.enabled ? undefined : 'ard-tab-locked'}
                  title={reason}
                  aria-description={reason}
                  data-testid={`call-tab-${which}`}
                  data-enabled={availability.enabled}
                  leftSection={availability.enabled ? undefined : <IconLock size={13} />}
                  rightSection={
                    <Kbd size="xs" className="ard-tab-kbd" aria-hidden="true">
                      {digitForTab(which)}
                    </Kbd>
                  }
                >
                  {t(`call.tab.${which}`)}
                </Tabs.Tab>
              );
            })}
            <Text size="xs" c="dimmed" className="ard-push ard-tab-legend" aria-hidden="true">
              <Kbd size="xs">Alt</Kbd> + <Kbd size="xs">1</Kbd>…<Kbd size="xs">{CALL_TABS.length}</Kbd> {t('call.keys.sections')}
            </Text>
          </Tabs.List>
          {blocked && !tabAvailability(blocked, { verified }).enabled && (
            <Alert color="orange" variant="light" py={6} mt="xs" role="status" icon={<IconLock size={16} />} data-testid="call-tab-blocked">
              {t(`call.tab.${blocked}`)} — {t('call.tab.needsVerification')}
            </Alert>
          )}
          <div className="ard-call-body">
            {CALL_TABS.map((which) => (
              <Tabs.Panel key={which} value={which} data-testid={`call-panel-${which}`} tabIndex={-1}>
                <Stack gap="sm">{panel(which)}</Stack>
              </Tabs.Panel>
            ))}
          </div>
        </Tabs>
      </section>
    </CallScopeContext>
  );
}
