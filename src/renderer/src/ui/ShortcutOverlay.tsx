import { Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { Fragment, useEffect, useState, useSyncExternalStore, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { MessageKey } from '../../../core/i18n';
import { useT } from '../i18n/use-t';
import { MOD_KEY_LABEL } from './dom';
import { chordKeys, shortcutRegistry, shortcutsOnScreen, type Shortcut, type ShortcutGroup } from './shortcuts';

const GROUP_ORDER: readonly ShortcutGroup[] = ['app', 'lookup', 'call', 'list', 'notes', 'approvals'];

/** The shortcuts of the screen, grouped, with each key in the agent's language. */
export function ShortcutList({ shortcuts }: { shortcuts: readonly Shortcut[] }): ReactElement {
  const t = useT();
  return (
    <Stack gap="md" data-testid="shortcuts-list">
      {GROUP_ORDER.filter((g) => shortcuts.some((s) => s.group === g)).map((group) => (
        <Stack gap={4} key={group}>
          <Text fw={700} size="sm" component="h3" m={0}>
            {t(`shortcuts.group.${group}` as MessageKey)}
          </Text>
          <Table withRowBorders={false} verticalSpacing={2} data-testid={`shortcuts-group-${group}`}>
            <Table.Tbody>
              {shortcuts
                .filter((s) => s.group === group)
                .map((s) => (
                  <Table.Tr key={s.id} data-testid="shortcut" data-shortcut-id={s.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap', width: '1%' }}>
                      {s.chords.map((chord, i) => (
                        <Fragment key={i}>
                          {i > 0 && (
                            <Text span size="xs" mx={4}>
                              {t('shortcuts.or')}
                            </Text>
                          )}
                          {chordKeys(t.locale, chord, MOD_KEY_LABEL).map((k, j) => (
                            <Fragment key={j}>
                              {j > 0 && ' + '}
                              <Kbd size="xs">{k}</Kbd>
                            </Fragment>
                          ))}
                        </Fragment>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{s.text ?? (s.label ? t(s.label) : '')}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
    </Stack>
  );
}

function subscribe(listener: () => void): () => void {
  return shortcutRegistry.subscribe(listener);
}

/**
 * The overlay itself: a chunk of its own, loaded the first time "?" or F1 is pressed (or once the
 * agent is signed in), so a cold start does not download the dialog, its table and scroll area.
 * ./ShortcutHelp.tsx installs the keys and mounts it.
 */
export function ShortcutOverlay(): ReactElement {
  const t = useT();
  const open = useStore(shortcutRegistry, (s) => s.overlayOpen);
  // Re-read when registrations change while the overlay is open.
  useSyncExternalStore(subscribe, () => shortcutRegistry.getState().registrations);
  // First mounted by the "?" that opens it: opened only after mounting, so the dialog notes where
  // the focus was and gives it back on close, as it does when it was already mounted.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  return (
    <Modal
      opened={open && mounted}
      onClose={() => shortcutRegistry.setState({ overlayOpen: false })}
      title={t('shortcuts.title')}
      closeButtonProps={{ 'aria-label': t('shortcuts.close') }}
      size="lg"
      data-testid="shortcuts-overlay"
    >
      <Stack gap="sm" data-testid="shortcuts-overlay-body">
        <Text size="sm">{t('shortcuts.intro')}</Text>
        {open && mounted && <ShortcutList shortcuts={shortcutsOnScreen()} />}
      </Stack>
    </Modal>
  );
}
