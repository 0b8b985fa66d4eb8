import { Group, Kbd, Loader, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, type KeyboardEvent, type ReactElement } from 'react';
import type { MessageKey } from '../../../../core/i18n';
import { useT } from '../../i18n/use-t';
import { lookupStore, useLookup } from '../../store';
import { IconSearch } from '../../ui/icons';
import { MOD_KEY_LABEL } from '../../ui/dom';
import { useShortcuts } from '../../ui/shortcuts';
import { startCallWith } from '../call/start';
import { searchKeyAction } from './keyboard';
import { MAX_QUERY_LENGTH } from './lookup-store';
import { useSlow } from '../../lib/use-slow';

export const RESULTS_ID = 'lookup-results';
export const resultOptionId = (index: number): string => `lookup-result-${index}`;

/**
 * The one search box: autofocused, searches as you type, and drives the result list without
 * leaving the keyboard (combobox pattern: focus stays here, the highlighted row is announced
 * through aria-activedescendant).
 */
export function SearchBox(): ReactElement {
  const t = useT();
  const inputRef = useRef<HTMLInputElement>(null);
  const query = useLookup((s) => s.query);
  const status = useLookup((s) => s.status);
  const kind = useLookup((s) => s.kind);
  const count = useLookup((s) => s.results.length);
  const activeIndex = useLookup((s) => s.activeIndex);
  const callerOpen = useLookup((s) => s.caller !== null);
  const focusRequest = useLookup((s) => s.focusRequest);
  // The spinner only for an answer that is slow to come: a fast one just replaces the list.
  const slow = useSlow(status === 'pending');

  useEffect(() => {
    if (focusRequest === 0) return;
    const input = inputRef.current;
    input?.focus();
    input?.select();
  }, [focusRequest]);

  // The keys of the box itself (handled below), listed by the "?" overlay while the box is shown.
  useShortcuts([
    {
      id: 'lookup.move',
      group: 'lookup',
      chords: [{ key: 'ArrowUp' }, { key: 'ArrowDown' }],
      label: 'shortcuts.lookup.move',
      visibleIn: () => inputRef.current,
    },
    { id: 'lookup.open', group: 'lookup', chords: [{ key: 'Enter' }], label: 'shortcuts.lookup.open', visibleIn: () => inputRef.current },
    { id: 'lookup.clear', group: 'lookup', chords: [{ key: 'Escape' }], label: 'shortcuts.lookup.clear', visibleIn: () => inputRef.current },
  ]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    const action = searchKeyAction(
      {
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        isComposing: event.nativeEvent.isComposing,
      },
      { hasQuery: query.trim() !== '', resultCount: count, callerOpen },
    );
    if (!action) return;
    event.preventDefault();
    const store = lookupStore.getState();
    switch (action) {
      case 'open': {
        // Enter opens the highlighted caller; Enter again, on the caller already open, starts the call.
        const highlighted = store.status === 'done' ? store.results[store.activeIndex] : undefined;
        if (highlighted && store.caller?.customerId === highlighted.customerId) void startCallWith(highlighted.customerId);
        else store.submit();
        break;
      }
      case 'clear':
        store.clear();
        break;
      case 'closeCaller':
        store.closeCaller();
        break;
      default:
        store.move(action);
    }
  }

  const kindKey: MessageKey | null = status === 'idle' ? null : kind ? `lookup.kind.${kind}` : status === 'pending' ? 'lookup.searching' : null;
  // Zero is said by the no-results state itself.
  const showCount = (status === 'done' || status === 'pending') && kind !== null && kind !== 'none' && count > 0;

  return (
    <div>
      <TextInput
        ref={inputRef}
        data-testid="lookup-search"
        label={t('lookup.search.label')}
        placeholder={t('lookup.search.placeholder')}
        size="md"
        autoFocus
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        maxLength={MAX_QUERY_LENGTH}
        value={query}
        onChange={(e) => lookupStore.getState().setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        leftSection={<IconSearch />}
        rightSection={slow ? <Loader size="xs" aria-label={t('lookup.searching')} /> : <Kbd size="xs">{MOD_KEY_LABEL} K</Kbd>}
        rightSectionWidth={slow ? 36 : 64}
        rightSectionPointerEvents="none"
        role="combobox"
        aria-expanded={count > 0}
        aria-controls={RESULTS_ID}
        aria-autocomplete="list"
        aria-activedescendant={activeIndex >= 0 ? resultOptionId(activeIndex) : undefined}
        aria-describedby="lookup-kind"
      />
      <Group justify="space-between" mt={4} mih={20} wrap="nowrap">
        <Text size="sm" c="dimmed" id="lookup-kind" data-testid="lookup-kind" data-kind={kind ?? ''} aria-live="polite">
          {kindKey ? t(kindKey) : ''}
        </Text>
        {showCount && (
          <Text size="sm" fw={600} data-testid="lookup-count" data-count={count}>
            {t.plural('lookup.count', count)}
          </Text>
        )}
      </Group>
    </div>
  );
}
