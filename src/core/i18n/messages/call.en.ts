/** English messages of the verification, account, notes, wrap-up and audit screens. Merged into the en catalogue. */
export const callEn = {
} as const;
