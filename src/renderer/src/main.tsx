import '@mantine/core/styles.css';
import './app.css';

import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { localeStore } from './store/session';
import { cssVariablesResolver, theme } from './theme';

// <html lang> follows the UI language (screen readers, hyphenation, spell-check).
function applyLang(locale: string): void {
  document.documentElement.lang = locale;
}
applyLang(localeStore.getState().locale);
localeStore.subscribe((s) => applyLang(s.locale));

const root = document.getElementById('root');
if (!root) throw new Error('Ardoise: #root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" forceColorScheme="light">
      <App />
    </MantineProvider>
  </StrictMode>,
);
