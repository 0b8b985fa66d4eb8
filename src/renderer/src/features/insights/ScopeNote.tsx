import { Badge } from '@mantine/core';
import type { ReactElement } from 'react';
import type { InsightsScope } from '../../../../core/api';
import { useT } from '../../i18n/use-t';

/** Which desks the figures cover, as main said: every desk through the hub, or this one and why. */
export function ScopeNote({ scope, testId }: { scope: InsightsScope; testId: string }): ReactElement {
  const t = useT();
  const all = scope.scope === 'all-desks';
  return (
    <Badge
      color={all ? 'teal' : 'orange'}
      variant="light"
      tt="none"
      data-testid={testId}
      data-scope={scope.scope}
      data-reason={scope.scopeReason ?? ''}
      style={{ whiteSpace: 'normal', height: 'auto' }}
    >
      {t(all ? 'insights.scope.all-desks' : `insights.scope.${scope.scopeReason}`)}
    </Badge>
  );
}
