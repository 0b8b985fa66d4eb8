export * from './allocation';
export * from './payments';
export * from './policy';
export * from './refund';
