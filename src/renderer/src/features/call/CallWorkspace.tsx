import './call.css';
import { Alert, Group, Kbd, Loader, Stack, Tabs, Text } from '@mantine/core';
import { useEffect, useState, type ReactElement } from 'react';
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
import { callKeyAction } from './keyboard';
import { CALL_TABS, digitForTab, isCallTab, tabAvailability, type CallTab } from './tabs';

const BLOCKED_NOTICE_MS = 3500;

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

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented) return;
      const action = callKeyAction(event);
      if (!action) return;
      event.preventDefault();
      if (!callStore.getState().setTab(action.tab)) setBlocked(action.tab);
      else setBlocked(null);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
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
              <Kbd size="xs">Alt</Kbd> + <Kbd size="xs">1</Kbd>…<Kbd size="xs">7</Kbd> {t('call.keys.sections')}
            </Text>
          </Tabs.List>
          {blocked && !tabAvailability(blocked, { verified }).enabled && (
            <Alert
              color="orange"
              variant="light"
              py={6}
              mt="xs"
              role="status"
              icon={<IconLock size={16} />}
              data-testid="call-tab-blocked"
            >
              {t(`call.tab.${blocked}`)} — {t('call.tab.needsVerification')}
            </Alert>
          )}
          <div className="ard-call-body">
            {CALL_TABS.map((which) => (
              <Tabs.Panel key={which} value={which} data-testid={`call-panel-${which}`}>
                <Stack gap="sm">{panel(which)}</Stack>
              </Tabs.Panel>
            ))}
          </div>
        </Tabs>
      </section>
    </CallScopeContext>
  );
}
