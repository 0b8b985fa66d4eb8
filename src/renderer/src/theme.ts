import { Badge, createTheme, type MantineColorsTuple } from '@mantine/core';

/** "Ardoise" is slate: a deep slate blue, used at shade 7 so text on it stays well above 4.5:1. */
const ardoise: MantineColorsTuple = [
  '#eef3f9',
  '#dce5f0',
  '#b5c7de',
  '#8ba7cb',
  '#688cbb',
  '#527bb2',
  '#4571ae',
  '#365f98',
  '#2d5488',
  '#1f4677',
];

export const theme = createTheme({
  primaryColor: 'ardoise',
  primaryShade: { light: 7, dark: 5 },
  colors: { ardoise },
  autoContrast: true,
  defaultRadius: 'sm',
  // System fonts only: the CSP allows no remote fonts, and they render instantly.
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SF Mono", "Cascadia Mono", "Segoe UI Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    // Sentence case reads calmer than Mantine's default capitals in a dense screen.
    Badge: Badge.extend({ styles: { root: { textTransform: 'none' } } }),
  },
});
