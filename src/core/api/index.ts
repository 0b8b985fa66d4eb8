export * from './contract';
export * from './errors';
export * from './roles';
export * from './types';
export * from './method';
export * from './methods/billing';
export * from './methods/discounts';
export * from './methods/interaction';
