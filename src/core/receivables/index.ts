export * from './allocation';
export * from './payments';
export * from './policy';
export * from './refund';
export * from './account';
export * from './sentences';
