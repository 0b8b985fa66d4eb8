/** Methods of the interaction feature; see ../method.ts for the guards. */
export const interactionMethods = {} as const;
