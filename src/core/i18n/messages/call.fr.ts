/** French messages of the verification, account, notes, wrap-up and audit screens. Merged into the fr catalogue. */
export const callFr = {
} as const;
