/** English messages of the bills, explanations, quotes, credits and approvals screens. Merged into the en catalogue. */
export const billsEn = {
} as const;
