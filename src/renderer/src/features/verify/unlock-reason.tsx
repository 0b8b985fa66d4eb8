import { useState, type FormEvent, type KeyboardEvent, type ReactElement } from 'react';
import { useT } from '../../i18n/use-t';
import { FreeText } from '../../ui/free-text';
import { UNLOCK_REASON_MAX, unlockReasonOk } from './lockouts-store';

/**
 * The reason a supervisor types to lift a verification lock: kept while typing, checked when
 * sent (shown as a problem only after a first try), emptied once the lock is lifted.
 */
export interface UnlockReason {
  readonly reason: string;
  setReason(reason: string): void;
  /** Sent once and still not a reason that will do. */
  readonly invalid: boolean;
  submit(event: FormEvent): Promise<void>;
}

export function useUnlockReason(unlock: (reason: string) => Promise<boolean>): UnlockReason {
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

/**
 * The reason's field. `compact`: one line in a list (Enter sends, Shift+Enter for a new line);
 * otherwise a small form of its own with the hint shown (Ctrl/Cmd+Enter sends).
 */
export function UnlockReasonField(props: { field: UnlockReason; compact?: boolean; testId: string }): ReactElement {
  const t = useT();
  const { field, compact = false } = props;
  const sends = (e: KeyboardEvent) => e.key === 'Enter' && (compact ? !e.shiftKey : e.ctrlKey || e.metaKey);
  return (
    <FreeText
      size={compact ? 'xs' : undefined}
      label={t('verify.unlock.reason')}
      description={compact ? undefined : t('verify.unlock.reason.hint')}
      placeholder={t('verify.unlock.reason.placeholder')}
      value={field.reason}
      onChange={field.setReason}
      maxLength={UNLOCK_REASON_MAX}
      rows={[compact ? 1 : 2]}
      required={!compact}
      style={compact ? { flex: 1 } : undefined}
      error={field.invalid ? t('verify.unlock.reason.hint') : undefined}
      testId={props.testId}
      onKeyDown={(e) => {
        if (sends(e)) {
          e.preventDefault();
          void field.submit(e);
        }
      }}
    />
  );
}
