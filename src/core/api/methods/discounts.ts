/** Methods of the discounts feature; see ../method.ts for the guards. */
export const discountMethods = {} as const;
