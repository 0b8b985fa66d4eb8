export * from './policy';
export * from './normalise';
export * from './compare';
export * from './facts';
export * from './questions';
export * from './lockout';
export * from './outcome';
export * from './check';
