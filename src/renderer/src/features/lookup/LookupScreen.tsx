import type { ReactElement } from 'react';
import { useShortcuts } from '../../ui/shortcuts';
import { lookupStore } from '../../store';
import { isEditable } from '../../ui/dom';
import { CallerPanel } from './CallerPanel';
import { globalKeyAction } from './keyboard';
import { ResultList } from './ResultList';
import { SearchBox } from './SearchBox';
import { SimulateCall } from './SimulateCall';
import { MyFollowUps } from '../history/MyFollowUps';

/** Find the caller: the search column on the left, the open caller on the right. */
export function LookupScreen(): ReactElement {
  // Shortcuts that work from anywhere on the screen (the registry runs them; "?" lists them).
  useShortcuts([
    {
      id: 'lookup.focus',
      group: 'lookup',
      chords: [{ key: 'k', mod: true }, { key: '/' }],
      label: 'shortcuts.lookup.focus',
      whileTyping: true,
      run: (event) => {
        if (globalKeyAction(event, { inEditable: isEditable(event.target), callerOpen: false }) !== 'focusSearch') return false;
        lookupStore.getState().requestFocus();
      },
    },
    {
      id: 'lookup.close',
      group: 'lookup',
      chords: [{ key: 'Escape' }],
      label: 'shortcuts.lookup.close',
      run: () => {
        if (lookupStore.getState().caller === null) return false;
        lookupStore.getState().closeCaller();
      },
    },
  ]);

  return (
    <div className="ard-lookup">
      <div className="ard-column">
        <SearchBox />
        <ResultList />
        <SimulateCall />
        <MyFollowUps />
      </div>
      <CallerPanel />
    </div>
  );
}
