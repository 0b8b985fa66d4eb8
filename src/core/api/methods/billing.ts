/** Methods of the billing feature; see ../method.ts for the guards. */
export const billingMethods = {} as const;
