import { useEffect, type ReactElement } from 'react';
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
  // Shortcuts that work from anywhere on the screen.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented) return;
      const store = lookupStore.getState();
      const action = globalKeyAction(event, { inEditable: isEditable(event.target), callerOpen: store.caller !== null });
      if (!action) return;
      event.preventDefault();
      if (action === 'focusSearch') store.requestFocus();
      else store.closeCaller();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

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
