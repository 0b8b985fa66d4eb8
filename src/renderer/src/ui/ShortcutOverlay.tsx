import { Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { Fragment, useEffect, useSyncExternalStore, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { MessageKey } from '../../../core/i18n';
import { useT } from '../i18n/use-t';
import { isEditable, MOD_KEY_LABEL } from './dom';
import { chordKeys, installShortcutDispatcher, shortcutRegistry, shortcutsOnScreen, useShortcuts, type Shortcut, type ShortcutGroup } from './shortcuts';

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
 * "?" (not while typing) or F1: the shortcuts of the current screen. Mounted once by the app; it
 * also installs the registry's one key listener.
 */
export function ShortcutOverlay(): ReactElement {
  const t = useT();
  const open = useStore(shortcutRegistry, (s) => s.overlayOpen);
  // Re-read when registrations change while the overlay is open.
  useSyncExternalStore(subscribe, () => shortcutRegistry.getState().registrations);

  useEffect(() => installShortcutDispatcher(), []);
  useShortcuts([
    {
      id: 'help',
      group: 'app',
      chords: [{ key: '?' }, { key: 'F1' }],
      label: 'shortcuts.help',
      // F1 works while typing; "?" is a character then. The registry checks each chord below.
      whileTyping: true,
      run: (event) => {
        if (event.key === '?' && isEditable(event.target)) return false;
        shortcutRegistry.setState({ overlayOpen: true });
      },
    },
  ]);

  return (
    <Modal
      opened={open}
      onClose={() => shortcutRegistry.setState({ overlayOpen: false })}
      title={t('shortcuts.title')}
      closeButtonProps={{ 'aria-label': t('shortcuts.close') }}
      size="lg"
      data-testid="shortcuts-overlay"
    >
      <Stack gap="sm" data-testid="shortcuts-overlay-body">
        <Text size="sm">{t('shortcuts.intro')}</Text>
        {open && <ShortcutList shortcuts={shortcutsOnScreen()} />}
      </Stack>
    </Modal>
  );
}
