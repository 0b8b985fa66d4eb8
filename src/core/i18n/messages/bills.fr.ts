/** French messages of the bills, explanations, quotes, credits and approvals screens. Merged into the fr catalogue. */
export const billsFr = {
} as const;
