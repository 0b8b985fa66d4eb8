import { useState, type FormEvent } from 'react';
import { unlockReasonOk } from './lockouts-store';

/**
 * The reason a supervisor types to lift a verification lock: kept while typing, checked when
 * sent (shown as a problem only after a first try), emptied once the lock is lifted.
 */
export function useUnlockReason(unlock: (reason: string) => Promise<boolean>): {
  readonly reason: string;
  setReason(reason: string): void;
  /** Sent once and still not a reason that will do. */
  readonly invalid: boolean;
  submit(event: FormEvent): Promise<void>;
} {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const valid = unlockReasonOk(reason);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setTried(true);
    if (valid && (await unlock(reason))) setReason('');
  }

  return { reason, setReason, invalid: tried && !valid, submit };
}
