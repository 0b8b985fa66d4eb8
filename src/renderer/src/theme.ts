import { Badge, createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** "Ardoise" is slate: a deep slate blue, used at shade 7 so text on it stays well above 4.5:1. */
const ardoise: MantineColorsTuple = ['#eef3f9', '#dce5f0', '#b5c7de', '#8ba7cb', '#688cbb', '#527bb2', '#4571ae', '#365f98', '#2d5488', '#1f4677'];

/**
 * Contrast, WCAG AA (4.5:1). Shade 7 is what filled buttons and badges put white text on (the
 * primary shade); shades 8 and 9 are what small coloured text uses here (an overdue balance, a
 * saving, an error line). Mantine's red, teal and orange at these shades are 3–4.3:1 on white:
 * each is moved darker in the same hue (about one step: red.8 is Mantine's red.9), so that
 * text holds 4.5:1 on white, on a selected row's tint and under white button text.
 */
function darker(base: MantineColorsTuple, shade7: string, shade8: string, shade9: string): MantineColorsTuple {
  return [base[0], base[1], base[2], base[3], base[4], base[5], base[6], shade7, shade8, shade9];
}
const red = darker(DEFAULT_THEME.colors.red, '#d32f2f', '#c92a2a', '#a51d1d');
const teal = darker(DEFAULT_THEME.colors.teal, '#087f5b', '#067453', '#05603f');
const orange = darker(DEFAULT_THEME.colors.orange, '#c2410c', '#b4400b', '#a33a0b');

export const theme = createTheme({
  primaryColor: 'ardoise',
  primaryShade: { light: 7, dark: 5 },
  colors: { ardoise, red, teal, orange },
  autoContrast: true,
  defaultRadius: 'sm',
  // System fonts only: the CSP allows no remote fonts, and they render instantly.
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SF Mono", "Cascadia Mono", "Segoe UI Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    // Sentence case reads calmer than Mantine's default capitals in a dense screen.
    Badge: Badge.extend({ styles: { root: { textTransform: 'none' } } }),
  },
});

/**
 * Contrast of small text, WCAG AA (4.5:1). Mantine's "dimmed" text (gray.6, #868e96) is 3.3:1
 * on white; #5c636a keeps it secondary and readable (6:1 on white, 5.7:1 on the light gray
 * panels). The text of "light" variants (alerts, badges, buttons on a tinted background) is the
 * colour's shade 9, 4.3:1 for teal and less for orange and yellow on their tints once two tints
 * overlap (a light button in a light alert): a darker shade of the same hue for each.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-teal-light-color': '#05603f',
    '--mantine-color-green-light-color': '#1f6b2a',
    '--mantine-color-orange-light-color': '#a33a0b',
    '--mantine-color-yellow-light-color': '#7a4d00',
  },
  dark: {},
});
