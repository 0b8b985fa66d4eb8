export * from './contract';
export * from './errors';
export * from './roles';
export * from './types';
